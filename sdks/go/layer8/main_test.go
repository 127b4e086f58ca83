package layer8_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/layer8dev/layer8/sdks/go/layer8"
	"github.com/layer8dev/layer8/sdks/go/layer8test"
)

// Every test here talks to one real sidecar, started by TestMain with memory components of
// every block it serves, plus Redis and etcd ones when REDIS_URL and ETCD_ENDPOINTS name
// servers. It requires an API token, so every call also shows that the token travels.

const apiToken = "go-sdk-test-token"

// The sequencer key whose ids start above 2^53, where a float64 would round them.
const hugeBiggerThan = int64(9007199254740993) // 2^53 + 1

var (
	sidecar *layer8test.Sidecar
	client  *layer8.Client
	// runID keeps the keys of this run apart from earlier runs on shared Redis and etcd servers.
	runID = randomID()
	// hugeSequenceKey is new in each run, so that on Redis and etcd too it starts at biggerThan.
	hugeSequenceKey = "go-" + runID + "-huge"
	// app serves AppCallback for the pub/sub tests; its subscriptions are fixed before the
	// sidecar starts, because the sidecar reads them when it first reaches the app.
	app *testApp
)

// The components of each block under test, by driver; blocks without a Redis or etcd driver
// simply do not list one.
var backendsOf = map[string][]string{
	"state":     {"memory", "redis", "etcd"},
	"lock":      {"memory", "redis", "etcd"},
	"sequencer": {"memory", "redis", "etcd"},
	"config":    {"memory", "etcd"},
	"file":      {"memory", "local"},
	"pubsub":    {"memory", "redis"},
}

// skipReason says why a backend cannot be tested here, or "" when it can.
func skipReason(backend string) string {
	env := map[string]string{"redis": "REDIS_URL", "etcd": "ETCD_ENDPOINTS"}[backend]
	if env != "" && os.Getenv(env) == "" {
		return env + " is not set, so there is no " + backend + " server to test against"
	}
	return ""
}

func randomID() string {
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

var fastRetry = map[string]any{"retryInitialDelayMs": 50, "retryMaxDelayMs": 200}

// component is the config of one component of block backed by backend.
func component(block, backend string) map[string]any {
	metadata := map[string]any{}
	switch backend {
	case "redis":
		metadata["url"] = os.Getenv("REDIS_URL")
	case "etcd":
		metadata["endpoints"] = os.Getenv("ETCD_ENDPOINTS")
	case "local":
		metadata["root"] = fileRoot
	}
	switch block {
	case "sequencer":
		// Text, as the sidecar's config wants numbers above 2^53.
		metadata["biggerThan"] = map[string]any{hugeSequenceKey: fmt.Sprint(hugeBiggerThan)}
	case "pubsub":
		for k, v := range fastRetry {
			metadata[k] = v
		}
	}
	return map[string]any{"type": backend, "metadata": metadata}
}

func sidecarConfig(appAddress string) map[string]any {
	components := map[string]any{}
	for block, backends := range backendsOf {
		named := map[string]any{}
		for _, backend := range backends {
			if skipReason(backend) == "" {
				named[backend] = component(block, backend)
			}
		}
		components[block] = named
	}
	return map[string]any{
		"appId":      "go-sdk-test",
		"components": components,
		"security":   map[string]any{"apiToken": apiToken},
		"app":        map[string]any{"grpcCallback": appAddress},
	}
}

var fileRoot string

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	var err error
	fileRoot, err = os.MkdirTemp("", "layer8-go-sdk-files-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(fileRoot)

	ctx, stopApp := context.WithCancel(context.Background())
	defer stopApp()
	app, err = startTestApp(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}

	sidecar, err = layer8test.Start(layer8test.Options{Config: sidecarConfig(app.address), Timeout: 60 * time.Second})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer func() {
		if err := sidecar.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, "stopping the sidecar:", err)
		}
	}()
	client, err = layer8.Dial(sidecar.Address, layer8.WithAPIToken(apiToken))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer client.Close()
	code := m.Run()
	if code != 0 {
		fmt.Fprintf(os.Stderr, "sidecar output:\n%s\n", sidecar.Output())
	}
	return code
}

// forEachBackend runs test once per component of block, as a subtest named after its backend;
// a backend whose server is not configured is skipped with the reason.
func forEachBackend(t *testing.T, block string, test func(t *testing.T, store string)) {
	t.Helper()
	for _, backend := range backendsOf[block] {
		t.Run(backend, func(t *testing.T) {
			if reason := skipReason(backend); reason != "" {
				t.Skip(reason)
			}
			test(t, backend)
		})
	}
}

// testContext bounds a test's calls, so a hung call fails the test instead of the run.
func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// key returns a key unique to this run and test, e.g. "go-1a2b3c-TestState-redis-k".
func key(t *testing.T, name string) string {
	return fmt.Sprintf("go-%s-%s-%s", runID, strings.ReplaceAll(t.Name(), "/", "-"), name)
}
