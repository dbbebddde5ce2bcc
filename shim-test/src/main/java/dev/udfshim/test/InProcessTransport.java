package dev.udfshim.test;

import dev.udfshim.runtime.execution.ExecutionHandler;
import dev.udfshim.runtime.handler.BlockingReply;
import dev.udfshim.runtime.handler.Call;
import dev.udfshim.runtime.handler.HandlerException;
import dev.udfshim.runtime.server.HandlerHost;
import java.util.Map;

/** The execution handler in this JVM, hosted as the server hosts it: the same door for calls. */
final class InProcessTransport implements Transport {
  private final HandlerHost host;

  private InProcessTransport(HandlerHost host) {
    this.host = host;
  }

  static InProcessTransport open(Map<String, String> configVars) {
    HandlerHost host = new HandlerHost(new ExecutionHandler(), new ConfigVars(configVars));
    host.open(); // a failure is every call's answer, as on the server
    return new InProcessTransport(host);
  }

  @Override
  public byte[] invoke(byte[] payload) {
    BlockingReply reply = new BlockingReply();
    host.dispatch(payload, Call.UNBOUNDED, reply);
    try {
      return reply.await();
    } catch (HandlerException e) {
      throw new UdfCallException(e.getMessage());
    }
  }

  @Override
  public void close() {
    host.close();
  }
}
