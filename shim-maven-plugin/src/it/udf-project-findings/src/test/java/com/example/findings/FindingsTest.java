package com.example.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.udfshim.test.UdfCallException;
import dev.udfshim.test.UdfTester;
import org.junit.jupiter.api.Test;

/** What UdfTester says of these UDFs, as the platform's path and Flink's shipping have them. */
class FindingsTest {

  @Test
  void theOptionalGreetingMayBeLeftOut() {
    try (UdfTester greeting = UdfTester.of(Greeting.class)) {
      assertEquals("Hello, Ada!", greeting.call("Ada"));
      assertEquals("Hi, Ada!", greeting.call("Ada", "Hi"));
    }
  }

  @Test
  void transientStateSetByTheConstructorFailsAsInFlink() {
    try (UdfTester date = UdfTester.of(DateText.class)) {
      UdfCallException failure = assertThrows(UdfCallException.class, () -> date.call(0));
      assertTrue(
          failure.getMessage().contains("its transient field format, set by the constructor"),
          failure.getMessage());
    }
    try (UdfTester date = UdfTester.of(DateText.class).withoutSerialization()) {
      assertEquals("1970-01-01", date.call(0));
    }
  }
}
