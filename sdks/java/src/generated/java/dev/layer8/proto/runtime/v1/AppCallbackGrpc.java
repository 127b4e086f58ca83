package dev.layer8.proto.runtime.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * AppCallback is implemented by the application, not by the sidecar.
 * The sidecar dials the app to learn its subscriptions and to deliver events.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class AppCallbackGrpc {

  private AppCallbackGrpc() {}

  public static final java.lang.String SERVICE_NAME = "spec.proto.runtime.v1.AppCallback";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<com.google.protobuf.Empty,
      dev.layer8.proto.runtime.v1.ListTopicSubscriptionsResponse> getListTopicSubscriptionsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListTopicSubscriptions",
      requestType = com.google.protobuf.Empty.class,
      responseType = dev.layer8.proto.runtime.v1.ListTopicSubscriptionsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.google.protobuf.Empty,
      dev.layer8.proto.runtime.v1.ListTopicSubscriptionsResponse> getListTopicSubscriptionsMethod() {
    io.grpc.MethodDescriptor<com.google.protobuf.Empty, dev.layer8.proto.runtime.v1.ListTopicSubscriptionsResponse> getListTopicSubscriptionsMethod;
    if ((getListTopicSubscriptionsMethod = AppCallbackGrpc.getListTopicSubscriptionsMethod) == null) {
      synchronized (AppCallbackGrpc.class) {
        if ((getListTopicSubscriptionsMethod = AppCallbackGrpc.getListTopicSubscriptionsMethod) == null) {
          AppCallbackGrpc.getListTopicSubscriptionsMethod = getListTopicSubscriptionsMethod =
              io.grpc.MethodDescriptor.<com.google.protobuf.Empty, dev.layer8.proto.runtime.v1.ListTopicSubscriptionsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListTopicSubscriptions"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.protobuf.Empty.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.ListTopicSubscriptionsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AppCallbackMethodDescriptorSupplier("ListTopicSubscriptions"))
              .build();
        }
      }
    }
    return getListTopicSubscriptionsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.TopicEventRequest,
      dev.layer8.proto.runtime.v1.TopicEventResponse> getOnTopicEventMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "OnTopicEvent",
      requestType = dev.layer8.proto.runtime.v1.TopicEventRequest.class,
      responseType = dev.layer8.proto.runtime.v1.TopicEventResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.TopicEventRequest,
      dev.layer8.proto.runtime.v1.TopicEventResponse> getOnTopicEventMethod() {
    io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.TopicEventRequest, dev.layer8.proto.runtime.v1.TopicEventResponse> getOnTopicEventMethod;
    if ((getOnTopicEventMethod = AppCallbackGrpc.getOnTopicEventMethod) == null) {
      synchronized (AppCallbackGrpc.class) {
        if ((getOnTopicEventMethod = AppCallbackGrpc.getOnTopicEventMethod) == null) {
          AppCallbackGrpc.getOnTopicEventMethod = getOnTopicEventMethod =
              io.grpc.MethodDescriptor.<dev.layer8.proto.runtime.v1.TopicEventRequest, dev.layer8.proto.runtime.v1.TopicEventResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "OnTopicEvent"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.TopicEventRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.TopicEventResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AppCallbackMethodDescriptorSupplier("OnTopicEvent"))
              .build();
        }
      }
    }
    return getOnTopicEventMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static AppCallbackStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AppCallbackStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AppCallbackStub>() {
        @java.lang.Override
        public AppCallbackStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AppCallbackStub(channel, callOptions);
        }
      };
    return AppCallbackStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static AppCallbackBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AppCallbackBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AppCallbackBlockingV2Stub>() {
        @java.lang.Override
        public AppCallbackBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AppCallbackBlockingV2Stub(channel, callOptions);
        }
      };
    return AppCallbackBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static AppCallbackBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AppCallbackBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AppCallbackBlockingStub>() {
        @java.lang.Override
        public AppCallbackBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AppCallbackBlockingStub(channel, callOptions);
        }
      };
    return AppCallbackBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static AppCallbackFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AppCallbackFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AppCallbackFutureStub>() {
        @java.lang.Override
        public AppCallbackFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AppCallbackFutureStub(channel, callOptions);
        }
      };
    return AppCallbackFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * AppCallback is implemented by the application, not by the sidecar.
   * The sidecar dials the app to learn its subscriptions and to deliver events.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Asks the app which pubsub topics it wants to receive.
     * </pre>
     */
    default void listTopicSubscriptions(com.google.protobuf.Empty request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.ListTopicSubscriptionsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListTopicSubscriptionsMethod(), responseObserver);
    }

    /**
     * <pre>
     * Delivers one pubsub event to the app; the reply tells the sidecar how to settle it.
     * </pre>
     */
    default void onTopicEvent(dev.layer8.proto.runtime.v1.TopicEventRequest request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.TopicEventResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getOnTopicEventMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service AppCallback.
   * <pre>
   * AppCallback is implemented by the application, not by the sidecar.
   * The sidecar dials the app to learn its subscriptions and to deliver events.
   * </pre>
   */
  public static abstract class AppCallbackImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return AppCallbackGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service AppCallback.
   * <pre>
   * AppCallback is implemented by the application, not by the sidecar.
   * The sidecar dials the app to learn its subscriptions and to deliver events.
   * </pre>
   */
  public static final class AppCallbackStub
      extends io.grpc.stub.AbstractAsyncStub<AppCallbackStub> {
    private AppCallbackStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AppCallbackStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AppCallbackStub(channel, callOptions);
    }

    /**
     * <pre>
     * Asks the app which pubsub topics it wants to receive.
     * </pre>
     */
    public void listTopicSubscriptions(com.google.protobuf.Empty request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.ListTopicSubscriptionsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListTopicSubscriptionsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Delivers one pubsub event to the app; the reply tells the sidecar how to settle it.
     * </pre>
     */
    public void onTopicEvent(dev.layer8.proto.runtime.v1.TopicEventRequest request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.TopicEventResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getOnTopicEventMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service AppCallback.
   * <pre>
   * AppCallback is implemented by the application, not by the sidecar.
   * The sidecar dials the app to learn its subscriptions and to deliver events.
   * </pre>
   */
  public static final class AppCallbackBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<AppCallbackBlockingV2Stub> {
    private AppCallbackBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AppCallbackBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AppCallbackBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Asks the app which pubsub topics it wants to receive.
     * </pre>
     */
    public dev.layer8.proto.runtime.v1.ListTopicSubscriptionsResponse listTopicSubscriptions(com.google.protobuf.Empty request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListTopicSubscriptionsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Delivers one pubsub event to the app; the reply tells the sidecar how to settle it.
     * </pre>
     */
    public dev.layer8.proto.runtime.v1.TopicEventResponse onTopicEvent(dev.layer8.proto.runtime.v1.TopicEventRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getOnTopicEventMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service AppCallback.
   * <pre>
   * AppCallback is implemented by the application, not by the sidecar.
   * The sidecar dials the app to learn its subscriptions and to deliver events.
   * </pre>
   */
  public static final class AppCallbackBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<AppCallbackBlockingStub> {
    private AppCallbackBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AppCallbackBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AppCallbackBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Asks the app which pubsub topics it wants to receive.
     * </pre>
     */
    public dev.layer8.proto.runtime.v1.ListTopicSubscriptionsResponse listTopicSubscriptions(com.google.protobuf.Empty request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListTopicSubscriptionsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Delivers one pubsub event to the app; the reply tells the sidecar how to settle it.
     * </pre>
     */
    public dev.layer8.proto.runtime.v1.TopicEventResponse onTopicEvent(dev.layer8.proto.runtime.v1.TopicEventRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getOnTopicEventMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service AppCallback.
   * <pre>
   * AppCallback is implemented by the application, not by the sidecar.
   * The sidecar dials the app to learn its subscriptions and to deliver events.
   * </pre>
   */
  public static final class AppCallbackFutureStub
      extends io.grpc.stub.AbstractFutureStub<AppCallbackFutureStub> {
    private AppCallbackFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AppCallbackFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AppCallbackFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Asks the app which pubsub topics it wants to receive.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.layer8.proto.runtime.v1.ListTopicSubscriptionsResponse> listTopicSubscriptions(
        com.google.protobuf.Empty request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListTopicSubscriptionsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Delivers one pubsub event to the app; the reply tells the sidecar how to settle it.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.layer8.proto.runtime.v1.TopicEventResponse> onTopicEvent(
        dev.layer8.proto.runtime.v1.TopicEventRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getOnTopicEventMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_LIST_TOPIC_SUBSCRIPTIONS = 0;
  private static final int METHODID_ON_TOPIC_EVENT = 1;

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
        case METHODID_LIST_TOPIC_SUBSCRIPTIONS:
          serviceImpl.listTopicSubscriptions((com.google.protobuf.Empty) request,
              (io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.ListTopicSubscriptionsResponse>) responseObserver);
          break;
        case METHODID_ON_TOPIC_EVENT:
          serviceImpl.onTopicEvent((dev.layer8.proto.runtime.v1.TopicEventRequest) request,
              (io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.TopicEventResponse>) responseObserver);
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
          getListTopicSubscriptionsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              com.google.protobuf.Empty,
              dev.layer8.proto.runtime.v1.ListTopicSubscriptionsResponse>(
                service, METHODID_LIST_TOPIC_SUBSCRIPTIONS)))
        .addMethod(
          getOnTopicEventMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.layer8.proto.runtime.v1.TopicEventRequest,
              dev.layer8.proto.runtime.v1.TopicEventResponse>(
                service, METHODID_ON_TOPIC_EVENT)))
        .build();
  }

  private static abstract class AppCallbackBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    AppCallbackBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.layer8.proto.runtime.v1.AppcallbackProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("AppCallback");
    }
  }

  private static final class AppCallbackFileDescriptorSupplier
      extends AppCallbackBaseDescriptorSupplier {
    AppCallbackFileDescriptorSupplier() {}
  }

  private static final class AppCallbackMethodDescriptorSupplier
      extends AppCallbackBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    AppCallbackMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (AppCallbackGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new AppCallbackFileDescriptorSupplier())
              .addMethod(getListTopicSubscriptionsMethod())
              .addMethod(getOnTopicEventMethod())
              .build();
        }
      }
    }
    return result;
  }
}
