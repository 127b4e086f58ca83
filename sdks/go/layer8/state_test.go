package layer8_test

import (
	"bytes"
	"errors"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/layer8dev/layer8/sdks/go/layer8"
	"github.com/layer8dev/layer8/sdks/go/runtimev1"
)

func TestState(t *testing.T) {
	forEachBackend(t, "state", func(t *testing.T, store string) {
		ctx := testContext(t)
		state := client.State
		k := key(t, "k")

		t.Run("a missing key reads as empty data and no etag", func(t *testing.T) {
			got, err := state.Get(ctx, &runtimev1.GetStateRequest{StoreName: store, Key: key(t, "never")})
			if err != nil {
				t.Fatal(err)
			}
			if len(got.GetData()) != 0 || got.GetEtag() != "" {
				t.Fatalf("got data %q etag %q, want both empty", got.GetData(), got.GetEtag())
			}
		})

		t.Run("saves and reads binary values byte for byte, with a new etag per write", func(t *testing.T) {
			value := []byte{0, 1, 2, 0xff, 0xfe, 'h', 'i', 0}
			mustSave(t, store, &runtimev1.StateItem{Key: k, Value: value})
			first := mustGet(t, store, k)
			if !bytes.Equal(first.GetData(), value) || first.GetEtag() == "" {
				t.Fatalf("got data %v etag %q, want %v and an etag", first.GetData(), first.GetEtag(), value)
			}
			mustSave(t, store, &runtimev1.StateItem{Key: k, Value: []byte("v2")})
			if second := mustGet(t, store, k); second.GetEtag() == first.GetEtag() || string(second.GetData()) != "v2" {
				t.Fatalf("after a second save: data %q etag %q (first etag %q)", second.GetData(), second.GetEtag(), first.GetEtag())
			}
		})

		t.Run("a write with a stale etag fails with ABORTED and changes nothing", func(t *testing.T) {
			mustSave(t, store, &runtimev1.StateItem{Key: k, Value: []byte("one")})
			stale := mustGet(t, store, k).GetEtag()
			mustSave(t, store, &runtimev1.StateItem{Key: k, Value: []byte("two"), Etag: &runtimev1.Etag{Value: stale}})
			err := state.Save(ctx, &runtimev1.SaveStateRequest{StoreName: store, States: []*runtimev1.StateItem{
				{Key: k, Value: []byte("three"), Etag: &runtimev1.Etag{Value: stale}},
			}})
			assertCode(t, err, codes.Aborted, "SaveState")
			if got := mustGet(t, store, k); string(got.GetData()) != "two" {
				t.Fatalf("the stale write changed the value to %q", got.GetData())
			}
			err = state.Delete(ctx, &runtimev1.DeleteStateRequest{StoreName: store, Key: k, Etag: &runtimev1.Etag{Value: stale}})
			assertCode(t, err, codes.Aborted, "DeleteState")
			current := mustGet(t, store, k).GetEtag()
			if err := state.Delete(ctx, &runtimev1.DeleteStateRequest{StoreName: store, Key: k, Etag: &runtimev1.Etag{Value: current}}); err != nil {
				t.Fatalf("delete with the current etag: %v", err)
			}
			if got := mustGet(t, store, k); len(got.GetData()) != 0 {
				t.Fatalf("deleted key still reads %q", got.GetData())
			}
		})

		t.Run("bulk get answers every key in order; bulk delete removes them", func(t *testing.T) {
			a, b, missing := key(t, "a"), key(t, "b"), key(t, "missing")
			mustSave(t, store, &runtimev1.StateItem{Key: a, Value: []byte("A")}, &runtimev1.StateItem{Key: b, Value: []byte("B")})
			bulk, err := state.GetBulk(ctx, &runtimev1.GetBulkStateRequest{StoreName: store, Keys: []string{b, missing, a}})
			if err != nil {
				t.Fatal(err)
			}
			want := []struct{ key, data string }{{b, "B"}, {missing, ""}, {a, "A"}}
			if len(bulk.GetItems()) != len(want) {
				t.Fatalf("got %d items, want %d", len(bulk.GetItems()), len(want))
			}
			for i, item := range bulk.GetItems() {
				if item.GetKey() != want[i].key || string(item.GetData()) != want[i].data || item.GetError() != "" {
					t.Errorf("item %d: key %q data %q error %q, want key %q data %q", i, item.GetKey(), item.GetData(), item.GetError(), want[i].key, want[i].data)
				}
			}
			err = state.DeleteBulk(ctx, &runtimev1.DeleteBulkStateRequest{StoreName: store, States: []*runtimev1.StateItem{{Key: a}, {Key: b}}})
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range []string{a, b} {
				if got := mustGet(t, store, k); len(got.GetData()) != 0 {
					t.Errorf("%s still reads %q after the bulk delete", k, got.GetData())
				}
			}
		})

		t.Run("a transaction applies all its operations or none", func(t *testing.T) {
			kept, gone, fresh := key(t, "kept"), key(t, "gone"), key(t, "fresh")
			mustSave(t, store, &runtimev1.StateItem{Key: kept, Value: []byte("old")}, &runtimev1.StateItem{Key: gone, Value: []byte("x")})
			stale := mustGet(t, store, kept).GetEtag()
			mustSave(t, store, &runtimev1.StateItem{Key: kept, Value: []byte("current")})

			failing := &runtimev1.ExecuteStateTransactionRequest{StoreName: store, Operations: []*runtimev1.TransactionalStateOperation{
				{OperationType: "upsert", Request: &runtimev1.StateItem{Key: fresh, Value: []byte("new")}},
				{OperationType: "delete", Request: &runtimev1.StateItem{Key: gone}},
				{OperationType: "upsert", Request: &runtimev1.StateItem{Key: kept, Value: []byte("lost"), Etag: &runtimev1.Etag{Value: stale}}},
			}}
			assertCode(t, state.ExecuteTransaction(ctx, failing), codes.Aborted, "ExecuteStateTransaction")
			if got := mustGet(t, store, fresh); len(got.GetData()) != 0 {
				t.Fatalf("a failed transaction wrote %q", got.GetData())
			}
			if got := mustGet(t, store, gone); string(got.GetData()) != "x" {
				t.Fatalf("a failed transaction deleted a key (now %q)", got.GetData())
			}

			failing.Operations = failing.Operations[:2]
			if err := state.ExecuteTransaction(ctx, failing); err != nil {
				t.Fatal(err)
			}
			if got := mustGet(t, store, fresh); string(got.GetData()) != "new" {
				t.Fatalf("the transaction's upsert: %q", got.GetData())
			}
			if got := mustGet(t, store, gone); len(got.GetData()) != 0 {
				t.Fatalf("the transaction's delete left %q", got.GetData())
			}
		})
	})
}

func TestStateErrorsAreOneTypeWithTheGRPCCode(t *testing.T) {
	_, err := client.State.Get(testContext(t), &runtimev1.GetStateRequest{StoreName: "nope", Key: "k"})
	var e *layer8.Error
	if !errors.As(err, &e) {
		t.Fatalf("got %T %v, want *layer8.Error", err, err)
	}
	if e.Code != codes.InvalidArgument || e.RPC != "GetState" {
		t.Fatalf("got code %v rpc %q, want InvalidArgument from GetState", e.Code, e.RPC)
	}
	if want := "state store 'nope' is not configured"; !bytes.Contains([]byte(e.Message), []byte(want)) {
		t.Fatalf("message %q does not say %q", e.Message, want)
	}
	if status.Code(err) != codes.InvalidArgument || layer8.CodeOf(err) != codes.InvalidArgument {
		t.Fatalf("status.Code %v, CodeOf %v: both should see InvalidArgument", status.Code(err), layer8.CodeOf(err))
	}
}

func mustSave(t *testing.T, store string, items ...*runtimev1.StateItem) {
	t.Helper()
	if err := client.State.Save(testContext(t), &runtimev1.SaveStateRequest{StoreName: store, States: items}); err != nil {
		t.Fatal(err)
	}
}

func mustGet(t *testing.T, store, key string) *runtimev1.GetStateResponse {
	t.Helper()
	got, err := client.State.Get(testContext(t), &runtimev1.GetStateRequest{StoreName: store, Key: key})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// assertCode fails unless err is a *layer8.Error from rpc with the code.
func assertCode(t *testing.T, err error, code codes.Code, rpc string) {
	t.Helper()
	var e *layer8.Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v, want a *layer8.Error with %v", err, code)
	}
	if e.Code != code || e.RPC != rpc {
		t.Fatalf("got %v from %s (%s), want %v from %s", e.Code, e.RPC, e.Message, code, rpc)
	}
}
