package dev.udfshim.flink.function;

import dev.udfshim.flink.client.ClientMetrics;
import dev.udfshim.flink.client.RemoteCall;
import dev.udfshim.flink.client.RemoteUdfException;
import dev.udfshim.flink.client.ShimChannels;
import dev.udfshim.flink.codec.WireException;
import dev.udfshim.flink.codec.WireFormat;
import dev.udfshim.flink.wiring.ServerCheck;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.flink.table.functions.FunctionContext;

/**
 * What an open function instance holds: a lease on the shared channel to its signature's server,
 * the call settings and the wire format. Opened in {@code open}, closed in {@code close}.
 */
final class Connection implements AutoCloseable {
  private final BoundSignature bound;
  private final ShimChannels.Lease lease;
  private final RemoteCall call;
  private final WireFormat format;

  private Connection(BoundSignature bound, boolean table, FunctionContext context) {
    ClientSettings settings = bound.settings();
    this.bound = bound;
    this.lease =
        ShimChannels.acquire(bound.endpoints(), settings.call(), settings.call().security());
    this.call =
        new RemoteCall(
            lease.channel(),
            bound.target(),
            bound.startHint(),
            settings.call(),
            bound.endpoints(),
            settings.call().security(),
            context == null
                ? ClientMetrics.NONE
                : ClientMetrics.of(
                    context.getMetricGroup(),
                    bound.className(),
                    bound.signature().index(),
                    settings.batched()));
    try {
      ServerCheck.verify(call, bound.className(), bound.signature(), bound.target());
    } catch (RuntimeException e) {
      lease.close();
      throw e;
    }
    this.format =
        WireFormat.of(
            bound.signature().argumentTypes(),
            bound.signature().returnType(),
            table,
            settings.batched());
  }

  /**
   * @param context the function's context, whose metric group gets the calls' metrics
   */
  static Connection open(BoundSignature bound, boolean table, FunctionContext context) {
    return new Connection(bound, table, context);
  }

  WireFormat format() {
    return format;
  }

  CompletableFuture<byte[]> invoke(byte[] payload) {
    return call.invoke(payload);
  }

  /** One call, waiting for its answer (the synchronous functions). */
  byte[] invokeAndWait(WireFormat.Request request, Object[] arguments) {
    try {
      request.add(arguments);
    } catch (WireException e) {
      throw failure(e.getMessage());
    }
    CompletableFuture<byte[]> answer = call.invoke(request.take());
    try {
      return answer.get();
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      throw new RemoteUdfException("Interrupted while calling " + bound.target() + ".", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RemoteUdfException remote) {
        throw remote;
      }
      throw new RemoteUdfException("The call to " + bound.target() + " failed.", e.getCause());
    }
  }

  /** A sentence about this signature's values, as the exception a row fails with. */
  RuntimeException failure(String sentence) {
    return new RemoteUdfException(sentence + " (" + bound.target() + ")");
  }

  @Override
  public void close() {
    lease.close();
  }
}
