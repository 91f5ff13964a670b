package web

import (
	"time"

	"github.com/kscmp/intake"
)

// The read models: what each page shows, already in the words a person
// reads. Times are instants or dates (midnight Europe/London); the pages
// write them in Europe/London ("Friday 20 November 2026").

// TodayView is what needs a person today, most pressing first in each
// list (intake.Today, as the first page shows it).
type TodayView struct {
	Decisions        []TodayItem // referrals waiting to be accepted or routed
	Statutory        []TodayItem // the local authority's notifications, due soon or overdue, not recorded
	NeedsPerson      []TodayItem // mail a person must see
	Due              []TodayItem // steps and agency summaries overdue or due today
	AwaitingReferrer []TodayItem // cases waiting on the referrer
	AtRisk           []TodayItem // a SPOC given a date after Day 10: the meeting may move
	Paused           []TodayItem // cases a person paused
	Emails           []TodayItem // emails that failed, bounced or are held
}

// Empty reports whether nothing needs a person.
func (v TodayView) Empty() bool {
	return len(v.Decisions)+len(v.Statutory)+len(v.NeedsPerson)+len(v.Due)+len(v.AwaitingReferrer)+
		len(v.AtRisk)+len(v.Paused)+len(v.Emails) == 0
}

// TodayItem is one thing to deal with. It links to the case, the message
// or the email it is about (the first of them that is set).
type TodayItem struct {
	CaseRef   string
	MessageID int64
	OutboxID  int64
	What      string    // in plain words: "Kestmoor Police's summary", "Accept or route the referral"
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
	Initials string // the child's initials: a list shows no more of who the child is
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

// Option is one choice of a select, a radio group or a set of
// checkboxes.
type Option struct {
	Value string
	Label string
}

// Choices are what a case's action forms offer: no personal data.
type Choices struct {
	Ref          string
	Partnerships []Option // where a referral may be redirected, the one screening suggests first
	Fields       []Option // the referral's answers a person may correct, by canonical key
	Missing      []Option // what screening found missing: what the referrer may be asked for
	OpenRequests []Option // agencies whose summary is awaited
	Requests     []Option // every agency asked (to withdraw one)
	Linked       []Option // the further referrals linked to the case, by message (to unlink one)
	Agencies     []Option // every configured agency (to ask one more)
	Steps        []Option // the steps a person records and has not yet
	Decisions    []Option // the Rapid Review Group's possible decisions
}

// CaseView is everything about one case (its reference is Choices.Ref).
type CaseView struct {
	Choices
	State    intake.CaseState
	Child    string
	Referrer string // the address the referral came from
	Received time.Time
	Paused   bool
	AtRisk   bool

	Fields    []FieldView // the referral's answers, with where each came from
	Screening Screening
	Route     *RecordView // the screening decision a person (or a rule) made
	Closure   *RecordView

	// CanDecide is true while the referral waits to be accepted or
	// routed; CanRecordOutcome once accepted and not yet decided;
	// CanAmendOutcome once decided.
	CanDecide        bool
	CanRecordOutcome bool
	CanAmendOutcome  bool
	CanPause         bool
	CanResume        bool
	CanClose         bool
	CanWithdraw      bool
	CanMerge         bool // open and no agency asked: it may join another case

	Day1      time.Time   // Day 1 of the rapid review timetable
	AwareDate time.Time   // when the local authority became aware
	Statutory []ClockStep // the local authority's notifications
	Timetable []ClockStep // the rapid review steps, from Day 1

	Referrals      []intake.CaseReferral // the first referral and any linked to it
	Requests       []RequestView
	Correspondence []intake.CaseMessage
	Pauses         []intake.Pause
	Emails         []Email
	Audit          []intake.AuditEntry // what happened, oldest first
	Access         []intake.AuditEntry // the latest views and downloads, newest first
	AccessCount    int                 // every view and download there has been
	Outcome        *intake.Outcome
}

// FieldView is one answer of the referral: its value and where it came
// from ("the form's 'Child's name' field", "corrected by Ann Example on
// 20 November 2026: misread").
type FieldView struct {
	Key     string
	Label   string
	Value   string
	Source  string
	Missing bool // required and not given
}

// Screening is the automatic screening's advice.
type Screening struct {
	Verdict string   // in words: "Meets the criteria", "Information is missing"
	Met     []string // criteria answered yes, in words
	Failed  []string // criteria answered no, in words
	Missing []string // what the form did not say, in words
	Flags   []Flag
}

// RecordView is something a person (or intake) decided: what, why, who
// and when.
type RecordView struct {
	What string
	Why  string
	By   string
	At   time.Time
}

// StepStatus is where a step of either clock stands.
type StepStatus string

// The statuses of a step.
const (
	StepDone          StepStatus = "done"
	StepDueToday      StepStatus = "due_today"
	StepOverdue       StepStatus = "overdue"
	StepUpcoming      StepStatus = "upcoming"
	StepPaused        StepStatus = "paused"         // the case is paused: not called overdue
	StepNotApplicable StepStatus = "not_applicable" // the case ended before it, or it is for another kind of case
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
	case StepNotApplicable:
		return "Does not apply"
	}
	return string(s)
}

// ClockStep is one step of either clock, with who recorded it.
type ClockStep struct {
	Key        string
	Day        int // the timetable day, or the working days from awareness
	Title      string
	Owner      string // who must do it, in words
	Due        time.Time
	Status     StepStatus
	DoneOn     time.Time
	DoneBy     string
	How        string
	Recordable bool // a person records it, and has not yet
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
	By          string
	Note        string
	Bounced     bool
	Extensions  int
	MessageID   int64 // the stored summary, with its files
}

// Email is one email intake sent or will send.
type Email struct {
	ID          int64
	CaseRef     string
	Kind        string // in words: "Acknowledgement", "Summary request"
	To          []string
	State       string // "sent", "pending", "failed", "held", "bounced", ...
	Attempts    int
	LastError   string
	NextAttempt time.Time
	CreatedAt   time.Time
	SentAt      time.Time
	CanRetry    bool // failed or bounced
	CanRelease  bool // held
}

// MailView is the queue of messages waiting for a person.
type MailView struct {
	Items []intake.MessageItem
}

// MessageView is one stored message as a person sees it: its headers,
// where it stands and why, and its files. Its body is read only by
// downloading it.
type MessageView struct {
	ID         int64
	ReceivedAt time.Time
	State      string
	Reason     string
	From       string
	Subject    string
	Kind       string // what parse made of it, in words
	CaseRef    string
	Warnings   []string
	Files      []FileView
	Oversized  []string
	Waiting    bool // in the queue: the actions apply
}

// FileView is a file a message carries: it downloads by its number.
type FileView struct {
	N    int
	Name string
}

// OutboxFilter selects emails. A zero State selects all.
type OutboxFilter struct {
	State string // "sent", "waiting", "failed", "held"
}

// OutboxView is the outbox, newest first.
type OutboxView struct {
	Items []Email
}

// messageStateWords says in words why a message waits for a person.
func messageStateWords(state string) string {
	switch state {
	case intake.MessageNeedsPerson:
		return "Needs a person"
	case intake.MessageUnreadable:
		return "Could not be read"
	case intake.MessageFailed:
		return "intake failed while filing it"
	case intake.MessageQuarantined:
		return "Kept with its headers only"
	case intake.MessageProcessed:
		return "Filed"
	case intake.MessageDismissed:
		return "Dismissed"
	case intake.MessageIgnored:
		return "Automatic reply or list mail: kept, not answered"
	case intake.MessageStored:
		return "Waiting to be filed"
	}
	return state
}

// hasFlag reports whether screening raised the flag.
func (s Screening) hasFlag(key string) bool {
	for _, f := range s.Flags {
		if f.Key == key {
			return true
		}
	}
	return false
}
