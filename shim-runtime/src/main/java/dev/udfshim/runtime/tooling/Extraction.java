package dev.udfshim.runtime.tooling;

import dev.udfshim.protocol.signatures.Signatures.Failure;
import dev.udfshim.protocol.signatures.Signatures.Function;
import dev.udfshim.protocol.signatures.Signatures.Outcome;
import dev.udfshim.protocol.signatures.Signatures.Signature;
import dev.udfshim.runtime.extraction.ExtractedUdf;
import dev.udfshim.runtime.extraction.ExtractionException;
import dev.udfshim.runtime.extraction.UdfExtractor;
import dev.udfshim.runtime.extraction.UdfSignature;
import dev.udfshim.runtime.handler.Failures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** The extraction of many classes, as signatures.json lists them. */
final class Extraction {
  /** Below this many classes a second thread costs more than it saves. */
  private static final int CLASSES_PER_THREAD = 32;

  private Extraction() {}

  /**
   * An outcome per name, in the names' order. Many classes are split over the cores (the extraction
   * server runs extractions side by side too); the order of the answer never depends on which
   * finished first.
   */
  static List<Outcome> extractAll(List<String> names, ClassLoader loader) {
    UdfExtractor extractor = new UdfExtractor(loader);
    int threads =
        Math.min(Runtime.getRuntime().availableProcessors(), names.size() / CLASSES_PER_THREAD);
    if (threads < 2) {
      return names.stream().map(name -> extractOne(extractor, name)).toList();
    }
    AtomicInteger next = new AtomicInteger();
    Outcome[] outcomes = new Outcome[names.size()];
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Runnable worker =
        () -> {
          try {
            for (int i = next.getAndIncrement(); i < outcomes.length; i = next.getAndIncrement()) {
              outcomes[i] = extractOne(extractor, names.get(i));
            }
          } catch (Throwable e) { // an Error, as one thread would have thrown it
            thrown.compareAndSet(null, e);
            next.set(outcomes.length);
          }
        };
    List<Thread> workers = new ArrayList<>();
    for (int t = 1; t < threads; t++) {
      Thread thread = new Thread(worker, "shim-extract-" + t);
      thread.setDaemon(true);
      thread.setContextClassLoader(loader);
      thread.start();
      workers.add(thread);
    }
    worker.run();
    for (Thread thread : workers) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while extracting", e);
      }
    }
    if (thrown.get() instanceof Error error) {
      throw error;
    } else if (thrown.get() != null) {
      throw new IllegalStateException(thrown.get());
    }
    return Arrays.asList(outcomes);
  }

  private static Outcome extractOne(UdfExtractor extractor, String name) {
    try {
      ExtractedUdf udf = extractor.inspect(name);
      List<Signature> signatures = new ArrayList<>();
      for (int i = 0; i < udf.signatures().size(); i++) {
        UdfSignature s = udf.signatures().get(i);
        signatures.add(
            new Signature(
                i,
                s.argumentNames(),
                s.argumentTypeStrings(),
                s.returnTypeString(),
                s.argumentOptional()));
      }
      return new Function(name, udf.kind(), udf.deterministic(), signatures);
    } catch (ExtractionException e) {
      return new Failure(name, e.code().name(), e.getMessage());
    } catch (RuntimeException | LinkageError e) {
      return new Failure(
          name, "UNKNOWN", "Extraction of '" + name + "' failed: " + Failures.describe(e));
    }
  }
}
