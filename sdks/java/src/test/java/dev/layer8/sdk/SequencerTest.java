package dev.layer8.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.layer8.proto.runtime.v1.GetNextIdRequest;
import dev.layer8.proto.runtime.v1.SequencerOptions;
import dev.layer8.sdk.testing.Backends;
import dev.layer8.sdk.testing.SharedSidecar;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** client.sequencer() against every sequencer driver the shared sidecar runs. */
@ExtendWith(SharedSidecar.class)
class SequencerTest {
  /** 2^53 + 1: the first integer a double cannot hold, so ids beyond it prove the path is exact. */
  private static final long BEYOND_DOUBLES = 9_007_199_254_740_993L;

  private static SequencerClient sequencer;

  @BeforeAll
  static void connect(SharedSidecar.Running sidecar) {
    sequencer = sidecar.client().sequencer();
  }

  private static String store(String driver) {
    String reason = Backends.skipReason(driver);
    assumeTrue(reason == null, () -> "skipped: " + reason);
    return driver;
  }

  private static long next(String store, String key, SequencerOptions.AutoIncrement increment) {
    return sequencer.getNextId(GetNextIdRequest.newBuilder().setStoreName(store).setKey(key)
        .setOptions(SequencerOptions.newBuilder().setIncrement(increment)).build()).getNextId();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.layer8.sdk.testing.Backends#sequencerDrivers")
  void handsOutExactLongIdsBeyondTwoToThe53(String driver) {
    String store = store(driver);
    // The shared sidecar configures biggerThan 2^53 for this key (fresh each run).
    long first = next(store, SharedSidecar.BIG_SEQUENCE_KEY, SequencerOptions.AutoIncrement.STRONG);
    long second = next(store, SharedSidecar.BIG_SEQUENCE_KEY, SequencerOptions.AutoIncrement.STRONG);
    assertEquals(BEYOND_DOUBLES, first, "the first id right above biggerThan 2^53");
    assertEquals(BEYOND_DOUBLES + 1, second, "STRONG ids follow one another");
    assertNotEquals(first, (long) (double) first, "a double could not have carried it");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.layer8.sdk.testing.Backends#sequencerDrivers")
  void increasesForOneKeyAndStartsAboveZero(String driver) {
    String store = store(driver);
    String key = "orders-" + UUID.randomUUID();
    long previous = 0;
    for (int i = 0; i < 20; i++) {
      long id = next(store, key, SequencerOptions.AutoIncrement.WEAK);
      assertTrue(id > previous, "id " + i + " (" + id + ") is not above " + previous);
      previous = id;
    }
  }
}
