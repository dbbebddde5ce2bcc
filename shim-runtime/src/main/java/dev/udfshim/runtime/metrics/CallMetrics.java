package dev.udfshim.runtime.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import java.util.EnumMap;
import java.util.Map;

/**
 * The series of one server, bound once to its labels, so a call costs a few adds and no lookup.
 * {@link #NONE} records nothing (no metrics port).
 */
public final class CallMetrics {
  /** Why a call produced no result; the {@code kind} label. */
  public enum Failure {
    ERROR,
    OVERLOADED,
    UNAVAILABLE,
    CANCELLED,
    UNAUTHENTICATED;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Records nothing. */
  public static final CallMetrics NONE = new CallMetrics();

  private final CounterDataPoint calls;
  private final CounterDataPoint rows;
  private final Map<Failure, CounterDataPoint> failures;
  private final GaugeDataPoint inFlight;
  private final DistributionDataPoint latency;

  private CallMetrics() {
    calls = null;
    rows = null;
    failures = null;
    inFlight = null;
    latency = null;
  }

  CallMetrics(ServerMetrics metrics, String handler, String function, String signature) {
    calls = metrics.calls.labelValues(handler, function, signature);
    rows = metrics.rows.labelValues(handler, function, signature);
    inFlight = metrics.inFlight.labelValues(handler, function, signature);
    latency = metrics.latency.labelValues(handler, function, signature);
    failures = new EnumMap<>(Failure.class);
    for (Failure kind : Failure.values()) {
      failures.put(kind, metrics.errors.labelValues(handler, function, signature, kind.label()));
    }
  }

  /** Whether anything is recorded: callers skip their own work when not. */
  public boolean enabled() {
    return calls != null;
  }

  /** A call was taken carrying this many rows; returns its start for {@link #ended}. */
  public long started(int rowCount) {
    if (calls == null) {
      return 0;
    }
    calls.inc();
    rows.inc(rowCount);
    inFlight.inc();
    return System.nanoTime();
  }

  /** The call was answered, failed or refused ({@code failure} null: a result). */
  public void ended(long started, Failure failure) {
    if (calls == null) {
      return;
    }
    inFlight.dec();
    latency.observe((System.nanoTime() - started) / 1e9);
    if (failure != null) {
      failures.get(failure).inc();
    }
  }

  /** A call refused before it was taken (no or a wrong bearer token). */
  public void unauthenticated() {
    if (calls != null) {
      calls.inc();
      failures.get(Failure.UNAUTHENTICATED).inc();
    }
  }
}
