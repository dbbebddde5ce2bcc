package dev.udfshim.flink.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointsTest {
  @Test
  void oneServerSeveralOrADnsName() {
    Endpoints one = Endpoints.parse("localhost:50051");
    assertThat(one.addresses()).containsExactly(new Endpoint("localhost", 50051));
    assertThat(one.several()).isFalse();
    assertThat(one).hasToString("localhost:50051");

    Endpoints three = Endpoints.parse("10.0.0.5:1, 10.0.0.6:2,[::1]:3");
    assertThat(three.addresses())
        .containsExactly(
            new Endpoint("10.0.0.5", 1), new Endpoint("10.0.0.6", 2), new Endpoint("::1", 3));
    assertThat(three.several()).isTrue();
    assertThat(three).hasToString("10.0.0.5:1,10.0.0.6:2,[::1]:3");
    assertThat(three.target(false))
        .isEqualTo("shim-list:///10.0.0.5:1,10.0.0.6:2,%5B::1%5D:3")
        .doesNotContain("[");
    assertThat(three.target(true)).endsWith("?one-authority");

    Endpoints dns = Endpoints.parse("dns:///shim.udfs.svc.cluster.local:50051");
    assertThat(dns.addresses()).isEmpty();
    assertThat(dns.several()).isTrue();
    assertThat(dns.port()).isEqualTo(50051);
    assertThat(dns.target(false)).isEqualTo("dns:///shim.udfs.svc.cluster.local:50051");
  }

  @Test
  void refusesWhatIsNotAServerList() {
    assertThatThrownBy(() -> Endpoints.parse("a:1,a:1")).hasMessage("'a:1,a:1' lists a:1 twice");
    assertThatThrownBy(() -> Endpoints.parse("a:1,"))
        .hasMessage("'' is not host:port (e.g. localhost:50051)");
    assertThatThrownBy(() -> Endpoints.parse("dns:shim"))
        .hasMessageStartingWith("'dns:shim' is not a DNS target; write dns:///<name>:<port>");
    assertThatThrownBy(() -> Endpoints.parse("dns:///shim"))
        .hasMessage("'shim' is not host:port (e.g. localhost:50051)");
  }

  @Test
  void theListResolverFindsEveryServerOfItsTarget() {
    String target = Endpoints.parse("127.0.0.1:1,[::1]:2").target(false);
    assertThat(
            io.grpc.NameResolverRegistry.getDefaultRegistry()
                .getProviderForScheme(StaticResolver.SCHEME))
        .isNotNull();
    assertThat(List.of(target.split(":///")[1].split("\\?")[0].split(","))).hasSize(2);
  }
}
