package dev.udfshim.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class FailureLogTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger("failure-log-test");
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();

  @BeforeEach
  void capture() {
    events.start();
    logger.addAppender(events);
  }

  private List<String> messages() {
    return events.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  void oneTracePerKindThenOneLineEachUpToTheWindowsBudget() {
    FailureLog log = new FailureLog(logger, Duration.ofMinutes(1), 5);
    IllegalStateException failure = new IllegalStateException("broken\nline");

    for (int i = 0; i < 12; i++) {
      log.failed("kind-a", "call " + i + " failed", failure);
    }
    log.failed("kind-b", "another kind", new ArithmeticException("/ by zero"));

    List<String> written = messages();
    assertThat(written).hasSize(6);
    assertThat(written.get(0))
        .startsWith("call 0 failed (first of its kind; trace follows once)\n")
        .contains("java.lang.IllegalStateException: broken\\nline\n\tat ");
    assertThat(written.subList(1, 5))
        .containsExactly("call 1 failed", "call 2 failed", "call 3 failed", "call 4 failed");
    // Over the budget, a kind not seen before still gets its one trace.
    assertThat(written.get(5)).startsWith("another kind (first of its kind; trace follows once)");

    log.summarize();
    assertThat(messages().get(6))
        .isEqualTo("7 more failed call(s) not logged one by one (at most 5 lines per 60 s)");
  }

  @Test
  void aNewWindowWritesLinesAgain() throws Exception {
    FailureLog log = new FailureLog(logger, Duration.ofMillis(100), 1);

    log.failed("k", "first", null);
    log.failed("k", "left out", null);
    Thread.sleep(150);
    log.failed("k", "next window", null);

    assertThat(messages())
        .containsExactly(
            "first",
            "1 more failed call(s) not logged one by one (at most 1 lines per 100 ms)",
            "next window");
  }

  @Test
  void userTextIsEscapedAndCapped() {
    assertThat(LogText.safe("a\nb\r\tc\u0007\\")).isEqualTo("a\\nb\\r\\tc\\u0007\\\\");
    String long400k = "x".repeat(400_000);
    assertThat(LogText.safe(long400k))
        .hasSize(LogText.MAX_LENGTH + "...(399488 more characters)".length())
        .endsWith("...(399488 more characters)");
    assertThat(LogText.safe(null)).isEqualTo("null");
  }
}
