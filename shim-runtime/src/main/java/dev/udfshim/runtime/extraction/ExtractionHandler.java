package dev.udfshim.runtime.extraction;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.udfshim.runtime.handler.Context;
import dev.udfshim.runtime.handler.Handler;
import io.confluent.flink.udf.extractor.v1.ErrorCode;
import io.confluent.flink.udf.extractor.v1.ExtractionRequest;
import io.confluent.flink.udf.extractor.v1.ExtractionResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extraction handler: {@code ExtractionRequest} in, {@code ExtractionResponse} out. Every
 * failure, a payload that does not parse included, is an {@code ExtractionResponse} with only the
 * error set. User code runs on its own threads under a time limit, so a class that hangs in its
 * constructor costs one thread, not the server.
 */
public final class ExtractionHandler implements Handler {
  /** Config var: seconds one extraction may take before it is answered as failed. */
  public static final String TIMEOUT_VAR = "shim.extraction.timeout.seconds";

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  private static final Logger LOG = LoggerFactory.getLogger(ExtractionHandler.class);

  /** At most this many extractions run at once; a class that hangs holds one thread for good. */
  static final int MAX_THREADS = 32;

  private final ExecutorService userCodeThreads =
      new ThreadPoolExecutor(
          0,
          MAX_THREADS,
          60,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          runnable -> {
            Thread thread = new Thread(runnable, "udf-extraction");
            thread.setDaemon(true);
            return thread;
          });

  /** Classes whose extraction timed out: answered at once, without another stuck thread. */
  private final Set<String> timedOut = ConcurrentHashMap.newKeySet();

  private volatile UdfExtractor extractor;
  private volatile Duration timeout = DEFAULT_TIMEOUT;

  @Override
  public void open(Context context) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    extractor = new UdfExtractor(loader != null ? loader : getClass().getClassLoader());
    context.getConfigValue(TIMEOUT_VAR).ifPresent(value -> timeout = timeout(value.strip()));
  }

  /** 1 to 3600 s; anything else keeps the default with a warning, so extraction still answers. */
  static Duration timeout(String value) {
    try {
      long seconds = Long.parseLong(value);
      if (seconds >= 1 && seconds <= 3600) {
        return Duration.ofSeconds(seconds);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    LOG.warn(
        "Config var {} must be a whole number of seconds from 1 to 3600, not '{}'; using {} s.",
        TIMEOUT_VAR,
        value,
        DEFAULT_TIMEOUT.toSeconds());
    return DEFAULT_TIMEOUT;
  }

  @Override
  public byte[] handleRequest(byte[] payload, Context context) {
    return extract(payload).toByteArray();
  }

  ExtractionResponse extract(byte[] payload) {
    ExtractionRequest request;
    try {
      request = ExtractionRequest.parseFrom(payload);
    } catch (InvalidProtocolBufferException e) {
      return UdfExtractor.error(
          ErrorCode.UNKNOWN,
          "The payload is not an ExtractionRequest ("
              + e.getMessage()
              + "); send a protobuf flink.udf.extractor.v1.ExtractionRequest with class_name set.");
    }
    String className = request.getClassName();
    if (timedOut.contains(className)) {
      return timeoutAnswer(className);
    }
    Future<ExtractionResponse> answer;
    try {
      answer = userCodeThreads.submit(() -> extractor.extract(className));
    } catch (RejectedExecutionException e) {
      return UdfExtractor.error(
          ErrorCode.GENERAL_FAILED_EXTRACTION,
          "All "
              + MAX_THREADS
              + " extraction threads are busy or stuck in user code; retry later, or restart the"
              + " server if classes hang in their static initializers.");
    }
    try {
      ExtractionResponse response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (response.hasError()) {
        LOG.info(
            "Extraction of '{}' answered {}: {}",
            className,
            response.getError().getCode(),
            response.getError().getErrorMessage());
      }
      return response;
    } catch (TimeoutException e) {
      answer.cancel(true);
      timedOut.add(className);
      LOG.warn("Extraction of '{}' did not finish within {}", className, timeout);
      return timeoutAnswer(className);
    } catch (ExecutionException e) {
      LOG.error("Extraction of '{}' failed", className, e.getCause());
      return UdfExtractor.error(
          ErrorCode.UNKNOWN, "Extraction of '" + className + "' failed: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return UdfExtractor.error(
          ErrorCode.UNKNOWN, "Extraction of '" + className + "' was interrupted.");
    }
  }

  private ExtractionResponse timeoutAnswer(String className) {
    return UdfExtractor.error(
        ErrorCode.GENERAL_FAILED_EXTRACTION,
        "Extraction of '"
            + className
            + "' did not finish within "
            + timeout.toSeconds()
            + " s; its static initializer or constructor blocks: make them return without"
            + " waiting on external resources.");
  }

  @Override
  public void close(Context context) {
    userCodeThreads.shutdownNow();
  }
}
