package intake

import "time"

// Today is what needs the business team on a day: the daily digest says
// it, and the work queue's first page shows it. It leads with what needs
// a decision; each item appears once and is gone when dealt with.
type Today struct {
	Date time.Time `json:"date"` // midnight Europe/London

	Decisions         []CaseItem    `json:"decisions"`           // referrals waiting to be accepted or routed
	Statutory         []StepItem    `json:"statutory"`           // the local authority's notifications, due soon or overdue, not recorded
	NeedsPerson       []MessageItem `json:"needs_person"`        // mail a person must see
	WaitingOnReferrer []CaseItem    `json:"waiting_on_referrer"` // asked for missing information
	Overdue           []StepItem    `json:"overdue"`             // the partnership's steps and agency summaries past their day
	DueToday          []StepItem    `json:"due_today"`
	DueSoon           []StepItem    `json:"due_soon"` // the next two working days
	AtRisk            []CaseItem    `json:"at_risk"`  // a SPOC given a date after Day 10: the meeting may move
	Paused            []CaseItem    `json:"paused"`
	NotSent           []SendItem    `json:"not_sent"` // failed, bounced and held emails

	NewReferrals      []CaseItem    `json:"new_referrals"`      // since the previous working day
	SummariesReceived []SummaryItem `json:"summaries_received"` // since the previous working day
	Upcoming          []StepItem    `json:"upcoming"`           // every open deadline from today on, for a calendar
}

// CaseItem is a case in one of Today's lists.
type CaseItem struct {
	Ref     string    `json:"ref"`
	State   CaseState `json:"state"`
	Verdict string    `json:"verdict,omitempty"`
	Flags   []string  `json:"flags,omitempty"`
	Missing []string  `json:"missing,omitempty"`
	Since   time.Time `json:"since,omitzero"` // received, asked, paused
	Due     time.Time `json:"due,omitzero"`   // when a decision is due
	Overdue bool      `json:"overdue,omitempty"`
	Note    string    `json:"note,omitempty"`
}

// StepItem is a step (or one agency's summary) due on a case.
type StepItem struct {
	Ref     string    `json:"ref"`
	Step    string    `json:"step"` // the step's name, or "summary:AGENCY"
	What    string    `json:"what"` // in words
	Owner   string    `json:"owner"`
	Due     time.Time `json:"due"`
	Overdue bool      `json:"overdue,omitempty"`
}

// MessageItem is a stored message a person must see, with why.
type MessageItem struct {
	ID         int64     `json:"id"`
	State      string    `json:"state"`
	From       string    `json:"from"`
	Subject    string    `json:"subject"`
	Reason     string    `json:"reason"`
	CaseRef    string    `json:"case_ref,omitempty"`
	ReceivedAt time.Time `json:"received_at"`
}

// SendItem is an email intake has not sent, and why.
type SendItem struct {
	ID      int64     `json:"id"`
	CaseRef string    `json:"case_ref,omitempty"`
	Kind    string    `json:"kind"`
	State   string    `json:"state"`
	Reason  string    `json:"reason"`
	Since   time.Time `json:"since"`
}

// SummaryItem is an agency's summary (or no involvement) settled.
type SummaryItem struct {
	Ref    string        `json:"ref"`
	Agency string        `json:"agency"`
	Status SummaryStatus `json:"status"`
}
