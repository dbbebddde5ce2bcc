package dev.udfshim.protocol.framing;

import dev.udfshim.protocol.codec.CodecException;
import dev.udfshim.protocol.codec.ValueCodec;
import dev.udfshim.protocol.codec.WireReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * The argument tuple of a signature, with the server's checking {@link ValueCodec}s: read from
 * untrusted bytes, errors name the argument's position, name and type.
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

  /** A one-row request's arguments as Flink's internal data structures. */
  public Object[] decode(byte[] payload) throws CodecException {
    return Framing.readOneRow(payload, this);
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

  /** The one-row request of these internal values. */
  public byte[] encode(Object[] values) {
    RequestWriter request = Framing.ONE_ROW.newRequest(codecs);
    try {
      request.add(values);
    } catch (CodecException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return request.take();
  }
}
