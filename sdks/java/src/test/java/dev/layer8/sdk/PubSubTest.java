package dev.layer8.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.ByteString;
import dev.layer8.proto.runtime.v1.AppCallbackGrpc;
import dev.layer8.proto.runtime.v1.PublishEventRequest;
import dev.layer8.proto.runtime.v1.SubscribeTopicEventsRequest;
import dev.layer8.proto.runtime.v1.SubscribeTopicEventsRequestInitial;
import dev.layer8.proto.runtime.v1.SubscribeTopicEventsRequestProcessed;
import dev.layer8.proto.runtime.v1.SubscribeTopicEventsResponse;
import dev.layer8.proto.runtime.v1.TopicEventRequest;
import dev.layer8.proto.runtime.v1.TopicEventResponse;
import dev.layer8.proto.runtime.v1.TopicEventResponse.TopicEventResponseStatus;
import dev.layer8.sdk.testing.Backends;
import dev.layer8.sdk.testing.Sidecar;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Pub/sub both ways the sidecar delivers: to the app's AppCallback server (AppCallbackServer,
 * which this sidecar is configured to dial), and over a SubscribeTopicEvents stream.
 */
@Timeout(60)
class PubSubTest {
  /** Retries come fast here, so a redelivery (or its absence) shows within a second. */
  private static final Map<String, String> FAST_RETRY = Map.of("retryInitialDelayMs", "50", "retryMaxDelayMs", "200");

  private static final BlockingQueue<TopicEventRequest> orders = new LinkedBlockingQueue<>();
  private static final List<String> flakyAttempts = new CopyOnWriteArrayList<>();
  private static final BlockingQueue<String> flakySettled = new LinkedBlockingQueue<>();
  private static final List<String> poisonAttempts = new CopyOnWriteArrayList<>();

  private static AppCallbackServer app;
  private static Sidecar sidecar;
  private static Layer8Client client;

  @BeforeAll
  static void start() {
    AtomicInteger flakyCalls = new AtomicInteger();
    app = AppCallbackServer.builder()
        .subscribe("events", "orders", event -> {
          orders.add(event);
          return TopicEventResponseStatus.SUCCESS;
        })
        .subscribe("events", "flaky", FAST_RETRY, event -> {
          flakyAttempts.add(event.getId());
          switch (flakyCalls.incrementAndGet()) {
            case 1:
              throw new IllegalStateException("a handler that throws answers RETRY");
            case 2:
              return TopicEventResponseStatus.RETRY;
            default:
              flakySettled.add(event.getId());
              return TopicEventResponseStatus.SUCCESS;
          }
        })
        .subscribe("events", "poison", FAST_RETRY, event -> {
          poisonAttempts.add(event.getId());
          return TopicEventResponseStatus.DROP;
        })
        .start();
    sidecar = Sidecar.start(Map.of(
        "appId", "java-pubsub-test",
        "app", Map.of("grpcCallback", app.address()),
        "components", Map.of("pubsub", Map.of("events", Backends.component("memory", Map.of())))));
    client = Layer8Client.builder().address(sidecar.address()).build();
  }

  @AfterAll
  static void stop() {
    if (client != null) client.close();
    if (sidecar != null) sidecar.close();
    if (app != null) app.close();
  }

  private static void publish(String topic, String data) {
    try {
      client.pubsub().publish(PublishEventRequest.newBuilder().setPubsubName("events").setTopic(topic)
          .setData(ByteString.copyFromUtf8(data)).setDataContentType("text/plain").build());
    } catch (Layer8Exception failure) {
      assumeTrue(failure.code() != Status.Code.UNIMPLEMENTED, () -> "skipped: this sidecar does not serve pub/sub yet: " + failure.getMessage());
      throw failure;
    }
  }

  /**
   * Publishes until the app's subscription is live: the sidecar dials the app in the background
   * after it starts, and an event published before the subscription exists reaches nobody.
   */
  private static TopicEventRequest publishUntilDelivered(String topic, String data, BlockingQueue<TopicEventRequest> inbox) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      publish(topic, data);
      TopicEventRequest event = inbox.poll(250, TimeUnit.MILLISECONDS);
      if (event != null) return event;
    }
    throw new AssertionError("no event of topic '" + topic + "' reached the app within 20 s; sidecar output:\n" + sidecar.output());
  }

  @Test
  void deliversPublishedEventsToTheAppsHandlerAsCloudEvents() throws InterruptedException {
    TopicEventRequest first = publishUntilDelivered("orders", "warm-up", orders);
    assertEquals("orders", first.getTopic());
    orders.clear();

    publish("orders", "order-42");
    TopicEventRequest event = orders.poll(10, TimeUnit.SECONDS);
    assertNotNull(event, "the event reaches the handler of its topic");
    assertEquals("order-42", event.getData().toStringUtf8());
    assertEquals("events", event.getPubsubName());
    assertEquals("orders", event.getTopic());
    assertEquals("text/plain", event.getDataContentType());
    assertEquals("1.0", event.getSpecVersion());
    assertFalse(event.getId().isEmpty(), "a CloudEvent id");
  }

  @Test
  void redeliversAfterRetryOrAThrowingHandlerUntilSuccess() throws InterruptedException {
    // Wait for the subscriptions to be live through the orders topic first.
    publishUntilDelivered("orders", "warm-up", orders);
    publish("flaky", "try-me");
    String settled = flakySettled.poll(15, TimeUnit.SECONDS);
    assertNotNull(settled, "the event is redelivered until the handler succeeds; attempts: " + flakyAttempts);
    assertEquals(List.of(settled, settled, settled), flakyAttempts, "thrown, RETRY, then SUCCESS: three deliveries of one event");
  }

  @Test
  void dropsAnEventForGoodWhenTheHandlerSaysDrop() throws InterruptedException {
    publishUntilDelivered("orders", "warm-up", orders);
    publish("poison", "bad");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (poisonAttempts.isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
    assertEquals(1, poisonAttempts.size(), "delivered once");
    // Retries here start after 50 ms: a redelivery would show well within a second.
    Thread.sleep(1000);
    assertEquals(1, poisonAttempts.size(), "DROP is final: " + poisonAttempts);
  }

  @Test
  void streamsEventsOverSubscribeTopicEventsAndSettlesThemByTheClientsAnswer() {
    try (BidiStream<SubscribeTopicEventsRequest, SubscribeTopicEventsResponse> stream = client.pubsub().subscribe()) {
      stream.send(SubscribeTopicEventsRequest.newBuilder().setInitialRequest(
          SubscribeTopicEventsRequestInitial.newBuilder().setPubsubName("events").setTopic("streamed").putAllMetadata(FAST_RETRY)).build());
      SubscribeTopicEventsResponse initial;
      try {
        initial = stream.next();
      } catch (Layer8Exception failure) {
        assumeTrue(failure.code() != Status.Code.UNIMPLEMENTED, () -> "skipped: this sidecar does not serve SubscribeTopicEvents yet");
        throw failure;
      }
      assertTrue(initial.hasInitialResponse(), "the first response confirms the subscription");

      publish("streamed", "first");
      TopicEventRequest event = stream.next().getEventMessage();
      assertEquals("first", event.getData().toStringUtf8());
      stream.send(processed(event.getId(), TopicEventResponseStatus.RETRY));
      TopicEventRequest again = stream.next().getEventMessage();
      assertEquals(event.getId(), again.getId(), "RETRY redelivers the same event");
      stream.send(processed(again.getId(), TopicEventResponseStatus.SUCCESS));

      publish("streamed", "second");
      TopicEventRequest second = stream.next().getEventMessage();
      assertEquals("second", second.getData().toStringUtf8(), "after SUCCESS the next event comes, not the first again");
      stream.send(processed(second.getId(), TopicEventResponseStatus.SUCCESS));
      stream.complete();
      assertFalse(stream.hasNext(), "the sidecar ends the stream once the client completes");
    }
  }

  @Test
  void answersDropForATopicTheAppDidNotSubscribeTo() throws InterruptedException {
    // The sidecar only delivers subscribed topics; this checks the server's own guard directly.
    ManagedChannel channel = Grpc.newChannelBuilder(app.address(), InsecureChannelCredentials.create()).build();
    try {
      TopicEventResponse answer = AppCallbackGrpc.newBlockingStub(channel)
          .onTopicEvent(TopicEventRequest.newBuilder().setPubsubName("events").setTopic("unknown").setId("x").build());
      assertEquals(TopicEventResponseStatus.DROP, answer.getStatus());
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static SubscribeTopicEventsRequest processed(String id, TopicEventResponseStatus status) {
    return SubscribeTopicEventsRequest.newBuilder().setEventProcessed(SubscribeTopicEventsRequestProcessed.newBuilder()
        .setId(id).setStatus(TopicEventResponse.newBuilder().setStatus(status))).build();
  }
}
