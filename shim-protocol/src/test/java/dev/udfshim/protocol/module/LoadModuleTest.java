package dev.udfshim.protocol.module;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadModuleTest {
  @Test
  void oneLineWithEveryEntryAndQuotesDoubled() {
    Map<String, String> endpoints = new LinkedHashMap<>();
    endpoints.put(LoadModule.endpointKey("com.example.AddOne", 0), "127.0.0.1:50051");
    endpoints.put(LoadModule.endpointKey("com.example.Greet", 1), "127.0.0.1:50052");
    String statement =
        LoadModule.statement(
            "/tmp/it's/signatures.json", endpoints, Map.of(LoadModule.TOKEN_FILE, "/s/token"));
    assertThat(statement)
        .isEqualTo(
            "LOAD MODULE shim WITH ('signatures' = '/tmp/it''s/signatures.json', 'endpoints' ="
                + " 'com.example.AddOne/0=127.0.0.1:50051;com.example.Greet/1=127.0.0.1:50052',"
                + " 'auth.token-file' = '/s/token');")
        .doesNotContain("\n");
  }
}
