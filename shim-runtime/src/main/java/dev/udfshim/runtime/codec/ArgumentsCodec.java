package dev.udfshim.runtime.codec;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * A request payload: the arguments one after another, no header; leftover bytes are an error.
 * Errors name the argument's position, name and type.
 */
public final class ArgumentsCodec {
  private final List<String> names;
  private final List<ValueCodec> codecs;

  public ArgumentsCodec(List<String> names, List<LogicalType> types) {
    this.names = List.copyOf(names);
    List<ValueCodec> list = new ArrayList<>();
    for (LogicalType type : types) {
      list.add(ValueCodec.forType(type));
    }
    this.codecs = List.copyOf(list);
  }

  public int size() {
    return codecs.size();
  }

  /** "argument 2 (j BIGINT)". */
  public String describe(int index) {
    String name = index < names.size() && names.get(index) != null ? names.get(index) + " " : "";
    return "argument "
        + (index + 1)
        + " ("
        + name
        + codecs.get(index).type().asSummaryString()
        + ")";
  }

  /** Decodes every argument into Flink's internal data structures; leftover bytes are an error. */
  public Object[] decode(byte[] payload) throws CodecException {
    WireReader in = new WireReader(payload);
    Object[] values = read(in);
    if (in.remaining() > 0) {
      throw new CodecException(
          "The payload has "
              + in.remaining()
              + " bytes left after the last of its "
              + values.length
              + " arguments; send exactly the encoded arguments.");
    }
    return values;
  }

  /** Decodes one argument tuple from where the reader stands, e.g. one row of a batch. */
  public Object[] read(WireReader in) throws CodecException {
    Object[] values = new Object[codecs.size()];
    for (int i = 0; i < values.length; i++) {
      try {
        values[i] = codecs.get(i).read(in);
      } catch (CodecException e) {
        throw new CodecException(
            "Cannot decode "
                + describe(i)
                + ": "
                + e.getMessage()
                + "; send the arguments encoded by the spec's types, e.g. with `shim encode-args`.");
      }
    }
    return values;
  }

  public byte[] encode(Object[] values) {
    WireWriter out = new WireWriter();
    for (int i = 0; i < codecs.size(); i++) {
      codecs.get(i).write(values[i], out);
    }
    return out.toByteArray();
  }
}
