package layer8_test

import (
	"strings"
	"testing"

	"google.golang.org/grpc/codes"

	"github.com/layer8dev/layer8/sdks/go/layer8"
	"github.com/layer8dev/layer8/sdks/go/runtimev1"
)

// The shared client sends the right token on every call of every other test; these show that
// the sidecar checks it, and that WithAPIToken is what gets a call through.
func TestAPIToken(t *testing.T) {
	get := func(t *testing.T, opts ...layer8.Option) error {
		c, err := layer8.Dial(sidecar.Address, opts...)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		_, err = c.State.Get(testContext(t), &runtimev1.GetStateRequest{StoreName: "memory", Key: "k"})
		return err
	}

	t.Run("a call without the token fails with UNAUTHENTICATED", func(t *testing.T) {
		err := get(t)
		assertCode(t, err, codes.Unauthenticated, "GetState")
		if !strings.Contains(err.Error(), "layer8-api-token") {
			t.Fatalf("%v: the message should name the header to send", err)
		}
	})
	t.Run("a call with a wrong token fails with UNAUTHENTICATED", func(t *testing.T) {
		assertCode(t, get(t, layer8.WithAPIToken("wrong")), codes.Unauthenticated, "GetState")
	})
	t.Run("a call with the token goes through", func(t *testing.T) {
		if err := get(t, layer8.WithAPIToken(apiToken)); err != nil {
			t.Fatal(err)
		}
	})
}

func TestAnUnreachableSidecarIsUnavailable(t *testing.T) {
	// A port nothing listens on: the listener of a stopped sidecar would be one, but any
	// closed port shows the same.
	c, err := layer8.Dial("127.0.0.1:1", layer8.WithAPIToken(apiToken))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_, err = c.Sequencer.GetNextId(testContext(t), &runtimev1.GetNextIdRequest{StoreName: "memory", Key: "k"})
	assertCode(t, err, codes.Unavailable, "GetNextId")
}
