package main

import (
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/layer8dev/layer8/sdks/go/layer8test"
)

// Runs the quickstart as its README says, `go run .`, against a sidecar with what `npm start`
// gives (components named "default"), except for the port (a free one) and files and
// configuration kept in memory rather than below the working directory.
func TestQuickstart(t *testing.T) {
	memory := map[string]any{"default": map[string]any{"type": "memory"}}
	sidecar, err := layer8test.Start(layer8test.Options{Config: map[string]any{
		"appId": "go-quickstart",
		"components": map[string]any{
			"state": memory, "lock": memory, "sequencer": memory, "config": memory, "file": memory, "pubsub": memory,
		},
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sidecar.Stop() })

	cmd := exec.Command("go", "run", ".")
	cmd.Env = append(os.Environ(), "LAYER8_ADDRESS="+sidecar.Address)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		t.Fatalf("go run .: %v\nstderr:\n%s\nstdout:\n%s", err, stderr.String(), stdout)
	}
	want := []string{
		`^connected: greetings, go-quickstart$`,
		`^state: read order-1 = \{"status":"new"\}$`,
		`^state: a write with a stale etag was refused with ABORTED$`,
		`^sequencer: next order id [1-9][0-9]*$`,
		`^lock: took and released order-1 \(SUCCESS\)$`,
		`^configuration: checkout\.enabled = true$`,
		`^file: greeting\.txt = hello from Go$`,
		`^pubsub: received \{"order":1\} on orders$`,
	}
	lines := strings.Split(strings.TrimSpace(string(stdout)), "\n")
	if len(lines) != len(want) {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(want), stdout)
	}
	for i, pattern := range want {
		if !regexp.MustCompile(pattern).MatchString(lines[i]) {
			t.Errorf("line %d: %q does not match %s", i+1, lines[i], pattern)
		}
	}
}
