package dev.udfshim.runtime.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration for the runtime, found through {@code META-INF/services}: text lines on
 * stderr, set up in code because reading an XML configuration costs a cold start tens of
 * milliseconds. A test set-up of the user's own ({@code logback-test.xml}, or the {@code
 * logback.configurationFile} property) is left to logback's usual lookup.
 */
public final class ShimLogConfigurator extends ContextAwareBase implements Configurator {
  @Override
  public ExecutionStatus configure(LoggerContext context) {
    ClassLoader loader = getClass().getClassLoader();
    if (System.getProperty("logback.configurationFile") != null
        || (loader != null && loader.getResource("logback-test.xml") != null)) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    LogSetup.configure(context, LogSetup.Format.TEXT);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
