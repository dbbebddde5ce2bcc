package dev.udfshim.bench.flink;

import dev.udfshim.bench.SampleRow;
import dev.udfshim.flink.codec.WireException;
import dev.udfshim.flink.codec.WireFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.BigIntType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The Flink client's side of the wire: a batch request built row by row, its answer read. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WireFormatBenchmark {
  private static final int ROWS = 500;

  private WireFormat bigints;
  private WireFormat.Request bigintRequest;
  private byte[] bigintAnswer;

  private WireFormat rows;
  private WireFormat.Request rowRequest;
  private Object[] rowArguments;
  private byte[] rowAnswer;

  @Setup
  public void setUp() throws WireException {
    bigints = WireFormat.of(List.of(new BigIntType()), new BigIntType(), false, true);
    bigintRequest = bigints.newRequest();
    // The answer a server gives to a batch of ROWS BIGINTs is shaped like the request.
    for (long i = 0; i < ROWS; i++) {
      bigintRequest.add(new Object[] {i});
    }
    bigintAnswer = bigintRequest.take();

    DataType row = SampleRow.TYPE;
    rowArguments = new Object[] {SampleRow.internal()};
    rows = WireFormat.of(List.of(row.getLogicalType()), row.getLogicalType(), false, false);
    rowRequest = rows.newRequest();
    rowRequest.add(rowArguments);
    rowAnswer = rowRequest.take();
  }

  @Benchmark
  public byte[] encodeBatchOf500Bigints() throws WireException {
    for (long i = 0; i < ROWS; i++) {
      bigintRequest.add(new Object[] {i});
    }
    return bigintRequest.take();
  }

  @Benchmark
  public List<Object> readBatchOf500Bigints() throws WireException {
    return bigints.readValues(bigintAnswer, ROWS);
  }

  @Benchmark
  public byte[] encodeRow() throws WireException {
    rowRequest.add(rowArguments);
    return rowRequest.take();
  }

  @Benchmark
  public List<Object> readRow() throws WireException {
    return rows.readValues(rowAnswer, 1);
  }
}
