package main

import (
	"context"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/notify"
	"github.com/kscmp/intake/store"
)

// digestCases adapts the case store to notify.CaseSource: it reads the
// cases and works out each one's schedule as of the clock's now.
type digestCases struct {
	store *store.Store
	tt    intake.Timetable
	cal   *intake.Calendar
	clock intake.Clock
}

var _ notify.CaseSource = (*digestCases)(nil)

func inRange(t, since, until time.Time) bool { return !t.Before(since) && t.Before(until) }

// NewReferrals returns the cases made in [since, until).
func (d *digestCases) NewReferrals(ctx context.Context, since, until time.Time) ([]notify.DigestReferral, error) {
	cases, err := d.store.Cases(ctx, store.CaseFilter{})
	if err != nil {
		return nil, err
	}
	var out []notify.DigestReferral
	for _, c := range cases {
		if inRange(c.CreatedAt, since, until) {
			out = append(out, notify.DigestReferral{CaseRef: c.Ref, Verdict: c.Verdict, Flags: c.Flags})
		}
	}
	return out, nil
}

// SummariesReceived returns the summaries received in [since, until).
func (d *digestCases) SummariesReceived(ctx context.Context, since, until time.Time) ([]notify.DigestSummary, error) {
	cases, err := d.store.Cases(ctx, store.CaseFilter{})
	if err != nil {
		return nil, err
	}
	var out []notify.DigestSummary
	for _, c := range cases {
		for _, r := range c.Requests {
			if !r.ReceivedAt.IsZero() && inRange(r.ReceivedAt, since, until) {
				out = append(out, notify.DigestSummary{CaseRef: c.Ref, Agency: r.AgencyName})
			}
		}
	}
	return out, nil
}

// UnverifiedSenders returns the summaries received in [since, until) from
// an address that is not the agency's SPOC.
func (d *digestCases) UnverifiedSenders(ctx context.Context, since, until time.Time) ([]notify.DigestSender, error) {
	cases, err := d.store.Cases(ctx, store.CaseFilter{})
	if err != nil {
		return nil, err
	}
	var out []notify.DigestSender
	for _, c := range cases {
		for _, r := range c.Requests {
			if r.Status == intake.SummaryReceivedUnverified && inRange(r.ReceivedAt, since, until) {
				out = append(out, notify.DigestSender{CaseRef: c.Ref, Sender: r.AgencyName,
					Detail: "summary sent from an address that is not the agency's SPOC"})
			}
		}
	}
	return out, nil
}

// OpenDeadlines returns the open steps of open cases due on or before to:
// each awaited summary by agency, and the other timetable steps not yet
// done, except those intake does itself.
func (d *digestCases) OpenDeadlines(ctx context.Context, to time.Time) ([]notify.DigestDeadline, error) {
	cases, err := d.store.Cases(ctx, store.CaseFilter{Open: true})
	if err != nil {
		return nil, err
	}
	now := d.clock.Now()
	var out []notify.DigestDeadline
	for _, c := range cases {
		s := c.Schedule(d.tt, d.cal, now)
		for _, st := range s.Steps {
			// Intake's own steps (the summary requests) are not the team's
			// deadlines; the summaries are listed per agency below.
			if st.Done || st.Owner == "intake" || st.Name == d.tt.SummaryStep || st.Due.After(to) {
				continue
			}
			out = append(out, notify.DigestDeadline{CaseRef: c.Ref, Step: st.Name, What: st.Title, Due: st.Due})
		}
		for _, r := range s.Requests {
			if r.Open() && !r.Due.IsZero() && !r.Due.After(to) {
				out = append(out, notify.DigestDeadline{CaseRef: c.Ref, Step: "summary:" + r.Agency,
					What: "agency summary from " + r.AgencyName, Due: r.Due})
			}
		}
	}
	return out, nil
}
