package dev.layer8.sdk;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Configures and opens a {@link Layer8Client}:
 *
 * <pre>{@code
 * try (Layer8Client client = Layer8Client.builder().address("127.0.0.1:34904").apiToken(token).build()) {
 *   client.state().save(...);
 * }
 * }</pre>
 */
public final class Layer8ClientBuilder {
  /** The metadata header the sidecar reads the API token from. */
  public static final Metadata.Key<String> API_TOKEN_HEADER =
      Metadata.Key.of("layer8-api-token", Metadata.ASCII_STRING_MARSHALLER);

  /** The sidecar's own default: a state value alone may be 4 MiB, calls get room beyond it. */
  private static final int DEFAULT_MAX_INBOUND_MESSAGE_BYTES = 16 * 1024 * 1024;

  private String host = "127.0.0.1";
  private int port = 34904;
  private String apiToken;
  private Duration callTimeout;
  private int maxInboundMessageBytes = DEFAULT_MAX_INBOUND_MESSAGE_BYTES;
  private final List<ClientInterceptor> interceptors = new ArrayList<>();

  Layer8ClientBuilder() {}

  /** The sidecar's gRPC address as {@code host:port} ({@code [::1]:port} for IPv6). Default {@code 127.0.0.1:34904}. */
  public Layer8ClientBuilder address(String hostAndPort) {
    Objects.requireNonNull(hostAndPort, "address");
    int colon = hostAndPort.lastIndexOf(':');
    if (colon <= 0 || colon == hostAndPort.length() - 1) {
      throw new IllegalArgumentException("address '" + hostAndPort + "': write it as host:port, e.g. 127.0.0.1:34904");
    }
    String hostPart = hostAndPort.substring(0, colon);
    if (hostPart.startsWith("[") && hostPart.endsWith("]")) hostPart = hostPart.substring(1, hostPart.length() - 1);
    int portNumber;
    try {
      portNumber = Integer.parseInt(hostAndPort.substring(colon + 1));
    } catch (NumberFormatException notANumber) {
      throw new IllegalArgumentException("address '" + hostAndPort + "': the port is not a number", notANumber);
    }
    if (portNumber < 1 || portNumber > 65535) {
      throw new IllegalArgumentException("address '" + hostAndPort + "': the port must be 1-65535");
    }
    this.host = hostPart;
    this.port = portNumber;
    return this;
  }

  /** The sidecar's API token ({@code security.apiToken}), sent on every call. Default: none. */
  public Layer8ClientBuilder apiToken(String token) {
    if (token == null || token.isEmpty()) throw new IllegalArgumentException("apiToken: must not be empty");
    this.apiToken = token;
    return this;
  }

  /**
   * A deadline for each unary call, counted from its start; streaming calls (uploads, downloads,
   * subscriptions) have none, since they may rightly last long. Default: no deadline.
   */
  public Layer8ClientBuilder callTimeout(Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("callTimeout: must be positive");
    }
    this.callTimeout = timeout;
    return this;
  }

  /** The largest response message accepted. Default 16 MiB, as the sidecar's own limit. */
  public Layer8ClientBuilder maxInboundMessageBytes(int bytes) {
    if (bytes <= 0) throw new IllegalArgumentException("maxInboundMessageBytes: must be positive");
    this.maxInboundMessageBytes = bytes;
    return this;
  }

  /** Adds an interceptor for every call (tracing, extra headers, ...); the first added runs first. */
  public Layer8ClientBuilder interceptor(ClientInterceptor interceptor) {
    interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
    return this;
  }

  /** Opens the channel (lazily: the first call connects) and returns the client that owns it. */
  public Layer8Client build() {
    ManagedChannel channel =
        Grpc.newChannelBuilderForAddress(host, port, InsecureChannelCredentials.create())
            .maxInboundMessageSize(maxInboundMessageBytes)
            .build();
    List<ClientInterceptor> all = new ArrayList<>(interceptors);
    if (apiToken != null) {
      Metadata headers = new Metadata();
      headers.put(API_TOKEN_HEADER, apiToken);
      all.add(MetadataUtils.newAttachHeadersInterceptor(headers));
    }
    if (callTimeout != null) all.add(new UnaryDeadline(callTimeout));
    // ClientInterceptors.intercept runs the last one first: reverse, so the first added runs first.
    Collections.reverse(all);
    Channel intercepted = ClientInterceptors.intercept(channel, all);
    return new Layer8Client(intercepted, channel);
  }

  /** Sets a deadline on each unary call as it starts (a stub's withDeadlineAfter fixes it once). */
  private record UnaryDeadline(Duration timeout) implements ClientInterceptor {
    @Override
    public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(
        MethodDescriptor<ReqT, RespT> method, CallOptions options, Channel next) {
      if (method.getType() != MethodDescriptor.MethodType.UNARY || options.getDeadline() != null) {
        return next.newCall(method, options);
      }
      return next.newCall(method, options.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS));
    }
  }
}
