package notify

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kscmp/intake"
)

// TodaySource says what needs the business team on now's day: the digest
// is rendered from it at send time. casework's (*Casework).Today
// implements it.
type TodaySource interface {
	Today(ctx context.Context, now time.Time) (*intake.Today, error)
}

// WorkingDays is the part of the domain calendar the scheduler needs;
// *intake.Calendar has it.
type WorkingDays interface {
	IsWorkingDay(d time.Time) bool
	AddWorkingDays(d time.Time, n int) time.Time
}

// DigestData is what the digest's templates see: Today as casework
// gathered it, each item with its codes and dates in words, in the order
// the digest reads: what needs a decision first, then the statutory
// notifications, the mail a person must see, the cases waiting on their
// referrer, the deadlines, the cases at risk and paused, the emails not
// sent, and what arrived since the previous working day.
//
// Each item is shown once: a new referral already listed in an earlier
// section is marked New there and left out of NewReferrals. Today holds
// no form text and no child's name, so neither can reach the digest.
type DigestData struct {
	Today     *intake.Today // as casework gathered it; Upcoming goes to deadlines.ics
	DateWords string        // "Friday 20 November 2026"

	Decisions         []DigestCase // referrals waiting to be accepted or routed
	Statutory         []DigestStep // the local authority's notifications, due soon or overdue
	NeedsPerson       []DigestMessage
	WaitingOnReferrer []DigestCase
	Overdue           []DigestStep
	DueToday          []DigestStep
	DueSoon           []DigestStep // the next two working days
	AtRisk            []DigestCase
	Paused            []DigestCase
	NotSent           []DigestSend

	// NewReferrals are the referrals received since the previous working
	// day that no section above lists; NewListedAbove counts those it
	// does (marked New there).
	NewReferrals      []DigestCase
	NewListedAbove    int
	SummariesReceived []DigestSummary

	// Empty names the sections, after the decisions, with nothing to
	// show, in the digest's order and as its headings say them: the
	// digest leaves them out and lists them in one line, so that what
	// needs a person stands out and nothing seems forgotten.
	Empty []string
}

// DigestCase is a case in one of the digest's lists, in words.
type DigestCase struct {
	intake.CaseItem
	New          bool     // received since the previous working day
	StateWords   string   // "waiting for the referrer's missing information"
	VerdictWords string   // the screening advice: "meets the criteria"
	FlagWords    []string // what screening flagged, for the business team
	MissingWords []string // what the form lacks: "child's date of birth"
	SinceWords   string   // the date of Since
	DueWords     string   // the date of Due ("today, Monday 2 March 2026" on the digest's day)
}

// DigestStep is a step (or one agency's summary) due on a case.
type DigestStep struct {
	intake.StepItem
	DueWords string // "today, Monday 2 March 2026" on the digest's day
}

// DigestMessage is a stored message a person must see: who sent it, its
// subject and why it waits, never its body.
type DigestMessage struct {
	intake.MessageItem
	StateWords    string // "needs a person", "could not be read", ...
	ReceivedWords string
}

// DigestSend is an email intake has not sent, and why.
type DigestSend struct {
	intake.SendItem
	KindWords  string // "acknowledgement to the referrer"
	StateWords string
	SinceWords string
	Held       bool // held at the daily cap: a person may release it
	Bounced    bool
}

// DigestSummary is an agency's summary (or no involvement) settled since
// the previous working day.
type DigestSummary struct {
	intake.SummaryItem
	StatusWords string // "summary received", "no involvement"
}

// NewDigestData puts t into words for the digest's templates.
func NewDigestData(t *intake.Today) *DigestData {
	if t == nil {
		t = &intake.Today{}
	}
	today := intake.StartOfDay(t.Date)
	d := &DigestData{Today: t, DateWords: intake.DateWords(today)}
	newRefs := map[string]bool{}
	for _, c := range t.NewReferrals {
		newRefs[c.Ref] = true
	}
	listed := map[string]bool{}
	cases := func(items []intake.CaseItem) []DigestCase {
		out := make([]DigestCase, 0, len(items))
		for _, c := range items {
			out = append(out, digestCase(c, today, newRefs[c.Ref]))
			listed[c.Ref] = true
		}
		return out
	}
	steps := func(items []intake.StepItem) []DigestStep {
		out := make([]DigestStep, 0, len(items))
		for _, s := range items {
			out = append(out, DigestStep{StepItem: s, DueWords: dueWords(s.Due, today)})
		}
		return out
	}
	d.Decisions = cases(t.Decisions)
	d.Statutory = steps(t.Statutory)
	for _, m := range t.NeedsPerson {
		// Sender and subject come from the mail itself: one line each,
		// so that they cannot pass for lines of the digest.
		m.From, m.Subject, m.Reason = oneLine(m.From), oneLine(m.Subject), oneLine(m.Reason)
		d.NeedsPerson = append(d.NeedsPerson, DigestMessage{MessageItem: m, StateWords: messageStateWords(m.State), ReceivedWords: dateWords(m.ReceivedAt)})
	}
	d.WaitingOnReferrer = cases(t.WaitingOnReferrer)
	d.Overdue, d.DueToday, d.DueSoon = steps(t.Overdue), steps(t.DueToday), steps(t.DueSoon)
	d.AtRisk, d.Paused = cases(t.AtRisk), cases(t.Paused)
	for _, s := range t.NotSent {
		s.Reason = oneLine(s.Reason)
		d.NotSent = append(d.NotSent, DigestSend{SendItem: s, KindWords: kindWords(s.Kind), StateWords: sendStateWords(s.State),
			SinceWords: dateWords(s.Since), Held: s.State == intake.OutboxHeld, Bounced: s.State == intake.OutboxBounced})
	}
	seen := map[string]bool{}
	for _, c := range t.NewReferrals {
		switch {
		case seen[c.Ref]:
		case listed[c.Ref]:
			d.NewListedAbove++
		default:
			d.NewReferrals = append(d.NewReferrals, digestCase(c, today, true))
		}
		seen[c.Ref] = true
	}
	for _, s := range t.SummariesReceived {
		d.SummariesReceived = append(d.SummariesReceived, DigestSummary{SummaryItem: s, StatusWords: summaryStatusWords(s.Status)})
	}
	for _, sec := range []struct {
		heading string
		n       int
	}{
		{"statutory notifications", len(d.Statutory)},
		{"mail a person must see", len(d.NeedsPerson)},
		{"waiting on the referrer", len(d.WaitingOnReferrer)},
		{"overdue", len(d.Overdue)},
		{"due today", len(d.DueToday)},
		{"due in the next two working days", len(d.DueSoon)},
		{"cases at risk", len(d.AtRisk)},
		{"paused", len(d.Paused)},
		{"emails not sent", len(d.NotSent)},
		{"new since the previous working day", d.NewListedAbove + len(d.NewReferrals) + len(d.SummariesReceived)},
	} {
		if sec.n == 0 {
			d.Empty = append(d.Empty, sec.heading)
		}
	}
	return d
}

func digestCase(c intake.CaseItem, today time.Time, isNew bool) DigestCase {
	c.Note = oneLine(c.Note)
	d := DigestCase{CaseItem: c, New: isNew, StateWords: c.State.Words(), FlagWords: allWords(c.Flags),
		SinceWords: dateWords(c.Since), DueWords: dueWords(c.Due, today)}
	if c.Verdict != "" {
		d.VerdictWords = words(c.Verdict)
	}
	for _, k := range c.Missing {
		d.MissingWords = append(d.MissingWords, intake.KeyWords(k))
	}
	return d
}

// maxLine is the longest a sender, subject, reason or note is shown, and
// the longest a delivery error is kept (classify).
const maxLine = 300

// oneLine puts s on one line, its runs of spaces and line breaks each one
// space, cut at maxLine octets (on a character's boundary).
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= maxLine {
		return s
	}
	cut := maxLine
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}

// dateWords is t's date in words, or "" for the zero time.
func dateWords(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return intake.DateWords(t)
}

// dueWords is a due date in words, "today, ..." on the digest's day.
func dueWords(due, today time.Time) string {
	if due.IsZero() {
		return ""
	}
	if dayKey(due) == dayKey(today) {
		return "today, " + intake.DateWords(due)
	}
	return intake.DateWords(due)
}

// sampleToday is a day with one item in every list, so that the
// renderer's start-up check renders every part of the digest's
// templates. Its data are invented.
func sampleToday(day time.Time) *intake.Today {
	ref := "CHECK-2026-0001"
	c := intake.CaseItem{Ref: ref, State: intake.StateReceived, Verdict: intake.VerdictIncomplete, Flags: []string{intake.FlagOutOfArea},
		Missing: []string{"child_dob"}, Since: day, Due: day, Overdue: true, Note: "check"}
	s := intake.StepItem{Ref: ref, Step: "check", What: "check", Owner: intake.OwnerBusinessTeam, Due: day, Overdue: true}
	return &intake.Today{Date: day,
		Decisions: []intake.CaseItem{c}, Statutory: []intake.StepItem{s},
		NeedsPerson:       []intake.MessageItem{{ID: 1, State: intake.MessageNeedsPerson, From: "check@intake.invalid", Subject: "check", Reason: "check", CaseRef: ref, ReceivedAt: day}},
		WaitingOnReferrer: []intake.CaseItem{c}, Overdue: []intake.StepItem{s}, DueToday: []intake.StepItem{s}, DueSoon: []intake.StepItem{s},
		AtRisk: []intake.CaseItem{c}, Paused: []intake.CaseItem{c},
		NotSent: []intake.SendItem{
			{ID: 1, CaseRef: ref, Kind: string(intake.NoticeChaser), State: intake.OutboxHeld, Reason: "check", Since: day},
			{ID: 2, CaseRef: ref, Kind: string(intake.NoticeChaser), State: intake.OutboxBounced, Reason: "check", Since: day},
			{ID: 3, CaseRef: ref, Kind: string(intake.NoticeChaser), State: intake.OutboxFailed, Reason: "check", Since: day},
		},
		NewReferrals:      []intake.CaseItem{c, {Ref: "CHECK-2026-0002", State: intake.StateAwaitingSummaries, Since: day}},
		SummariesReceived: []intake.SummaryItem{{Ref: ref, Agency: "check", Status: intake.SummaryReceived}},
		Upcoming:          []intake.StepItem{s},
	}
}
