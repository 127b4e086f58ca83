package layer8test

import (
	"os/exec"
	"syscall"
)

// stopWithParent has the kernel send SIGTERM to the sidecar if the test process dies first
// (a crash or a timeout), so no sidecar outlives its test.
func stopWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
}
