package dev.udfshim.runtime.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.Locale;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/** The server's log: text lines or one JSON object per line, on stderr, at INFO. */
public final class LogSetup {
  /** MDC key that tags log lines written on a UDF's threads with its class. */
  public static final String MDC_UDF = "udf";

  /**
   * One line per event; lines written on a UDF's threads carry {@code [udf CLASS]} (the MDC key
   * {@link #MDC_UDF}), others nothing in its place.
   */
  static final String TEXT_PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX,UTC} [%level] %logger{0}%replace( [udf %X{"
          + MDC_UDF
          + "}]){' \\[udf \\]', ''} - %msg%n";

  private LogSetup() {}

  /** The formats {@code --log-format} and config var {@code shim.log.format} take. */
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
      return; // ShimLogConfigurator's, set at start
    }
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory instanceof LoggerContext context) {
      context.reset();
      configure(context, format);
    }
  }

  static void configure(LoggerContext context, Format format) {
    Encoder<ILoggingEvent> encoder = format == Format.JSON ? json() : text();
    encoder.setContext(context);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(stderr);
  }

  private static Encoder<ILoggingEvent> text() {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setPattern(TEXT_PATTERN);
    return encoder;
  }

  /** Timestamp, level, thread, logger, MDC (udf: the UDF class), the message and the throwable. */
  private static Encoder<ILoggingEvent> json() {
    JsonEncoder encoder = new JsonEncoder();
    encoder.setWithSequenceNumber(false);
    encoder.setWithNanoseconds(false);
    encoder.setWithContext(false);
    encoder.setWithMessage(false);
    encoder.setWithArguments(false);
    encoder.setWithFormattedMessage(true);
    return encoder;
  }
}
