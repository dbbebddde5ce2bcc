package dev.udfshim.flink.function;

import dev.udfshim.flink.ShimOptions;
import dev.udfshim.flink.client.ClientMetrics;
import dev.udfshim.flink.client.RemoteCall;
import dev.udfshim.flink.client.RemoteUdfException;
import dev.udfshim.flink.client.ShimChannels;
import dev.udfshim.flink.codec.WireException;
import dev.udfshim.flink.codec.WireFormat;
import dev.udfshim.flink.wiring.ServerCheck;
import dev.udfshim.protocol.codec.CodecException;
import dev.udfshim.protocol.framing.ControlFrames;
import dev.udfshim.protocol.framing.Framing;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.flink.table.functions.FunctionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an open function instance holds: a lease on the shared channel to its signature's server,
 * the call settings, and the wire format the server and the client agreed on when it opened: the
 * server's answer to the describe control frame says it takes batch frames and how many rows; a
 * server that answers describe with an error predates it and is called one row per call (or in the
 * legacy batch framing, with 'batch.enabled'). Opened in {@code open}, closed in {@code close}.
 */
public final class Connection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

  /** Rows per call to a legacy batch server when 'batch.size' is not set (its old default). */
  static final int LEGACY_BATCH_SIZE = 500;

  private final BoundSignature bound;
  private final ShimChannels.Lease lease;
  private final RemoteCall call;
  private final WireFormat format;
  private final int maxRows;
  private final boolean oldOneRow;

  private Connection(BoundSignature bound, boolean table, ClientMetrics metrics) {
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
            metrics);
    ControlFrames.Description description;
    try {
      description = describe();
    } catch (RuntimeException e) {
      lease.close();
      throw e;
    }
    Framing framing;
    oldOneRow = description == null && !settings.batched();
    if (description != null) {
      framing = Framing.BATCH_FRAME;
      maxRows = description.batches() ? Math.max(1, description.maxRows()) : 1;
    } else {
      framing = Framing.of(settings.batched());
      maxRows = settings.batched() ? settings.batchSizeOr(LEGACY_BATCH_SIZE) : 1;
    }
    this.format =
        WireFormat.of(
            bound.signature().argumentTypes(), bound.signature().returnType(), table, framing);
  }

  /**
   * Opens a connection, asking the server what it takes.
   *
   * @throws RemoteUdfException when the server cannot be reached, with the sentence of a call
   */
  public static Connection open(BoundSignature bound, boolean table) {
    return new Connection(bound, table, ClientMetrics.NONE);
  }

  /**
   * Opens a connection whose calls are counted in the function's metric group.
   *
   * @param context the function's context, whose metric group gets the calls' metrics
   */
  static Connection open(BoundSignature bound, boolean table, FunctionContext context) {
    return new Connection(
        bound,
        table,
        context == null
            ? ClientMetrics.NONE
            : ClientMetrics.of(
                context.getMetricGroup(),
                bound.className(),
                bound.signature().index(),
                bound.settings().batched()));
  }

  /** The server's description, or null for a server that answers describe with an error. */
  private ControlFrames.Description describe() {
    byte[] answer;
    try {
      answer = waitFor(call.invoke(ControlFrames.describeRequest()));
    } catch (RemoteUdfException e) {
      if (!e.isErrorAnswer()) {
        throw e;
      }
      LOG.info(
          "{} answered the describe frame with an error, so it predates control frames: {}",
          bound.target(),
          bound.settings().batched()
              ? "calls use the legacy batch framing ('batch.enabled')"
              : "one row per call");
      return null;
    }
    // The wiring check first: an extraction server or another signature's server is one sentence.
    String problem =
        ServerCheck.problem(answer, bound.className(), bound.signature(), bound.target());
    if (problem != null) {
      throw new RemoteUdfException(problem);
    }
    try {
      ControlFrames.Description description = ControlFrames.Description.decode(answer);
      LOG.info(
          "{} speaks protocol {}: {}",
          bound.target(),
          description.protocol(),
          description.batches()
              ? "batch frames of up to " + description.maxRows() + " rows"
              : "one row per call");
      return description;
    } catch (CodecException e) {
      throw new RemoteUdfException(
          bound.target()
              + " answered the describe frame with something else than a description ("
              + e.getMessage()
              + "); check that 'endpoints' names an execution server of the shim.");
    }
  }

  public WireFormat format() {
    return format;
  }

  /** The most rows one call may carry: 1 for a server that takes no batches. */
  public int maxRows() {
    return maxRows;
  }

  public BoundSignature bound() {
    return bound;
  }

  public CompletableFuture<byte[]> invoke(byte[] payload) {
    CompletableFuture<byte[]> answer = call.invoke(payload);
    return oldOneRow ? answer.exceptionallyCompose(this::withLegacyHint) : answer;
  }

  /**
   * A server from before control frames that refuses a one-row call as a batch was started with the
   * legacy switch: the sentence says which option matches it.
   */
  private CompletableFuture<byte[]> withLegacyHint(Throwable error) {
    Throwable cause =
        error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
    if (cause instanceof RemoteUdfException remote
        && remote.isErrorAnswer()
        && remote.getMessage().contains("batch")) {
      return CompletableFuture.failedFuture(
          RemoteUdfException.answered(
              remote.getMessage()
                  + " The server predates control frames and reads batches: it was started with "
                  + Framing.BATCH_VAR
                  + " = true, so set '"
                  + ShimOptions.BATCH_ENABLED.key()
                  + "' = 'true', or update the server."));
    }
    return CompletableFuture.failedFuture(cause);
  }

  /** One call, waiting for its answer (the synchronous functions). */
  byte[] invokeAndWait(WireFormat.Request request, Object[] arguments) {
    return invokeAndWait(encode(request, arguments));
  }

  /** One row's request. */
  byte[] encode(WireFormat.Request request, Object[] arguments) {
    try {
      request.add(arguments);
    } catch (WireException e) {
      throw failure(e.getMessage());
    }
    return request.take();
  }

  /** One call of a finished request, waiting for its answer. */
  byte[] invokeAndWait(byte[] payload) {
    return waitFor(invoke(payload));
  }

  private byte[] waitFor(CompletableFuture<byte[]> answer) {
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
  public RuntimeException failure(String sentence) {
    return new RemoteUdfException(sentence + " (" + bound.target() + ")");
  }

  @Override
  public void close() {
    lease.close();
  }
}
