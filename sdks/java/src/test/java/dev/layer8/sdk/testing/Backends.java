package dev.layer8.sdk.testing;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * The real servers the tests may use, found the way the repo's other suites find them: `npm test`
 * starts Redis and etcd and exports REDIS_URL and ETCD_ENDPOINTS; without them, the tests that
 * need them are skipped, saying which variable is missing.
 */
public final class Backends {
  private Backends() {}

  public static final String REDIS_URL = System.getenv("REDIS_URL");
  public static final String ETCD_ENDPOINTS = System.getenv("ETCD_ENDPOINTS");

  /** A component config: its driver type and its metadata. */
  public static Map<String, Object> component(String type, Map<String, Object> metadata) {
    return Map.of("type", type, "metadata", metadata);
  }

  /** The state stores of the shared sidecar, for {@code @MethodSource}. */
  public static Stream<Named<String>> stateDrivers() {
    return drivers("memory", "redis");
  }

  /** The lock stores of the shared sidecar. */
  public static Stream<Named<String>> lockDrivers() {
    return drivers("memory", "redis", "etcd");
  }

  /** The sequencer stores of the shared sidecar. */
  public static Stream<Named<String>> sequencerDrivers() {
    return drivers("memory", "redis", "etcd");
  }

  /** The configuration stores of the shared sidecar. */
  public static Stream<Named<String>> configurationDrivers() {
    return drivers("memory", "etcd");
  }

  /**
   * Each driver (a store of the shared sidecar is named after its driver), shown in the test's
   * name with the reason it will be skipped, if it will: the reports carry the reason.
   */
  private static Stream<Named<String>> drivers(String... names) {
    return Stream.of(names).map(name -> {
      String reason = skipReason(name);
      return Named.of(reason == null ? name : name + " (skipped: " + reason + ")", name);
    });
  }

  /** Why a store of this driver cannot be tested here, or null when it can. */
  public static String skipReason(String driver) {
    return switch (driver) {
      case "redis" -> REDIS_URL == null || REDIS_URL.isEmpty() ? "REDIS_URL is not set (npm test starts a Redis server)" : null;
      case "etcd" -> ETCD_ENDPOINTS == null || ETCD_ENDPOINTS.isEmpty() ? "ETCD_ENDPOINTS is not set (npm test starts an etcd server)" : null;
      default -> null;
    };
  }
}
