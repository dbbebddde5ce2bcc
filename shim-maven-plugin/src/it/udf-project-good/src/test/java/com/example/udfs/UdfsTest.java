package com.example.udfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.udfshim.test.UdfCallException;
import dev.udfshim.test.UdfTester;
import java.util.List;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

/** The UDFs through the platform's path: extraction, spec, binary codec, execution handler. */
class UdfsTest {

  @Test
  void addOneAddsAndPassesNullsOn() {
    try (UdfTester addOne = UdfTester.of(AddOne.class)) {
      assertEquals(3L, addOne.call(1L, 2L));
      assertNull(addOne.call(null, 2L));
      assertEquals("(i BIGINT, j BIGINT) -> BIGINT", addOne.signatures().get(0).toString());
    }
  }

  @Test
  void hexUpperPicksTheOverloadByItsArguments() {
    try (UdfTester hex = UdfTester.of(HexUpper.class)) {
      assertEquals("4142", hex.call("ab"));
      assertEquals("41424142", hex.call("ab", 2));
    }
  }

  @Test
  void splitWordsEmitsOneRowPerWordOverRealGrpc() {
    try (UdfTester split = UdfTester.of(SplitWords.class).overGrpc()) {
      assertEquals(List.of(Row.of("to", 2), Row.of("be", 2)), split.callTable("to be"));
    }
  }

  @Test
  void jobParametersReachTheUdf() {
    try (UdfTester info = UdfTester.of(RuntimeInfo.class).withJobParameter("greeting", "hi")) {
      assertEquals("job:greeting=hi; job:other=(not set)", info.call("job:greeting job:other"));
      UdfCallException error = assertThrows(UdfCallException.class, () -> info.call("nothing"));
      assertEquals(
          "com.example.udfs.RuntimeInfo.eval threw java.lang.IllegalArgumentException: ask for"
              + " pid, cwd, created, property:<name>, env:<name> or job:<key>, not nothing",
          error.getMessage());
    }
  }
}
