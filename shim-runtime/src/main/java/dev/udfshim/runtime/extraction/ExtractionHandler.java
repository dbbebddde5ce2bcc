package dev.udfshim.runtime.extraction;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.udfshim.runtime.config.ExtractionOptions;
import dev.udfshim.runtime.config.Settings;
import dev.udfshim.runtime.handler.Call;
import dev.udfshim.runtime.handler.Context;
import dev.udfshim.runtime.handler.Handler;
import dev.udfshim.runtime.handler.HandlerException;
import dev.udfshim.runtime.logging.FailureLog;
import dev.udfshim.runtime.logging.LogSetup;
import dev.udfshim.runtime.logging.LogText;
import io.confluent.flink.udf.extractor.v1.ErrorCode;
import io.confluent.flink.udf.extractor.v1.ExtractionRequest;
import io.confluent.flink.udf.extractor.v1.ExtractionResponse;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The extraction handler: {@code ExtractionRequest} in, {@code ExtractionResponse} out. Every
 * failure, a payload that does not parse included, is an {@code ExtractionResponse} with only the
 * error set. User code runs on its own threads under a time limit; requests for a class already
 * being extracted wait for that one extraction, so a class that hangs costs one thread, however
 * often (and however padded) its name is asked for.
 */
public final class ExtractionHandler implements Handler {
  private static final Logger LOG = LoggerFactory.getLogger(ExtractionHandler.class);

  private final FailureLog answers = new FailureLog(LOG);

  /** Classes being extracted, by normalised name: later requests join the running extraction. */
  private final Map<String, Future<ExtractionResponse>> running = new ConcurrentHashMap<>();

  /** Classes whose extraction timed out: answered at once, without another stuck thread. */
  private final Set<String> timedOut = ConcurrentHashMap.newKeySet();

  private volatile ExecutorService userCodeThreads;
  private volatile UdfExtractor extractor;
  private volatile Duration timeout;
  private volatile int maxConcurrent;

  @Override
  public void open(Context context) throws HandlerException {
    Settings settings = new Settings(context);
    timeout = Duration.ofSeconds(settings.get(ExtractionOptions.TIMEOUT_SECONDS));
    maxConcurrent = settings.get(ExtractionOptions.MAX_CONCURRENT);
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    extractor = new UdfExtractor(loader != null ? loader : getClass().getClassLoader());
    userCodeThreads =
        new ThreadPoolExecutor(
            0,
            maxConcurrent,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            runnable -> {
              Thread thread = new Thread(runnable, "udf-extraction");
              thread.setDaemon(true);
              return thread;
            });
  }

  @Override
  public byte[] handleRequest(byte[] payload, Context context) {
    return extract(payload, Call.UNBOUNDED).toByteArray();
  }

  @Override
  public byte[] handleRequest(byte[] payload, Context context, Call call) {
    return extract(payload, call).toByteArray();
  }

  ExtractionResponse extract(byte[] payload, Call call) {
    ExtractionRequest request;
    try {
      request = ExtractionRequest.parseFrom(payload);
    } catch (InvalidProtocolBufferException e) {
      return logged(
          "?",
          UdfExtractor.error(
              ErrorCode.UNKNOWN,
              "The payload is not an ExtractionRequest ("
                  + e.getMessage()
                  + "); send a protobuf flink.udf.extractor.v1.ExtractionRequest with class_name"
                  + " set."));
    }
    // The same class however it is padded: one extraction, one answer.
    String className = request.getClassName().strip();
    if (timedOut.contains(className)) {
      return timeoutAnswer(className);
    }
    Future<ExtractionResponse> answer = running.get(className);
    if (answer == null) {
      answer = start(className);
      if (answer == null) {
        return logged(
            className,
            UdfExtractor.error(
                ErrorCode.GENERAL_FAILED_EXTRACTION,
                "All "
                    + maxConcurrent
                    + " extraction threads are busy or stuck in user code; retry later, or"
                    + " restart the server if classes hang in their static initializers."));
      }
    }
    return await(className, answer, call);
  }

  /** Starts the extraction of a class, or joins one that started meanwhile; null when full. */
  private Future<ExtractionResponse> start(String className) {
    synchronized (running) {
      Future<ExtractionResponse> existing = running.get(className);
      if (existing != null) {
        return existing;
      }
      if (running.size() >= maxConcurrent) {
        return null;
      }
      FutureTask<ExtractionResponse> task =
          new FutureTask<>(
              () -> {
                MDC.put(LogSetup.MDC_UDF, className);
                try {
                  return extractor.extract(className);
                } finally {
                  MDC.remove(LogSetup.MDC_UDF);
                }
              }) {
            @Override
            protected void done() {
              running.remove(className, this);
            }
          };
      running.put(className, task);
      try {
        userCodeThreads.execute(task);
      } catch (RejectedExecutionException e) {
        running.remove(className, task);
        return null; // every thread is held by user code that ignored its interrupt
      }
      return task;
    }
  }

  private ExtractionResponse await(String className, Future<ExtractionResponse> answer, Call call) {
    long wait = timeout.toNanos();
    boolean byDeadline = false;
    OptionalLong beforeDeadline = call.timeToAnswer(System.nanoTime());
    if (beforeDeadline.isPresent() && beforeDeadline.getAsLong() < wait) {
      wait = Math.max(0, beforeDeadline.getAsLong());
      byDeadline = true;
    }
    try {
      return logged(className, answer.get(wait, TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      if (byDeadline) {
        // The extraction goes on; a request with a longer deadline gets its answer.
        return logged(
            className,
            UdfExtractor.error(
                ErrorCode.GENERAL_FAILED_EXTRACTION,
                "Extraction of '"
                    + className
                    + "' did not finish within the call's deadline; call again with a longer"
                    + " deadline."));
      }
      timedOut.add(className);
      answer.cancel(true); // an interruptible hang frees its thread
      LOG.warn(
          "Extraction of '{}' did not finish within {} s; answering this on later requests too",
          LogText.safe(className),
          timeout.toSeconds());
      return timeoutAnswer(className);
    } catch (CancellationException e) {
      return timeoutAnswer(className); // another request's wait timed out and cancelled it
    } catch (ExecutionException e) {
      LOG.error("Extraction of '{}' failed\n{}", LogText.safe(className), LogText.trace(e));
      return UdfExtractor.error(
          ErrorCode.UNKNOWN, "Extraction of '" + className + "' failed: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return UdfExtractor.error(
          ErrorCode.UNKNOWN, "Extraction of '" + className + "' was interrupted.");
    }
  }

  /** Error answers in the log, one line each, at a rate an operator can keep. */
  private ExtractionResponse logged(String className, ExtractionResponse response) {
    if (response.hasError()) {
      answers.failed(
          response.getError().getCode().name(),
          "Extraction of '"
              + LogText.safe(className)
              + "' answered "
              + response.getError().getCode()
              + ": "
              + LogText.safe(response.getError().getErrorMessage()),
          null);
    }
    return response;
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
    ExecutorService threads = userCodeThreads;
    if (threads != null) {
      threads.shutdownNow();
    }
  }
}
