package dev.udfshim.runtime.cli;

import dev.udfshim.protocol.framing.ArgumentsCodec;
import dev.udfshim.runtime.extraction.UdfSignature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.table.data.conversion.DataStructureConverter;
import org.apache.flink.table.data.conversion.DataStructureConverters;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.utils.TypeConversions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints the base64 Invoke payload of an argument tuple, typed by a signature of the UDF. */
@Command(
    name = "encode-args",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the base64 execution payload for the given argument values.",
      "Values: numbers, strings, ISO-8601 dates and times, base64 bytes, JSON for ARRAY, MAP,"
          + " MULTISET and ROW, and null."
    })
final class EncodeArgsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<class>", description = "Fully qualified class name.")
  String className;

  @Parameters(index = "1..*", paramLabel = "<value>", description = "One value per argument.")
  List<String> values = new ArrayList<>();

  @Mixin SignatureChoice choice;

  @Mixin UdfClassPath udfClassPath;

  @Override
  public Integer call() {
    ClassLoader loader = udfClassPath.loader();
    UdfSignature signature =
        choice
            .choose(className, loader, s -> s.argumentTypes().size() == values.size())
            .signature();
    spec.commandLine()
        .getOut()
        .println(Base64.getEncoder().encodeToString(encode(signature, values, loader)));
    return 0;
  }

  /** The payload for text values, or an exception naming the value that does not parse. */
  static byte[] encode(UdfSignature signature, List<String> values, ClassLoader loader) {
    if (values.size() != signature.argumentTypes().size()) {
      throw new IllegalArgumentException(
          "The signature "
              + signature
              + " takes "
              + signature.argumentTypes().size()
              + " argument(s), but "
              + values.size()
              + " value(s) were given.");
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
}
