package layer8_test

import (
	"testing"

	"github.com/layer8dev/layer8/sdks/go/runtimev1"
)

func TestSequencer(t *testing.T) {
	forEachBackend(t, "sequencer", func(t *testing.T, store string) {
		ctx := testContext(t)
		next := func(key string, increment runtimev1.SequencerOptions_AutoIncrement) int64 {
			t.Helper()
			res, err := client.Sequencer.GetNextId(ctx, &runtimev1.GetNextIdRequest{
				StoreName: store, Key: key, Options: &runtimev1.SequencerOptions{Increment: increment},
			})
			if err != nil {
				t.Fatal(err)
			}
			return res.GetNextId()
		}

		t.Run("ids of a key are unique and increase", func(t *testing.T) {
			k := key(t, "orders")
			seen := map[int64]bool{}
			last := int64(0)
			for range 20 {
				id := next(k, runtimev1.SequencerOptions_STRONG)
				if id <= last || seen[id] {
					t.Fatalf("id %d after %d (seen before: %v)", id, last, seen[id])
				}
				seen[id], last = true, id
			}
		})

		t.Run("ids above 2^53 arrive exact", func(t *testing.T) {
			// WEAK ids come from one cached segment, so each is one more than the last: a
			// float64 on the way could not tell 2^53+2 from 2^53+3.
			first := next(hugeSequenceKey, runtimev1.SequencerOptions_WEAK)
			if first != hugeBiggerThan+1 {
				t.Fatalf("first id %d, want exactly %d", first, hugeBiggerThan+1)
			}
			for want := first + 1; want < first+4; want++ {
				if got := next(hugeSequenceKey, runtimev1.SequencerOptions_WEAK); got != want {
					t.Fatalf("got id %d, want exactly %d", got, want)
				}
			}
		})
	})
}
