package notify

import (
	"context"
	"fmt"
	"time"

	"github.com/kscmp/intake"
)

// DigestData is what the daily digest shows.
type DigestData struct {
	Date              time.Time // the digest's day, midnight Europe/London
	DateWords         string
	NewReferrals      []DigestReferral
	DueToday          []DigestDeadline
	DueSoon           []DigestDeadline // the next two working days
	Overdue           []DigestDeadline
	Upcoming          []DigestDeadline // every open deadline from today on, for the .ics
	SummariesReceived []DigestSummary
	Unreadable        []DigestMessage
	UnverifiedSenders []DigestSender
	NotSent           []DigestSend // failed, bounced and held emails
}

// DigestReferral is a referral received since the last digest.
type DigestReferral struct {
	CaseRef      string
	Verdict      string
	VerdictWords string
	Flags        []string
	FlagWords    []string
}

// DigestDeadline is one open step of a case's timetable.
type DigestDeadline struct {
	CaseRef  string
	Step     string    // a stable name for the step, e.g. "summary:police"
	What     string    // in words: "agency summary from Kestmoor Police"
	Due      time.Time // a date in Europe/London
	DueWords string
}

// DigestSummary is an agency summary received since the last digest.
type DigestSummary struct {
	CaseRef string
	Agency  string
}

// DigestMessage is a stored message that could not be read, or was
// quarantined.
type DigestMessage struct {
	ID     int64
	State  string
	Detail string
}

// DigestSender is a message that claimed to be from an agency's SPOC but
// came from an address the configuration does not know.
type DigestSender struct {
	CaseRef string
	Sender  string
	Detail  string
}

// DigestSend is an email intake has not been able to send.
type DigestSend struct {
	ID      int64
	CaseRef string
	Kind    string
	State   string
	Reason  string
}

// CaseSource supplies the case-level parts of the digest: the referrals
// and summaries received in [since, until), and every open deadline (due
// on or before to, overdue ones included). cmd/intake adapts the case
// store to it; a nil CaseSource leaves those sections empty.
type CaseSource interface {
	NewReferrals(ctx context.Context, since, until time.Time) ([]DigestReferral, error)
	SummariesReceived(ctx context.Context, since, until time.Time) ([]DigestSummary, error)
	UnverifiedSenders(ctx context.Context, since, until time.Time) ([]DigestSender, error)
	OpenDeadlines(ctx context.Context, to time.Time) ([]DigestDeadline, error)
}

// WorkingDays is the part of the domain calendar the digest needs;
// *intake.Calendar has it.
type WorkingDays interface {
	IsWorkingDay(d time.Time) bool
	AddWorkingDays(d time.Time, n int) time.Time
}

// Digester gathers the digest: the cases from Cases, and from Store the
// messages that could not be read and the emails that could not be sent.
type Digester struct {
	Store    intake.Store
	Cases    CaseSource // may be nil
	Calendar WorkingDays
	// UpcomingDays is how many working days ahead the .ics reaches (10
	// when zero).
	UpcomingDays int
}

// Collect gathers the digest for day (a date in Europe/London) as the
// store stands now. New referrals and summaries are those since the start
// of the previous working day.
func (g *Digester) Collect(ctx context.Context, day time.Time) (*DigestData, error) {
	y, m, dd := day.In(intake.London).Date()
	today := time.Date(y, m, dd, 0, 0, 0, 0, intake.London)
	d := &DigestData{Date: today, DateWords: longDate(today)}
	since := g.Calendar.AddWorkingDays(today, -1)
	until := today.AddDate(0, 0, 1)

	if g.Cases != nil {
		var err error
		if d.NewReferrals, err = g.Cases.NewReferrals(ctx, since, until); err != nil {
			return nil, fmt.Errorf("notify: digest: new referrals: %w", err)
		}
		for i := range d.NewReferrals {
			r := &d.NewReferrals[i]
			r.VerdictWords, r.FlagWords = words(r.Verdict), allWords(r.Flags)
		}
		if d.SummariesReceived, err = g.Cases.SummariesReceived(ctx, since, until); err != nil {
			return nil, fmt.Errorf("notify: digest: summaries received: %w", err)
		}
		if d.UnverifiedSenders, err = g.Cases.UnverifiedSenders(ctx, since, until); err != nil {
			return nil, fmt.Errorf("notify: digest: unverified senders: %w", err)
		}
		ahead := g.UpcomingDays
		if ahead <= 0 {
			ahead = 10
		}
		open, err := g.Cases.OpenDeadlines(ctx, g.Calendar.AddWorkingDays(today, ahead))
		if err != nil {
			return nil, fmt.Errorf("notify: digest: deadlines: %w", err)
		}
		soon := dayKey(g.Calendar.AddWorkingDays(today, 2))
		for _, dl := range open {
			dl.DueWords = longDate(dl.Due)
			k := dayKey(dl.Due)
			switch {
			case k < dayKey(today):
				d.Overdue = append(d.Overdue, dl)
			case k == dayKey(today):
				d.DueToday = append(d.DueToday, dl)
				d.Upcoming = append(d.Upcoming, dl)
			case k <= soon:
				d.DueSoon = append(d.DueSoon, dl)
				d.Upcoming = append(d.Upcoming, dl)
			default:
				d.Upcoming = append(d.Upcoming, dl)
			}
		}
	}

	err := g.Store.View(ctx, func(tx intake.Tx) error {
		for _, state := range []string{intake.MessageUnreadable, intake.MessageQuarantined} {
			msgs, err := tx.Messages(intake.MessageFilter{State: state})
			if err != nil {
				return fmt.Errorf("notify: digest: %s messages: %w", state, err)
			}
			for _, msg := range msgs {
				d.Unreadable = append(d.Unreadable, DigestMessage{ID: msg.ID, State: msg.State, Detail: msg.StateDetail})
			}
		}
		rows, err := tx.ListOutbox(intake.OutboxFilter{States: []string{intake.OutboxFailed, intake.OutboxBounced, intake.OutboxHeld}})
		if err != nil {
			return fmt.Errorf("notify: digest: emails not sent: %w", err)
		}
		for _, r := range rows {
			d.NotSent = append(d.NotSent, DigestSend{ID: r.ID, CaseRef: r.CaseRef, Kind: string(r.Kind), State: r.State, Reason: r.LastError})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}
