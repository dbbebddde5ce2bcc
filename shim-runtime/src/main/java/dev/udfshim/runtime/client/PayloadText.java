package dev.udfshim.runtime.client;

import dev.udfshim.protocol.codec.CodecException;
import dev.udfshim.protocol.codec.ValueCodec;
import dev.udfshim.protocol.framing.ArgumentsCodec;
import dev.udfshim.protocol.framing.Framing;
import dev.udfshim.runtime.extraction.UdfSignature;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.table.data.conversion.DataStructureConverter;
import org.apache.flink.table.data.conversion.DataStructureConverters;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.utils.TypeConversions;

/** Execution payloads from values as people type them, and answers back into text. */
public final class PayloadText {
  private PayloadText() {}

  /** The payload for text values, or an exception naming the value that does not parse. */
  public static byte[] encode(UdfSignature signature, List<String> given, ClassLoader loader) {
    if (!signature.takes(given.size())) {
      throw new IllegalArgumentException(
          "The signature "
              + signature
              + " takes "
              + signature.argumentTypes().size()
              + " argument(s)"
              + (signature.argumentOptional().isEmpty() ? "" : ", [optional] ones may be left out")
              + ", but "
              + given.size()
              + " value(s) were given.");
    }
    // Optional arguments left out are NULL, as Flink passes them.
    List<String> values = new ArrayList<>(given);
    while (values.size() < signature.argumentTypes().size()) {
      values.add("null");
    }
    Object[] internal = new Object[values.size()];
    List<String> names = new ArrayList<>();
    for (int i = 0; i < internal.length; i++) {
      DataType type =
          TypeConversions.fromLogicalToDataType(signature.argumentTypes().get(i).getLogicalType());
      String name = signature.argumentNames().isEmpty() ? null : signature.argumentNames().get(i);
      names.add(name);
      try {
        DataStructureConverter<Object, Object> converter =
            DataStructureConverters.getConverter(type);
        converter.open(loader);
        internal[i] = converter.toInternalOrNull(ValueText.parse(values.get(i), type));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Argument "
                + (i + 1)
                + (name != null ? " (" + name + ")" : "")
                + ": "
                + e.getMessage());
      }
    }
    return new ArgumentsCodec(
            names, signature.argumentTypes().stream().map(DataType::getLogicalType).toList())
        .encode(internal);
  }

  /** One line per value; a table function's rows each on their own line. */
  public static List<String> decode(byte[] bytes, DataType type, boolean table, ClassLoader loader)
      throws CodecException {
    ValueCodec codec = ValueCodec.forType(type.getLogicalType());
    DataStructureConverter<Object, Object> converter = DataStructureConverters.getConverter(type);
    converter.open(loader);
    List<Object> values =
        table
            ? Framing.ONE_ROW.readRows(bytes, 1, codec).get(0)
            : Framing.ONE_ROW.readValues(bytes, 1, codec);
    List<String> lines = new ArrayList<>();
    for (Object value : values) {
      lines.add(ValueText.render(converter.toExternalOrNull(value)));
    }
    return lines;
  }

  /** Error answers are UTF-8 text; a payload that decodes as printable text is one. */
  public static Optional<String> asText(byte[] bytes) {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      boolean printable =
          !text.isBlank() && text.chars().allMatch(c -> c >= 0x20 || c == '\n' || c == '\t');
      return printable ? Optional.of(text) : Optional.empty();
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
