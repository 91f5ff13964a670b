// Package cpubound bounds the work a test does by the CPU time the test
// process spends on it, not by the wall clock: on a loaded 2-core machine
// (several test binaries, other engineers' builds) a read that costs one
// second of CPU can take eight on the clock, and a wall-clock bound then
// fails a test that did nothing wrong. A generous wall-clock timeout still
// catches a hang.
//
// CPU time is the process's (getrusage RUSAGE_SELF, user and system),
// which includes the garbage collector's work for what the function
// allocated; tests in one package run one at a time, so it is the
// function's. Where getrusage is missing, the wall clock is used.
package cpubound

import (
	"testing"
	"time"
)

// Hang is the wall-clock timeout tests use for "did not hang": far beyond
// any CPU bound, so that only a hang reaches it.
const Hang = 60 * time.Second

// Within runs f and fails t when f took more than cpu of CPU time, or did
// not return within wall of the clock (then f is left running, and t
// stops). It returns the CPU time f took.
func Within(t testing.TB, cpu, wall time.Duration, f func()) time.Duration {
	t.Helper()
	used, ok := Measure(wall, f)
	if !ok {
		t.Fatalf("did not return within %v: a hang", wall)
	}
	if used > cpu {
		t.Errorf("took %v of CPU time, want at most %v", used, cpu)
	}
	return used
}

// Measure runs f and returns the CPU time it took, or false when it did
// not return within wall.
func Measure(wall time.Duration, f func()) (time.Duration, bool) {
	before := cpuTime()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	timer := time.NewTimer(wall)
	defer timer.Stop()
	select {
	case <-done:
		return cpuTime() - before, true
	case <-timer.C:
		return 0, false
	}
}
