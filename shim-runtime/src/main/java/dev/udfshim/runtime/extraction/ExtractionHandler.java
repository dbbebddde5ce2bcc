package dev.udfshim.runtime.extraction;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.udfshim.runtime.handler.Context;
import dev.udfshim.runtime.handler.Handler;
import io.confluent.flink.udf.extractor.v1.ErrorCode;
import io.confluent.flink.udf.extractor.v1.ExtractionRequest;
import io.confluent.flink.udf.extractor.v1.ExtractionResponse;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

  private final ExecutorService userCodeThreads =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "udf-extraction");
            thread.setDaemon(true);
            return thread;
          });
  private volatile UdfExtractor extractor;
  private volatile Duration timeout = DEFAULT_TIMEOUT;

  @Override
  public void open(Context context) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    extractor = new UdfExtractor(loader != null ? loader : getClass().getClassLoader());
    context
        .getConfigValue(TIMEOUT_VAR)
        .ifPresent(
            value -> {
              try {
                timeout = Duration.ofSeconds(Long.parseLong(value.strip()));
              } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                    "Config var "
                        + TIMEOUT_VAR
                        + " must be a whole number of seconds, not '"
                        + value.strip()
                        + "'.");
              }
            });
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
    Future<ExtractionResponse> answer = userCodeThreads.submit(() -> extractor.extract(className));
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
      LOG.warn("Extraction of '{}' did not finish within {}", className, timeout);
      return UdfExtractor.error(
          ErrorCode.GENERAL_FAILED_EXTRACTION,
          "Extraction of '"
              + className
              + "' did not finish within "
              + timeout.toSeconds()
              + " s; its static initializer or constructor blocks: make them return without"
              + " waiting on external resources.");
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

  @Override
  public void close(Context context) {
    userCodeThreads.shutdownNow();
  }
}
