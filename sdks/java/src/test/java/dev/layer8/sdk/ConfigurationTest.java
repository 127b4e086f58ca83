package dev.layer8.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.layer8.proto.runtime.v1.ConfigurationItem;
import dev.layer8.proto.runtime.v1.DeleteConfigurationRequest;
import dev.layer8.proto.runtime.v1.GetConfigurationRequest;
import dev.layer8.proto.runtime.v1.SaveConfigurationRequest;
import dev.layer8.proto.runtime.v1.SubscribeConfigurationRequest;
import dev.layer8.proto.runtime.v1.SubscribeConfigurationResponse;
import dev.layer8.sdk.testing.Backends;
import dev.layer8.sdk.testing.SharedSidecar;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** client.configuration() against every configuration driver the shared sidecar runs. */
@ExtendWith(SharedSidecar.class)
class ConfigurationTest {
  private static Layer8Client client;
  /** The same client, asking the sidecar to acknowledge each subscription once it is live. */
  private static Layer8Client acknowledging;

  @BeforeAll
  static void connect(SharedSidecar.Running sidecar) {
    client = sidecar.client();
    Metadata ack = new Metadata();
    ack.put(Metadata.Key.of("layer8-subscribe-ack", Metadata.ASCII_STRING_MARSHALLER), "true");
    acknowledging = new Layer8Client(ClientInterceptors.intercept(client.channel(), MetadataUtils.newAttachHeadersInterceptor(ack)));
  }

  private static String store(String driver) {
    String reason = Backends.skipReason(driver);
    assumeTrue(reason == null, () -> "skipped: " + reason);
    return driver;
  }

  private static ConfigurationItem item(String key, String content) {
    return ConfigurationItem.newBuilder().setKey(key).setContent(content).build();
  }

  private static Map<String, String> contents(List<ConfigurationItem> items) {
    return items.stream().collect(Collectors.toMap(ConfigurationItem::getKey, ConfigurationItem::getContent, (a, b) -> b, TreeMap::new));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.layer8.sdk.testing.Backends#configurationDrivers")
  void savesGetsAndDeletesItems(String driver) {
    String store = store(driver);
    String app = "app-" + UUID.randomUUID();
    client.configuration().save(SaveConfigurationRequest.newBuilder().setStoreName(store).setAppId(app)
        .addItems(item("color", "blue")).addItems(item("size", "L")).build());

    GetConfigurationRequest all = GetConfigurationRequest.newBuilder().setStoreName(store).setAppId(app).build();
    assertEquals(Map.of("color", "blue", "size", "L"), contents(client.configuration().get(all).getItemsList()));
    GetConfigurationRequest some = all.toBuilder().addKeys("color").addKeys("missing").build();
    assertEquals(Map.of("color", "blue"), contents(client.configuration().get(some).getItemsList()), "missing keys are absent");

    client.configuration().delete(DeleteConfigurationRequest.newBuilder().setStoreName(store).setAppId(app).addKeys("color").build());
    assertEquals(Map.of("size", "L"), contents(client.configuration().get(all).getItemsList()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.layer8.sdk.testing.Backends#configurationDrivers")
  @Timeout(30)
  void streamsChangesOfSubscribedKeysUntilTheClientCompletes(String driver) {
    String store = store(driver);
    String app = "app-" + UUID.randomUUID();
    try (BidiStream<SubscribeConfigurationRequest, SubscribeConfigurationResponse> stream = acknowledging.configuration().subscribe()) {
      stream.send(SubscribeConfigurationRequest.newBuilder().setStoreName(store).setAppId(app).addKeys("watched").build());
      SubscribeConfigurationResponse live = stream.next();
      assertEquals(0, live.getItemsCount(), "the acknowledgement carries no items");

      SaveConfigurationRequest.Builder save = SaveConfigurationRequest.newBuilder().setStoreName(store).setAppId(app);
      client.configuration().save(save.clone().addItems(item("ignored", "x")).build());
      client.configuration().save(save.clone().addItems(item("watched", "v1")).build());
      SubscribeConfigurationResponse change = stream.next();
      assertEquals(store, change.getStoreName());
      assertEquals(app, change.getAppId());
      assertEquals(Map.of("watched", "v1"), contents(change.getItemsList()), "only the watched key");

      client.configuration().delete(DeleteConfigurationRequest.newBuilder().setStoreName(store).setAppId(app).addKeys("watched").build());
      assertEquals(Map.of("watched", ""), contents(stream.next().getItemsList()), "a deleted key arrives with empty content");

      stream.complete();
      assertFalse(stream.hasNext(), "the sidecar ends the stream once the client completes");
    }
  }

  @Test
  @Timeout(30)
  void endsASubscriptionToAnUnknownStoreWithInvalidArgument() {
    try (BidiStream<SubscribeConfigurationRequest, SubscribeConfigurationResponse> stream = client.configuration().subscribe()) {
      stream.send(SubscribeConfigurationRequest.newBuilder().setStoreName("no-such-store").addKeys("k").build());
      Layer8Exception refused = assertThrows(Layer8Exception.class, stream::hasNext);
      assertEquals(Status.Code.INVALID_ARGUMENT, refused.code(), refused.getMessage());
    }
  }
}
