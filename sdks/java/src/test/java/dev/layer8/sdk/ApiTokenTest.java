package dev.layer8.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layer8.proto.runtime.v1.GetStateRequest;
import dev.layer8.proto.runtime.v1.SayHelloRequest;
import dev.layer8.sdk.testing.SharedSidecar;
import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The builder's apiToken against a sidecar that requires one (the shared sidecar does). */
@ExtendWith(SharedSidecar.class)
class ApiTokenTest {
  private static final GetStateRequest READ = GetStateRequest.newBuilder().setStoreName("memory").setKey("k").build();

  @Test
  void sendsTheTokenInTheLayer8ApiTokenHeader(SharedSidecar.Running sidecar) {
    try (Layer8Client client = Layer8Client.builder().address(sidecar.address()).apiToken(SharedSidecar.API_TOKEN).build()) {
      assertEquals("greetings, java", client.runtime().sayHello(SayHelloRequest.newBuilder().setName("java").build()).getHello());
      assertTrue(client.state().get(READ).getData().isEmpty());
    }
  }

  @Test
  void isRefusedWithUnauthenticatedWithoutAToken(SharedSidecar.Running sidecar) {
    try (Layer8Client client = Layer8Client.builder().address(sidecar.address()).build()) {
      Layer8Exception refused = assertThrows(Layer8Exception.class, () -> client.state().get(READ));
      assertEquals(Status.Code.UNAUTHENTICATED, refused.code());
      assertTrue(refused.description().contains("layer8-api-token"), refused.description());
    }
  }

  @Test
  void isRefusedWithUnauthenticatedWithAWrongToken(SharedSidecar.Running sidecar) {
    try (Layer8Client client = Layer8Client.builder().address(sidecar.address()).apiToken("not-the-token").build()) {
      Layer8Exception refused = assertThrows(Layer8Exception.class, () -> client.state().get(READ));
      assertEquals(Status.Code.UNAUTHENTICATED, refused.code());
      assertTrue(refused.description().contains("wrong"), refused.description());
    }
  }
}
