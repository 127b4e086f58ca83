package dev.layer8.sdk;

import com.google.protobuf.Empty;
import dev.layer8.proto.runtime.v1.AppCallbackGrpc;
import dev.layer8.proto.runtime.v1.ListTopicSubscriptionsResponse;
import dev.layer8.proto.runtime.v1.TopicEventRequest;
import dev.layer8.proto.runtime.v1.TopicEventResponse;
import dev.layer8.proto.runtime.v1.TopicEventResponse.TopicEventResponseStatus;
import dev.layer8.proto.runtime.v1.TopicSubscription;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The app's side of pub/sub: a gRPC server for {@code spec.proto.runtime.v1.AppCallback} that
 * tells the sidecar which topics the app subscribes to and hands each delivered event to the
 * handler of its topic. Point the sidecar at it with {@code app.grpcCallback: <address()>}.
 *
 * <pre>{@code
 * try (AppCallbackServer app = AppCallbackServer.builder()
 *     .port(9999)
 *     .subscribe("pubsub", "orders", event -> TopicEventResponseStatus.SUCCESS)
 *     .start()) { ... }
 * }</pre>
 */
public final class AppCallbackServer implements AutoCloseable {
  private final Server server;
  private final String host;

  private AppCallbackServer(Server server, String host) {
    this.server = server;
    this.host = host;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The port it listens on (the one chosen by the system when built with port 0). */
  public int port() {
    return server.getPort();
  }

  /** {@code host:port}, as the sidecar's {@code app.grpcCallback} wants it. */
  public String address() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
  }

  /** Stops accepting calls, lets calls in flight finish for up to 5 seconds, then stops. */
  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) server.shutdownNow();
    } catch (InterruptedException interrupted) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** Collects the subscriptions, then starts the server. */
  public static final class Builder {
    private record Subscription(TopicSubscription declared, TopicEventHandler handler) {}

    private String host = "127.0.0.1";
    private int port;
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();

    private Builder() {}

    /** The interface to listen on. Default 127.0.0.1: only the local sidecar reaches it. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The port to listen on. Default 0: any free port (read it back with {@link #port()}). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) throw new IllegalArgumentException("port: must be 0-65535");
      this.port = port;
      return this;
    }

    /** Subscribes to a topic of a pub/sub component. */
    public Builder subscribe(String pubsubName, String topic, TopicEventHandler handler) {
      return subscribe(pubsubName, topic, Map.of(), handler);
    }

    /** Subscribes with component-specific options (e.g. a consumer group). */
    public Builder subscribe(
        String pubsubName, String topic, Map<String, String> metadata, TopicEventHandler handler) {
      requireText(pubsubName, "pubsubName");
      requireText(topic, "topic");
      Objects.requireNonNull(handler, "handler");
      String key = key(pubsubName, topic);
      if (subscriptions.containsKey(key)) {
        throw new IllegalArgumentException("topic '" + topic + "' of '" + pubsubName + "' is already subscribed");
      }
      TopicSubscription declared =
          TopicSubscription.newBuilder().setPubsubName(pubsubName).setTopic(topic).putAllMetadata(metadata).build();
      subscriptions.put(key, new Subscription(declared, handler));
      return this;
    }

    /** Binds the port and starts serving; throws UncheckedIOException if the port is taken. */
    public AppCallbackServer start() {
      Map<String, Subscription> frozen = Map.copyOf(subscriptions);
      Server server =
          NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
              .addService(new Service(frozen))
              .build();
      try {
        server.start();
      } catch (IOException failure) {
        throw new UncheckedIOException("AppCallbackServer: cannot listen on " + host + ":" + port, failure);
      }
      return new AppCallbackServer(server, host);
    }

    private static String key(String pubsubName, String topic) {
      return pubsubName + "\u0000" + topic;
    }

    private static void requireText(String value, String name) {
      if (value == null || value.isEmpty()) throw new IllegalArgumentException(name + ": must not be empty");
    }

    private static final class Service extends AppCallbackGrpc.AppCallbackImplBase {
      private final Map<String, Subscription> subscriptions;
      private final ListTopicSubscriptionsResponse list;

      Service(Map<String, Subscription> subscriptions) {
        this.subscriptions = subscriptions;
        ListTopicSubscriptionsResponse.Builder list = ListTopicSubscriptionsResponse.newBuilder();
        subscriptions.values().forEach(s -> list.addSubscriptions(s.declared()));
        this.list = list.build();
      }

      @Override
      public void listTopicSubscriptions(Empty request, StreamObserver<ListTopicSubscriptionsResponse> response) {
        response.onNext(list);
        response.onCompleted();
      }

      @Override
      public void onTopicEvent(TopicEventRequest event, StreamObserver<TopicEventResponse> response) {
        response.onNext(TopicEventResponse.newBuilder().setStatus(settle(event)).build());
        response.onCompleted();
      }

      private TopicEventResponseStatus settle(TopicEventRequest event) {
        Subscription subscription = subscriptions.get(key(event.getPubsubName(), event.getTopic()));
        // Not a topic this app asked for: redelivering it would never help.
        if (subscription == null) return TopicEventResponseStatus.DROP;
        try {
          TopicEventResponseStatus status = subscription.handler().onEvent(event);
          return status == null || status == TopicEventResponseStatus.UNRECOGNIZED ? TopicEventResponseStatus.RETRY : status;
        } catch (Exception failure) {
          return TopicEventResponseStatus.RETRY;
        }
      }
    }
  }
}
