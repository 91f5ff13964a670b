//go:build !unix

package cpubound

import "time"

// cpuTime is the wall clock where getrusage is missing.
func cpuTime() time.Duration { return wallTime() }
