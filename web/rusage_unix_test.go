//go:build unix

package web

import (
	"syscall"
	"time"
)

// cpuTime is the user and system CPU time the process has used: what a
// benchmark reports beside the wall time, which on a shared machine
// counts other processes' work too.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
