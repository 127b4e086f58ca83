package dev.layer8.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layer8.sdk.Layer8Client;
import dev.layer8.sdk.testing.Sidecar;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs the quickstart against a real sidecar with the `default` components of `npm start`. */
class MainTest {
  @Test
  void runsAgainstASidecarWithDefaultComponents() {
    Map<String, Object> memory = Map.of("type", "memory", "metadata", Map.of());
    Map<String, Object> defaults = Map.of("default", memory);
    try (Sidecar sidecar = Sidecar.start(Map.of("components", Map.of("state", defaults, "lock", defaults, "sequencer", defaults)));
        Layer8Client client = Layer8Client.builder().address(sidecar.address()).build()) {
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      Main.run(client, new PrintStream(printed, true, StandardCharsets.UTF_8));
      List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();

      assertEquals("connected: greetings, java-quickstart", lines.get(0));
      assertTrue(lines.get(1).startsWith("read order-1: {\"status\":\"new\"} (etag "), lines.get(1));
      assertEquals("stale write refused: ABORTED", lines.get(3));
      assertEquals(List.of("next invoice id: 1", "locked invoice-1: true", "unlocked invoice-1: SUCCESS"), lines.subList(4, 7));
    }
  }
}
