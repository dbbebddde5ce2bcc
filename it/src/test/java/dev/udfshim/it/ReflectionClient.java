package dev.udfshim.it;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor.Marshaller;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A client that knows nothing but the server's address: it learns the service and message shapes
 * through server reflection, as grpcurl does, and calls with dynamic messages.
 */
final class ReflectionClient {
  private final Channel channel;

  ReflectionClient(Channel channel) {
    this.channel = channel;
  }

  List<String> listServices() throws Exception {
    ServerReflectionResponse response =
        ask(ServerReflectionRequest.newBuilder().setListServices("").build());
    return response.getListServicesResponse().getServiceList().stream()
        .map(ServiceResponse::getName)
        .toList();
  }

  /**
   * Calls a unary method named {@code package.Service/Method} with a message whose bytes field is
   * set.
   */
  DynamicMessage call(String fullMethodName, String bytesField, byte[] value) throws Exception {
    String service = fullMethodName.substring(0, fullMethodName.indexOf('/'));
    String methodName = fullMethodName.substring(fullMethodName.indexOf('/') + 1);
    FileDescriptor file = fileContaining(service);
    MethodDescriptor method =
        file.findServiceByName(service.substring(service.lastIndexOf('.') + 1))
            .findMethodByName(methodName);
    Descriptor input = method.getInputType();
    DynamicMessage request =
        DynamicMessage.newBuilder(input)
            .setField(input.findFieldByName(bytesField), ByteString.copyFrom(value))
            .build();
    io.grpc.MethodDescriptor<DynamicMessage, DynamicMessage> grpcMethod =
        io.grpc.MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
            .setType(MethodType.UNARY)
            .setFullMethodName(fullMethodName)
            .setRequestMarshaller(marshaller(input))
            .setResponseMarshaller(marshaller(method.getOutputType()))
            .build();
    return ClientCalls.blockingUnaryCall(
        channel, grpcMethod, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), request);
  }

  private FileDescriptor fileContaining(String symbol) throws Exception {
    ServerReflectionResponse response =
        ask(ServerReflectionRequest.newBuilder().setFileContainingSymbol(symbol).build());
    Map<String, FileDescriptorProto> protos = new HashMap<>();
    FileDescriptorProto first = null;
    for (ByteString bytes : response.getFileDescriptorResponse().getFileDescriptorProtoList()) {
      FileDescriptorProto proto = FileDescriptorProto.parseFrom(bytes);
      protos.put(proto.getName(), proto);
      if (first == null) {
        first = proto;
      }
    }
    return build(first, protos, new HashMap<>());
  }

  private static FileDescriptor build(
      FileDescriptorProto proto,
      Map<String, FileDescriptorProto> all,
      Map<String, FileDescriptor> done)
      throws DescriptorValidationException {
    List<FileDescriptor> dependencies = new ArrayList<>();
    for (String dependency : proto.getDependencyList()) {
      FileDescriptor built = done.get(dependency);
      if (built == null) {
        built = build(all.get(dependency), all, done);
      }
      dependencies.add(built);
    }
    FileDescriptor file =
        FileDescriptor.buildFrom(proto, dependencies.toArray(FileDescriptor[]::new));
    done.put(proto.getName(), file);
    return file;
  }

  private ServerReflectionResponse ask(ServerReflectionRequest request) throws Exception {
    CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> requests =
        ServerReflectionGrpc.newStub(channel)
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .serverReflectionInfo(
                new StreamObserver<>() {
                  @Override
                  public void onNext(ServerReflectionResponse value) {
                    answer.complete(value);
                  }

                  @Override
                  public void onError(Throwable t) {
                    answer.completeExceptionally(t);
                  }

                  @Override
                  public void onCompleted() {
                    answer.completeExceptionally(new IllegalStateException("no answer"));
                  }
                });
    requests.onNext(request);
    requests.onCompleted();
    return answer.get(10, TimeUnit.SECONDS);
  }

  private static Marshaller<DynamicMessage> marshaller(Descriptor type) {
    return new Marshaller<>() {
      @Override
      public InputStream stream(DynamicMessage value) {
        return new ByteArrayInputStream(value.toByteArray());
      }

      @Override
      public DynamicMessage parse(InputStream stream) {
        try {
          return DynamicMessage.parseFrom(type, stream);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }
}
