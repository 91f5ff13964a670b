package intake

import (
	"errors"
	"strings"
	"testing"
)

func TestTransitions(t *testing.T) {
	allowed := [][2]CaseState{
		{StateReceived, StateAwaitingSummaries},
		{StateReceived, StateAwaitingReferrer},
		{StateAwaitingReferrer, StateAwaitingSummaries},
		{StateAwaitingSummaries, StateReadyForReview},
		{StateReadyForReview, StateDecided},
		{StateReceived, StateDecided},
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
		{StateClosed, StateReceived, "a closed case cannot change state"},
		{StateDecided, StateAwaitingSummaries, "from decided a case may go to closed"},
		{StateReadyForReview, StateReceived, "ready_for_review to received"},
		{StateReceived, "limbo", `unknown state "limbo"`},
		{StateReceived, StateReceived, "received to received"},
	}
	for _, tr := range refused {
		err := CheckTransition(tr.from, tr.to)
		if err == nil || !errors.Is(err, ErrTransition) || !strings.Contains(err.Error(), tr.says) {
			t.Errorf("%s -> %s: err = %v, want it to say %q", tr.from, tr.to, err, tr.says)
		}
	}
}

func TestPausesMoveDueDates(t *testing.T) {
	cal := NewCalendar(nil, nil)
	c := &Case{Pauses: []Pause{{Start: at("2026-11-04 10:00"), End: at("2026-11-05 16:00"), By: "team", Reason: "awaiting police advice"}}}
	if c.Paused() {
		t.Error("ended pause counts as paused")
	}
	// Paused Wed 4 and Thu 5 Nov: a summary due Fri 13 Nov moves to Tue 17 Nov.
	if got := ymd(c.ShiftedDue(cal, day("2026-11-02"), day("2026-11-13"), at("2026-11-20 09:00"))); got != "2026-11-17" {
		t.Errorf("shifted due %s", got)
	}
	c.Pauses = append(c.Pauses, Pause{Start: at("2026-11-09 09:00"), By: "intake", Reason: "awaiting referrer"})
	if !c.Paused() {
		t.Error("running pause not seen")
	}
	// A running pause counts up to now: Mon 9 and Tue 10 Nov more.
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
