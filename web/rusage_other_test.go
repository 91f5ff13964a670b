//go:build !unix

package web

import "time"

// cpuTime is unknown where getrusage is missing.
func cpuTime() time.Duration { return 0 }
