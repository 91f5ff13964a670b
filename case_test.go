package intake

import (
	"strings"
	"testing"
)

func TestTransitions(t *testing.T) {
	allowed := [][2]CaseState{
		{StateReceived, StateAwaitingSummaries},
		{StateReceived, StateAwaitingReferrer},
		{StateReceived, StateClosed},
		{StateAwaitingReferrer, StateReceived},
		{StateAwaitingSummaries, StateReadyForReview},
		{StateReadyForReview, StateDecided},
		{StateAwaitingSummaries, StateDecided},
		{StateDecided, StateClosed},
	}
	for _, tr := range allowed {
		if err := CheckTransition(tr[0], tr[1]); err != nil {
			t.Errorf("%s -> %s refused: %v", tr[0], tr[1], err)
		}
	}
	refused := []struct {
		from, to CaseState
		says     string
	}{
		{StateClosed, StateReceived, "the case is closed"},
		{StateDecided, StateAwaitingSummaries, "the case is decided"},
		{StateReceived, StateDecided, "waiting for a person to accept or route the referral"},
		{StateReceived, "limbo", `unknown case state "limbo"`},
	}
	for _, tr := range refused {
		err := CheckTransition(tr.from, tr.to)
		if ErrorCode(err) != ECONFLICT || !strings.Contains(err.Error(), tr.says) {
			t.Errorf("%s -> %s: err = %v (%s), want a conflict saying %q", tr.from, tr.to, err, ErrorCode(err), tr.says)
		}
	}
	if _, err := ParseCaseState("bogus"); ErrorCode(err) != EINVALID || !strings.Contains(err.Error(), "awaiting_summaries") {
		t.Errorf("ParseCaseState: %v; want the valid states listed", err)
	}
}

func TestCaseStateLabel(t *testing.T) {
	for _, tc := range []struct {
		s    CaseState
		want string
	}{
		{StateReceived, "received"},
		{StateAwaitingSummaries, "awaiting summaries"},
		{StateReadyForReview, "ready for review"},
		{CaseState(""), ""},
	} {
		if got := tc.s.Label(); got != tc.want {
			t.Errorf("%q.Label() = %q, want %q", tc.s, got, tc.want)
		}
	}
}

func TestPausedWorkingDays(t *testing.T) {
	cal := NewCalendar(nil, nil)
	c := &Case{Pauses: []Pause{{Start: at("2026-11-04 10:00"), End: at("2026-11-05 16:00"), By: "team", Reason: "legal hold"}}}
	if c.Paused() {
		t.Error("ended pause counts as paused")
	}
	c.Pauses = append(c.Pauses, Pause{Start: at("2026-11-09 09:00"), By: "team", Reason: "awaiting referrer"})
	if !c.Paused() {
		t.Error("running pause not seen")
	}
	// Wed 4, Thu 5, then a running pause Mon 9 and Tue 10 Nov.
	if n := c.PausedWorkingDays(cal, day("2026-11-02"), at("2026-11-10 12:00")); n != 4 {
		t.Errorf("paused working days %d, want 4", n)
	}
}

func TestDecisions(t *testing.T) {
	for _, d := range Decisions {
		got, err := ParseDecision(string(d.Decision))
		if err != nil || got.Words() == "" || got.Words() == string(got) {
			t.Errorf("%s: %v %q", d.Decision, err, got.Words())
		}
	}
	if _, err := ParseDecision("maybe"); err == nil || !strings.Contains(err.Error(), "lcspr") {
		t.Errorf("err = %v", err)
	}
	if err := (Outcome{Decision: DecisionLCSPR, By: "Chair"}).Validate(); err == nil {
		t.Error("outcome without a reason accepted")
	}
}

func TestReferrers(t *testing.T) {
	c := &Case{Referrals: []CaseReferral{{From: "A@x.example"}, {From: "b@y.example", Linked: true}, {From: "a@x.example", Linked: true}}}
	if got := strings.Join(c.Referrers(), ","); got != "a@x.example,b@y.example" {
		t.Errorf("referrers %s", got)
	}
}
