package dev.udfshim.runtime.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;

/**
 * The metrics of every server of this process, per handler, function and signature, served in the
 * Prometheus text format on an opt-in port. One registry for the process, so {@code serve --all}
 * exposes every signature's series on one port.
 */
public final class ServerMetrics implements AutoCloseable {
  static final String[] LABELS = {"handler", "function", "signature"};

  /**
   * Latency buckets from 100 µs to 60 s: a one-row call takes tens of µs, a batch or a slow UDF s.
   */
  private static final double[] BUCKETS = {
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    30, 60
  };

  private final PrometheusRegistry registry = new PrometheusRegistry();
  final Counter calls;
  final Counter rows;
  final Counter errors;
  final Gauge inFlight;
  final Histogram latency;
  private HTTPServer http;

  public ServerMetrics() {
    calls =
        Counter.builder()
            .name("shim_calls")
            .help("Invoke calls taken, whatever their outcome.")
            .labelNames(LABELS)
            .register(registry);
    rows =
        Counter.builder()
            .name("shim_rows")
            .help("Rows the calls carried (a one-row call is 1, a batch its row count).")
            .labelNames(LABELS)
            .register(registry);
    errors =
        Counter.builder()
            .name("shim_call_errors")
            .help(
                "Calls that did not produce a result, by kind: error (an error answer: the UDF"
                    + " threw, bad input, over its time limit), overloaded (RESOURCE_EXHAUSTED),"
                    + " unavailable (opening or shutting down), cancelled (the caller left),"
                    + " unauthenticated (no or a wrong bearer token).")
            .labelNames(LABELS[0], LABELS[1], LABELS[2], "kind")
            .register(registry);
    inFlight =
        Gauge.builder()
            .name("shim_calls_in_flight")
            .help("Calls taken and not yet answered.")
            .labelNames(LABELS)
            .register(registry);
    latency =
        Histogram.builder()
            .name("shim_call_duration_seconds")
            .unit(Unit.SECONDS)
            .help("From taking a call to its answer, error or refusal.")
            .classicOnly()
            .classicUpperBounds(BUCKETS)
            .labelNames(LABELS)
            .register(registry);
  }

  /** The series of one server: its handler, and for execution the function and signature. */
  public CallMetrics of(String handler, String function, String signature) {
    return new CallMetrics(this, handler, function, signature);
  }

  /**
   * Serves {@code /metrics} on the address; returns the port (0 picks a free one).
   *
   * @throws IOException with a sentence when the port cannot be bound
   */
  public synchronized int serve(String host, int port) throws IOException {
    try {
      http = HTTPServer.builder().hostname(host).port(port).registry(registry).buildAndStart();
    } catch (IOException e) {
      throw new IOException(
          "Cannot serve metrics on "
              + host
              + ":"
              + port
              + " ("
              + e.getMessage()
              + "); is another server on that port? Pick another with --metrics-port.",
          e);
    }
    return http.getPort();
  }

  PrometheusRegistry registry() {
    return registry;
  }

  @Override
  public synchronized void close() {
    if (http != null) {
      http.close();
      http = null;
    }
  }
}
