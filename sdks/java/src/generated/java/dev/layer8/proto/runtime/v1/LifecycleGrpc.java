package dev.layer8.proto.runtime.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Lifecycle lets an operator change component configuration on a running sidecar.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class LifecycleGrpc {

  private LifecycleGrpc() {}

  public static final java.lang.String SERVICE_NAME = "spec.proto.runtime.v1.Lifecycle";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.DynamicConfiguration,
      dev.layer8.proto.runtime.v1.ApplyConfigurationResponse> getApplyConfigurationMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ApplyConfiguration",
      requestType = dev.layer8.proto.runtime.v1.DynamicConfiguration.class,
      responseType = dev.layer8.proto.runtime.v1.ApplyConfigurationResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.DynamicConfiguration,
      dev.layer8.proto.runtime.v1.ApplyConfigurationResponse> getApplyConfigurationMethod() {
    io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.DynamicConfiguration, dev.layer8.proto.runtime.v1.ApplyConfigurationResponse> getApplyConfigurationMethod;
    if ((getApplyConfigurationMethod = LifecycleGrpc.getApplyConfigurationMethod) == null) {
      synchronized (LifecycleGrpc.class) {
        if ((getApplyConfigurationMethod = LifecycleGrpc.getApplyConfigurationMethod) == null) {
          LifecycleGrpc.getApplyConfigurationMethod = getApplyConfigurationMethod =
              io.grpc.MethodDescriptor.<dev.layer8.proto.runtime.v1.DynamicConfiguration, dev.layer8.proto.runtime.v1.ApplyConfigurationResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ApplyConfiguration"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.DynamicConfiguration.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.ApplyConfigurationResponse.getDefaultInstance()))
              .setSchemaDescriptor(new LifecycleMethodDescriptorSupplier("ApplyConfiguration"))
              .build();
        }
      }
    }
    return getApplyConfigurationMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static LifecycleStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<LifecycleStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<LifecycleStub>() {
        @java.lang.Override
        public LifecycleStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new LifecycleStub(channel, callOptions);
        }
      };
    return LifecycleStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static LifecycleBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<LifecycleBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<LifecycleBlockingV2Stub>() {
        @java.lang.Override
        public LifecycleBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new LifecycleBlockingV2Stub(channel, callOptions);
        }
      };
    return LifecycleBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static LifecycleBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<LifecycleBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<LifecycleBlockingStub>() {
        @java.lang.Override
        public LifecycleBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new LifecycleBlockingStub(channel, callOptions);
        }
      };
    return LifecycleBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static LifecycleFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<LifecycleFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<LifecycleFutureStub>() {
        @java.lang.Override
        public LifecycleFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new LifecycleFutureStub(channel, callOptions);
        }
      };
    return LifecycleFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Lifecycle lets an operator change component configuration on a running sidecar.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Applies a new configuration to one component without restarting the sidecar.
     * </pre>
     */
    default void applyConfiguration(dev.layer8.proto.runtime.v1.DynamicConfiguration request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.ApplyConfigurationResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getApplyConfigurationMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service Lifecycle.
   * <pre>
   * Lifecycle lets an operator change component configuration on a running sidecar.
   * </pre>
   */
  public static abstract class LifecycleImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return LifecycleGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service Lifecycle.
   * <pre>
   * Lifecycle lets an operator change component configuration on a running sidecar.
   * </pre>
   */
  public static final class LifecycleStub
      extends io.grpc.stub.AbstractAsyncStub<LifecycleStub> {
    private LifecycleStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected LifecycleStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new LifecycleStub(channel, callOptions);
    }

    /**
     * <pre>
     * Applies a new configuration to one component without restarting the sidecar.
     * </pre>
     */
    public void applyConfiguration(dev.layer8.proto.runtime.v1.DynamicConfiguration request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.ApplyConfigurationResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getApplyConfigurationMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service Lifecycle.
   * <pre>
   * Lifecycle lets an operator change component configuration on a running sidecar.
   * </pre>
   */
  public static final class LifecycleBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<LifecycleBlockingV2Stub> {
    private LifecycleBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected LifecycleBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new LifecycleBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Applies a new configuration to one component without restarting the sidecar.
     * </pre>
     */
    public dev.layer8.proto.runtime.v1.ApplyConfigurationResponse applyConfiguration(dev.layer8.proto.runtime.v1.DynamicConfiguration request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getApplyConfigurationMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service Lifecycle.
   * <pre>
   * Lifecycle lets an operator change component configuration on a running sidecar.
   * </pre>
   */
  public static final class LifecycleBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<LifecycleBlockingStub> {
    private LifecycleBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected LifecycleBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new LifecycleBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Applies a new configuration to one component without restarting the sidecar.
     * </pre>
     */
    public dev.layer8.proto.runtime.v1.ApplyConfigurationResponse applyConfiguration(dev.layer8.proto.runtime.v1.DynamicConfiguration request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getApplyConfigurationMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service Lifecycle.
   * <pre>
   * Lifecycle lets an operator change component configuration on a running sidecar.
   * </pre>
   */
  public static final class LifecycleFutureStub
      extends io.grpc.stub.AbstractFutureStub<LifecycleFutureStub> {
    private LifecycleFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected LifecycleFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new LifecycleFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Applies a new configuration to one component without restarting the sidecar.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.layer8.proto.runtime.v1.ApplyConfigurationResponse> applyConfiguration(
        dev.layer8.proto.runtime.v1.DynamicConfiguration request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getApplyConfigurationMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_APPLY_CONFIGURATION = 0;

  private static final class MethodHandlers<Req, Resp> implements
      io.grpc.stub.ServerCalls.UnaryMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ServerStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ClientStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.BidiStreamingMethod<Req, Resp> {
    private final AsyncService serviceImpl;
    private final int methodId;

    MethodHandlers(AsyncService serviceImpl, int methodId) {
      this.serviceImpl = serviceImpl;
      this.methodId = methodId;
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_APPLY_CONFIGURATION:
          serviceImpl.applyConfiguration((dev.layer8.proto.runtime.v1.DynamicConfiguration) request,
              (io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.ApplyConfigurationResponse>) responseObserver);
          break;
        default:
          throw new AssertionError();
      }
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public io.grpc.stub.StreamObserver<Req> invoke(
        io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getApplyConfigurationMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.layer8.proto.runtime.v1.DynamicConfiguration,
              dev.layer8.proto.runtime.v1.ApplyConfigurationResponse>(
                service, METHODID_APPLY_CONFIGURATION)))
        .build();
  }

  private static abstract class LifecycleBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    LifecycleBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.layer8.proto.runtime.v1.LifecycleProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("Lifecycle");
    }
  }

  private static final class LifecycleFileDescriptorSupplier
      extends LifecycleBaseDescriptorSupplier {
    LifecycleFileDescriptorSupplier() {}
  }

  private static final class LifecycleMethodDescriptorSupplier
      extends LifecycleBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    LifecycleMethodDescriptorSupplier(java.lang.String methodName) {
      this.methodName = methodName;
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.MethodDescriptor getMethodDescriptor() {
      return getServiceDescriptor().findMethodByName(methodName);
    }
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (LifecycleGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new LifecycleFileDescriptorSupplier())
              .addMethod(getApplyConfigurationMethod())
              .build();
        }
      }
    }
    return result;
  }
}
