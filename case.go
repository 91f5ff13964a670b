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
	StateReceived          CaseState = "received"           // screened; waiting for a person to accept or route it
	StateAwaitingReferrer  CaseState = "awaiting_referrer"  // a person asked the referrer for missing information; the case is paused
	StateAwaitingSummaries CaseState = "awaiting_summaries" // accepted: summary requests are out to the SPOCs
	StateReadyForReview    CaseState = "ready_for_review"   // every requested summary is in
	StateDecided           CaseState = "decided"            // the Rapid Review Group decided
	StateClosed            CaseState = "closed"             // redirected, not accepted, withdrawn, or closed after the decision
)

// CaseStates lists the states in process order.
var CaseStates = []CaseState{StateReceived, StateAwaitingReferrer, StateAwaitingSummaries, StateReadyForReview, StateDecided, StateClosed}

// transitions lists, for each state, the states a case may move to. A
// decision can be recorded once a case is accepted (the Rapid Review
// Group may decide without every summary); nothing leaves closed.
var transitions = map[CaseState][]CaseState{
	StateReceived:          {StateAwaitingReferrer, StateAwaitingSummaries, StateClosed},
	StateAwaitingReferrer:  {StateReceived, StateAwaitingSummaries, StateClosed},
	StateAwaitingSummaries: {StateReadyForReview, StateDecided, StateClosed},
	StateReadyForReview:    {StateAwaitingSummaries, StateDecided, StateClosed},
	StateDecided:           {StateClosed},
	StateClosed:            nil,
}

// stateWords says what a case in each state is waiting for, for errors a
// person reads.
var stateWords = map[CaseState]string{
	StateReceived:          "waiting for a person to accept or route the referral",
	StateAwaitingReferrer:  "waiting for the referrer's missing information",
	StateAwaitingSummaries: "accepted, waiting for the agency summaries",
	StateReadyForReview:    "ready for the rapid review",
	StateDecided:           "decided",
	StateClosed:            "closed",
}

// Words returns the state in plain words.
func (s CaseState) Words() string {
	if w, ok := stateWords[s]; ok {
		return w
	}
	return string(s)
}

// Label returns the state's name as a short label, lower case
// ("awaiting summaries"); Words says what the state means.
func (s CaseState) Label() string { return strings.ReplaceAll(string(s), "_", " ") }

// CheckTransition returns nil if a case may move from one state to the
// other, and otherwise an ECONFLICT error saying where the case stands.
func CheckTransition(from, to CaseState) error {
	next, known := transitions[from]
	if !known {
		return Errorf(ECONFLICT, "unknown case state %q", from)
	}
	if _, ok := transitions[to]; !ok {
		return Errorf(ECONFLICT, "unknown case state %q", to)
	}
	if slices.Contains(next, to) {
		return nil
	}
	return Errorf(ECONFLICT, "the case is %s, so it cannot become %s", from.Words(), to.Label())
}

// ParseCaseState checks a state's name.
func ParseCaseState(s string) (CaseState, error) {
	if _, ok := transitions[CaseState(s)]; !ok {
		names := make([]string, len(CaseStates))
		for i, st := range CaseStates {
			names[i] = string(st)
		}
		return "", Errorf(EINVALID, "%q is not a case state (the states are %s)", s, strings.Join(names, ", "))
	}
	return CaseState(s), nil
}

// IsOpen reports whether the state is before a decision.
func (s CaseState) IsOpen() bool { return s != StateDecided && s != StateClosed }

// Accepted reports whether the case was accepted for rapid review.
func (s CaseState) Accepted() bool {
	return s == StateAwaitingSummaries || s == StateReadyForReview || s == StateDecided
}

// Case is a referral (and any linked to it) on its way through the rapid
// review process: the aggregate casework loads, changes by the rules of
// the process, and saves whole.
type Case struct {
	Ref       string    `json:"ref"`
	State     CaseState `json:"state"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`

	// The two clocks' anchors (dates, midnight Europe/London). Received is
	// the instant the partnership received the referral; Day1 follows from
	// it (Timetable.Day1). AwareDate is when the local authority became
	// aware (from the form, or recorded by a person); zero if unknown.
	Received        time.Time `json:"received"`
	Day1            time.Time `json:"day1"`
	AwareDate       time.Time `json:"aware_date,omitzero"`
	RequestDate     time.Time `json:"request_date,omitzero"` // the day summary requests first went out
	TimetableAtRisk bool      `json:"timetable_at_risk,omitempty"`

	// The referral as it stands: the first form, with what linked
	// referrals supplied and people corrected; Sources says where each
	// answer came from. Personal data: never logged.
	Referral  Referral          `json:"referral"`
	Sources   map[string]string `json:"sources,omitempty"`
	Referrals []CaseReferral    `json:"referrals"`
	// Correspondence is other mail a person filed on the case (a
	// question, a note): linked, never read into it.
	Correspondence []CaseMessage `json:"correspondence,omitempty"`
	// Referrer is the address the first referral came from (the
	// acknowledgement, the outcome); ReferrerMessageID its Message-ID.
	Referrer          string    `json:"referrer,omitempty"`
	ReferrerMessageID string    `json:"referrer_message_id,omitempty"`
	Screening         Screening `json:"screening"`
	UnknownAgencies   []string  `json:"unknown_agencies,omitempty"`

	// What people decided and recorded.
	Route    *RouteDecision   `json:"route,omitempty"`
	Steps    []StepRecord     `json:"steps,omitempty"`
	Pauses   []Pause          `json:"pauses,omitempty"`
	Requests []SummaryRequest `json:"requests,omitempty"`
	Outcome  *Outcome         `json:"outcome,omitempty"`
	Closure  *Closure         `json:"closure,omitempty"`

	// The referrer's reminders while the case waits for them.
	AwaitingReferrerSince time.Time `json:"awaiting_referrer_since,omitzero"`
	AskedFor              []string  `json:"asked_for,omitempty"` // the keys a person asked the referrer for
}

// CaseReferral is one referral message of a case: the first, or a
// further one linked to it (a second referrer, or the first referrer
// supplying what was missing).
type CaseReferral struct {
	Message   int64     `json:"message"`    // messages.id; 0 for a referral entered by hand
	MessageID string    `json:"message_id"` // its Message-ID, for threading replies
	From      string    `json:"from"`       // its sender's address
	Linked    bool      `json:"linked"`
	At        time.Time `json:"at"`
	By        string    `json:"by"` // who linked it: "intake", or a person
	Source    string    `json:"source,omitempty"`
}

// CaseMessage is a stored message a person filed on a case.
type CaseMessage struct {
	Message int64     `json:"message"`
	Note    string    `json:"note"`
	By      string    `json:"by"`
	At      time.Time `json:"at"`
}

// Referrers returns every distinct address that referred the case, in
// order: the outcome goes to each.
func (c *Case) Referrers() []string {
	var out []string
	for _, r := range c.Referrals {
		if a := strings.ToLower(r.From); a != "" && !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	if len(out) == 0 && c.Referrer != "" {
		out = append(out, c.Referrer)
	}
	return out
}

// StepRecord is a timetable step a person recorded as done (or intake,
// for its own steps): when it was done, how, who recorded it and when.
type StepRecord struct {
	Step       string    `json:"step"`
	Done       time.Time `json:"done"` // the date it was done (midnight Europe/London)
	How        string    `json:"how,omitempty"`
	By         string    `json:"by"`
	RecordedAt time.Time `json:"recorded_at"`
}

// Recorded returns the record of a step, if any.
func (c *Case) Recorded(step string) (StepRecord, bool) {
	for _, r := range c.Steps {
		if r.Step == step {
			return r, true
		}
	}
	return StepRecord{}, false
}

// Pause is a period when the case stood still (waiting on the referrer, a
// legal hold), with who paused and resumed it and why. A running pause
// has a zero End.
type Pause struct {
	Start     time.Time `json:"start"`
	By        string    `json:"by"`
	Reason    string    `json:"reason"`
	End       time.Time `json:"end,omitzero"`
	EndBy     string    `json:"end_by,omitempty"`
	EndReason string    `json:"end_reason,omitempty"`
	// ForReferrer marks the pause of a case waiting for its referrer: the
	// referrer is still reminded; a person's pause (a legal hold) stops
	// every reminder.
	ForReferrer bool `json:"for_referrer,omitempty"`
}

// Paused reports whether the case is paused now.
func (c *Case) Paused() bool {
	for _, p := range c.Pauses {
		if p.End.IsZero() {
			return true
		}
	}
	return false
}

// AwaitsRoute reports whether the referral waits for a person to accept
// or route it (a referral waiting on its referrer still may be routed).
func (c *Case) AwaitsRoute() bool {
	return c.State == StateReceived || c.State == StateAwaitingReferrer
}

// MayMerge reports whether the case may be merged into another: it is
// open and has asked no agency (one that has is withdrawn instead).
func (c *Case) MayMerge() bool { return c.State.IsOpen() && len(c.Requests) == 0 }

// MayAmendOutcome reports whether the Rapid Review Group's decision may
// be amended: there is one, and the case is not closed.
func (c *Case) MayAmendOutcome() bool { return c.Outcome != nil && c.State != StateClosed }

// HeldByPerson reports whether a person's pause (not the wait for the
// referrer) is running.
func (c *Case) HeldByPerson() bool {
	for _, p := range c.Pauses {
		if p.End.IsZero() && !p.ForReferrer {
			return true
		}
	}
	return false
}

// PausedWorkingDays counts the working days from the date from on during
// which the case was paused, as of now: each working day on which a pause
// was in force counts once.
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

// Closure says why a case closed, who closed it and when.
type Closure struct {
	Reason string    `json:"reason"` // redirected, not_accepted, withdrawn, closed
	Note   string    `json:"note"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
}

// ChildIdentity is what linking compares between two referrals. Name is
// as written (a name or initials); DOB and IncidentDate are ISO dates.
type ChildIdentity struct {
	Name         string `json:"name,omitempty"`
	DOB          string `json:"dob,omitempty"`
	IncidentDate string `json:"incident_date,omitempty"`
}

// Child returns the identity of the case's child.
func (c *Case) Child() ChildIdentity { return c.Referral.Identity() }

// RequestFor returns the case's summary request to an agency.
func (c *Case) RequestFor(agency string) (*SummaryRequest, bool) {
	for i := range c.Requests {
		if c.Requests[i].Agency == agency {
			return &c.Requests[i], true
		}
	}
	return nil, false
}

// Flagged reports whether screening flagged the case so.
func (c *Case) Flagged(flag string) bool { return slices.Contains(c.Screening.Flags, flag) }

// String is the reference, so that a case is never logged whole.
func (c *Case) String() string { return fmt.Sprintf("case %s", c.Ref) }
