package dev.udfshim.flink.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointTest {
  @Test
  void parsesHostsAndPorts() {
    assertThat(Endpoint.parse("localhost:50051")).isEqualTo(new Endpoint("localhost", 50051));
    assertThat(Endpoint.parse(" 127.0.0.1:1 ")).isEqualTo(new Endpoint("127.0.0.1", 1));
    assertThat(Endpoint.parse("[::1]:8080")).isEqualTo(new Endpoint("::1", 8080));
    assertThat(Endpoint.parse("[::1]:8080")).hasToString("[::1]:8080");
  }

  @Test
  void refusesWhatIsNotHostPort() {
    assertThatThrownBy(() -> Endpoint.parse("localhost"))
        .hasMessage("'localhost' is not host:port (e.g. localhost:50051)");
    assertThatThrownBy(() -> Endpoint.parse("localhost:"))
        .hasMessage("'localhost:' is not host:port (e.g. localhost:50051)");
    assertThatThrownBy(() -> Endpoint.parse("host:70000"))
        .hasMessage("'host:70000' has port 70000; use 1 to 65535");
    assertThatThrownBy(() -> Endpoint.parse("host:http"))
        .hasMessage("'host:http' has port http; use 1 to 65535");
    assertThatThrownBy(() -> Endpoint.parse("::1:80"))
        .hasMessage("'::1:80' has an IPv6 host without brackets; write [::1]:port");
  }
}
