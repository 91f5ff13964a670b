package casework

import (
	"context"
	"encoding/json"
	"sort"
	"time"

	"github.com/kscmp/intake"
)

// Today gathers what needs the business team on now's day (the digest
// and the work queue's first page): the decisions waiting for a person
// first, then the statutory steps, the mail a person must see, the cases
// waiting on their referrer, and the deadlines.
func (cw *Casework) Today(ctx context.Context, now time.Time) (*intake.Today, error) {
	p := cw.Policy
	today := intake.StartOfDay(now)
	t := &intake.Today{Date: today}
	since := p.Calendar.AddWorkingDays(today, -1)
	soon := p.Calendar.AddWorkingDays(today, 2)
	horizon := p.Calendar.AddWorkingDays(today, 10)
	err := cw.Store.View(ctx, func(tx intake.Tx) error {
		cases, err := tx.Cases(intake.CaseFilter{States: []intake.CaseState{intake.StateReceived, intake.StateAwaitingReferrer,
			intake.StateAwaitingSummaries, intake.StateReadyForReview, intake.StateDecided}})
		if err != nil {
			return err
		}
		for _, c := range cases {
			cw.todayCase(t, c, now, since, soon, horizon)
		}
		recent, err := tx.Cases(intake.CaseFilter{CreatedSince: since})
		if err != nil {
			return err
		}
		for _, c := range recent {
			t.NewReferrals = append(t.NewReferrals, caseItem(c))
		}
		if t.NeedsPerson, err = needsPerson(tx); err != nil {
			return err
		}
		t.NotSent, err = notSent(tx)
		return err
	})
	if err != nil {
		return nil, err
	}
	for _, l := range [][]intake.StepItem{t.Statutory, t.Overdue, t.DueToday, t.DueSoon, t.Upcoming} {
		sort.SliceStable(l, func(i, j int) bool { return l[i].Due.Before(l[j].Due) })
	}
	return t, nil
}

// todayCase adds case c to the lists it belongs in.
func (cw *Casework) todayCase(t *intake.Today, c *intake.Case, now, since, soon, horizon time.Time) {
	p := cw.Policy
	s := c.Schedule(p.Timetable, p.Calendar, now)
	item := caseItem(c)
	switch {
	case c.State == intake.StateReceived:
		st, _ := s.Step(intake.StepScreeningDecision)
		item.Due, item.Overdue = st.Due, st.Overdue
		t.Decisions = append(t.Decisions, item)
	case c.State == intake.StateAwaitingReferrer:
		item.Since, item.Missing = c.AwaitingReferrerSince, c.StillMissing()
		t.WaitingOnReferrer = append(t.WaitingOnReferrer, item)
	}
	if c.HeldByPerson() {
		paused := item
		for _, p := range c.Pauses {
			if p.End.IsZero() && !p.ForReferrer {
				paused.Since, paused.Note = p.Start, p.Reason
			}
		}
		t.Paused = append(t.Paused, paused)
	}
	if c.TimetableAtRisk && c.State.IsOpen() {
		t.AtRisk = append(t.AtRisk, item)
	}
	for _, st := range steps(s) {
		if st.Done || st.NotApplicable || (st.Clock == intake.RapidReviewClock && (st.Owner == intake.OwnerIntake || st.Owner == intake.OwnerSPOCs || st.Name == intake.StepScreeningDecision)) {
			continue
		}
		if st.Clock == intake.RapidReviewClock && !c.State.Accepted() {
			continue
		}
		si := intake.StepItem{Ref: c.Ref, Step: st.Name, What: st.Title, Owner: st.Owner, Due: st.Due, Overdue: st.Overdue}
		if st.Clock == intake.StatutoryClock {
			if st.Overdue || !st.Due.After(horizon) {
				t.Statutory = append(t.Statutory, si)
			}
			continue
		}
		addDeadline(t, si, now, soon, horizon, s.Paused)
	}
	for _, r := range s.Requests {
		if r.Open() && c.State.IsOpen() {
			addDeadline(t, intake.StepItem{Ref: c.Ref, Step: "summary:" + r.Agency, What: "agency summary from " + r.AgencyName,
				Owner: intake.OwnerSPOCs, Due: r.Due, Overdue: r.Status == intake.SummaryOverdue && !s.Paused}, now, soon, horizon, s.Paused)
		}
		if !r.Open() && r.Counts() && !r.ReceivedAt.Before(since) {
			t.SummariesReceived = append(t.SummariesReceived, intake.SummaryItem{Ref: c.Ref, Agency: r.AgencyName, Status: r.Status})
		}
	}
}

// addDeadline files a step by its due date against today.
func addDeadline(t *intake.Today, si intake.StepItem, now, soon, horizon time.Time, paused bool) {
	today := intake.StartOfDay(now)
	switch {
	case si.Overdue:
		t.Overdue = append(t.Overdue, si)
	case si.Due.Before(today) && paused:
		// not overdue while paused: shown under Paused
	case si.Due.Equal(today):
		t.DueToday = append(t.DueToday, si)
	case !si.Due.After(soon) && si.Due.After(today):
		t.DueSoon = append(t.DueSoon, si)
	}
	if !si.Due.Before(today) && !si.Due.After(horizon) {
		t.Upcoming = append(t.Upcoming, si)
	}
}

func caseItem(c *intake.Case) intake.CaseItem {
	return intake.CaseItem{Ref: c.Ref, State: c.State, Verdict: c.Screening.Verdict, Flags: c.Screening.Flags, Missing: c.Screening.Missing, Since: c.Received}
}

// steps yields both clocks' steps, statutory first, as s.Steps() lists
// them but without copying them (Today looks at every open case's).
func steps(s intake.CaseSchedule) func(yield func(int, intake.StepStatus) bool) {
	return func(yield func(int, intake.StepStatus) bool) {
		i := 0
		for _, list := range [2][]intake.StepStatus{s.Statutory, s.RapidReview} {
			for _, st := range list {
				if !yield(i, st) {
					return
				}
				i++
			}
		}
	}
}

// needsPerson lists the messages a person must see, with sender and
// subject (from what parse made of them) and the reason.
func needsPerson(tx intake.Tx) ([]intake.MessageItem, error) {
	var out []intake.MessageItem
	for _, state := range intake.PersonQueueStates {
		msgs, err := tx.Messages(intake.MessageFilter{State: state})
		if err != nil {
			return nil, err
		}
		for _, m := range msgs {
			item := intake.MessageItem{ID: m.ID, State: m.State, Reason: m.StateDetail, ReceivedAt: m.ReceivedAt}
			if pr, err := tx.ParseResult(m.ID); err == nil {
				var head struct {
					From, Subject string
				}
				json.Unmarshal(pr.Result, &head)
				item.From, item.Subject, item.CaseRef = head.From, head.Subject, pr.CaseRef
			}
			out = append(out, item)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// notSent lists the emails failed, bounced or held, with why.
func notSent(tx intake.Tx) ([]intake.SendItem, error) {
	rows, err := tx.ListOutbox(intake.OutboxFilter{States: intake.OutboxNotSent})
	if err != nil {
		return nil, err
	}
	var out []intake.SendItem
	for _, r := range rows {
		out = append(out, intake.SendItem{ID: r.ID, CaseRef: r.CaseRef, Kind: string(r.Kind), State: r.State, Reason: r.LastError, Since: r.CreatedAt})
	}
	return out, nil
}
