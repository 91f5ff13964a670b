package web

import (
	"time"

	"github.com/kscmp/intake"
)

// The read models: what each page shows, already in the words and dates
// a person reads. Times are instants; the pages write them in Europe/London
// ("Friday 20 November 2026").

// TodayView is what needs a person today, most pressing first in each list.
type TodayView struct {
	Decisions        []TodayItem // referrals waiting to be accepted or routed
	Statutory        []TodayItem // statutory tasks due or overdue
	NeedsPerson      []TodayItem // the needs-a-person queue and unreadable mail
	SummariesDue     []TodayItem // agency summaries due today or overdue
	AwaitingReferrer []TodayItem // cases waiting on the referrer
	Emails           []TodayItem // emails that failed or are held
}

// Empty reports whether nothing needs a person.
func (v TodayView) Empty() bool {
	return len(v.Decisions)+len(v.Statutory)+len(v.NeedsPerson)+len(v.SummariesDue)+len(v.AwaitingReferrer)+len(v.Emails) == 0
}

// TodayItem is one thing to deal with. It links to the case, the message
// or the email it is about (the first of them that is set).
type TodayItem struct {
	CaseRef   string
	MessageID int64
	OutboxID  int64
	What      string    // in plain words: "Police summary", "Accept or route the referral"
	Due       time.Time // zero when there is no due date
	Overdue   bool
}

// CaseFilter selects cases for the case list. Zero fields select all.
type CaseFilter struct {
	State   intake.CaseState
	Overdue bool
	Flag    string // a flag's key
	Query   string // a reference, a child's name, a referrer, an agency
	Page    int    // from 1
}

// CaseList is one page of cases.
type CaseList struct {
	Items   []CaseSummary
	Total   int // cases the filter selects, on every page
	PerPage int
	Flags   []Option // the flags a person may filter on
}

// CaseSummary is one line of the case list.
type CaseSummary struct {
	Ref      string
	Child    string // as the referral wrote the name (or initials)
	State    intake.CaseState
	Received time.Time
	NextStep string
	NextDue  time.Time
	Overdue  bool
	Paused   bool
	Flags    []Flag
}

// Flag is something screening found that a person must know.
type Flag struct {
	Key   string
	Words string
}

// Option is one choice of a select or a radio group.
type Option struct {
	Value string
	Label string
}

// CaseView is everything about one case.
type CaseView struct {
	Ref      string
	State    intake.CaseState
	Child    string
	Referrer string // the address the referral came from
	Received time.Time
	Paused   bool

	Fields    []FieldView      // the referral's fields, with where each came from
	Originals []AttachmentView // the referral's own files (the form)
	Screening Screening

	// CanDecide is true while the referral waits to be accepted or
	// routed; CanRecordOutcome once an outcome may be recorded or amended.
	CanDecide        bool
	CanRecordOutcome bool

	Day1      time.Time   // Day 1 of the rapid review timetable (zero before acceptance)
	Statutory []ClockStep // the local authority's notification, and any Secretary of State / Ofsted task
	Timetable []ClockStep // the rapid review steps, from Day 1

	Requests []RequestView
	Linked   []LinkedReferral
	Emails   []Email
	Audit    []AuditView
	Outcome  *OutcomeView

	Partnerships []Option // where a referral may be redirected
}

// FieldView is one field of the referral: its value and where it came
// from ("the form field 'Child's name' in referral.docx", "corrected by
// Ann Example on Friday 20 November 2026").
type FieldView struct {
	Key         string
	Label       string
	Value       string
	Source      string
	Correctable bool
}

// AttachmentView is a stored file a person may download.
type AttachmentView struct {
	ID   string
	Name string
	Size int64
}

// Screening is the automatic screening's advice.
type Screening struct {
	Verdict string   // in words: "Meets the criteria", "Information is missing"
	Met     []string // criteria answered yes, in words
	Failed  []string // criteria not met, in words
	Missing []string // what the form did not say, in words
	Flags   []Flag
}

// StepStatus is where a step of either clock stands.
type StepStatus string

// The statuses of a step.
const (
	StepDone     StepStatus = "done"
	StepDueToday StepStatus = "due_today"
	StepOverdue  StepStatus = "overdue"
	StepUpcoming StepStatus = "upcoming"
	StepPaused   StepStatus = "paused"      // the case is paused: not called overdue
	StepNotYet   StepStatus = "not_started" // the timetable has not started (not accepted)
)

// Words returns the status as the page shows it.
func (s StepStatus) Words() string {
	switch s {
	case StepDone:
		return "Done"
	case StepDueToday:
		return "Due today"
	case StepOverdue:
		return "Overdue"
	case StepUpcoming:
		return "Not due yet"
	case StepPaused:
		return "Paused"
	case StepNotYet:
		return "Not started"
	}
	return string(s)
}

// ClockStep is one step of either clock, with who recorded it.
type ClockStep struct {
	Key        string
	Day        int // the timetable day (0 for the statutory clock)
	Title      string
	Owner      string // who must do it: "the local authority", "the partnership team"
	Due        time.Time
	Status     StepStatus
	DoneOn     time.Time
	DoneBy     string
	How        string // "recorded by a person", "the notification arrived as the referral"
	Recordable bool   // a person records it (and has not yet)
}

// RequestView is one agency's summary request.
type RequestView struct {
	Agency      string // the agency's key
	AgencyName  string
	To          []string
	RequestedAt time.Time
	Due         time.Time
	Status      string // in words: "Requested", "Received", "Overdue", "No involvement"
	Overdue     bool
	Open        bool // still awaited: may be marked no involvement, reassigned, extended
	ReceivedAt  time.Time
	Attachments []AttachmentView
}

// LinkedReferral is another referral about the same child and incident.
type LinkedReferral struct {
	MessageID  int64
	From       string
	ReceivedAt time.Time
}

// Email is one email intake sent or will send.
type Email struct {
	ID          int64
	CaseRef     string
	Kind        string // in words: "Acknowledgement", "Summary request"
	To          []string
	Subject     string
	State       string // "sent", "waiting", "failed", "held", "bounced"
	Attempts    int
	LastError   string // why the last attempt failed, in words
	NextAttempt time.Time
	SentAt      time.Time
	CanRetry    bool
	CanRelease  bool
}

// AuditView is one line of a case's audit trail.
type AuditView struct {
	At     time.Time
	Actor  string
	Action string // in words
	Detail string
}

// OutcomeView is the recorded decision.
type OutcomeView struct {
	Decision intake.Decision
	Reason   string
	By       string
	At       time.Time
}

// MailView is the needs-a-person queue.
type MailView struct {
	Items []MailItem
}

// MailKind is why a message needs a person.
type MailKind string

// The kinds of message in the queue.
const (
	MailQuestion         MailKind = "question"
	MailNoInvolvement    MailKind = "no_involvement"
	MailUnmatchedSummary MailKind = "unmatched_summary"
	MailUnreadable       MailKind = "unreadable"
	MailUnexpectedSender MailKind = "unexpected_sender"
	MailOther            MailKind = "other"
)

// Words returns the kind as the page shows it.
func (k MailKind) Words() string {
	switch k {
	case MailQuestion:
		return "A question"
	case MailNoInvolvement:
		return "No involvement"
	case MailUnmatchedSummary:
		return "A summary that matches no case"
	case MailUnreadable:
		return "Could not be read"
	case MailUnexpectedSender:
		return "From an unexpected sender"
	}
	return "Other"
}

// MailItem is one message that needs a person.
type MailItem struct {
	ID          int64
	ReceivedAt  time.Time
	From        string
	Subject     string
	Kind        MailKind
	Reason      string // why it is here, in words
	CaseRef     string // the case it seems to be about, if any
	Agency      string // the agency it seems to come from (key), if any
	Attachments []AttachmentView
	Agencies    []Option // the agencies a summary may be filed for
}

// OutboxFilter selects emails. A zero State selects all.
type OutboxFilter struct {
	State string // "sent", "waiting", "failed", "held"
}

// OutboxView is the outbox, newest first.
type OutboxView struct {
	Items []Email
}
