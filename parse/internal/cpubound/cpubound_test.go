package cpubound

import (
	"testing"
	"time"
)

// TestMeasureCountsWork: spinning costs CPU time; sleeping costs none.
func TestMeasureCountsWork(t *testing.T) {
	spin, ok := Measure(Hang, func() {
		// Spin until the process has used 100ms more CPU: however loaded
		// the machine, that much work is done.
		for start := cpuTime(); cpuTime()-start < 100*time.Millisecond; {
		}
	})
	if !ok || spin < 100*time.Millisecond {
		t.Errorf("spinning 200ms measured %v", spin)
	}
	sleep, ok := Measure(Hang, func() { time.Sleep(200 * time.Millisecond) })
	if !ok || sleep > 100*time.Millisecond {
		t.Errorf("sleeping 200ms measured %v of CPU", sleep)
	}
}

func TestMeasureHang(t *testing.T) {
	block := make(chan struct{})
	defer close(block)
	if _, ok := Measure(50*time.Millisecond, func() { <-block }); ok {
		t.Error("a function that never returned was measured")
	}
}
