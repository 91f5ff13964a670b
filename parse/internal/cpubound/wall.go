package cpubound

import "time"

var start = time.Now()

// wallTime is the time since the process started, the fallback measure.
func wallTime() time.Duration { return time.Since(start) }
