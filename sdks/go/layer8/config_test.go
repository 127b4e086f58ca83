package layer8_test

import (
	"slices"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"

	"github.com/layer8dev/layer8/sdks/go/runtimev1"
)

func TestConfiguration(t *testing.T) {
	forEachBackend(t, "config", func(t *testing.T, store string) {
		ctx := testContext(t)
		config := client.Configuration
		// An app id of its own keeps this run's items apart on a shared etcd.
		appID := "go-" + runID
		a, b, missing := key(t, "a"), key(t, "b"), key(t, "missing")
		keysOf := func(items []*runtimev1.ConfigurationItem) []string {
			var keys []string
			for _, item := range items {
				keys = append(keys, item.GetKey()+"="+item.GetContent())
			}
			slices.Sort(keys)
			return keys
		}
		get := func(keys ...string) []string {
			t.Helper()
			res, err := config.Get(ctx, &runtimev1.GetConfigurationRequest{StoreName: store, AppId: appID, Group: "g", Label: "l", Keys: keys})
			if err != nil {
				t.Fatal(err)
			}
			return keysOf(res.GetItems())
		}

		err := config.Save(ctx, &runtimev1.SaveConfigurationRequest{StoreName: store, AppId: appID, Items: []*runtimev1.ConfigurationItem{
			{Key: a, Content: "1", Group: "g", Label: "l", Tags: map[string]string{"owner": "go"}},
			{Key: b, Content: "2", Group: "g", Label: "l"},
		}})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := get(a, missing), []string{a + "=1"}; !slices.Equal(got, want) {
			t.Fatalf("get of a and a missing key: %v, want %v", got, want)
		}
		if got, want := get(), []string{a + "=1", b + "=2"}; !slices.Equal(got, want) {
			t.Fatalf("get of every key: %v, want %v", got, want)
		}

		// The ack header asks the sidecar to answer once the watch is in place, so that the
		// save below cannot come before it.
		subCtx := metadata.AppendToOutgoingContext(ctx, "layer8-subscribe-ack", "true")
		sub, err := config.Subscribe(subCtx)
		if err != nil {
			t.Fatal(err)
		}
		defer sub.Close()
		if err := sub.Send(&runtimev1.SubscribeConfigurationRequest{StoreName: store, AppId: appID, Group: "g", Label: "l", Keys: []string{a}}); err != nil {
			t.Fatal(err)
		}
		if ack, err := sub.Recv(); err != nil || len(ack.GetItems()) != 0 {
			t.Fatalf("the subscription's acknowledgement: %v, %v", ack, err)
		}

		save := func(key, content string) {
			t.Helper()
			err := config.Save(ctx, &runtimev1.SaveConfigurationRequest{StoreName: store, AppId: appID, Items: []*runtimev1.ConfigurationItem{{Key: key, Content: content, Group: "g", Label: "l"}}})
			if err != nil {
				t.Fatal(err)
			}
		}
		save(b, "not watched")
		save(a, "changed")
		update := recvWithin(t, sub.Recv, 10*time.Second)
		if got, want := keysOf(update.GetItems()), []string{a + "=changed"}; !slices.Equal(got, want) || update.GetStoreName() != store {
			t.Fatalf("update: store %q items %v, want store %q items %v", update.GetStoreName(), got, store, want)
		}

		if err := config.Delete(ctx, &runtimev1.DeleteConfigurationRequest{StoreName: store, AppId: appID, Group: "g", Label: "l", Keys: []string{a}}); err != nil {
			t.Fatal(err)
		}
		deleted := recvWithin(t, sub.Recv, 10*time.Second)
		if got, want := keysOf(deleted.GetItems()), []string{a + "="}; !slices.Equal(got, want) {
			t.Fatalf("a deleted key arrives with empty content: got %v, want %v", got, want)
		}
		if got, want := get(), []string{b + "=not watched"}; !slices.Equal(got, want) {
			t.Fatalf("after the delete: %v, want %v", got, want)
		}

		// Close ends the call: Receive stops with CANCELED rather than waiting for changes.
		sub.Close()
		var last error
		for update, err := range sub.Receive() {
			if err == nil {
				t.Fatalf("an update after Close: %v", update)
			}
			last = err
		}
		assertCode(t, last, codes.Canceled, "SubscribeConfiguration")
	})
}

// recvWithin returns the next message recv returns, failing the test if none comes in time.
func recvWithin[T any](t *testing.T, recv func() (*T, error), timeout time.Duration) *T {
	t.Helper()
	type result struct {
		msg *T
		err error
	}
	done := make(chan result, 1)
	go func() {
		msg, err := recv()
		done <- result{msg, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			t.Fatal(r.err)
		}
		return r.msg
	case <-time.After(timeout):
		t.Fatalf("nothing received within %s", timeout)
		return nil
	}
}
