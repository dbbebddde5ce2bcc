package dev.udfshim.test;

import dev.udfshim.runtime.codec.ArgumentsCodec;
import dev.udfshim.runtime.codec.CodecException;
import dev.udfshim.runtime.codec.ValueCodec;
import dev.udfshim.runtime.codec.WireReader;
import dev.udfshim.runtime.extraction.ExtractedUdf;
import dev.udfshim.runtime.extraction.UdfSignature;
import dev.udfshim.runtime.spec.UdfSpec;
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
  record Payload(byte[] bytes, UdfSignature signature, ClassLoader loader, boolean table) {}

  /** The only signature whose arity and argument types the values fit. */
  static int fitting(ExtractedUdf udf, Object[] values, String listing) {
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < udf.signatures().size(); i++) {
      List<DataType> types = udf.signatures().get(i).argumentTypes();
      boolean fits = types.size() == values.length;
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
  static byte[] encode(UdfSignature signature, Object[] values, ClassLoader loader) {
    UdfSpec spec = UdfSpec.of("", "", signature);
    if (values.length != spec.argumentTypes().size()) {
      throw new IllegalArgumentException(
          "The signature "
              + signature
              + " takes "
              + spec.argumentTypes().size()
              + " argument(s), but "
              + values.length
              + " were given.");
    }
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
    WireReader in = new WireReader(payload.bytes());
    Object value = read(payload, in);
    expectEnd(payload, in);
    return value;
  }

  static List<Object> decodeRows(Payload payload) {
    WireReader in = new WireReader(payload.bytes());
    int count;
    try {
      count = in.readInt();
    } catch (CodecException e) {
      throw unreadable(payload, e.getMessage());
    }
    List<Object> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(read(payload, in));
    }
    expectEnd(payload, in);
    return rows;
  }

  private static Object read(Payload payload, WireReader in) {
    LogicalType type = payload.signature().returnType().getLogicalType();
    try {
      Object internal = ValueCodec.forType(type).read(in);
      return converter(TypeConversions.fromLogicalToDataType(type), payload.loader())
          .toExternalOrNull(internal);
    } catch (CodecException e) {
      throw unreadable(payload, e.getMessage());
    }
  }

  private static void expectEnd(Payload payload, WireReader in) {
    if (in.remaining() != 0) {
      throw unreadable(payload, in.remaining() + " bytes are left after the result");
    }
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
