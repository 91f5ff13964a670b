package intake

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// CaseState is where a case stands in the rapid review process.
type CaseState string

// The states of a case, from the referral's arrival to closing.
const (
	StateReceived          CaseState = "received"           // a referral arrived; the business team looks at it (e.g. criteria not met)
	StateAwaitingReferrer  CaseState = "awaiting_referrer"  // information is missing; the clock is paused
	StateAwaitingSummaries CaseState = "awaiting_summaries" // summary requests are out to the SPOCs
	StateReadyForReview    CaseState = "ready_for_review"   // every summary is in
	StateDecided           CaseState = "decided"            // the Rapid Review Group decided
	StateClosed            CaseState = "closed"
)

// CaseStates lists the states in process order.
var CaseStates = []CaseState{StateReceived, StateAwaitingReferrer, StateAwaitingSummaries, StateReadyForReview, StateDecided, StateClosed}

// transitions lists, for each state, the states a case may move to.
// A decision can be recorded from any open state (the Rapid Review Group
// may decide without every summary); nothing leaves closed.
var transitions = map[CaseState][]CaseState{
	StateReceived:          {StateAwaitingReferrer, StateAwaitingSummaries, StateReadyForReview, StateDecided, StateClosed},
	StateAwaitingReferrer:  {StateReceived, StateAwaitingSummaries, StateReadyForReview, StateDecided, StateClosed},
	StateAwaitingSummaries: {StateAwaitingReferrer, StateReadyForReview, StateDecided, StateClosed},
	StateReadyForReview:    {StateAwaitingSummaries, StateDecided, StateClosed},
	StateDecided:           {StateClosed},
	StateClosed:            nil,
}

// ErrTransition is wrapped by the error CheckTransition returns for a
// move the process does not allow.
var ErrTransition = fmt.Errorf("intake: transition not allowed")

// CheckTransition returns nil if a case may move from one state to the
// other, and otherwise an error naming both and the states allowed.
func CheckTransition(from, to CaseState) error {
	next, known := transitions[from]
	if !known {
		return fmt.Errorf("%w: unknown state %q", ErrTransition, from)
	}
	if _, ok := transitions[to]; !ok {
		return fmt.Errorf("%w: unknown state %q", ErrTransition, to)
	}
	if slices.Contains(next, to) {
		return nil
	}
	if len(next) == 0 {
		return fmt.Errorf("%w: a %s case cannot change state (to %s)", ErrTransition, from, to)
	}
	allowed := make([]string, len(next))
	for i, s := range next {
		allowed[i] = string(s)
	}
	return fmt.Errorf("%w: %s to %s (from %s a case may go to %s)", ErrTransition, from, to, from, strings.Join(allowed, ", "))
}

// ParseCaseState checks a state's name.
func ParseCaseState(s string) (CaseState, error) {
	if _, ok := transitions[CaseState(s)]; !ok {
		return "", fmt.Errorf("intake: unknown case state %q", s)
	}
	return CaseState(s), nil
}

// IsOpen reports whether the state is before a decision.
func (s CaseState) IsOpen() bool { return s != StateDecided && s != StateClosed }

// Case is one referral (and any linked to it) on its way through the
// rapid review process.
type Case struct {
	Ref       string    `json:"ref"`
	State     CaseState `json:"state"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`

	// The clock's anchors (dates, midnight Europe/London).
	AwareDate        time.Time `json:"aware_date,omitzero"`
	NotificationDate time.Time `json:"notification_date,omitzero"`
	RequestDate      time.Time `json:"request_date,omitzero"`

	// The referral: who sent it (for the acknowledgement and outcome) and
	// what screening found.
	ReferralMessage   int64    `json:"referral_message,omitempty"` // messages.id
	Referrer          string   `json:"referrer,omitempty"`         // the address replies go to
	ReferrerMessageID string   `json:"referrer_message_id,omitempty"`
	Verdict           string   `json:"verdict,omitempty"`
	Missing           []string `json:"missing,omitempty"`
	Flags             []string `json:"flags,omitempty"`
	UnknownAgencies   []string `json:"unknown_agencies,omitempty"` // agency names in the form that match no configured agency
	Linked            int      `json:"linked_referrals,omitempty"` // further referrals linked to this case

	AwaitingReferrerSince time.Time `json:"awaiting_referrer_since,omitzero"`

	Child    ChildIdentity    `json:"-"` // personal data: never logged, shown only by `intake case`
	Pauses   []Pause          `json:"pauses,omitempty"`
	Requests []SummaryRequest `json:"requests,omitempty"`
	Outcome  *Outcome         `json:"outcome,omitempty"`
}

// Pause is a period when the case's clock stood still, with who paused and
// resumed it and why. A running pause has a zero End.
type Pause struct {
	Start     time.Time `json:"start"`
	By        string    `json:"by"`
	Reason    string    `json:"reason"`
	End       time.Time `json:"end,omitzero"`
	EndBy     string    `json:"end_by,omitempty"`
	EndReason string    `json:"end_reason,omitempty"`
}

// Paused reports whether the case's clock is paused now.
func (c *Case) Paused() bool {
	for _, p := range c.Pauses {
		if p.End.IsZero() {
			return true
		}
	}
	return false
}

// PausedWorkingDays counts the working days during which the clock was
// paused from the given date on, as of now: each working day on which a
// pause was in force (started on or before it, not ended before it) counts
// once. A due date falling after a pause moves on by this many days.
func (c *Case) PausedWorkingDays(cal *Calendar, from, now time.Time) int {
	days := map[civil]bool{}
	for _, p := range c.Pauses {
		end := p.End
		if end.IsZero() {
			end = now
		}
		start := p.Start
		if start.Before(from) {
			start = from
		}
		for d := civilOf(start); !civilOf(end).before(d); d = d.addDays(1) {
			if cal.working(d) {
				days[d] = true
			}
		}
	}
	return len(days)
}

// ShiftedDue moves a due date on by the working days the clock was paused
// between from and the due date (counted as of now).
func (c *Case) ShiftedDue(cal *Calendar, from, due, now time.Time) time.Time {
	if len(c.Pauses) == 0 || due.IsZero() {
		return due
	}
	n := c.PausedWorkingDays(cal, from, now)
	if n == 0 {
		return due
	}
	return cal.AddWorkingDays(due, n)
}

// ChildIdentity is what linking compares between two referrals. Name is
// as written (a name or initials); DOB and IncidentDate are ISO dates.
type ChildIdentity struct {
	Name         string `json:"name,omitempty"`
	DOB          string `json:"dob,omitempty"`
	IncidentDate string `json:"incident_date,omitempty"`
}
