package dev.udfshim.runtime.tooling;

import dev.udfshim.runtime.extraction.ExtractedUdf;
import dev.udfshim.runtime.extraction.ExtractionException;
import dev.udfshim.runtime.extraction.UdfExtractor;
import dev.udfshim.tooling.ToolingException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The UDFs extracted in one class loader, each once: a class never changes within its loader, so a
 * local run's config and its calls use one extraction.
 */
final class ExtractedUdfs {
  private final ClassLoader loader;
  private final Map<String, ExtractedUdf> extracted = new ConcurrentHashMap<>();

  ExtractedUdfs(ClassLoader loader) {
    this.loader = loader;
  }

  /** The UDF, or a refusal naming the class, the error code and the reason. */
  ExtractedUdf get(String className) throws ToolingException {
    ExtractedUdf udf = extracted.get(className);
    if (udf == null) {
      try {
        udf = new UdfExtractor(loader).inspect(className);
      } catch (ExtractionException e) {
        throw new ToolingException(className + ": " + e.code() + ": " + e.getMessage(), e);
      }
      extracted.put(className, udf);
    }
    return udf;
  }
}
