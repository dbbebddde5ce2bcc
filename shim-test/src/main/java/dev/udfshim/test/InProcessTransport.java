package dev.udfshim.test;

import dev.udfshim.runtime.execution.ExecutionHandler;
import dev.udfshim.runtime.server.HandlerHost;
import java.util.Map;

/** The execution handler in this JVM, hosted as the server hosts it. */
final class InProcessTransport implements Transport {
  private final HandlerHost host;
  private final String openFailure;

  private InProcessTransport(HandlerHost host, String openFailure) {
    this.host = host;
    this.openFailure = openFailure;
  }

  static InProcessTransport open(Map<String, String> configVars) {
    HandlerHost host = new HandlerHost(new ExecutionHandler(), new ConfigVars(configVars));
    return new InProcessTransport(host, host.open());
  }

  @Override
  public byte[] invoke(byte[] payload) {
    try {
      return host.handle(payload);
    } catch (HandlerHost.HandlerFailure e) {
      throw new UdfCallException(e.getMessage());
    }
  }

  @Override
  public void close() {
    if (openFailure == null) {
      host.close();
    }
  }
}
