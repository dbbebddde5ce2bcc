/**
 * The servers' metrics: calls, rows, errors by kind, calls in flight and latency per handler,
 * function and signature, in the Prometheus text format (the Prometheus Java client) on an opt-in
 * port.
 */
package dev.udfshim.runtime.metrics;
