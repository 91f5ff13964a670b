package notify

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/kscmp/intake"
)

// waitAsleep waits (in wall time) until the scheduler's loop is asleep on
// the manual clock.
func waitAsleep(t *testing.T, c *intake.ManualClock) {
	t.Helper()
	deadline := time.Now().Add(time.Minute) // only ends a hang: a loaded machine is slow
	for c.Waiters() == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the scheduler never went to sleep")
		}
		time.Sleep(time.Millisecond)
	}
}

// TestOutageOfSixHoursDeliversEverythingOnce runs the scheduler's loop on
// a manual clock while the SMTP server is down for six hours, then up.
func TestOutageOfSixHoursDeliversEverythingOnce(t *testing.T) {
	h := newHarness(t)
	h.server.Stop()
	for i, agency := range []string{"police", "health", "education"} {
		h.enqueue(intake.Notice{Key: fmt.Sprintf("summary_request:%s:%s", testRef, agency), Kind: intake.NoticeSummaryRequest,
			CaseRef: testRef, To: []string{agency + ".spoc@kestmoor.example"}, Agency: agency, DueDate: intake.Date(2026, 3, 13),
			NotBefore: t0.Add(time.Duration(i) * time.Minute)})
	}
	sc := NewScheduler(h.sender, h.clock, intake.NewCalendar(nil, nil))
	sc.Fallback = 30 * time.Minute
	sc.Logger = discardLogger()
	ctx, cancel := context.WithCancel(h.ctx)
	done := make(chan struct{})
	go func() { sc.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()

	wakes := 0
	upAt := t0.Add(6 * time.Hour)
	down := true
	for {
		waitAsleep(t, h.clock)
		if len(h.server.Messages()) == 3 {
			break
		}
		if h.clock.Now().After(t0.Add(24 * time.Hour)) {
			t.Fatal("not delivered within a day")
		}
		next := sc.NextWake(h.ctx, h.clock.Now())
		if down && !next.Before(upAt) {
			if err := h.server.Start(); err != nil { // six hours later the server is back
				t.Fatal(err)
			}
			down = false
			h.clock.Set(upAt)
			continue
		}
		h.clock.Set(next)
		wakes++
	}
	waitAsleep(t, h.clock)
	msgs := h.server.Messages()
	if len(msgs) != 3 {
		t.Fatalf("delivered %d messages, want 3", len(msgs))
	}
	var ids []string
	for _, m := range msgs {
		ids = append(ids, header(t, m.Data).Get("Message-Id"))
	}
	sort.Strings(ids)
	for i := 1; i < len(ids); i++ {
		if ids[i] == ids[i-1] {
			t.Fatalf("message %s delivered twice", ids[i])
		}
	}
	for _, r := range h.rows() {
		if r.State != intake.OutboxSent || r.Attempts < 5 {
			t.Errorf("row %d: %s after %d attempts", r.ID, r.State, r.Attempts)
		}
	}
	if wakes > 60 {
		t.Errorf("the scheduler woke %d times in nine hours: it should sleep until the next retry", wakes)
	}
	t.Logf("woke %d times; attempts %d", wakes, h.rows()[0].Attempts)
}

func TestDigestIsEnqueuedOnceOnWorkingDaysAtItsTime(t *testing.T) {
	h := newHarness(t)
	sc := NewScheduler(h.sender, h.clock, intake.NewCalendar(nil, nil))
	sc.DigestTo = []string{testTeam}
	// Monday 2 March 2026, 08:00 GMT: after 07:30, so due.
	for i := 0; i < 2; i++ {
		if err := sc.RunOnce(h.ctx); err != nil {
			t.Fatal(err)
		}
	}
	rows := h.rows()
	if len(rows) != 1 || rows[0].Key != "digest:2026-03-02" || rows[0].State != intake.OutboxSent {
		t.Fatalf("rows %+v", rows)
	}
	if got := sc.nextDigest(h.clock.Now()); !got.Equal(time.Date(2026, 3, 3, 7, 30, 0, 0, time.UTC)) {
		t.Errorf("next digest %v", got)
	}
	// Friday 3 April 2026 is Good Friday: the next digest is Tuesday 7 April
	// at 07:30 BST.
	fri := time.Date(2026, 4, 2, 12, 0, 0, 0, time.UTC)
	if got := sc.nextDigest(fri); !got.Equal(time.Date(2026, 4, 7, 6, 30, 0, 0, time.UTC)) {
		t.Errorf("next digest after Thursday 2 April: %v", got)
	}
	h.clock.Set(time.Date(2026, 4, 3, 9, 0, 0, 0, time.UTC))
	if created, err := sc.EnqueueDigest(h.ctx, h.clock.Now()); err != nil || created {
		t.Errorf("digest on Good Friday: %v %v", created, err)
	}
	msgs := h.server.Messages()
	if len(msgs) != 1 {
		t.Fatalf("got %d messages", len(msgs))
	}
	hd := header(t, msgs[0].Data)
	if hd.Get("Subject") != "Intake digest for Monday 2 March 2026" {
		t.Errorf("subject %q", hd.Get("Subject"))
	}
}

// TestRunDoesNotSpinWhenTheStoreFails closes the database under a running
// scheduler: each failed pass is followed by a sleep on the clock.
func TestRunDoesNotSpinWhenTheStoreFails(t *testing.T) {
	h := newHarness(t)
	sc := NewScheduler(h.sender, h.clock, intake.NewCalendar(nil, nil))
	sc.Logger = discardLogger()
	h.store.Close()
	ctx, cancel := context.WithCancel(h.ctx)
	done := make(chan struct{})
	go func() { sc.Run(ctx); close(done) }()
	waitAsleep(t, h.clock)
	before := h.clock.Now()
	time.Sleep(50 * time.Millisecond)
	if h.clock.Waiters() != 1 || !h.clock.Now().Equal(before) {
		t.Fatalf("waiters %d", h.clock.Waiters())
	}
	h.clock.Advance(9 * time.Second) // less than the 10s floor: still asleep
	time.Sleep(20 * time.Millisecond)
	if h.clock.Waiters() != 1 {
		t.Fatal("woke before the floor")
	}
	cancel()
	select {
	case <-done:
	case <-time.After(time.Minute): // only ends a hang
		t.Fatal("Run did not return when its context ended")
	}
}
