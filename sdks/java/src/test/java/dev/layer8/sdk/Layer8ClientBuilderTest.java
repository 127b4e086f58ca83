package dev.layer8.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layer8.proto.runtime.v1.SayHelloRequest;
import io.grpc.Status;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the builder accepts and refuses, and how a call fails when no sidecar is there. */
class Layer8ClientBuilderTest {
  @ParameterizedTest
  @ValueSource(strings = {"localhost", "localhost:", ":34904", "host:port", "host:0", "host:70000"})
  void refusesAnAddressThatIsNotHostColonPort(String address) {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Layer8Client.builder().address(address));
    assertTrue(refused.getMessage().contains(address), refused.getMessage());
  }

  @Test
  void refusesAnEmptyTokenAndANonPositiveTimeout() {
    assertThrows(IllegalArgumentException.class, () -> Layer8Client.builder().apiToken(""));
    assertThrows(IllegalArgumentException.class, () -> Layer8Client.builder().callTimeout(Duration.ZERO));
  }

  @Test
  void endsAUnaryCallAtItsCallTimeoutWithDeadlineExceeded() throws Exception {
    // A peer that accepts connections and never speaks: the call can only end by its deadline.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Layer8Client client = Layer8Client.builder().address("127.0.0.1:" + silent.getLocalPort())
            .callTimeout(Duration.ofMillis(300)).build()) {
      long started = System.nanoTime();
      Layer8Exception failed = assertThrows(Layer8Exception.class, () -> client.runtime().sayHello(SayHelloRequest.getDefaultInstance()));
      long elapsedMs = (System.nanoTime() - started) / 1_000_000;
      assertEquals(Status.Code.DEADLINE_EXCEEDED, failed.code(), failed.getMessage());
      assertTrue(elapsedMs >= 250 && elapsedMs < 10_000, "ended after " + elapsedMs + " ms");
    }
  }

  @Test
  void failsACallWithUnavailableWhenNothingListens() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (Layer8Client client = Layer8Client.builder().address("127.0.0.1:" + port).callTimeout(Duration.ofSeconds(5)).build()) {
      Layer8Exception failed = assertThrows(Layer8Exception.class, () -> client.runtime().sayHello(SayHelloRequest.getDefaultInstance()));
      assertEquals(Status.Code.UNAVAILABLE, failed.code(), failed.getMessage());
    }
  }
}
