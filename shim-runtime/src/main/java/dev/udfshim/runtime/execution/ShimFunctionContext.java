package dev.udfshim.runtime.execution;

import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.table.functions.FunctionContext;

/**
 * The UDF's {@link FunctionContext} outside a Flink task: job parameters from the config vars, and
 * the UDF's class loader. Flink's own constructors for this differ by version (a {@code
 * Configuration} on 1.20, an {@code OpenContext} on 2.x), so it overrides the two answers instead,
 * and uses the constructor every supported Flink has. Without a task, the rest answers as Flink's
 * does without one (an unregistered metric group, no cached files).
 */
final class ShimFunctionContext extends FunctionContext {
  private final ClassLoader loader;
  private final Map<String, String> jobParameters;

  ShimFunctionContext(ClassLoader loader, Map<String, String> jobParameters) {
    super((RuntimeContext) null);
    this.loader = loader;
    this.jobParameters =
        java.util.Collections.unmodifiableMap(new java.util.HashMap<>(jobParameters));
  }

  @Override
  public String getJobParameter(String key, String defaultValue) {
    return jobParameters.getOrDefault(key, defaultValue);
  }

  @Override
  public ClassLoader getUserCodeClassLoader() {
    return loader;
  }
}
