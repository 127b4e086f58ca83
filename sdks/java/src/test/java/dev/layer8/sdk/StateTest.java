package dev.layer8.sdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.ByteString;
import dev.layer8.proto.runtime.v1.BulkStateItem;
import dev.layer8.proto.runtime.v1.DeleteBulkStateRequest;
import dev.layer8.proto.runtime.v1.DeleteStateRequest;
import dev.layer8.proto.runtime.v1.Etag;
import dev.layer8.proto.runtime.v1.ExecuteStateTransactionRequest;
import dev.layer8.proto.runtime.v1.GetBulkStateRequest;
import dev.layer8.proto.runtime.v1.GetStateRequest;
import dev.layer8.proto.runtime.v1.GetStateResponse;
import dev.layer8.proto.runtime.v1.SaveStateRequest;
import dev.layer8.proto.runtime.v1.StateItem;
import dev.layer8.proto.runtime.v1.StateOptions;
import dev.layer8.proto.runtime.v1.TransactionalStateOperation;
import dev.layer8.sdk.testing.Backends;
import dev.layer8.sdk.testing.SharedSidecar;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** client.state() against every state driver the shared sidecar runs. */
@ExtendWith(SharedSidecar.class)
class StateTest {
  private static StateClient state;
  /** Redis keeps keys between runs: each run uses fresh ones. */
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  static void connect(SharedSidecar.Running sidecar) {
    state = sidecar.client().state();
  }

  private static String store(String driver) {
    String reason = Backends.skipReason(driver);
    assumeTrue(reason == null, () -> "skipped: " + reason);
    return driver;
  }

  private static ByteString bytes(String text) {
    return ByteString.copyFrom(text, StandardCharsets.UTF_8);
  }

  private static StateItem item(String key, String value) {
    return StateItem.newBuilder().setKey(key).setValue(bytes(value)).build();
  }

  private static GetStateResponse get(String store, String key) {
    return state.get(GetStateRequest.newBuilder().setStoreName(store).setKey(key).build());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.layer8.sdk.testing.Backends#stateDrivers")
  void savesGetsAndDeletesBinaryValues(String driver) {
    String store = store(driver);
    String key = RUN + "-binary";
    byte[] value = {0, (byte) 0xff, 10, 13, 0};
    state.save(SaveStateRequest.newBuilder().setStoreName(store)
        .addStates(StateItem.newBuilder().setKey(key).setValue(ByteString.copyFrom(value))).build());
    GetStateResponse got = get(store, key);
    assertArrayEquals(value, got.getData().toByteArray());
    assertNotEquals("", got.getEtag());

    state.delete(DeleteStateRequest.newBuilder().setStoreName(store).setKey(key).build());
    GetStateResponse gone = get(store, key);
    assertTrue(gone.getData().isEmpty(), "a missing key reads as empty data");
    assertEquals("", gone.getEtag());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.layer8.sdk.testing.Backends#stateDrivers")
  void refusesAWriteWithAStaleEtagWithAborted(String driver) {
    String store = store(driver);
    String key = RUN + "-etag";
    state.save(SaveStateRequest.newBuilder().setStoreName(store).addStates(item(key, "v1")).build());
    String first = get(store, key).getEtag();
    state.save(SaveStateRequest.newBuilder().setStoreName(store)
        .addStates(item(key, "v2").toBuilder().setEtag(Etag.newBuilder().setValue(first))).build());
    String second = get(store, key).getEtag();
    assertNotEquals(first, second, "every write yields a new etag");

    Layer8Exception stale = assertThrows(Layer8Exception.class, () -> state.save(SaveStateRequest.newBuilder()
        .setStoreName(store)
        .addStates(item(key, "v3").toBuilder().setEtag(Etag.newBuilder().setValue(first))).build()));
    assertEquals(Status.Code.ABORTED, stale.code(), stale.getMessage());
    assertEquals("v2", get(store, key).getData().toStringUtf8(), "the stale write changed nothing");

    Layer8Exception firstWrite = assertThrows(Layer8Exception.class, () -> state.save(SaveStateRequest.newBuilder()
        .setStoreName(store)
        .addStates(item(key, "v4").toBuilder().setOptions(
            StateOptions.newBuilder().setConcurrency(StateOptions.StateConcurrency.CONCURRENCY_FIRST_WRITE)))
        .build()));
    assertEquals(Status.Code.ABORTED, firstWrite.code(), "FIRST_WRITE without an etag on an existing key");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.layer8.sdk.testing.Backends#stateDrivers")
  void getsAndDeletesInBulk(String driver) {
    String store = store(driver);
    String a = RUN + "-bulk-a";
    String b = RUN + "-bulk-b";
    String missing = RUN + "-bulk-missing";
    state.save(SaveStateRequest.newBuilder().setStoreName(store).addStates(item(a, "A")).addStates(item(b, "B")).build());

    List<BulkStateItem> items = state.getBulk(GetBulkStateRequest.newBuilder()
        .setStoreName(store).addKeys(b).addKeys(missing).addKeys(a).build()).getItemsList();
    assertEquals(List.of(b, missing, a), items.stream().map(BulkStateItem::getKey).toList(), "one item per key, in order");
    assertEquals(List.of("B", "", "A"), items.stream().map(i -> i.getData().toStringUtf8()).toList());

    state.deleteBulk(DeleteBulkStateRequest.newBuilder().setStoreName(store).addStates(item(a, "")).addStates(item(b, "")).build());
    assertTrue(get(store, a).getData().isEmpty());
    assertTrue(get(store, b).getData().isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.layer8.sdk.testing.Backends#stateDrivers")
  void appliesATransactionWholeOrNotAtAll(String driver) {
    String store = store(driver);
    String kept = RUN + "-tx-kept";
    String removed = RUN + "-tx-removed";
    state.save(SaveStateRequest.newBuilder().setStoreName(store).addStates(item(removed, "old")).build());
    String staleEtag = get(store, removed).getEtag();
    state.save(SaveStateRequest.newBuilder().setStoreName(store).addStates(item(removed, "newer")).build());

    // The stale etag fails the delete, and with it the upsert before it.
    ExecuteStateTransactionRequest failing = ExecuteStateTransactionRequest.newBuilder().setStoreName(store)
        .addOperations(upsert(item(kept, "1")))
        .addOperations(delete(item(removed, "").toBuilder().setEtag(Etag.newBuilder().setValue(staleEtag)).build()))
        .build();
    Layer8Exception aborted = assertThrows(Layer8Exception.class, () -> state.executeTransaction(failing));
    assertEquals(Status.Code.ABORTED, aborted.code(), aborted.getMessage());
    assertTrue(get(store, kept).getData().isEmpty(), "nothing of a failed transaction is applied");
    assertEquals("newer", get(store, removed).getData().toStringUtf8());

    state.executeTransaction(ExecuteStateTransactionRequest.newBuilder().setStoreName(store)
        .addOperations(upsert(item(kept, "1")))
        .addOperations(delete(item(removed, "")))
        .addOperations(delete(item(RUN + "-tx-never-there", "")))
        .build());
    assertEquals("1", get(store, kept).getData().toStringUtf8());
    assertTrue(get(store, removed).getData().isEmpty());
  }

  @Test
  void namesAnUnknownStoreWithInvalidArgument() {
    Layer8Exception unknown = assertThrows(Layer8Exception.class, () -> get("no-such-store", "k"));
    assertEquals(Status.Code.INVALID_ARGUMENT, unknown.code());
    assertTrue(unknown.description().contains("no-such-store"), unknown.description());
  }

  private static TransactionalStateOperation upsert(StateItem item) {
    return TransactionalStateOperation.newBuilder().setOperationType("upsert").setRequest(item).build();
  }

  private static TransactionalStateOperation delete(StateItem item) {
    return TransactionalStateOperation.newBuilder().setOperationType("delete").setRequest(item).build();
  }
}
