package dev.udfshim.test;

import dev.udfshim.protocol.codec.CodecException;
import dev.udfshim.protocol.codec.ValueCodec;
import dev.udfshim.protocol.framing.ArgumentsCodec;
import dev.udfshim.protocol.framing.Framing;
import dev.udfshim.protocol.spec.UdfSpec;
import dev.udfshim.runtime.extraction.ExtractedUdf;
import dev.udfshim.runtime.extraction.UdfSignature;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.apache.flink.table.data.conversion.DataStructureConverter;
import org.apache.flink.table.data.conversion.DataStructureConverters;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.utils.TypeConversions;

/** Java values to the wire and back, with Flink's converters, as a Flink client does. */
final class Values {
  private Values() {}

  /** A response payload and what it must be read as. */
  @SuppressWarnings("ArrayRecordComponent") // a carrier, never compared: the payload as answered
  record Payload(byte[] bytes, UdfSignature signature, ClassLoader loader, boolean table) {}

  /**
   * The only signature whose arity and argument types the values fit; optional arguments at the end
   * may be left out.
   */
  static int fitting(ExtractedUdf udf, Object[] values, String listing) {
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < udf.signatures().size(); i++) {
      List<DataType> types = udf.signatures().get(i).argumentTypes();
      boolean fits = udf.signatures().get(i).takes(values.length);
      for (int a = 0; fits && a < values.length; a++) {
        fits = values[a] == null || bridge(types.get(a).getLogicalType(), values[a]).isPresent();
      }
      if (fits) {
        candidates.add(i);
      }
    }
    if (candidates.size() == 1) {
      return candidates.get(0);
    }
    if (candidates.isEmpty() && udf.signatures().size() == 1) {
      return 0; // encoding names the argument that does not fit
    }
    throw new IllegalArgumentException(
        (candidates.isEmpty() ? "No" : "More than one")
            + " signature of "
            + udf.type().getName()
            + " fits the arguments "
            + classes(values)
            + "; pass values of the argument types' classes (e.g. 1L for BIGINT) or choose one"
            + " with signature(n) from "
            + listing);
  }

  /** The request payload: each value converted to Flink's internal form, then encoded. */
  static byte[] encode(UdfSignature signature, Object[] given, ClassLoader loader) {
    UdfSpec spec = signature.spec("", "");
    if (!signature.takes(given.length)) {
      throw new IllegalArgumentException(
          "The signature "
              + signature
              + " takes "
              + spec.argumentTypes().size()
              + " argument(s)"
              + (signature.argumentOptional().isEmpty() ? "" : ", [optional] ones may be left out")
              + ", but "
              + given.length
              + " were given.");
    }
    // Optional arguments left out are NULL, as Flink passes them.
    Object[] values = java.util.Arrays.copyOf(given, spec.argumentTypes().size());
    Object[] internal = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        continue;
      }
      LogicalType type = spec.argumentTypes().get(i);
      Optional<DataType> bridged = bridge(type, values[i]);
      if (bridged.isEmpty()) {
        throw new IllegalArgumentException(
            "Argument "
                + (i + 1)
                + " ("
                + type.asSummaryString()
                + ") is a "
                + values[i].getClass().getName()
                + ", which Flink does not convert to that type; pass a "
                + TypeConversions.fromLogicalToDataType(type).getConversionClass().getName()
                + ".");
      }
      internal[i] = converter(bridged.get(), loader).toInternalOrNull(values[i]);
    }
    return new ArgumentsCodec(spec.argumentNames(), spec.argumentTypes()).encode(internal);
  }

  static Object decodeScalar(Payload payload) {
    try {
      return external(payload, Framing.ONE_ROW.readValues(payload.bytes(), 1, codec(payload)))
          .get(0);
    } catch (CodecException e) {
      throw unreadable(payload, e.getMessage());
    }
  }

  static List<Object> decodeRows(Payload payload) {
    try {
      return external(payload, Framing.ONE_ROW.readRows(payload.bytes(), 1, codec(payload)).get(0));
    } catch (CodecException e) {
      throw unreadable(payload, e.getMessage());
    }
  }

  private static ValueCodec codec(Payload payload) {
    return ValueCodec.forType(payload.signature().returnType().getLogicalType());
  }

  /** Flink's internal values as the Java classes of the result's data type. */
  private static List<Object> external(Payload payload, List<Object> internal) {
    LogicalType type = payload.signature().returnType().getLogicalType();
    DataStructureConverter<Object, Object> converter =
        converter(TypeConversions.fromLogicalToDataType(type), payload.loader());
    List<Object> values = new ArrayList<>();
    for (Object value : internal) {
      values.add(converter.toExternalOrNull(value));
    }
    return values;
  }

  /** The shim answered bytes that are not the declared result: a bug to report, not user error. */
  private static IllegalStateException unreadable(Payload payload, String why) {
    return new IllegalStateException(
        "The answer is not a "
            + payload.signature().returnTypeString()
            + (payload.table() ? " row list" : " value")
            + " ("
            + why
            + "); report this with the UDF and the arguments.");
  }

  /**
   * The type bridged to the value's class, or to the nearest superclass or interface Flink converts
   * (a HashMap as Map), if any.
   */
  private static Optional<DataType> bridge(LogicalType type, Object value) {
    Deque<Class<?>> todo = new ArrayDeque<>();
    todo.add(value.getClass());
    while (!todo.isEmpty()) {
      Class<?> c = todo.poll();
      if (type.supportsInputConversion(c)) {
        return Optional.of(TypeConversions.fromLogicalToDataType(type).bridgedTo(c));
      }
      if (c.getSuperclass() != null) {
        todo.add(c.getSuperclass());
      }
      todo.addAll(List.of(c.getInterfaces()));
    }
    return Optional.empty();
  }

  private static DataStructureConverter<Object, Object> converter(
      DataType type, ClassLoader loader) {
    DataStructureConverter<Object, Object> converter = DataStructureConverters.getConverter(type);
    converter.open(loader);
    return converter;
  }

  private static String classes(Object[] values) {
    List<String> names = new ArrayList<>();
    for (Object v : values) {
      names.add(v == null ? "null" : v.getClass().getSimpleName());
    }
    return "(" + String.join(", ", names) + ")";
  }
}
