package dev.udfshim.runtime.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.udfshim.runtime.extraction.ExtractionHandler;
import org.junit.jupiter.api.Test;

class HandlerRegistryTest {
  private final ClassLoader loader = getClass().getClassLoader();

  @Test
  void aliasesAndClassNamesBothWork() {
    assertThat(HandlerRegistry.create("extraction", loader)).isInstanceOf(ExtractionHandler.class);
    assertThat(HandlerRegistry.create(ExtractionHandler.class.getName(), loader))
        .isInstanceOf(ExtractionHandler.class);
  }

  @Test
  void unknownNameListsTheAliases() {
    assertThatThrownBy(() -> HandlerRegistry.create("extractor", loader))
        .hasMessage(
            "Unknown handler 'extractor': pass one of ExecutionHandler, ExtractionHandler,"
                + " execution, extraction, or the class name of a dev.udfshim.runtime.handler.Handler on the class path.");
  }

  @Test
  void classThatIsNoHandlerIsRefused() {
    assertThatThrownBy(() -> HandlerRegistry.create("java.lang.String", loader))
        .hasMessage(
            "Handler class 'java.lang.String' is not a concrete implementation of"
                + " dev.udfshim.runtime.handler.Handler.");
  }
}
