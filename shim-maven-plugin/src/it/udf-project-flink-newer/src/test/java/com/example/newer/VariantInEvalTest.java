package com.example.newer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.udfshim.test.UdfTester;
import org.junit.jupiter.api.Test;

class VariantInEvalTest {
  @Test
  void answersTheTextAsAJsonString() {
    try (UdfTester udf = UdfTester.of(VariantInEval.class)) {
      assertEquals("\"hi\"", udf.call("hi"));
      assertNull(udf.call((Object) null));
    }
  }
}
