package layer8_test

import (
	"testing"

	"github.com/layer8dev/layer8/sdks/go/runtimev1"
)

func TestLock(t *testing.T) {
	forEachBackend(t, "lock", func(t *testing.T, store string) {
		ctx := testContext(t)
		lock := client.Lock
		resource := key(t, "resource")
		try := func(owner string) bool {
			t.Helper()
			res, err := lock.TryLock(ctx, &runtimev1.TryLockRequest{StoreName: store, ResourceId: resource, LockOwner: owner, Expire: 30})
			if err != nil {
				t.Fatal(err)
			}
			return res.GetSuccess()
		}

		if !try("alice") {
			t.Fatal("alice could not take a free lock")
		}
		if try("bob") || try("alice") {
			t.Fatal("a held lock was taken again (by another owner, or re-entrantly)")
		}

		unlock, err := lock.Unlock(ctx, &runtimev1.UnlockRequest{StoreName: store, ResourceId: resource, LockOwner: "bob"})
		if err != nil {
			t.Fatal(err)
		}
		if unlock.GetStatus() != runtimev1.UnlockResponse_LOCK_BELONG_TO_OTHERS {
			t.Fatalf("bob unlocking alice's lock: %v, want LOCK_BELONG_TO_OTHERS", unlock.GetStatus())
		}

		kept, err := lock.KeepAlive(ctx, &runtimev1.LockKeepAliveRequest{StoreName: store, ResourceId: resource, LockOwner: "alice", Expire: 60})
		if err != nil {
			t.Fatal(err)
		}
		if kept.GetStatus() != runtimev1.LockKeepAliveResponse_SUCCESS {
			t.Fatalf("alice extending her lock: %v, want SUCCESS", kept.GetStatus())
		}

		unlock, err = lock.Unlock(ctx, &runtimev1.UnlockRequest{StoreName: store, ResourceId: resource, LockOwner: "alice"})
		if err != nil {
			t.Fatal(err)
		}
		if unlock.GetStatus() != runtimev1.UnlockResponse_SUCCESS {
			t.Fatalf("alice unlocking: %v, want SUCCESS", unlock.GetStatus())
		}
		unlock, err = lock.Unlock(ctx, &runtimev1.UnlockRequest{StoreName: store, ResourceId: resource, LockOwner: "alice"})
		if err != nil {
			t.Fatal(err)
		}
		if unlock.GetStatus() != runtimev1.UnlockResponse_LOCK_UNEXIST {
			t.Fatalf("unlocking a released lock: %v, want LOCK_UNEXIST", unlock.GetStatus())
		}
		if !try("bob") {
			t.Fatal("bob could not take the released lock")
		}
	})
}
