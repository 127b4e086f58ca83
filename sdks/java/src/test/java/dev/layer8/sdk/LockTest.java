package dev.layer8.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.layer8.proto.runtime.v1.LockKeepAliveRequest;
import dev.layer8.proto.runtime.v1.LockKeepAliveResponse;
import dev.layer8.proto.runtime.v1.TryLockRequest;
import dev.layer8.proto.runtime.v1.UnlockRequest;
import dev.layer8.proto.runtime.v1.UnlockResponse;
import dev.layer8.sdk.testing.Backends;
import dev.layer8.sdk.testing.SharedSidecar;
import io.grpc.Status;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** client.lock() against every lock driver the shared sidecar runs. */
@ExtendWith(SharedSidecar.class)
class LockTest {
  private static LockClient lock;
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  static void connect(SharedSidecar.Running sidecar) {
    lock = sidecar.client().lock();
  }

  private static String store(String driver) {
    String reason = Backends.skipReason(driver);
    assumeTrue(reason == null, () -> "skipped: " + reason);
    return driver;
  }

  private static boolean tryLock(String store, String resource, String owner) {
    return lock.tryLock(TryLockRequest.newBuilder()
        .setStoreName(store).setResourceId(resource).setLockOwner(owner).setExpire(30).build()).getSuccess();
  }

  private static UnlockResponse.Status unlock(String store, String resource, String owner) {
    return lock.unlock(UnlockRequest.newBuilder()
        .setStoreName(store).setResourceId(resource).setLockOwner(owner).build()).getStatus();
  }

  private static LockKeepAliveResponse.Status keepAlive(String store, String resource, String owner) {
    return lock.keepAlive(LockKeepAliveRequest.newBuilder()
        .setStoreName(store).setResourceId(resource).setLockOwner(owner).setExpire(30).build()).getStatus();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.layer8.sdk.testing.Backends#lockDrivers")
  void takesALockOnceAndReleasesItOnlyForItsOwner(String driver) {
    String store = store(driver);
    String resource = RUN + "-invoice-" + driver;
    assertTrue(tryLock(store, resource, "a"), "a free lock is taken");
    assertFalse(tryLock(store, resource, "b"), "a held lock refuses another owner");
    assertFalse(tryLock(store, resource, "a"), "not re-entrant");

    assertEquals(LockKeepAliveResponse.Status.SUCCESS, keepAlive(store, resource, "a"));
    assertEquals(LockKeepAliveResponse.Status.LOCK_BELONG_TO_OTHERS, keepAlive(store, resource, "b"));

    assertEquals(UnlockResponse.Status.LOCK_BELONG_TO_OTHERS, unlock(store, resource, "b"));
    assertEquals(UnlockResponse.Status.SUCCESS, unlock(store, resource, "a"));
    assertEquals(UnlockResponse.Status.LOCK_UNEXIST, unlock(store, resource, "a"));
    assertEquals(LockKeepAliveResponse.Status.LOCK_UNEXIST, keepAlive(store, resource, "a"));
    assertTrue(tryLock(store, resource, "b"), "a released lock is free again");
    assertEquals(UnlockResponse.Status.SUCCESS, unlock(store, resource, "b"));
  }

  @Test
  void refusesANonPositiveExpiryWithInvalidArgument() {
    Layer8Exception refused = assertThrows(Layer8Exception.class, () -> lock.tryLock(TryLockRequest.newBuilder()
        .setStoreName("memory").setResourceId(RUN + "-bad").setLockOwner("a").setExpire(0).build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, refused.code(), refused.getMessage());
  }
}
