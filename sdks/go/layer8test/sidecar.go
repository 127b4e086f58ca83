// Package layer8test starts a real Layer8 sidecar for tests: a child process running the
// `layer8` command with a config of your choosing on free ports, stopped when the test ends.
package layer8test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sync"
	"syscall"
	"time"
)

// Options says which sidecar to start and how.
type Options struct {
	// Config is the sidecar's config in the shape of layer8.yaml, e.g.
	// {"components": {"state": {"kv": {"type": "memory"}}}}. Its grpc and actuator listeners
	// default to 127.0.0.1 on port 0 (a free port), so sidecars of tests never collide.
	Config map[string]any
	// Command runs the sidecar; the config file's path is appended after "run --config".
	// Default: `node <repo>/apps/sidecar/bundle/layer8.js`, found from the working directory
	// upwards (a Go test runs in its package's directory), else `layer8` on PATH (installed with
	// npm i -g @layer8/sidecar).
	Command []string
	// Env holds extra environment variables, "NAME=value".
	Env []string
	// Timeout bounds the wait for the sidecar to listen. Default 30 s.
	Timeout time.Duration
}

// Sidecar is a running sidecar process.
type Sidecar struct {
	// Address is the `host:port` of its gRPC listener, for layer8.Dial.
	Address string
	// ActuatorURL is the `http://host:port` of its actuator (health, metrics).
	ActuatorURL string

	cmd     *exec.Cmd
	output  *lockedBuffer
	exited  chan struct{}
	waitErr error
	dir     string
	stop    sync.Once
}

// The line the sidecar logs once it serves, as in apps/sidecar/src/testing.
var listening = regexp.MustCompile(`listening on (?:grpcs?://(\S+?):(\d+)|unix:(\S+?)), actuator on (http://[^\s",]+:\d+)`)

// Start starts a sidecar and returns once it listens. Stop it when done.
func Start(opts Options) (*Sidecar, error) {
	command, err := sidecarCommand(opts.Command)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "layer8test-")
	if err != nil {
		return nil, err
	}
	configFile := filepath.Join(dir, "layer8.json")
	if err := writeConfig(configFile, opts.Config); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	args := append(append([]string{}, command[1:]...), "run", "--config", configFile)
	cmd := exec.Command(command[0], args...)
	cmd.Env = append(os.Environ(), opts.Env...)
	output := &lockedBuffer{}
	cmd.Stdout = output
	cmd.Stderr = output
	stopWithParent(cmd)
	if err := cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("layer8test: cannot start %v: %w", command, err)
	}
	s := &Sidecar{cmd: cmd, output: output, exited: make(chan struct{}), dir: dir}
	go func() {
		s.waitErr = cmd.Wait()
		close(s.exited)
	}()

	timeout := opts.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	deadline := time.After(timeout)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		if m := listening.FindStringSubmatch(output.String()); m != nil {
			if m[3] != "" {
				s.Address = "unix:" + m[3]
			} else {
				s.Address = m[1] + ":" + m[2]
			}
			s.ActuatorURL = m[4]
			return s, nil
		}
		select {
		case <-s.exited:
			os.RemoveAll(dir)
			return nil, fmt.Errorf("layer8test: the sidecar exited before listening (%v); output:\n%s", s.waitErr, output.String())
		case <-deadline:
			s.Stop()
			return nil, fmt.Errorf("layer8test: the sidecar did not listen within %s; output:\n%s", timeout, output.String())
		case <-tick.C:
		}
	}
}

// Output returns everything the sidecar printed so far (its JSON log lines).
func (s *Sidecar) Output() string { return s.output.String() }

// Stop sends SIGTERM, waits for the sidecar to drain and exit (killing it after 15 s), and
// removes its config. It is safe to call more than once.
func (s *Sidecar) Stop() error {
	s.stop.Do(func() {
		if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
			_ = s.cmd.Process.Kill()
		}
		select {
		case <-s.exited:
		case <-time.After(15 * time.Second):
			_ = s.cmd.Process.Kill()
			<-s.exited
		}
		os.RemoveAll(s.dir)
	})
	var exit *exec.ExitError
	if s.waitErr != nil && !errors.As(s.waitErr, &exit) {
		return s.waitErr
	}
	return nil
}

func writeConfig(path string, config map[string]any) error {
	full := map[string]any{}
	for k, v := range config {
		full[k] = v
	}
	for _, listener := range []string{"grpc", "actuator"} {
		settings := map[string]any{"host": "127.0.0.1", "port": 0}
		if given, ok := full[listener].(map[string]any); ok {
			for k, v := range given {
				settings[k] = v
			}
		}
		full[listener] = settings
	}
	data, err := json.MarshalIndent(full, "", "  ")
	if err != nil {
		return fmt.Errorf("layer8test: the config cannot be written as JSON: %w", err)
	}
	return os.WriteFile(path, data, 0o600)
}

// sidecarCommand finds the command that runs the sidecar when none is given.
func sidecarCommand(given []string) ([]string, error) {
	if len(given) > 0 {
		return given, nil
	}
	if dir, err := os.Getwd(); err == nil {
		for {
			bin := filepath.Join(dir, "apps", "sidecar", "bundle", "layer8.js")
			if _, err := os.Stat(bin); err == nil {
				return []string{"node", bin}, nil
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				break
			}
			dir = parent
		}
	}
	if path, err := exec.LookPath("layer8"); err == nil {
		return []string{path}, nil
	}
	return nil, errors.New("layer8test: no sidecar found: build it (pnpm exec turbo run build --filter @layer8/sidecar...), install it (npm i -g @layer8/sidecar), or set Options.Command")
}

// lockedBuffer collects the child's output, written and read from different goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
