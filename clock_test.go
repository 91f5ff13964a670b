package intake

import (
	"testing"
	"time"
)

func TestManualClockWakesWaitersInTime(t *testing.T) {
	start := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	c := NewManualClock(start)
	early, late := c.After(time.Hour), c.After(3*time.Hour)
	c.Advance(2 * time.Hour)
	select {
	case got := <-early:
		if !got.Equal(start.Add(2 * time.Hour)) {
			t.Fatalf("early waiter got %v", got)
		}
	default:
		t.Fatal("waiter due after 1h did not fire after 2h")
	}
	select {
	case <-late:
		t.Fatal("waiter due after 3h fired after 2h")
	default:
	}
	if n := c.Waiters(); n != 1 {
		t.Fatalf("Waiters() = %d, want 1", n)
	}
	c.Set(start) // never backwards
	if !c.Now().Equal(start.Add(2 * time.Hour)) {
		t.Fatalf("clock went backwards to %v", c.Now())
	}
}
