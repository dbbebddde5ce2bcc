package dev.udfshim.bench.protocol;

import dev.udfshim.bench.SampleRow;
import dev.udfshim.protocol.codec.CodecException;
import dev.udfshim.protocol.codec.ValueCodec;
import dev.udfshim.protocol.codec.WireReader;
import dev.udfshim.protocol.codec.WireWriter;
import dev.udfshim.protocol.framing.ArgumentsCodec;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.runtime.NullableSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.table.runtime.typeutils.InternalSerializers;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.BigIntType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The value codec on the hot path, and Flink's own serializer on the same bytes for reference. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {
  private ArgumentsCodec addOneArgs;
  private byte[] addOnePayload;
  private ValueCodec bigint;

  private ValueCodec rowCodec;
  private byte[] rowBytes;
  private Object rowInternal;
  private TypeSerializer<Object> flinkRow;

  @Setup
  public void setUp() {
    addOneArgs = new ArgumentsCodec(List.of("i", "j"), List.of(new BigIntType(), new BigIntType()));
    addOnePayload = addOneArgs.encode(new Object[] {1L, 2L});
    bigint = ValueCodec.forType(new BigIntType());

    DataType row = SampleRow.TYPE;
    rowInternal = SampleRow.internal();
    rowCodec = ValueCodec.forType(row.getLogicalType());
    WireWriter out = new WireWriter();
    rowCodec.write(rowInternal, out);
    rowBytes = out.toByteArray();
    flinkRow = NullableSerializer.wrap(InternalSerializers.create(row.getLogicalType()), false);
  }

  @Benchmark
  public Object[] decodeTwoBigints() throws CodecException {
    return addOneArgs.decode(addOnePayload);
  }

  @Benchmark
  public byte[] encodeBigintResult() {
    WireWriter out = new WireWriter(16);
    bigint.write(3L, out);
    return out.toByteArray();
  }

  @Benchmark
  public Object decodeRow() throws CodecException {
    return rowCodec.read(new WireReader(rowBytes));
  }

  @Benchmark
  public byte[] encodeRow() {
    WireWriter out = new WireWriter(128);
    rowCodec.write(rowInternal, out);
    return out.toByteArray();
  }

  @Benchmark
  public Object flinkDeserializeRow() throws IOException {
    return flinkRow.deserialize(new DataInputDeserializer(rowBytes));
  }
}
