package dev.udfshim.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ShimLogConfiguratorTest {
  @Test
  void textLinesAtInfoWithTheUdfTagOnlyWhereItIsSet() {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    ShimLogConfigurator configurator = new ShimLogConfigurator();
    configurator.setContext(context);

    assertThat(configurator.configure(context))
        .isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    OutputStreamAppender<?> stderr = (OutputStreamAppender<?>) root.getAppender("STDERR");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    stderr.setOutputStream(out);
    ch.qos.logback.classic.Logger logger = context.getLogger("dev.udfshim.Example");
    logger.info("plain");
    logger.debug("not written");
    context.getMDCAdapter().put("udf", "com.example.AddOne");
    try {
      logger.warn("tagged");
    } finally {
      context.getMDCAdapter().remove("udf");
    }

    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0])
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z \\[INFO\\] Example - plain");
    assertThat(lines[1]).endsWith("[WARN] Example [udf com.example.AddOne] - tagged");
  }

  @Test
  void aConfigurationFileOfTheUsersOwnTakesOver() {
    LoggerContext context = new LoggerContext();
    ShimLogConfigurator configurator = new ShimLogConfigurator();
    configurator.setContext(context);
    System.setProperty("logback.configurationFile", "their-logback.xml");
    try {
      assertThat(configurator.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
    } finally {
      System.clearProperty("logback.configurationFile");
    }
    assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNull();
  }
}
