//go:build !linux

package layer8test

import "os/exec"

// stopWithParent does nothing where the kernel cannot tie a child's life to its parent's.
func stopWithParent(*exec.Cmd) {}
