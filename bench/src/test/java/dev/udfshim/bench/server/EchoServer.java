package dev.udfshim.bench.server;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import secure.compute.function.runtime.v2.FunctionRuntimeGrpc;
import secure.compute.function.runtime.v2.InvokeRequest;
import secure.compute.function.runtime.v2.InvokeResponse;

/**
 * The baseline of the cold-start benchmark: a bare grpc-java server with the platform's one method,
 * answering every Invoke with its own payload. Nothing else: no handler, no Flink, no reflection or
 * health service, no logging.
 *
 * <pre>EchoServer PORT</pre>
 */
public final class EchoServer {
  private EchoServer() {}

  public static void main(String[] args) throws Exception {
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])))
            .addService(
                new FunctionRuntimeGrpc.FunctionRuntimeImplBase() {
                  @Override
                  public void invoke(
                      InvokeRequest request, StreamObserver<InvokeResponse> response) {
                    response.onNext(
                        InvokeResponse.newBuilder().setPayload(request.getPayload()).build());
                    response.onCompleted();
                  }
                })
            .build()
            .start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
    server.awaitTermination();
  }
}
