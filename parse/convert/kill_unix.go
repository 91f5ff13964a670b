//go:build unix

package convert

import (
	"os/exec"
	"syscall"
)

// killGroup runs the command in a process group of its own and, when its
// context ends, kills the whole group: soffice starts soffice.bin, which
// would otherwise outlive it.
func killGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		if cmd.Process == nil {
			return nil
		}
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
