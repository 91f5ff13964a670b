package notify

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/store"
)

// caseworkSim stands in for the casework part in the timeline test: it
// enqueues what the domain decides (the acknowledgement, the summary
// requests, the chasers and escalation from intake.ChaserPolicy, the
// receipts and the outcome) at scripted times, on the scheduler's clock.
type caseworkSim struct {
	t      *testing.T
	st     intake.Store
	cal    *intake.Calendar
	policy intake.ChaserPolicy
	reqs   []intake.SummaryRequest
	events []simEvent
}

type simEvent struct {
	at time.Time
	do func(now time.Time) []intake.Notice
}

func london(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, intake.London)
}

// pass applies the events due by now and the chaser policy, enqueues the
// notices, and returns when it next has something to do.
func (c *caseworkSim) pass(ctx context.Context, now time.Time) (time.Time, error) {
	var notices []intake.Notice
	var next time.Time
	kept := c.events[:0]
	for _, e := range c.events {
		if e.at.After(now) {
			kept = append(kept, e)
			if next.IsZero() || e.at.Before(next) {
				next = e.at
			}
			continue
		}
		notices = append(notices, e.do(now)...)
	}
	c.events = kept
	due, chaserNext := c.policy.Chasers(c.cal, c.reqs, []string{testTeam}, now)
	notices = append(notices, due...)
	if !chaserNext.IsZero() && (next.IsZero() || chaserNext.Before(next)) {
		next = chaserNext
	}
	err := c.st.Update(ctx, func(tx intake.Tx) error {
		for _, n := range notices {
			if _, err := tx.Enqueue(n); err != nil {
				return err
			}
		}
		return nil
	})
	return next, err
}

func (c *caseworkSim) receive(agency string) func(time.Time) []intake.Notice {
	return func(now time.Time) []intake.Notice {
		for i := range c.reqs {
			r := &c.reqs[i]
			if r.Agency == agency {
				r.Status, r.ReceivedAt = intake.SummaryReceived, now
				return []intake.Notice{{Key: "summary_receipt:" + r.CaseRef + ":" + agency, Kind: intake.NoticeSummaryReceipt,
					CaseRef: r.CaseRef, To: r.To, Agency: agency, InReplyTo: r.MessageID}}
			}
		}
		c.t.Fatalf("no request for %s", agency)
		return nil
	}
}

// TestTimelineFifteenWorkingDays runs the outbox scheduler's loop on a
// manual clock through the fifteen working days of a case (Monday 2 to
// Friday 20 March 2026) with three agencies: the police answer early, the
// ICB after one reminder, and education late, after three chasers and an
// escalation. Every email the SMTP server receives is listed, in order,
// with its date, and compared with testdata/timeline.golden.
func TestTimelineFifteenWorkingDays(t *testing.T) {
	h := newHarnessAt(t, london(2026, 3, 2, 7, 0)) // before the first digest
	cal := intake.NewCalendar(nil, nil)
	tt := intake.DefaultTimetable()
	sim := &caseworkSim{t: t, st: h.store, cal: cal, policy: intake.DefaultChaserPolicy()}
	request := london(2026, 3, 2, 8, 0)
	due, _ := tt.SummaryDue(cal, tt.Day1(cal, request), request)
	sim.events = []simEvent{
		{london(2026, 3, 2, 8, 0), func(now time.Time) []intake.Notice {
			ack := ackNotice()
			ack.DueDate = cal.AddWorkingDays(london(2026, 3, 2, 0, 0), 13)
			out := []intake.Notice{ack}
			for _, a := range []string{"police", "health", "education"} {
				key := "summary_request:" + testRef + ":" + a
				to := []string{a + ".spoc@kestmoor.example"}
				sim.reqs = append(sim.reqs, intake.SummaryRequest{CaseRef: testRef, Agency: a, AgencyName: a, To: to,
					MessageID: intake.MessageIDFor(key, store.DefaultMessageIDDomain), RequestedAt: now, Due: due, Status: intake.SummaryRequested})
				out = append(out, intake.Notice{Key: key, Kind: intake.NoticeSummaryRequest, CaseRef: testRef, To: to,
					Agency: a, DueDate: due, ChildIdentity: "initials A.B."})
			}
			return out
		}},
		{london(2026, 3, 5, 11, 0), sim.receive("police")},
		{london(2026, 3, 12, 14, 0), sim.receive("health")},
		{london(2026, 3, 20, 10, 0), sim.receive("education")},
		{london(2026, 3, 20, 16, 0), func(time.Time) []intake.Notice {
			return []intake.Notice{{Key: "outcome:" + testRef, Kind: intake.NoticeOutcome, CaseRef: testRef,
				To: []string{testReferer}, Decision: "lcspr", InReplyTo: "<referral-1@kestmoor-health.example>"}}
		}},
	}

	sc := NewScheduler(h.sender, h.clock, cal)
	sc.DigestTo = []string{testTeam}
	sc.Fallback = 6 * time.Hour
	sc.Logger = discardLogger()
	sc.beforePass = sim.pass
	ctx, cancel := context.WithCancel(h.ctx)
	done := make(chan struct{})
	go func() { sc.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()

	end := london(2026, 3, 20, 18, 0)
	wakes := 0
	for {
		waitAsleep(t, h.clock)
		now := h.clock.Now()
		if !now.Before(end) {
			break
		}
		next := sc.NextWake(h.ctx, now)
		if !next.After(now) {
			t.Fatalf("the scheduler went to sleep with work due at %v (now %v)", next, now)
		}
		h.clock.Set(next)
		wakes++
	}

	var lines []string
	for _, m := range h.server.Messages() {
		hd := header(t, m.Data)
		date, err := hd.Date()
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, fmt.Sprintf("%s  %-36s  %s", date.In(intake.London).Format("Mon 02 Jan 15:04"),
			strings.Join(m.To, ","), hd.Get("Subject")))
	}
	got := strings.Join(lines, "\n") + "\n"
	path := filepath.Join("testdata", "timeline.golden")
	if *update {
		os.WriteFile(path, []byte(got), 0o644)
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if got != string(want) {
		t.Errorf("timeline differs from %s:\n--- got\n%s--- want\n%s", path, got, want)
	}
	// Exactly once: no Message-ID twice.
	seen := map[string]bool{}
	for _, m := range h.server.Messages() {
		id := header(t, m.Data).Get("Message-Id")
		if seen[id] {
			t.Errorf("%s sent twice", id)
		}
		seen[id] = true
	}
	var keys []string
	for _, r := range h.rows() {
		if r.State != intake.OutboxSent {
			t.Errorf("%s: %s", r.Key, r.State)
		}
		keys = append(keys, r.Key)
	}
	sort.Strings(keys)
	t.Logf("%d emails, %d wakes of the scheduler over 19 days", len(lines), wakes)
}
