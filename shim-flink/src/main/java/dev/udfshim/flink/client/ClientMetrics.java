package dev.udfshim.flink.client;

import dev.udfshim.protocol.framing.Framing;
import io.grpc.CallOptions;
import io.grpc.ClientStreamTracer;
import io.grpc.Metadata;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * A function instance's calls in Flink's own metric system (its task's metric group, so Flink's
 * reporters export them): under {@code shim.<class>.<n>}, the counters {@code calls}, {@code rows},
 * {@code errors} and {@code retries} (attempts gRPC sent again, to another server when one died or
 * drained), the gauge {@code inFlight}, and the histograms {@code rowsPerCall} (the batch sizes)
 * and {@code latencyMillis}. {@link #NONE} counts nothing.
 */
public final class ClientMetrics {
  /** Samples the histograms keep. */
  private static final int WINDOW = 1024;

  public static final ClientMetrics NONE = new ClientMetrics();

  private final Counter calls;
  private final Counter rows;
  private final Counter errors;
  private final Counter retries;
  private final AtomicInteger inFlight;
  private final Histogram rowsPerCall;
  private final Histogram latency;
  private final boolean batched;

  private ClientMetrics() {
    calls = null;
    rows = null;
    errors = null;
    retries = null;
    inFlight = null;
    rowsPerCall = null;
    latency = null;
    batched = false;
  }

  private ClientMetrics(MetricGroup group, boolean batched) {
    this.batched = batched;
    calls = group.counter("calls");
    rows = group.counter("rows");
    errors = group.counter("errors");
    retries = group.counter("retries");
    inFlight = new AtomicInteger();
    group.gauge("inFlight", (Gauge<Integer>) inFlight::get);
    rowsPerCall = group.histogram("rowsPerCall", new DescriptiveStatisticsHistogram(WINDOW));
    latency = group.histogram("latencyMillis", new DescriptiveStatisticsHistogram(WINDOW));
  }

  /**
   * The metrics of one signature's calls in a task's metric group.
   *
   * @param batched requests carry a row count first (the batch framing)
   */
  public static ClientMetrics of(
      MetricGroup task, String className, int signature, boolean batched) {
    return new ClientMetrics(
        task.addGroup("shim").addGroup(className).addGroup(String.valueOf(signature)), batched);
  }

  /** A call goes out; returns its start for {@link #ended}. */
  long started(byte[] payload) {
    if (calls == null) {
      return 0;
    }
    int count = Framing.requestRows(payload, batched);
    calls.inc();
    rows.inc(count);
    rowsPerCall.update(count);
    inFlight.incrementAndGet();
    return System.nanoTime();
  }

  /** The call ended; {@code failed}: no result (an error answer or a failed call). */
  void ended(long started, boolean failed) {
    if (calls == null) {
      return;
    }
    inFlight.decrementAndGet();
    latency.update(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    if (failed) {
      errors.inc();
    }
  }

  /**
   * The call's options with a tracer that counts its attempts after the first (gRPC's retries,
   * transparent or by the retry policy); unchanged for {@link #NONE}.
   */
  CallOptions traced(CallOptions options) {
    if (retries == null) {
      return options;
    }
    return options.withStreamTracerFactory(
        new ClientStreamTracer.Factory() {
          @Override
          public ClientStreamTracer newClientStreamTracer(
              ClientStreamTracer.StreamInfo info, Metadata headers) {
            if (info.getPreviousAttempts() > 0 || info.isTransparentRetry()) {
              retries.inc();
            }
            return new ClientStreamTracer() {};
          }
        });
  }
}
