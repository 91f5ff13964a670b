//go:build !unix

package convert

import "os/exec"

// killGroup leaves the default: the context kills the process itself.
func killGroup(cmd *exec.Cmd) {}
