package dev.udfshim.flink;

import dev.udfshim.flink.function.AsyncScalarDefect;
import dev.udfshim.protocol.module.LoadModule;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.factories.ModuleFactory;
import org.apache.flink.table.module.Module;

/** {@code LOAD MODULE shim WITH (...)}: found by Flink through {@code META-INF/services}. */
public final class ShimModuleFactory implements ModuleFactory {
  public static final String IDENTIFIER = LoadModule.MODULE;

  /** Read by key as a string: the same on every Flink version. */
  private static final ConfigOption<String> RUNTIME_MODE =
      ConfigOptions.key("execution.runtime-mode").stringType().defaultValue("STREAMING");

  @Override
  public String factoryIdentifier() {
    return IDENTIFIER;
  }

  @Override
  public Set<ConfigOption<?>> requiredOptions() {
    return Set.of(ShimOptions.SIGNATURES, ShimOptions.ENDPOINTS);
  }

  @Override
  public Set<ConfigOption<?>> optionalOptions() {
    return Set.of(
        ShimOptions.FUNCTION_NAMES,
        ShimOptions.SCALAR_MODE,
        ShimOptions.TABLE_MODE,
        ShimOptions.BATCH_ENABLED,
        ShimOptions.BATCH_SIZE,
        ShimOptions.BATCH_MAX_WAIT,
        ShimOptions.ASYNC_MAX_IN_FLIGHT,
        ShimOptions.CACHE_SIZE,
        ShimOptions.CALL_TIMEOUT,
        ShimOptions.RETRY_MAX_ATTEMPTS,
        ShimOptions.RETRY_INITIAL_BACKOFF,
        ShimOptions.RETRY_MAX_BACKOFF,
        ShimOptions.TLS_ENABLED,
        ShimOptions.TLS_CA_FILE,
        ShimOptions.TLS_CERT_FILE,
        ShimOptions.TLS_KEY_FILE,
        ShimOptions.TLS_AUTHORITY,
        ShimOptions.AUTH_TOKEN_FILE,
        ShimOptions.AUTH_TOKEN);
  }

  @Override
  public Module createModule(Context context) {
    FactoryUtil.ModuleFactoryHelper helper = FactoryUtil.createModuleFactoryHelper(this, context);
    helper.validate();
    // Flink rejects an async table function in a batch plan by its kind, before the function
    // could say why: the sentence is given here, where the job's runtime mode is known.
    if (helper.getOptions().get(ShimOptions.TABLE_MODE) == ShimOptions.TableMode.ASYNC
        && AsyncScalarDefect.asyncTablesExact(AsyncScalarDefect.flinkVersion())
        && "BATCH".equalsIgnoreCase(context.getConfiguration().get(RUNTIME_MODE))) {
      throw new ValidationException(AsyncScalarDefect.asyncTablesInBatchMode());
    }
    return ShimModule.create(helper.getOptions(), context.getClassLoader());
  }
}
