package dev.layer8.proto.runtime.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Runtime is the sidecar API that applications call. Each group of rpcs is one
 * building block backed by a named component (store, pubsub, binding, ...).
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class RuntimeGrpc {

  private RuntimeGrpc() {}

  public static final java.lang.String SERVICE_NAME = "spec.proto.runtime.v1.Runtime";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.SayHelloRequest,
      dev.layer8.proto.runtime.v1.SayHelloResponse> getSayHelloMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SayHello",
      requestType = dev.layer8.proto.runtime.v1.SayHelloRequest.class,
      responseType = dev.layer8.proto.runtime.v1.SayHelloResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.SayHelloRequest,
      dev.layer8.proto.runtime.v1.SayHelloResponse> getSayHelloMethod() {
    io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.SayHelloRequest, dev.layer8.proto.runtime.v1.SayHelloResponse> getSayHelloMethod;
    if ((getSayHelloMethod = RuntimeGrpc.getSayHelloMethod) == null) {
      synchronized (RuntimeGrpc.class) {
        if ((getSayHelloMethod = RuntimeGrpc.getSayHelloMethod) == null) {
          RuntimeGrpc.getSayHelloMethod = getSayHelloMethod =
              io.grpc.MethodDescriptor.<dev.layer8.proto.runtime.v1.SayHelloRequest, dev.layer8.proto.runtime.v1.SayHelloResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SayHello"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.SayHelloRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.SayHelloResponse.getDefaultInstance()))
              .setSchemaDescriptor(new RuntimeMethodDescriptorSupplier("SayHello"))
              .build();
        }
      }
    }
    return getSayHelloMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.InvokeServiceRequest,
      dev.layer8.proto.runtime.v1.InvokeResponse> getInvokeServiceMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "InvokeService",
      requestType = dev.layer8.proto.runtime.v1.InvokeServiceRequest.class,
      responseType = dev.layer8.proto.runtime.v1.InvokeResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.InvokeServiceRequest,
      dev.layer8.proto.runtime.v1.InvokeResponse> getInvokeServiceMethod() {
    io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.InvokeServiceRequest, dev.layer8.proto.runtime.v1.InvokeResponse> getInvokeServiceMethod;
    if ((getInvokeServiceMethod = RuntimeGrpc.getInvokeServiceMethod) == null) {
      synchronized (RuntimeGrpc.class) {
        if ((getInvokeServiceMethod = RuntimeGrpc.getInvokeServiceMethod) == null) {
          RuntimeGrpc.getInvokeServiceMethod = getInvokeServiceMethod =
              io.grpc.MethodDescriptor.<dev.layer8.proto.runtime.v1.InvokeServiceRequest, dev.layer8.proto.runtime.v1.InvokeResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "InvokeService"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.InvokeServiceRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.InvokeResponse.getDefaultInstance()))
              .setSchemaDescriptor(new RuntimeMethodDescriptorSupplier("InvokeService"))
              .build();
        }
      }
    }
    return getInvokeServiceMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.GetConfigurationRequest,
      dev.layer8.proto.runtime.v1.GetConfigurationResponse> getGetConfigurationMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetConfiguration",
      requestType = dev.layer8.proto.runtime.v1.GetConfigurationRequest.class,
      responseType = dev.layer8.proto.runtime.v1.GetConfigurationResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.GetConfigurationRequest,
      dev.layer8.proto.runtime.v1.GetConfigurationResponse> getGetConfigurationMethod() {
    io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.GetConfigurationRequest, dev.layer8.proto.runtime.v1.GetConfigurationResponse> getGetConfigurationMethod;
    if ((getGetConfigurationMethod = RuntimeGrpc.getGetConfigurationMethod) == null) {
      synchronized (RuntimeGrpc.class) {
        if ((getGetConfigurationMethod = RuntimeGrpc.getGetConfigurationMethod) == null) {
          RuntimeGrpc.getGetConfigurationMethod = getGetConfigurationMethod =
              io.grpc.MethodDescriptor.<dev.layer8.proto.runtime.v1.GetConfigurationRequest, dev.layer8.proto.runtime.v1.GetConfigurationResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetConfiguration"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.GetConfigurationRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.GetConfigurationResponse.getDefaultInstance()))
              .setSchemaDescriptor(new RuntimeMethodDescriptorSupplier("GetConfiguration"))
              .build();
        }
      }
    }
    return getGetConfigurationMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.SaveConfigurationRequest,
      com.google.protobuf.Empty> getSaveConfigurationMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SaveConfiguration",
      requestType = dev.layer8.proto.runtime.v1.SaveConfigurationRequest.class,
      responseType = com.google.protobuf.Empty.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.SaveConfigurationRequest,
      com.google.protobuf.Empty> getSaveConfigurationMethod() {
    io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.SaveConfigurationRequest, com.google.protobuf.Empty> getSaveConfigurationMethod;
    if ((getSaveConfigurationMethod = RuntimeGrpc.getSaveConfigurationMethod) == null) {
      synchronized (RuntimeGrpc.class) {
        if ((getSaveConfigurationMethod = RuntimeGrpc.getSaveConfigurationMethod) == null) {
          RuntimeGrpc.getSaveConfigurationMethod = getSaveConfigurationMethod =
              io.grpc.MethodDescriptor.<dev.layer8.proto.runtime.v1.SaveConfigurationRequest, com.google.protobuf.Empty>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SaveConfiguration"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.SaveConfigurationRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.protobuf.Empty.getDefaultInstance()))
              .setSchemaDescriptor(new RuntimeMethodDescriptorSupplier("SaveConfiguration"))
              .build();
        }
      }
    }
    return getSaveConfigurationMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.DeleteConfigurationRequest,
      com.google.protobuf.Empty> getDeleteConfigurationMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DeleteConfiguration",
      requestType = dev.layer8.proto.runtime.v1.DeleteConfigurationRequest.class,
      responseType = com.google.protobuf.Empty.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.DeleteConfigurationRequest,
      com.google.protobuf.Empty> getDeleteConfigurationMethod() {
    io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.DeleteConfigurationRequest, com.google.protobuf.Empty> getDeleteConfigurationMethod;
    if ((getDeleteConfigurationMethod = RuntimeGrpc.getDeleteConfigurationMethod) == null) {
      synchronized (RuntimeGrpc.class) {
        if ((getDeleteConfigurationMethod = RuntimeGrpc.getDeleteConfigurationMethod) == null) {
          RuntimeGrpc.getDeleteConfigurationMethod = getDeleteConfigurationMethod =
              io.grpc.MethodDescriptor.<dev.layer8.proto.runtime.v1.DeleteConfigurationRequest, com.google.protobuf.Empty>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DeleteConfiguration"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.DeleteConfigurationRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.protobuf.Empty.getDefaultInstance()))
              .setSchemaDescriptor(new RuntimeMethodDescriptorSupplier("DeleteConfiguration"))
              .build();
        }
      }
    }
    return getDeleteConfigurationMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.SubscribeConfigurationRequest,
      dev.layer8.proto.runtime.v1.SubscribeConfigurationResponse> getSubscribeConfigurationMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SubscribeConfiguration",
      requestType = dev.layer8.proto.runtime.v1.SubscribeConfigurationRequest.class,
      responseType = dev.layer8.proto.runtime.v1.SubscribeConfigurationResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
  public static io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.SubscribeConfigurationRequest,
      dev.layer8.proto.runtime.v1.SubscribeConfigurationResponse> getSubscribeConfigurationMethod() {
    io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.SubscribeConfigurationRequest, dev.layer8.proto.runtime.v1.SubscribeConfigurationResponse> getSubscribeConfigurationMethod;
    if ((getSubscribeConfigurationMethod = RuntimeGrpc.getSubscribeConfigurationMethod) == null) {
      synchronized (RuntimeGrpc.class) {
        if ((getSubscribeConfigurationMethod = RuntimeGrpc.getSubscribeConfigurationMethod) == null) {
          RuntimeGrpc.getSubscribeConfigurationMethod = getSubscribeConfigurationMethod =
              io.grpc.MethodDescriptor.<dev.layer8.proto.runtime.v1.SubscribeConfigurationRequest, dev.layer8.proto.runtime.v1.SubscribeConfigurationResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SubscribeConfiguration"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.SubscribeConfigurationRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.SubscribeConfigurationResponse.getDefaultInstance()))
              .setSchemaDescriptor(new RuntimeMethodDescriptorSupplier("SubscribeConfiguration"))
              .build();
        }
      }
    }
    return getSubscribeConfigurationMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.TryLockRequest,
      dev.layer8.proto.runtime.v1.TryLockResponse> getTryLockMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "TryLock",
      requestType = dev.layer8.proto.runtime.v1.TryLockRequest.class,
      responseType = dev.layer8.proto.runtime.v1.TryLockResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.TryLockRequest,
      dev.layer8.proto.runtime.v1.TryLockResponse> getTryLockMethod() {
    io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.TryLockRequest, dev.layer8.proto.runtime.v1.TryLockResponse> getTryLockMethod;
    if ((getTryLockMethod = RuntimeGrpc.getTryLockMethod) == null) {
      synchronized (RuntimeGrpc.class) {
        if ((getTryLockMethod = RuntimeGrpc.getTryLockMethod) == null) {
          RuntimeGrpc.getTryLockMethod = getTryLockMethod =
              io.grpc.MethodDescriptor.<dev.layer8.proto.runtime.v1.TryLockRequest, dev.layer8.proto.runtime.v1.TryLockResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "TryLock"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.TryLockRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.TryLockResponse.getDefaultInstance()))
              .setSchemaDescriptor(new RuntimeMethodDescriptorSupplier("TryLock"))
              .build();
        }
      }
    }
    return getTryLockMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.UnlockRequest,
      dev.layer8.proto.runtime.v1.UnlockResponse> getUnlockMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Unlock",
      requestType = dev.layer8.proto.runtime.v1.UnlockRequest.class,
      responseType = dev.layer8.proto.runtime.v1.UnlockResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.UnlockRequest,
      dev.layer8.proto.runtime.v1.UnlockResponse> getUnlockMethod() {
    io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.UnlockRequest, dev.layer8.proto.runtime.v1.UnlockResponse> getUnlockMethod;
    if ((getUnlockMethod = RuntimeGrpc.getUnlockMethod) == null) {
      synchronized (RuntimeGrpc.class) {
        if ((getUnlockMethod = RuntimeGrpc.getUnlockMethod) == null) {
          RuntimeGrpc.getUnlockMethod = getUnlockMethod =
              io.grpc.MethodDescriptor.<dev.layer8.proto.runtime.v1.UnlockRequest, dev.layer8.proto.runtime.v1.UnlockResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Unlock"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.UnlockRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.UnlockResponse.getDefaultInstance()))
              .setSchemaDescriptor(new RuntimeMethodDescriptorSupplier("Unlock"))
              .build();
        }
      }
    }
    return getUnlockMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.LockKeepAliveRequest,
      dev.layer8.proto.runtime.v1.LockKeepAliveResponse> getLockKeepAliveMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "LockKeepAlive",
      requestType = dev.layer8.proto.runtime.v1.LockKeepAliveRequest.class,
      responseType = dev.layer8.proto.runtime.v1.LockKeepAliveResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.LockKeepAliveRequest,
      dev.layer8.proto.runtime.v1.LockKeepAliveResponse> getLockKeepAliveMethod() {
    io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.LockKeepAliveRequest, dev.layer8.proto.runtime.v1.LockKeepAliveResponse> getLockKeepAliveMethod;
    if ((getLockKeepAliveMethod = RuntimeGrpc.getLockKeepAliveMethod) == null) {
      synchronized (RuntimeGrpc.class) {
        if ((getLockKeepAliveMethod = RuntimeGrpc.getLockKeepAliveMethod) == null) {
          RuntimeGrpc.getLockKeepAliveMethod = getLockKeepAliveMethod =
              io.grpc.MethodDescriptor.<dev.layer8.proto.runtime.v1.LockKeepAliveRequest, dev.layer8.proto.runtime.v1.LockKeepAliveResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "LockKeepAlive"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.LockKeepAliveRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.LockKeepAliveResponse.getDefaultInstance()))
              .setSchemaDescriptor(new RuntimeMethodDescriptorSupplier("LockKeepAlive"))
              .build();
        }
      }
    }
    return getLockKeepAliveMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.GetNextIdRequest,
      dev.layer8.proto.runtime.v1.GetNextIdResponse> getGetNextIdMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetNextId",
      requestType = dev.layer8.proto.runtime.v1.GetNextIdRequest.class,
      responseType = dev.layer8.proto.runtime.v1.GetNextIdResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.GetNextIdRequest,
      dev.layer8.proto.runtime.v1.GetNextIdResponse> getGetNextIdMethod() {
    io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.GetNextIdRequest, dev.layer8.proto.runtime.v1.GetNextIdResponse> getGetNextIdMethod;
    if ((getGetNextIdMethod = RuntimeGrpc.getGetNextIdMethod) == null) {
      synchronized (RuntimeGrpc.class) {
        if ((getGetNextIdMethod = RuntimeGrpc.getGetNextIdMethod) == null) {
          RuntimeGrpc.getGetNextIdMethod = getGetNextIdMethod =
              io.grpc.MethodDescriptor.<dev.layer8.proto.runtime.v1.GetNextIdRequest, dev.layer8.proto.runtime.v1.GetNextIdResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetNextId"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.GetNextIdRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.GetNextIdResponse.getDefaultInstance()))
              .setSchemaDescriptor(new RuntimeMethodDescriptorSupplier("GetNextId"))
              .build();
        }
      }
    }
    return getGetNextIdMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.GetStateRequest,
      dev.layer8.proto.runtime.v1.GetStateResponse> getGetStateMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetState",
      requestType = dev.layer8.proto.runtime.v1.GetStateRequest.class,
      responseType = dev.layer8.proto.runtime.v1.GetStateResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.GetStateRequest,
      dev.layer8.proto.runtime.v1.GetStateResponse> getGetStateMethod() {
    io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.GetStateRequest, dev.layer8.proto.runtime.v1.GetStateResponse> getGetStateMethod;
    if ((getGetStateMethod = RuntimeGrpc.getGetStateMethod) == null) {
      synchronized (RuntimeGrpc.class) {
        if ((getGetStateMethod = RuntimeGrpc.getGetStateMethod) == null) {
          RuntimeGrpc.getGetStateMethod = getGetStateMethod =
              io.grpc.MethodDescriptor.<dev.layer8.proto.runtime.v1.GetStateRequest, dev.layer8.proto.runtime.v1.GetStateResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetState"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.GetStateRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.GetStateResponse.getDefaultInstance()))
              .setSchemaDescriptor(new RuntimeMethodDescriptorSupplier("GetState"))
              .build();
        }
      }
    }
    return getGetStateMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.GetBulkStateRequest,
      dev.layer8.proto.runtime.v1.GetBulkStateResponse> getGetBulkStateMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetBulkState",
      requestType = dev.layer8.proto.runtime.v1.GetBulkStateRequest.class,
      responseType = dev.layer8.proto.runtime.v1.GetBulkStateResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.GetBulkStateRequest,
      dev.layer8.proto.runtime.v1.GetBulkStateResponse> getGetBulkStateMethod() {
    io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.GetBulkStateRequest, dev.layer8.proto.runtime.v1.GetBulkStateResponse> getGetBulkStateMethod;
    if ((getGetBulkStateMethod = RuntimeGrpc.getGetBulkStateMethod) == null) {
      synchronized (RuntimeGrpc.class) {
        if ((getGetBulkStateMethod = RuntimeGrpc.getGetBulkStateMethod) == null) {
          RuntimeGrpc.getGetBulkStateMethod = getGetBulkStateMethod =
              io.grpc.MethodDescriptor.<dev.layer8.proto.runtime.v1.GetBulkStateRequest, dev.layer8.proto.runtime.v1.GetBulkStateResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetBulkState"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.GetBulkStateRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.GetBulkStateResponse.getDefaultInstance()))
              .setSchemaDescriptor(new RuntimeMethodDescriptorSupplier("GetBulkState"))
              .build();
        }
      }
    }
    return getGetBulkStateMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.SaveStateRequest,
      com.google.protobuf.Empty> getSaveStateMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SaveState",
      requestType = dev.layer8.proto.runtime.v1.SaveStateRequest.class,
      responseType = com.google.protobuf.Empty.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.SaveStateRequest,
      com.google.protobuf.Empty> getSaveStateMethod() {
    io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.SaveStateRequest, com.google.protobuf.Empty> getSaveStateMethod;
    if ((getSaveStateMethod = RuntimeGrpc.getSaveStateMethod) == null) {
      synchronized (RuntimeGrpc.class) {
        if ((getSaveStateMethod = RuntimeGrpc.getSaveStateMethod) == null) {
          RuntimeGrpc.getSaveStateMethod = getSaveStateMethod =
              io.grpc.MethodDescriptor.<dev.layer8.proto.runtime.v1.SaveStateRequest, com.google.protobuf.Empty>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SaveState"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.SaveStateRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.protobuf.Empty.getDefaultInstance()))
              .setSchemaDescriptor(new RuntimeMethodDescriptorSupplier("SaveState"))
              .build();
        }
      }
    }
    return getSaveStateMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.DeleteStateRequest,
      com.google.protobuf.Empty> getDeleteStateMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DeleteState",
      requestType = dev.layer8.proto.runtime.v1.DeleteStateRequest.class,
      responseType = com.google.protobuf.Empty.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.DeleteStateRequest,
      com.google.protobuf.Empty> getDeleteStateMethod() {
    io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.DeleteStateRequest, com.google.protobuf.Empty> getDeleteStateMethod;
    if ((getDeleteStateMethod = RuntimeGrpc.getDeleteStateMethod) == null) {
      synchronized (RuntimeGrpc.class) {
        if ((getDeleteStateMethod = RuntimeGrpc.getDeleteStateMethod) == null) {
          RuntimeGrpc.getDeleteStateMethod = getDeleteStateMethod =
              io.grpc.MethodDescriptor.<dev.layer8.proto.runtime.v1.DeleteStateRequest, com.google.protobuf.Empty>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DeleteState"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.DeleteStateRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.protobuf.Empty.getDefaultInstance()))
              .setSchemaDescriptor(new RuntimeMethodDescriptorSupplier("DeleteState"))
              .build();
        }
      }
    }
    return getDeleteStateMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.DeleteBulkStateRequest,
      com.google.protobuf.Empty> getDeleteBulkStateMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DeleteBulkState",
      requestType = dev.layer8.proto.runtime.v1.DeleteBulkStateRequest.class,
      responseType = com.google.protobuf.Empty.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.DeleteBulkStateRequest,
      com.google.protobuf.Empty> getDeleteBulkStateMethod() {
    io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.DeleteBulkStateRequest, com.google.protobuf.Empty> getDeleteBulkStateMethod;
    if ((getDeleteBulkStateMethod = RuntimeGrpc.getDeleteBulkStateMethod) == null) {
      synchronized (RuntimeGrpc.class) {
        if ((getDeleteBulkStateMethod = RuntimeGrpc.getDeleteBulkStateMethod) == null) {
          RuntimeGrpc.getDeleteBulkStateMethod = getDeleteBulkStateMethod =
              io.grpc.MethodDescriptor.<dev.layer8.proto.runtime.v1.DeleteBulkStateRequest, com.google.protobuf.Empty>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DeleteBulkState"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.DeleteBulkStateRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.protobuf.Empty.getDefaultInstance()))
              .setSchemaDescriptor(new RuntimeMethodDescriptorSupplier("DeleteBulkState"))
              .build();
        }
      }
    }
    return getDeleteBulkStateMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.ExecuteStateTransactionRequest,
      com.google.protobuf.Empty> getExecuteStateTransactionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ExecuteStateTransaction",
      requestType = dev.layer8.proto.runtime.v1.ExecuteStateTransactionRequest.class,
      responseType = com.google.protobuf.Empty.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.ExecuteStateTransactionRequest,
      com.google.protobuf.Empty> getExecuteStateTransactionMethod() {
    io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.ExecuteStateTransactionRequest, com.google.protobuf.Empty> getExecuteStateTransactionMethod;
    if ((getExecuteStateTransactionMethod = RuntimeGrpc.getExecuteStateTransactionMethod) == null) {
      synchronized (RuntimeGrpc.class) {
        if ((getExecuteStateTransactionMethod = RuntimeGrpc.getExecuteStateTransactionMethod) == null) {
          RuntimeGrpc.getExecuteStateTransactionMethod = getExecuteStateTransactionMethod =
              io.grpc.MethodDescriptor.<dev.layer8.proto.runtime.v1.ExecuteStateTransactionRequest, com.google.protobuf.Empty>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ExecuteStateTransaction"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.ExecuteStateTransactionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.protobuf.Empty.getDefaultInstance()))
              .setSchemaDescriptor(new RuntimeMethodDescriptorSupplier("ExecuteStateTransaction"))
              .build();
        }
      }
    }
    return getExecuteStateTransactionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.PublishEventRequest,
      com.google.protobuf.Empty> getPublishEventMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "PublishEvent",
      requestType = dev.layer8.proto.runtime.v1.PublishEventRequest.class,
      responseType = com.google.protobuf.Empty.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.PublishEventRequest,
      com.google.protobuf.Empty> getPublishEventMethod() {
    io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.PublishEventRequest, com.google.protobuf.Empty> getPublishEventMethod;
    if ((getPublishEventMethod = RuntimeGrpc.getPublishEventMethod) == null) {
      synchronized (RuntimeGrpc.class) {
        if ((getPublishEventMethod = RuntimeGrpc.getPublishEventMethod) == null) {
          RuntimeGrpc.getPublishEventMethod = getPublishEventMethod =
              io.grpc.MethodDescriptor.<dev.layer8.proto.runtime.v1.PublishEventRequest, com.google.protobuf.Empty>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "PublishEvent"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.PublishEventRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.protobuf.Empty.getDefaultInstance()))
              .setSchemaDescriptor(new RuntimeMethodDescriptorSupplier("PublishEvent"))
              .build();
        }
      }
    }
    return getPublishEventMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.SubscribeTopicEventsRequest,
      dev.layer8.proto.runtime.v1.SubscribeTopicEventsResponse> getSubscribeTopicEventsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SubscribeTopicEvents",
      requestType = dev.layer8.proto.runtime.v1.SubscribeTopicEventsRequest.class,
      responseType = dev.layer8.proto.runtime.v1.SubscribeTopicEventsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
  public static io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.SubscribeTopicEventsRequest,
      dev.layer8.proto.runtime.v1.SubscribeTopicEventsResponse> getSubscribeTopicEventsMethod() {
    io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.SubscribeTopicEventsRequest, dev.layer8.proto.runtime.v1.SubscribeTopicEventsResponse> getSubscribeTopicEventsMethod;
    if ((getSubscribeTopicEventsMethod = RuntimeGrpc.getSubscribeTopicEventsMethod) == null) {
      synchronized (RuntimeGrpc.class) {
        if ((getSubscribeTopicEventsMethod = RuntimeGrpc.getSubscribeTopicEventsMethod) == null) {
          RuntimeGrpc.getSubscribeTopicEventsMethod = getSubscribeTopicEventsMethod =
              io.grpc.MethodDescriptor.<dev.layer8.proto.runtime.v1.SubscribeTopicEventsRequest, dev.layer8.proto.runtime.v1.SubscribeTopicEventsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SubscribeTopicEvents"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.SubscribeTopicEventsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.SubscribeTopicEventsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new RuntimeMethodDescriptorSupplier("SubscribeTopicEvents"))
              .build();
        }
      }
    }
    return getSubscribeTopicEventsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.GetFileRequest,
      dev.layer8.proto.runtime.v1.GetFileResponse> getGetFileMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetFile",
      requestType = dev.layer8.proto.runtime.v1.GetFileRequest.class,
      responseType = dev.layer8.proto.runtime.v1.GetFileResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.GetFileRequest,
      dev.layer8.proto.runtime.v1.GetFileResponse> getGetFileMethod() {
    io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.GetFileRequest, dev.layer8.proto.runtime.v1.GetFileResponse> getGetFileMethod;
    if ((getGetFileMethod = RuntimeGrpc.getGetFileMethod) == null) {
      synchronized (RuntimeGrpc.class) {
        if ((getGetFileMethod = RuntimeGrpc.getGetFileMethod) == null) {
          RuntimeGrpc.getGetFileMethod = getGetFileMethod =
              io.grpc.MethodDescriptor.<dev.layer8.proto.runtime.v1.GetFileRequest, dev.layer8.proto.runtime.v1.GetFileResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetFile"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.GetFileRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.GetFileResponse.getDefaultInstance()))
              .setSchemaDescriptor(new RuntimeMethodDescriptorSupplier("GetFile"))
              .build();
        }
      }
    }
    return getGetFileMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.PutFileRequest,
      com.google.protobuf.Empty> getPutFileMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "PutFile",
      requestType = dev.layer8.proto.runtime.v1.PutFileRequest.class,
      responseType = com.google.protobuf.Empty.class,
      methodType = io.grpc.MethodDescriptor.MethodType.CLIENT_STREAMING)
  public static io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.PutFileRequest,
      com.google.protobuf.Empty> getPutFileMethod() {
    io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.PutFileRequest, com.google.protobuf.Empty> getPutFileMethod;
    if ((getPutFileMethod = RuntimeGrpc.getPutFileMethod) == null) {
      synchronized (RuntimeGrpc.class) {
        if ((getPutFileMethod = RuntimeGrpc.getPutFileMethod) == null) {
          RuntimeGrpc.getPutFileMethod = getPutFileMethod =
              io.grpc.MethodDescriptor.<dev.layer8.proto.runtime.v1.PutFileRequest, com.google.protobuf.Empty>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.CLIENT_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "PutFile"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.PutFileRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.protobuf.Empty.getDefaultInstance()))
              .setSchemaDescriptor(new RuntimeMethodDescriptorSupplier("PutFile"))
              .build();
        }
      }
    }
    return getPutFileMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.ListFileRequest,
      dev.layer8.proto.runtime.v1.ListFileResp> getListFileMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListFile",
      requestType = dev.layer8.proto.runtime.v1.ListFileRequest.class,
      responseType = dev.layer8.proto.runtime.v1.ListFileResp.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.ListFileRequest,
      dev.layer8.proto.runtime.v1.ListFileResp> getListFileMethod() {
    io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.ListFileRequest, dev.layer8.proto.runtime.v1.ListFileResp> getListFileMethod;
    if ((getListFileMethod = RuntimeGrpc.getListFileMethod) == null) {
      synchronized (RuntimeGrpc.class) {
        if ((getListFileMethod = RuntimeGrpc.getListFileMethod) == null) {
          RuntimeGrpc.getListFileMethod = getListFileMethod =
              io.grpc.MethodDescriptor.<dev.layer8.proto.runtime.v1.ListFileRequest, dev.layer8.proto.runtime.v1.ListFileResp>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListFile"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.ListFileRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.ListFileResp.getDefaultInstance()))
              .setSchemaDescriptor(new RuntimeMethodDescriptorSupplier("ListFile"))
              .build();
        }
      }
    }
    return getListFileMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.DelFileRequest,
      com.google.protobuf.Empty> getDelFileMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DelFile",
      requestType = dev.layer8.proto.runtime.v1.DelFileRequest.class,
      responseType = com.google.protobuf.Empty.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.DelFileRequest,
      com.google.protobuf.Empty> getDelFileMethod() {
    io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.DelFileRequest, com.google.protobuf.Empty> getDelFileMethod;
    if ((getDelFileMethod = RuntimeGrpc.getDelFileMethod) == null) {
      synchronized (RuntimeGrpc.class) {
        if ((getDelFileMethod = RuntimeGrpc.getDelFileMethod) == null) {
          RuntimeGrpc.getDelFileMethod = getDelFileMethod =
              io.grpc.MethodDescriptor.<dev.layer8.proto.runtime.v1.DelFileRequest, com.google.protobuf.Empty>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DelFile"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.DelFileRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.protobuf.Empty.getDefaultInstance()))
              .setSchemaDescriptor(new RuntimeMethodDescriptorSupplier("DelFile"))
              .build();
        }
      }
    }
    return getDelFileMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.GetFileMetaRequest,
      dev.layer8.proto.runtime.v1.GetFileMetaResponse> getGetFileMetaMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetFileMeta",
      requestType = dev.layer8.proto.runtime.v1.GetFileMetaRequest.class,
      responseType = dev.layer8.proto.runtime.v1.GetFileMetaResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.GetFileMetaRequest,
      dev.layer8.proto.runtime.v1.GetFileMetaResponse> getGetFileMetaMethod() {
    io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.GetFileMetaRequest, dev.layer8.proto.runtime.v1.GetFileMetaResponse> getGetFileMetaMethod;
    if ((getGetFileMetaMethod = RuntimeGrpc.getGetFileMetaMethod) == null) {
      synchronized (RuntimeGrpc.class) {
        if ((getGetFileMetaMethod = RuntimeGrpc.getGetFileMetaMethod) == null) {
          RuntimeGrpc.getGetFileMetaMethod = getGetFileMetaMethod =
              io.grpc.MethodDescriptor.<dev.layer8.proto.runtime.v1.GetFileMetaRequest, dev.layer8.proto.runtime.v1.GetFileMetaResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetFileMeta"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.GetFileMetaRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.GetFileMetaResponse.getDefaultInstance()))
              .setSchemaDescriptor(new RuntimeMethodDescriptorSupplier("GetFileMeta"))
              .build();
        }
      }
    }
    return getGetFileMetaMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.InvokeBindingRequest,
      dev.layer8.proto.runtime.v1.InvokeBindingResponse> getInvokeBindingMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "InvokeBinding",
      requestType = dev.layer8.proto.runtime.v1.InvokeBindingRequest.class,
      responseType = dev.layer8.proto.runtime.v1.InvokeBindingResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.InvokeBindingRequest,
      dev.layer8.proto.runtime.v1.InvokeBindingResponse> getInvokeBindingMethod() {
    io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.InvokeBindingRequest, dev.layer8.proto.runtime.v1.InvokeBindingResponse> getInvokeBindingMethod;
    if ((getInvokeBindingMethod = RuntimeGrpc.getInvokeBindingMethod) == null) {
      synchronized (RuntimeGrpc.class) {
        if ((getInvokeBindingMethod = RuntimeGrpc.getInvokeBindingMethod) == null) {
          RuntimeGrpc.getInvokeBindingMethod = getInvokeBindingMethod =
              io.grpc.MethodDescriptor.<dev.layer8.proto.runtime.v1.InvokeBindingRequest, dev.layer8.proto.runtime.v1.InvokeBindingResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "InvokeBinding"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.InvokeBindingRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.InvokeBindingResponse.getDefaultInstance()))
              .setSchemaDescriptor(new RuntimeMethodDescriptorSupplier("InvokeBinding"))
              .build();
        }
      }
    }
    return getInvokeBindingMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.GetSecretRequest,
      dev.layer8.proto.runtime.v1.GetSecretResponse> getGetSecretMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetSecret",
      requestType = dev.layer8.proto.runtime.v1.GetSecretRequest.class,
      responseType = dev.layer8.proto.runtime.v1.GetSecretResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.GetSecretRequest,
      dev.layer8.proto.runtime.v1.GetSecretResponse> getGetSecretMethod() {
    io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.GetSecretRequest, dev.layer8.proto.runtime.v1.GetSecretResponse> getGetSecretMethod;
    if ((getGetSecretMethod = RuntimeGrpc.getGetSecretMethod) == null) {
      synchronized (RuntimeGrpc.class) {
        if ((getGetSecretMethod = RuntimeGrpc.getGetSecretMethod) == null) {
          RuntimeGrpc.getGetSecretMethod = getGetSecretMethod =
              io.grpc.MethodDescriptor.<dev.layer8.proto.runtime.v1.GetSecretRequest, dev.layer8.proto.runtime.v1.GetSecretResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetSecret"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.GetSecretRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.GetSecretResponse.getDefaultInstance()))
              .setSchemaDescriptor(new RuntimeMethodDescriptorSupplier("GetSecret"))
              .build();
        }
      }
    }
    return getGetSecretMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.GetBulkSecretRequest,
      dev.layer8.proto.runtime.v1.GetBulkSecretResponse> getGetBulkSecretMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetBulkSecret",
      requestType = dev.layer8.proto.runtime.v1.GetBulkSecretRequest.class,
      responseType = dev.layer8.proto.runtime.v1.GetBulkSecretResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.GetBulkSecretRequest,
      dev.layer8.proto.runtime.v1.GetBulkSecretResponse> getGetBulkSecretMethod() {
    io.grpc.MethodDescriptor<dev.layer8.proto.runtime.v1.GetBulkSecretRequest, dev.layer8.proto.runtime.v1.GetBulkSecretResponse> getGetBulkSecretMethod;
    if ((getGetBulkSecretMethod = RuntimeGrpc.getGetBulkSecretMethod) == null) {
      synchronized (RuntimeGrpc.class) {
        if ((getGetBulkSecretMethod = RuntimeGrpc.getGetBulkSecretMethod) == null) {
          RuntimeGrpc.getGetBulkSecretMethod = getGetBulkSecretMethod =
              io.grpc.MethodDescriptor.<dev.layer8.proto.runtime.v1.GetBulkSecretRequest, dev.layer8.proto.runtime.v1.GetBulkSecretResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetBulkSecret"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.GetBulkSecretRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.layer8.proto.runtime.v1.GetBulkSecretResponse.getDefaultInstance()))
              .setSchemaDescriptor(new RuntimeMethodDescriptorSupplier("GetBulkSecret"))
              .build();
        }
      }
    }
    return getGetBulkSecretMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static RuntimeStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<RuntimeStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<RuntimeStub>() {
        @java.lang.Override
        public RuntimeStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new RuntimeStub(channel, callOptions);
        }
      };
    return RuntimeStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static RuntimeBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<RuntimeBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<RuntimeBlockingV2Stub>() {
        @java.lang.Override
        public RuntimeBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new RuntimeBlockingV2Stub(channel, callOptions);
        }
      };
    return RuntimeBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static RuntimeBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<RuntimeBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<RuntimeBlockingStub>() {
        @java.lang.Override
        public RuntimeBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new RuntimeBlockingStub(channel, callOptions);
        }
      };
    return RuntimeBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static RuntimeFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<RuntimeFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<RuntimeFutureStub>() {
        @java.lang.Override
        public RuntimeFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new RuntimeFutureStub(channel, callOptions);
        }
      };
    return RuntimeFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Runtime is the sidecar API that applications call. Each group of rpcs is one
   * building block backed by a named component (store, pubsub, binding, ...).
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Hello: a trivial round trip, used to check that the sidecar is reachable.
     * </pre>
     */
    default void sayHello(dev.layer8.proto.runtime.v1.SayHelloRequest request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.SayHelloResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSayHelloMethod(), responseObserver);
    }

    /**
     * <pre>
     * Service invocation: calls a method on another app through its sidecar.
     * </pre>
     */
    default void invokeService(dev.layer8.proto.runtime.v1.InvokeServiceRequest request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.InvokeResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getInvokeServiceMethod(), responseObserver);
    }

    /**
     * <pre>
     * Configuration: reads items from a configuration store.
     * </pre>
     */
    default void getConfiguration(dev.layer8.proto.runtime.v1.GetConfigurationRequest request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.GetConfigurationResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetConfigurationMethod(), responseObserver);
    }

    /**
     * <pre>
     * Configuration: writes items to a configuration store.
     * </pre>
     */
    default void saveConfiguration(dev.layer8.proto.runtime.v1.SaveConfigurationRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSaveConfigurationMethod(), responseObserver);
    }

    /**
     * <pre>
     * Configuration: removes items from a configuration store.
     * </pre>
     */
    default void deleteConfiguration(dev.layer8.proto.runtime.v1.DeleteConfigurationRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteConfigurationMethod(), responseObserver);
    }

    /**
     * <pre>
     * Configuration: the client sends what to watch; the sidecar streams back changes.
     * </pre>
     */
    default io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.SubscribeConfigurationRequest> subscribeConfiguration(
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.SubscribeConfigurationResponse> responseObserver) {
      return io.grpc.stub.ServerCalls.asyncUnimplementedStreamingCall(getSubscribeConfigurationMethod(), responseObserver);
    }

    /**
     * <pre>
     * Lock: tries once to take a lock; does not wait. success=false if already held.
     * </pre>
     */
    default void tryLock(dev.layer8.proto.runtime.v1.TryLockRequest request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.TryLockResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getTryLockMethod(), responseObserver);
    }

    /**
     * <pre>
     * Lock: releases a lock, but only if the caller is its current owner.
     * </pre>
     */
    default void unlock(dev.layer8.proto.runtime.v1.UnlockRequest request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.UnlockResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getUnlockMethod(), responseObserver);
    }

    /**
     * <pre>
     * Lock: extends the expiry of a lock the caller still owns.
     * </pre>
     */
    default void lockKeepAlive(dev.layer8.proto.runtime.v1.LockKeepAliveRequest request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.LockKeepAliveResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getLockKeepAliveMethod(), responseObserver);
    }

    /**
     * <pre>
     * Sequencer: returns the next id of the sequence named by key.
     * </pre>
     */
    default void getNextId(dev.layer8.proto.runtime.v1.GetNextIdRequest request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.GetNextIdResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetNextIdMethod(), responseObserver);
    }

    /**
     * <pre>
     * State: reads one key. A missing key is not an error: it returns empty data and an empty etag.
     * </pre>
     */
    default void getState(dev.layer8.proto.runtime.v1.GetStateRequest request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.GetStateResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetStateMethod(), responseObserver);
    }

    /**
     * <pre>
     * State: reads many keys; per-key failures are reported in each item, not as an rpc error.
     * </pre>
     */
    default void getBulkState(dev.layer8.proto.runtime.v1.GetBulkStateRequest request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.GetBulkStateResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetBulkStateMethod(), responseObserver);
    }

    /**
     * <pre>
     * State: writes one or more key/value pairs.
     * </pre>
     */
    default void saveState(dev.layer8.proto.runtime.v1.SaveStateRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSaveStateMethod(), responseObserver);
    }

    /**
     * <pre>
     * State: deletes one key.
     * </pre>
     */
    default void deleteState(dev.layer8.proto.runtime.v1.DeleteStateRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteStateMethod(), responseObserver);
    }

    /**
     * <pre>
     * State: deletes many keys.
     * </pre>
     */
    default void deleteBulkState(dev.layer8.proto.runtime.v1.DeleteBulkStateRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteBulkStateMethod(), responseObserver);
    }

    /**
     * <pre>
     * State: applies a list of upserts and deletes atomically, all or nothing.
     * </pre>
     */
    default void executeStateTransaction(dev.layer8.proto.runtime.v1.ExecuteStateTransactionRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getExecuteStateTransactionMethod(), responseObserver);
    }

    /**
     * <pre>
     * Pubsub: publishes one event to a topic.
     * </pre>
     */
    default void publishEvent(dev.layer8.proto.runtime.v1.PublishEventRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getPublishEventMethod(), responseObserver);
    }

    /**
     * <pre>
     * Pubsub: a streaming subscription. The client opens with an initial request and then
     * acknowledges each event; the sidecar confirms the subscription and then sends events.
     * </pre>
     */
    default io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.SubscribeTopicEventsRequest> subscribeTopicEvents(
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.SubscribeTopicEventsResponse> responseObserver) {
      return io.grpc.stub.ServerCalls.asyncUnimplementedStreamingCall(getSubscribeTopicEventsMethod(), responseObserver);
    }

    /**
     * <pre>
     * File: downloads a file as a stream of chunks.
     * </pre>
     */
    default void getFile(dev.layer8.proto.runtime.v1.GetFileRequest request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.GetFileResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetFileMethod(), responseObserver);
    }

    /**
     * <pre>
     * File: uploads a file as a stream of chunks; the sidecar replies once the stream ends.
     * </pre>
     */
    default io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.PutFileRequest> putFile(
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      return io.grpc.stub.ServerCalls.asyncUnimplementedStreamingCall(getPutFileMethod(), responseObserver);
    }

    /**
     * <pre>
     * File: lists files, one page at a time.
     * </pre>
     */
    default void listFile(dev.layer8.proto.runtime.v1.ListFileRequest request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.ListFileResp> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListFileMethod(), responseObserver);
    }

    /**
     * <pre>
     * File: deletes a file.
     * </pre>
     */
    default void delFile(dev.layer8.proto.runtime.v1.DelFileRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDelFileMethod(), responseObserver);
    }

    /**
     * <pre>
     * File: returns a file's size, modification time and metadata without its content.
     * </pre>
     */
    default void getFileMeta(dev.layer8.proto.runtime.v1.GetFileMetaRequest request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.GetFileMetaResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetFileMetaMethod(), responseObserver);
    }

    /**
     * <pre>
     * Binding: invokes an operation on an output binding to an external system.
     * </pre>
     */
    default void invokeBinding(dev.layer8.proto.runtime.v1.InvokeBindingRequest request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.InvokeBindingResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getInvokeBindingMethod(), responseObserver);
    }

    /**
     * <pre>
     * Secret: reads one secret from a secret store.
     * </pre>
     */
    default void getSecret(dev.layer8.proto.runtime.v1.GetSecretRequest request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.GetSecretResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetSecretMethod(), responseObserver);
    }

    /**
     * <pre>
     * Secret: reads every secret the store exposes.
     * </pre>
     */
    default void getBulkSecret(dev.layer8.proto.runtime.v1.GetBulkSecretRequest request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.GetBulkSecretResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetBulkSecretMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service Runtime.
   * <pre>
   * Runtime is the sidecar API that applications call. Each group of rpcs is one
   * building block backed by a named component (store, pubsub, binding, ...).
   * </pre>
   */
  public static abstract class RuntimeImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return RuntimeGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service Runtime.
   * <pre>
   * Runtime is the sidecar API that applications call. Each group of rpcs is one
   * building block backed by a named component (store, pubsub, binding, ...).
   * </pre>
   */
  public static final class RuntimeStub
      extends io.grpc.stub.AbstractAsyncStub<RuntimeStub> {
    private RuntimeStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected RuntimeStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new RuntimeStub(channel, callOptions);
    }

    /**
     * <pre>
     * Hello: a trivial round trip, used to check that the sidecar is reachable.
     * </pre>
     */
    public void sayHello(dev.layer8.proto.runtime.v1.SayHelloRequest request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.SayHelloResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSayHelloMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Service invocation: calls a method on another app through its sidecar.
     * </pre>
     */
    public void invokeService(dev.layer8.proto.runtime.v1.InvokeServiceRequest request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.InvokeResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getInvokeServiceMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Configuration: reads items from a configuration store.
     * </pre>
     */
    public void getConfiguration(dev.layer8.proto.runtime.v1.GetConfigurationRequest request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.GetConfigurationResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetConfigurationMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Configuration: writes items to a configuration store.
     * </pre>
     */
    public void saveConfiguration(dev.layer8.proto.runtime.v1.SaveConfigurationRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSaveConfigurationMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Configuration: removes items from a configuration store.
     * </pre>
     */
    public void deleteConfiguration(dev.layer8.proto.runtime.v1.DeleteConfigurationRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteConfigurationMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Configuration: the client sends what to watch; the sidecar streams back changes.
     * </pre>
     */
    public io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.SubscribeConfigurationRequest> subscribeConfiguration(
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.SubscribeConfigurationResponse> responseObserver) {
      return io.grpc.stub.ClientCalls.asyncBidiStreamingCall(
          getChannel().newCall(getSubscribeConfigurationMethod(), getCallOptions()), responseObserver);
    }

    /**
     * <pre>
     * Lock: tries once to take a lock; does not wait. success=false if already held.
     * </pre>
     */
    public void tryLock(dev.layer8.proto.runtime.v1.TryLockRequest request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.TryLockResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getTryLockMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Lock: releases a lock, but only if the caller is its current owner.
     * </pre>
     */
    public void unlock(dev.layer8.proto.runtime.v1.UnlockRequest request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.UnlockResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getUnlockMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Lock: extends the expiry of a lock the caller still owns.
     * </pre>
     */
    public void lockKeepAlive(dev.layer8.proto.runtime.v1.LockKeepAliveRequest request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.LockKeepAliveResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getLockKeepAliveMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Sequencer: returns the next id of the sequence named by key.
     * </pre>
     */
    public void getNextId(dev.layer8.proto.runtime.v1.GetNextIdRequest request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.GetNextIdResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetNextIdMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * State: reads one key. A missing key is not an error: it returns empty data and an empty etag.
     * </pre>
     */
    public void getState(dev.layer8.proto.runtime.v1.GetStateRequest request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.GetStateResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetStateMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * State: reads many keys; per-key failures are reported in each item, not as an rpc error.
     * </pre>
     */
    public void getBulkState(dev.layer8.proto.runtime.v1.GetBulkStateRequest request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.GetBulkStateResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetBulkStateMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * State: writes one or more key/value pairs.
     * </pre>
     */
    public void saveState(dev.layer8.proto.runtime.v1.SaveStateRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSaveStateMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * State: deletes one key.
     * </pre>
     */
    public void deleteState(dev.layer8.proto.runtime.v1.DeleteStateRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteStateMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * State: deletes many keys.
     * </pre>
     */
    public void deleteBulkState(dev.layer8.proto.runtime.v1.DeleteBulkStateRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteBulkStateMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * State: applies a list of upserts and deletes atomically, all or nothing.
     * </pre>
     */
    public void executeStateTransaction(dev.layer8.proto.runtime.v1.ExecuteStateTransactionRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getExecuteStateTransactionMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Pubsub: publishes one event to a topic.
     * </pre>
     */
    public void publishEvent(dev.layer8.proto.runtime.v1.PublishEventRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getPublishEventMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Pubsub: a streaming subscription. The client opens with an initial request and then
     * acknowledges each event; the sidecar confirms the subscription and then sends events.
     * </pre>
     */
    public io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.SubscribeTopicEventsRequest> subscribeTopicEvents(
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.SubscribeTopicEventsResponse> responseObserver) {
      return io.grpc.stub.ClientCalls.asyncBidiStreamingCall(
          getChannel().newCall(getSubscribeTopicEventsMethod(), getCallOptions()), responseObserver);
    }

    /**
     * <pre>
     * File: downloads a file as a stream of chunks.
     * </pre>
     */
    public void getFile(dev.layer8.proto.runtime.v1.GetFileRequest request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.GetFileResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getGetFileMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * File: uploads a file as a stream of chunks; the sidecar replies once the stream ends.
     * </pre>
     */
    public io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.PutFileRequest> putFile(
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      return io.grpc.stub.ClientCalls.asyncClientStreamingCall(
          getChannel().newCall(getPutFileMethod(), getCallOptions()), responseObserver);
    }

    /**
     * <pre>
     * File: lists files, one page at a time.
     * </pre>
     */
    public void listFile(dev.layer8.proto.runtime.v1.ListFileRequest request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.ListFileResp> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListFileMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * File: deletes a file.
     * </pre>
     */
    public void delFile(dev.layer8.proto.runtime.v1.DelFileRequest request,
        io.grpc.stub.StreamObserver<com.google.protobuf.Empty> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDelFileMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * File: returns a file's size, modification time and metadata without its content.
     * </pre>
     */
    public void getFileMeta(dev.layer8.proto.runtime.v1.GetFileMetaRequest request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.GetFileMetaResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetFileMetaMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Binding: invokes an operation on an output binding to an external system.
     * </pre>
     */
    public void invokeBinding(dev.layer8.proto.runtime.v1.InvokeBindingRequest request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.InvokeBindingResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getInvokeBindingMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Secret: reads one secret from a secret store.
     * </pre>
     */
    public void getSecret(dev.layer8.proto.runtime.v1.GetSecretRequest request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.GetSecretResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetSecretMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Secret: reads every secret the store exposes.
     * </pre>
     */
    public void getBulkSecret(dev.layer8.proto.runtime.v1.GetBulkSecretRequest request,
        io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.GetBulkSecretResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetBulkSecretMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service Runtime.
   * <pre>
   * Runtime is the sidecar API that applications call. Each group of rpcs is one
   * building block backed by a named component (store, pubsub, binding, ...).
   * </pre>
   */
  public static final class RuntimeBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<RuntimeBlockingV2Stub> {
    private RuntimeBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected RuntimeBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new RuntimeBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Hello: a trivial round trip, used to check that the sidecar is reachable.
     * </pre>
     */
    public dev.layer8.proto.runtime.v1.SayHelloResponse sayHello(dev.layer8.proto.runtime.v1.SayHelloRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSayHelloMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Service invocation: calls a method on another app through its sidecar.
     * </pre>
     */
    public dev.layer8.proto.runtime.v1.InvokeResponse invokeService(dev.layer8.proto.runtime.v1.InvokeServiceRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getInvokeServiceMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Configuration: reads items from a configuration store.
     * </pre>
     */
    public dev.layer8.proto.runtime.v1.GetConfigurationResponse getConfiguration(dev.layer8.proto.runtime.v1.GetConfigurationRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetConfigurationMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Configuration: writes items to a configuration store.
     * </pre>
     */
    public com.google.protobuf.Empty saveConfiguration(dev.layer8.proto.runtime.v1.SaveConfigurationRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSaveConfigurationMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Configuration: removes items from a configuration store.
     * </pre>
     */
    public com.google.protobuf.Empty deleteConfiguration(dev.layer8.proto.runtime.v1.DeleteConfigurationRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteConfigurationMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Configuration: the client sends what to watch; the sidecar streams back changes.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<dev.layer8.proto.runtime.v1.SubscribeConfigurationRequest, dev.layer8.proto.runtime.v1.SubscribeConfigurationResponse>
        subscribeConfiguration() {
      return io.grpc.stub.ClientCalls.blockingBidiStreamingCall(
          getChannel(), getSubscribeConfigurationMethod(), getCallOptions());
    }

    /**
     * <pre>
     * Lock: tries once to take a lock; does not wait. success=false if already held.
     * </pre>
     */
    public dev.layer8.proto.runtime.v1.TryLockResponse tryLock(dev.layer8.proto.runtime.v1.TryLockRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getTryLockMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lock: releases a lock, but only if the caller is its current owner.
     * </pre>
     */
    public dev.layer8.proto.runtime.v1.UnlockResponse unlock(dev.layer8.proto.runtime.v1.UnlockRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getUnlockMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lock: extends the expiry of a lock the caller still owns.
     * </pre>
     */
    public dev.layer8.proto.runtime.v1.LockKeepAliveResponse lockKeepAlive(dev.layer8.proto.runtime.v1.LockKeepAliveRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getLockKeepAliveMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Sequencer: returns the next id of the sequence named by key.
     * </pre>
     */
    public dev.layer8.proto.runtime.v1.GetNextIdResponse getNextId(dev.layer8.proto.runtime.v1.GetNextIdRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetNextIdMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * State: reads one key. A missing key is not an error: it returns empty data and an empty etag.
     * </pre>
     */
    public dev.layer8.proto.runtime.v1.GetStateResponse getState(dev.layer8.proto.runtime.v1.GetStateRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetStateMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * State: reads many keys; per-key failures are reported in each item, not as an rpc error.
     * </pre>
     */
    public dev.layer8.proto.runtime.v1.GetBulkStateResponse getBulkState(dev.layer8.proto.runtime.v1.GetBulkStateRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetBulkStateMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * State: writes one or more key/value pairs.
     * </pre>
     */
    public com.google.protobuf.Empty saveState(dev.layer8.proto.runtime.v1.SaveStateRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSaveStateMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * State: deletes one key.
     * </pre>
     */
    public com.google.protobuf.Empty deleteState(dev.layer8.proto.runtime.v1.DeleteStateRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteStateMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * State: deletes many keys.
     * </pre>
     */
    public com.google.protobuf.Empty deleteBulkState(dev.layer8.proto.runtime.v1.DeleteBulkStateRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteBulkStateMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * State: applies a list of upserts and deletes atomically, all or nothing.
     * </pre>
     */
    public com.google.protobuf.Empty executeStateTransaction(dev.layer8.proto.runtime.v1.ExecuteStateTransactionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getExecuteStateTransactionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Pubsub: publishes one event to a topic.
     * </pre>
     */
    public com.google.protobuf.Empty publishEvent(dev.layer8.proto.runtime.v1.PublishEventRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getPublishEventMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Pubsub: a streaming subscription. The client opens with an initial request and then
     * acknowledges each event; the sidecar confirms the subscription and then sends events.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<dev.layer8.proto.runtime.v1.SubscribeTopicEventsRequest, dev.layer8.proto.runtime.v1.SubscribeTopicEventsResponse>
        subscribeTopicEvents() {
      return io.grpc.stub.ClientCalls.blockingBidiStreamingCall(
          getChannel(), getSubscribeTopicEventsMethod(), getCallOptions());
    }

    /**
     * <pre>
     * File: downloads a file as a stream of chunks.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, dev.layer8.proto.runtime.v1.GetFileResponse>
        getFile(dev.layer8.proto.runtime.v1.GetFileRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getGetFileMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * File: uploads a file as a stream of chunks; the sidecar replies once the stream ends.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<dev.layer8.proto.runtime.v1.PutFileRequest, com.google.protobuf.Empty>
        putFile() {
      return io.grpc.stub.ClientCalls.blockingClientStreamingCall(
          getChannel(), getPutFileMethod(), getCallOptions());
    }

    /**
     * <pre>
     * File: lists files, one page at a time.
     * </pre>
     */
    public dev.layer8.proto.runtime.v1.ListFileResp listFile(dev.layer8.proto.runtime.v1.ListFileRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListFileMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * File: deletes a file.
     * </pre>
     */
    public com.google.protobuf.Empty delFile(dev.layer8.proto.runtime.v1.DelFileRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDelFileMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * File: returns a file's size, modification time and metadata without its content.
     * </pre>
     */
    public dev.layer8.proto.runtime.v1.GetFileMetaResponse getFileMeta(dev.layer8.proto.runtime.v1.GetFileMetaRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetFileMetaMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Binding: invokes an operation on an output binding to an external system.
     * </pre>
     */
    public dev.layer8.proto.runtime.v1.InvokeBindingResponse invokeBinding(dev.layer8.proto.runtime.v1.InvokeBindingRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getInvokeBindingMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Secret: reads one secret from a secret store.
     * </pre>
     */
    public dev.layer8.proto.runtime.v1.GetSecretResponse getSecret(dev.layer8.proto.runtime.v1.GetSecretRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetSecretMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Secret: reads every secret the store exposes.
     * </pre>
     */
    public dev.layer8.proto.runtime.v1.GetBulkSecretResponse getBulkSecret(dev.layer8.proto.runtime.v1.GetBulkSecretRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetBulkSecretMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service Runtime.
   * <pre>
   * Runtime is the sidecar API that applications call. Each group of rpcs is one
   * building block backed by a named component (store, pubsub, binding, ...).
   * </pre>
   */
  public static final class RuntimeBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<RuntimeBlockingStub> {
    private RuntimeBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected RuntimeBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new RuntimeBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Hello: a trivial round trip, used to check that the sidecar is reachable.
     * </pre>
     */
    public dev.layer8.proto.runtime.v1.SayHelloResponse sayHello(dev.layer8.proto.runtime.v1.SayHelloRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSayHelloMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Service invocation: calls a method on another app through its sidecar.
     * </pre>
     */
    public dev.layer8.proto.runtime.v1.InvokeResponse invokeService(dev.layer8.proto.runtime.v1.InvokeServiceRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getInvokeServiceMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Configuration: reads items from a configuration store.
     * </pre>
     */
    public dev.layer8.proto.runtime.v1.GetConfigurationResponse getConfiguration(dev.layer8.proto.runtime.v1.GetConfigurationRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetConfigurationMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Configuration: writes items to a configuration store.
     * </pre>
     */
    public com.google.protobuf.Empty saveConfiguration(dev.layer8.proto.runtime.v1.SaveConfigurationRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSaveConfigurationMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Configuration: removes items from a configuration store.
     * </pre>
     */
    public com.google.protobuf.Empty deleteConfiguration(dev.layer8.proto.runtime.v1.DeleteConfigurationRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteConfigurationMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lock: tries once to take a lock; does not wait. success=false if already held.
     * </pre>
     */
    public dev.layer8.proto.runtime.v1.TryLockResponse tryLock(dev.layer8.proto.runtime.v1.TryLockRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getTryLockMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lock: releases a lock, but only if the caller is its current owner.
     * </pre>
     */
    public dev.layer8.proto.runtime.v1.UnlockResponse unlock(dev.layer8.proto.runtime.v1.UnlockRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getUnlockMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lock: extends the expiry of a lock the caller still owns.
     * </pre>
     */
    public dev.layer8.proto.runtime.v1.LockKeepAliveResponse lockKeepAlive(dev.layer8.proto.runtime.v1.LockKeepAliveRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getLockKeepAliveMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Sequencer: returns the next id of the sequence named by key.
     * </pre>
     */
    public dev.layer8.proto.runtime.v1.GetNextIdResponse getNextId(dev.layer8.proto.runtime.v1.GetNextIdRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetNextIdMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * State: reads one key. A missing key is not an error: it returns empty data and an empty etag.
     * </pre>
     */
    public dev.layer8.proto.runtime.v1.GetStateResponse getState(dev.layer8.proto.runtime.v1.GetStateRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetStateMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * State: reads many keys; per-key failures are reported in each item, not as an rpc error.
     * </pre>
     */
    public dev.layer8.proto.runtime.v1.GetBulkStateResponse getBulkState(dev.layer8.proto.runtime.v1.GetBulkStateRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetBulkStateMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * State: writes one or more key/value pairs.
     * </pre>
     */
    public com.google.protobuf.Empty saveState(dev.layer8.proto.runtime.v1.SaveStateRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSaveStateMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * State: deletes one key.
     * </pre>
     */
    public com.google.protobuf.Empty deleteState(dev.layer8.proto.runtime.v1.DeleteStateRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteStateMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * State: deletes many keys.
     * </pre>
     */
    public com.google.protobuf.Empty deleteBulkState(dev.layer8.proto.runtime.v1.DeleteBulkStateRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteBulkStateMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * State: applies a list of upserts and deletes atomically, all or nothing.
     * </pre>
     */
    public com.google.protobuf.Empty executeStateTransaction(dev.layer8.proto.runtime.v1.ExecuteStateTransactionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getExecuteStateTransactionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Pubsub: publishes one event to a topic.
     * </pre>
     */
    public com.google.protobuf.Empty publishEvent(dev.layer8.proto.runtime.v1.PublishEventRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getPublishEventMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * File: downloads a file as a stream of chunks.
     * </pre>
     */
    public java.util.Iterator<dev.layer8.proto.runtime.v1.GetFileResponse> getFile(
        dev.layer8.proto.runtime.v1.GetFileRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getGetFileMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * File: lists files, one page at a time.
     * </pre>
     */
    public dev.layer8.proto.runtime.v1.ListFileResp listFile(dev.layer8.proto.runtime.v1.ListFileRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListFileMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * File: deletes a file.
     * </pre>
     */
    public com.google.protobuf.Empty delFile(dev.layer8.proto.runtime.v1.DelFileRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDelFileMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * File: returns a file's size, modification time and metadata without its content.
     * </pre>
     */
    public dev.layer8.proto.runtime.v1.GetFileMetaResponse getFileMeta(dev.layer8.proto.runtime.v1.GetFileMetaRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetFileMetaMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Binding: invokes an operation on an output binding to an external system.
     * </pre>
     */
    public dev.layer8.proto.runtime.v1.InvokeBindingResponse invokeBinding(dev.layer8.proto.runtime.v1.InvokeBindingRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getInvokeBindingMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Secret: reads one secret from a secret store.
     * </pre>
     */
    public dev.layer8.proto.runtime.v1.GetSecretResponse getSecret(dev.layer8.proto.runtime.v1.GetSecretRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetSecretMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Secret: reads every secret the store exposes.
     * </pre>
     */
    public dev.layer8.proto.runtime.v1.GetBulkSecretResponse getBulkSecret(dev.layer8.proto.runtime.v1.GetBulkSecretRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetBulkSecretMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service Runtime.
   * <pre>
   * Runtime is the sidecar API that applications call. Each group of rpcs is one
   * building block backed by a named component (store, pubsub, binding, ...).
   * </pre>
   */
  public static final class RuntimeFutureStub
      extends io.grpc.stub.AbstractFutureStub<RuntimeFutureStub> {
    private RuntimeFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected RuntimeFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new RuntimeFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Hello: a trivial round trip, used to check that the sidecar is reachable.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.layer8.proto.runtime.v1.SayHelloResponse> sayHello(
        dev.layer8.proto.runtime.v1.SayHelloRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSayHelloMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Service invocation: calls a method on another app through its sidecar.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.layer8.proto.runtime.v1.InvokeResponse> invokeService(
        dev.layer8.proto.runtime.v1.InvokeServiceRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getInvokeServiceMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Configuration: reads items from a configuration store.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.layer8.proto.runtime.v1.GetConfigurationResponse> getConfiguration(
        dev.layer8.proto.runtime.v1.GetConfigurationRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetConfigurationMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Configuration: writes items to a configuration store.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.google.protobuf.Empty> saveConfiguration(
        dev.layer8.proto.runtime.v1.SaveConfigurationRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSaveConfigurationMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Configuration: removes items from a configuration store.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.google.protobuf.Empty> deleteConfiguration(
        dev.layer8.proto.runtime.v1.DeleteConfigurationRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteConfigurationMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Lock: tries once to take a lock; does not wait. success=false if already held.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.layer8.proto.runtime.v1.TryLockResponse> tryLock(
        dev.layer8.proto.runtime.v1.TryLockRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getTryLockMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Lock: releases a lock, but only if the caller is its current owner.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.layer8.proto.runtime.v1.UnlockResponse> unlock(
        dev.layer8.proto.runtime.v1.UnlockRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getUnlockMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Lock: extends the expiry of a lock the caller still owns.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.layer8.proto.runtime.v1.LockKeepAliveResponse> lockKeepAlive(
        dev.layer8.proto.runtime.v1.LockKeepAliveRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getLockKeepAliveMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Sequencer: returns the next id of the sequence named by key.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.layer8.proto.runtime.v1.GetNextIdResponse> getNextId(
        dev.layer8.proto.runtime.v1.GetNextIdRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetNextIdMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * State: reads one key. A missing key is not an error: it returns empty data and an empty etag.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.layer8.proto.runtime.v1.GetStateResponse> getState(
        dev.layer8.proto.runtime.v1.GetStateRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetStateMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * State: reads many keys; per-key failures are reported in each item, not as an rpc error.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.layer8.proto.runtime.v1.GetBulkStateResponse> getBulkState(
        dev.layer8.proto.runtime.v1.GetBulkStateRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetBulkStateMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * State: writes one or more key/value pairs.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.google.protobuf.Empty> saveState(
        dev.layer8.proto.runtime.v1.SaveStateRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSaveStateMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * State: deletes one key.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.google.protobuf.Empty> deleteState(
        dev.layer8.proto.runtime.v1.DeleteStateRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteStateMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * State: deletes many keys.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.google.protobuf.Empty> deleteBulkState(
        dev.layer8.proto.runtime.v1.DeleteBulkStateRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteBulkStateMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * State: applies a list of upserts and deletes atomically, all or nothing.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.google.protobuf.Empty> executeStateTransaction(
        dev.layer8.proto.runtime.v1.ExecuteStateTransactionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getExecuteStateTransactionMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Pubsub: publishes one event to a topic.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.google.protobuf.Empty> publishEvent(
        dev.layer8.proto.runtime.v1.PublishEventRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getPublishEventMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * File: lists files, one page at a time.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.layer8.proto.runtime.v1.ListFileResp> listFile(
        dev.layer8.proto.runtime.v1.ListFileRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListFileMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * File: deletes a file.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.google.protobuf.Empty> delFile(
        dev.layer8.proto.runtime.v1.DelFileRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDelFileMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * File: returns a file's size, modification time and metadata without its content.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.layer8.proto.runtime.v1.GetFileMetaResponse> getFileMeta(
        dev.layer8.proto.runtime.v1.GetFileMetaRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetFileMetaMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Binding: invokes an operation on an output binding to an external system.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.layer8.proto.runtime.v1.InvokeBindingResponse> invokeBinding(
        dev.layer8.proto.runtime.v1.InvokeBindingRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getInvokeBindingMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Secret: reads one secret from a secret store.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.layer8.proto.runtime.v1.GetSecretResponse> getSecret(
        dev.layer8.proto.runtime.v1.GetSecretRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetSecretMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Secret: reads every secret the store exposes.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.layer8.proto.runtime.v1.GetBulkSecretResponse> getBulkSecret(
        dev.layer8.proto.runtime.v1.GetBulkSecretRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetBulkSecretMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_SAY_HELLO = 0;
  private static final int METHODID_INVOKE_SERVICE = 1;
  private static final int METHODID_GET_CONFIGURATION = 2;
  private static final int METHODID_SAVE_CONFIGURATION = 3;
  private static final int METHODID_DELETE_CONFIGURATION = 4;
  private static final int METHODID_TRY_LOCK = 5;
  private static final int METHODID_UNLOCK = 6;
  private static final int METHODID_LOCK_KEEP_ALIVE = 7;
  private static final int METHODID_GET_NEXT_ID = 8;
  private static final int METHODID_GET_STATE = 9;
  private static final int METHODID_GET_BULK_STATE = 10;
  private static final int METHODID_SAVE_STATE = 11;
  private static final int METHODID_DELETE_STATE = 12;
  private static final int METHODID_DELETE_BULK_STATE = 13;
  private static final int METHODID_EXECUTE_STATE_TRANSACTION = 14;
  private static final int METHODID_PUBLISH_EVENT = 15;
  private static final int METHODID_GET_FILE = 16;
  private static final int METHODID_LIST_FILE = 17;
  private static final int METHODID_DEL_FILE = 18;
  private static final int METHODID_GET_FILE_META = 19;
  private static final int METHODID_INVOKE_BINDING = 20;
  private static final int METHODID_GET_SECRET = 21;
  private static final int METHODID_GET_BULK_SECRET = 22;
  private static final int METHODID_SUBSCRIBE_CONFIGURATION = 23;
  private static final int METHODID_SUBSCRIBE_TOPIC_EVENTS = 24;
  private static final int METHODID_PUT_FILE = 25;

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
        case METHODID_SAY_HELLO:
          serviceImpl.sayHello((dev.layer8.proto.runtime.v1.SayHelloRequest) request,
              (io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.SayHelloResponse>) responseObserver);
          break;
        case METHODID_INVOKE_SERVICE:
          serviceImpl.invokeService((dev.layer8.proto.runtime.v1.InvokeServiceRequest) request,
              (io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.InvokeResponse>) responseObserver);
          break;
        case METHODID_GET_CONFIGURATION:
          serviceImpl.getConfiguration((dev.layer8.proto.runtime.v1.GetConfigurationRequest) request,
              (io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.GetConfigurationResponse>) responseObserver);
          break;
        case METHODID_SAVE_CONFIGURATION:
          serviceImpl.saveConfiguration((dev.layer8.proto.runtime.v1.SaveConfigurationRequest) request,
              (io.grpc.stub.StreamObserver<com.google.protobuf.Empty>) responseObserver);
          break;
        case METHODID_DELETE_CONFIGURATION:
          serviceImpl.deleteConfiguration((dev.layer8.proto.runtime.v1.DeleteConfigurationRequest) request,
              (io.grpc.stub.StreamObserver<com.google.protobuf.Empty>) responseObserver);
          break;
        case METHODID_TRY_LOCK:
          serviceImpl.tryLock((dev.layer8.proto.runtime.v1.TryLockRequest) request,
              (io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.TryLockResponse>) responseObserver);
          break;
        case METHODID_UNLOCK:
          serviceImpl.unlock((dev.layer8.proto.runtime.v1.UnlockRequest) request,
              (io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.UnlockResponse>) responseObserver);
          break;
        case METHODID_LOCK_KEEP_ALIVE:
          serviceImpl.lockKeepAlive((dev.layer8.proto.runtime.v1.LockKeepAliveRequest) request,
              (io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.LockKeepAliveResponse>) responseObserver);
          break;
        case METHODID_GET_NEXT_ID:
          serviceImpl.getNextId((dev.layer8.proto.runtime.v1.GetNextIdRequest) request,
              (io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.GetNextIdResponse>) responseObserver);
          break;
        case METHODID_GET_STATE:
          serviceImpl.getState((dev.layer8.proto.runtime.v1.GetStateRequest) request,
              (io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.GetStateResponse>) responseObserver);
          break;
        case METHODID_GET_BULK_STATE:
          serviceImpl.getBulkState((dev.layer8.proto.runtime.v1.GetBulkStateRequest) request,
              (io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.GetBulkStateResponse>) responseObserver);
          break;
        case METHODID_SAVE_STATE:
          serviceImpl.saveState((dev.layer8.proto.runtime.v1.SaveStateRequest) request,
              (io.grpc.stub.StreamObserver<com.google.protobuf.Empty>) responseObserver);
          break;
        case METHODID_DELETE_STATE:
          serviceImpl.deleteState((dev.layer8.proto.runtime.v1.DeleteStateRequest) request,
              (io.grpc.stub.StreamObserver<com.google.protobuf.Empty>) responseObserver);
          break;
        case METHODID_DELETE_BULK_STATE:
          serviceImpl.deleteBulkState((dev.layer8.proto.runtime.v1.DeleteBulkStateRequest) request,
              (io.grpc.stub.StreamObserver<com.google.protobuf.Empty>) responseObserver);
          break;
        case METHODID_EXECUTE_STATE_TRANSACTION:
          serviceImpl.executeStateTransaction((dev.layer8.proto.runtime.v1.ExecuteStateTransactionRequest) request,
              (io.grpc.stub.StreamObserver<com.google.protobuf.Empty>) responseObserver);
          break;
        case METHODID_PUBLISH_EVENT:
          serviceImpl.publishEvent((dev.layer8.proto.runtime.v1.PublishEventRequest) request,
              (io.grpc.stub.StreamObserver<com.google.protobuf.Empty>) responseObserver);
          break;
        case METHODID_GET_FILE:
          serviceImpl.getFile((dev.layer8.proto.runtime.v1.GetFileRequest) request,
              (io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.GetFileResponse>) responseObserver);
          break;
        case METHODID_LIST_FILE:
          serviceImpl.listFile((dev.layer8.proto.runtime.v1.ListFileRequest) request,
              (io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.ListFileResp>) responseObserver);
          break;
        case METHODID_DEL_FILE:
          serviceImpl.delFile((dev.layer8.proto.runtime.v1.DelFileRequest) request,
              (io.grpc.stub.StreamObserver<com.google.protobuf.Empty>) responseObserver);
          break;
        case METHODID_GET_FILE_META:
          serviceImpl.getFileMeta((dev.layer8.proto.runtime.v1.GetFileMetaRequest) request,
              (io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.GetFileMetaResponse>) responseObserver);
          break;
        case METHODID_INVOKE_BINDING:
          serviceImpl.invokeBinding((dev.layer8.proto.runtime.v1.InvokeBindingRequest) request,
              (io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.InvokeBindingResponse>) responseObserver);
          break;
        case METHODID_GET_SECRET:
          serviceImpl.getSecret((dev.layer8.proto.runtime.v1.GetSecretRequest) request,
              (io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.GetSecretResponse>) responseObserver);
          break;
        case METHODID_GET_BULK_SECRET:
          serviceImpl.getBulkSecret((dev.layer8.proto.runtime.v1.GetBulkSecretRequest) request,
              (io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.GetBulkSecretResponse>) responseObserver);
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
        case METHODID_SUBSCRIBE_CONFIGURATION:
          return (io.grpc.stub.StreamObserver<Req>) serviceImpl.subscribeConfiguration(
              (io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.SubscribeConfigurationResponse>) responseObserver);
        case METHODID_SUBSCRIBE_TOPIC_EVENTS:
          return (io.grpc.stub.StreamObserver<Req>) serviceImpl.subscribeTopicEvents(
              (io.grpc.stub.StreamObserver<dev.layer8.proto.runtime.v1.SubscribeTopicEventsResponse>) responseObserver);
        case METHODID_PUT_FILE:
          return (io.grpc.stub.StreamObserver<Req>) serviceImpl.putFile(
              (io.grpc.stub.StreamObserver<com.google.protobuf.Empty>) responseObserver);
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getSayHelloMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.layer8.proto.runtime.v1.SayHelloRequest,
              dev.layer8.proto.runtime.v1.SayHelloResponse>(
                service, METHODID_SAY_HELLO)))
        .addMethod(
          getInvokeServiceMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.layer8.proto.runtime.v1.InvokeServiceRequest,
              dev.layer8.proto.runtime.v1.InvokeResponse>(
                service, METHODID_INVOKE_SERVICE)))
        .addMethod(
          getGetConfigurationMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.layer8.proto.runtime.v1.GetConfigurationRequest,
              dev.layer8.proto.runtime.v1.GetConfigurationResponse>(
                service, METHODID_GET_CONFIGURATION)))
        .addMethod(
          getSaveConfigurationMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.layer8.proto.runtime.v1.SaveConfigurationRequest,
              com.google.protobuf.Empty>(
                service, METHODID_SAVE_CONFIGURATION)))
        .addMethod(
          getDeleteConfigurationMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.layer8.proto.runtime.v1.DeleteConfigurationRequest,
              com.google.protobuf.Empty>(
                service, METHODID_DELETE_CONFIGURATION)))
        .addMethod(
          getSubscribeConfigurationMethod(),
          io.grpc.stub.ServerCalls.asyncBidiStreamingCall(
            new MethodHandlers<
              dev.layer8.proto.runtime.v1.SubscribeConfigurationRequest,
              dev.layer8.proto.runtime.v1.SubscribeConfigurationResponse>(
                service, METHODID_SUBSCRIBE_CONFIGURATION)))
        .addMethod(
          getTryLockMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.layer8.proto.runtime.v1.TryLockRequest,
              dev.layer8.proto.runtime.v1.TryLockResponse>(
                service, METHODID_TRY_LOCK)))
        .addMethod(
          getUnlockMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.layer8.proto.runtime.v1.UnlockRequest,
              dev.layer8.proto.runtime.v1.UnlockResponse>(
                service, METHODID_UNLOCK)))
        .addMethod(
          getLockKeepAliveMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.layer8.proto.runtime.v1.LockKeepAliveRequest,
              dev.layer8.proto.runtime.v1.LockKeepAliveResponse>(
                service, METHODID_LOCK_KEEP_ALIVE)))
        .addMethod(
          getGetNextIdMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.layer8.proto.runtime.v1.GetNextIdRequest,
              dev.layer8.proto.runtime.v1.GetNextIdResponse>(
                service, METHODID_GET_NEXT_ID)))
        .addMethod(
          getGetStateMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.layer8.proto.runtime.v1.GetStateRequest,
              dev.layer8.proto.runtime.v1.GetStateResponse>(
                service, METHODID_GET_STATE)))
        .addMethod(
          getGetBulkStateMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.layer8.proto.runtime.v1.GetBulkStateRequest,
              dev.layer8.proto.runtime.v1.GetBulkStateResponse>(
                service, METHODID_GET_BULK_STATE)))
        .addMethod(
          getSaveStateMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.layer8.proto.runtime.v1.SaveStateRequest,
              com.google.protobuf.Empty>(
                service, METHODID_SAVE_STATE)))
        .addMethod(
          getDeleteStateMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.layer8.proto.runtime.v1.DeleteStateRequest,
              com.google.protobuf.Empty>(
                service, METHODID_DELETE_STATE)))
        .addMethod(
          getDeleteBulkStateMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.layer8.proto.runtime.v1.DeleteBulkStateRequest,
              com.google.protobuf.Empty>(
                service, METHODID_DELETE_BULK_STATE)))
        .addMethod(
          getExecuteStateTransactionMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.layer8.proto.runtime.v1.ExecuteStateTransactionRequest,
              com.google.protobuf.Empty>(
                service, METHODID_EXECUTE_STATE_TRANSACTION)))
        .addMethod(
          getPublishEventMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.layer8.proto.runtime.v1.PublishEventRequest,
              com.google.protobuf.Empty>(
                service, METHODID_PUBLISH_EVENT)))
        .addMethod(
          getSubscribeTopicEventsMethod(),
          io.grpc.stub.ServerCalls.asyncBidiStreamingCall(
            new MethodHandlers<
              dev.layer8.proto.runtime.v1.SubscribeTopicEventsRequest,
              dev.layer8.proto.runtime.v1.SubscribeTopicEventsResponse>(
                service, METHODID_SUBSCRIBE_TOPIC_EVENTS)))
        .addMethod(
          getGetFileMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              dev.layer8.proto.runtime.v1.GetFileRequest,
              dev.layer8.proto.runtime.v1.GetFileResponse>(
                service, METHODID_GET_FILE)))
        .addMethod(
          getPutFileMethod(),
          io.grpc.stub.ServerCalls.asyncClientStreamingCall(
            new MethodHandlers<
              dev.layer8.proto.runtime.v1.PutFileRequest,
              com.google.protobuf.Empty>(
                service, METHODID_PUT_FILE)))
        .addMethod(
          getListFileMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.layer8.proto.runtime.v1.ListFileRequest,
              dev.layer8.proto.runtime.v1.ListFileResp>(
                service, METHODID_LIST_FILE)))
        .addMethod(
          getDelFileMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.layer8.proto.runtime.v1.DelFileRequest,
              com.google.protobuf.Empty>(
                service, METHODID_DEL_FILE)))
        .addMethod(
          getGetFileMetaMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.layer8.proto.runtime.v1.GetFileMetaRequest,
              dev.layer8.proto.runtime.v1.GetFileMetaResponse>(
                service, METHODID_GET_FILE_META)))
        .addMethod(
          getInvokeBindingMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.layer8.proto.runtime.v1.InvokeBindingRequest,
              dev.layer8.proto.runtime.v1.InvokeBindingResponse>(
                service, METHODID_INVOKE_BINDING)))
        .addMethod(
          getGetSecretMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.layer8.proto.runtime.v1.GetSecretRequest,
              dev.layer8.proto.runtime.v1.GetSecretResponse>(
                service, METHODID_GET_SECRET)))
        .addMethod(
          getGetBulkSecretMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.layer8.proto.runtime.v1.GetBulkSecretRequest,
              dev.layer8.proto.runtime.v1.GetBulkSecretResponse>(
                service, METHODID_GET_BULK_SECRET)))
        .build();
  }

  private static abstract class RuntimeBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    RuntimeBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.layer8.proto.runtime.v1.RuntimeProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("Runtime");
    }
  }

  private static final class RuntimeFileDescriptorSupplier
      extends RuntimeBaseDescriptorSupplier {
    RuntimeFileDescriptorSupplier() {}
  }

  private static final class RuntimeMethodDescriptorSupplier
      extends RuntimeBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    RuntimeMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (RuntimeGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new RuntimeFileDescriptorSupplier())
              .addMethod(getSayHelloMethod())
              .addMethod(getInvokeServiceMethod())
              .addMethod(getGetConfigurationMethod())
              .addMethod(getSaveConfigurationMethod())
              .addMethod(getDeleteConfigurationMethod())
              .addMethod(getSubscribeConfigurationMethod())
              .addMethod(getTryLockMethod())
              .addMethod(getUnlockMethod())
              .addMethod(getLockKeepAliveMethod())
              .addMethod(getGetNextIdMethod())
              .addMethod(getGetStateMethod())
              .addMethod(getGetBulkStateMethod())
              .addMethod(getSaveStateMethod())
              .addMethod(getDeleteStateMethod())
              .addMethod(getDeleteBulkStateMethod())
              .addMethod(getExecuteStateTransactionMethod())
              .addMethod(getPublishEventMethod())
              .addMethod(getSubscribeTopicEventsMethod())
              .addMethod(getGetFileMethod())
              .addMethod(getPutFileMethod())
              .addMethod(getListFileMethod())
              .addMethod(getDelFileMethod())
              .addMethod(getGetFileMetaMethod())
              .addMethod(getInvokeBindingMethod())
              .addMethod(getGetSecretMethod())
              .addMethod(getGetBulkSecretMethod())
              .build();
        }
      }
    }
    return result;
  }
}
