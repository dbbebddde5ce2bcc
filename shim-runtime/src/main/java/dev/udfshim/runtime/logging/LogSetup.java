package dev.udfshim.runtime.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.util.Locale;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/** Switches the server's log between text lines (logback.xml) and one JSON object per line. */
public final class LogSetup {
  private LogSetup() {}

  /** The formats {@code --log-format} and {@code shim.log.format} take. */
  public enum Format {
    TEXT,
    JSON;

    public static Format parse(String text) {
      try {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Log format '" + LogText.safe(text) + "' is not text or json.", e);
      }
    }
  }

  /** Reconfigures logging, when logback is the backend (it is in the shim artifact). */
  public static void use(Format format) {
    if (format == Format.TEXT) {
      return; // logback.xml, read at start
    }
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) {
      return;
    }
    URL json = LogSetup.class.getResource("logback-json.xml");
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(json);
    } catch (JoranException e) {
      throw new IllegalStateException("The runtime's logback-json.xml is broken", e);
    }
  }
}
