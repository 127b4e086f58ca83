package dev.layer8.sdk.testing;

import dev.layer8.sdk.Layer8Client;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One sidecar for the whole test run (one process start instead of one per class), with a
 * component of every driver the machine can run for each block it serves, and an API token that
 * every client sends. Test classes get it with {@code @ExtendWith(SharedSidecar.class)} and a
 * {@code SharedSidecar.Running} parameter; JUnit stops it after the last test.
 *
 * <p>Components are named after their driver: state store {@code memory}, lock store
 * {@code redis}, ...; a driver whose server is missing is left out, and its tests skip.
 */
public final class SharedSidecar implements ParameterResolver {
  public static final String API_TOKEN = "java-sdk-test-token";
  /** A sequencer key configured with biggerThan 2^53 in every sequencer store; new each run. */
  public static final String BIG_SEQUENCE_KEY = "big-" + UUID.randomUUID();
  private static final String TWO_TO_THE_53 = "9007199254740992";

  /** The running sidecar, with a client that sends the token. */
  public record Running(Sidecar sidecar, Layer8Client client, Path fileRoot) implements ExtensionContext.Store.CloseableResource {
    public String address() {
      return sidecar.address();
    }

    @Override
    public void close() {
      client.close();
      sidecar.close();
      Sidecar.deleteQuietly(fileRoot);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Running.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    // The root store lives for the whole run and closes what it holds at the end.
    return context.getRoot().getStore(Namespace.create(SharedSidecar.class))
        .getOrComputeIfAbsent(Running.class, key -> start(), Running.class);
  }

  private static Map<String, Object> with(Map<String, Object> metadata, String key, Object value) {
    Map<String, Object> out = new LinkedHashMap<>(metadata);
    out.put(key, value);
    return out;
  }

  private static Running start() {
    Path fileRoot;
    try {
      fileRoot = Files.createTempDirectory("layer8-java-files-");
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    }
    Map<String, Object> memory = Backends.component("memory", Map.of());
    Map<String, Object> redis = Backends.component("redis", Map.of("url", String.valueOf(Backends.REDIS_URL)));
    Map<String, Object> etcd = Backends.component("etcd", Map.of("endpoints", String.valueOf(Backends.ETCD_ENDPOINTS)));
    boolean hasRedis = Backends.skipReason("redis") == null;
    boolean hasEtcd = Backends.skipReason("etcd") == null;

    Map<String, Object> state = new LinkedHashMap<>(Map.of("memory", memory));
    if (hasRedis) state.put("redis", redis);
    Map<String, Object> lock = new LinkedHashMap<>(Map.of("memory", memory));
    if (hasRedis) lock.put("redis", redis);
    if (hasEtcd) lock.put("etcd", etcd);
    // Written as text: numbers above 2^53 lose precision in JSON, which the sidecar refuses.
    Map<String, Object> biggerThan = Map.of("biggerThan", Map.of(BIG_SEQUENCE_KEY, TWO_TO_THE_53));
    Map<String, Object> sequencer = new LinkedHashMap<>(Map.of("memory", Backends.component("memory", biggerThan)));
    if (hasRedis) sequencer.put("redis", Backends.component("redis", with(biggerThan, "url", Backends.REDIS_URL)));
    if (hasEtcd) sequencer.put("etcd", Backends.component("etcd", with(biggerThan, "endpoints", Backends.ETCD_ENDPOINTS)));
    Map<String, Object> config = new LinkedHashMap<>(Map.of("memory", memory));
    if (hasEtcd) config.put("etcd", etcd);
    Map<String, Object> file = new LinkedHashMap<>(Map.of("memory", memory));
    file.put("local", Backends.component("local", Map.of("root", fileRoot.toString())));

    Map<String, Object> components = new LinkedHashMap<>();
    components.put("state", state);
    components.put("lock", lock);
    components.put("sequencer", sequencer);
    components.put("config", config);
    components.put("file", file);
    components.put("pubsub", Map.of("memory", memory));

    Sidecar sidecar = Sidecar.start(Map.of(
        "appId", "java-sdk-test",
        "security", Map.of("apiToken", API_TOKEN),
        "components", components));
    Layer8Client client = Layer8Client.builder().address(sidecar.address()).apiToken(API_TOKEN).build();
    return new Running(sidecar, client, fileRoot);
  }
}
