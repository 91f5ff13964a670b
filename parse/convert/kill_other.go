//go:build !unix

package parse

import "os/exec"

// killGroup leaves the default: the context kills the process itself.
func killGroup(cmd *exec.Cmd) {}
