package casework

import (
	"context"
	"strings"
	"time"

	"github.com/kscmp/intake"
)

// RecordStep records that a timetable step a person does was done: on
// the date done (today when zero; never in the future), how, and who
// recorded it. intake never records these steps itself. Steps intake does
// (the requests, the summaries), the screening decision (a route) and the
// rapid review (the outcome) have their own actions; the error says which.
func (cw *Casework) RecordStep(ctx context.Context, who, ref, step string, done time.Time, how string) error {
	s, ok := cw.Policy.Timetable.Step(step)
	if !ok || !recordable(s) {
		return intake.Errorf(intake.EINVALID, "%q is not a step a person records. The steps are: %s.%s", step,
			strings.Join(cw.RecordableSteps(), ", "), stepHint(step))
	}
	return cw.onCase(ctx, who, ref, func(w *work, c *intake.Case) error {
		today := intake.StartOfDay(w.now)
		if done.IsZero() {
			done = today
		}
		done = intake.StartOfDay(done)
		if done.After(today) {
			return intake.Errorf(intake.EINVALID, "The date %s is in the future: record a step once it is done.", intake.DayWords(done))
		}
		if rec, ok := c.Recorded(step); ok {
			return intake.Errorf(intake.ECONFLICT, "%s: %q was already recorded by %s on %s.", c.Ref, s.Title, rec.By, intake.DayWords(rec.RecordedAt))
		}
		if s.OnlyIf != "" && !c.Flagged(s.OnlyIf) {
			return intake.Errorf(intake.ECONFLICT, "%s: %q applies only to a case flagged %s.", c.Ref, s.Title, s.OnlyIf)
		}
		if s.Clock == intake.RapidReviewClock {
			if !c.State.Accepted() {
				return intake.Errorf(intake.ECONFLICT, "%s is %s: the rapid review steps are recorded once it is accepted.", c.Ref, c.State.Words())
			}
			if step == intake.StepOutcomeToPanel && c.Outcome == nil {
				return intake.Errorf(intake.ECONFLICT, "%s has no decision yet: record the outcome first, then that the chair sent it to the Panel.", c.Ref)
			}
		}
		c.Steps = append(c.Steps, intake.StepRecord{Step: step, Done: done, How: strings.TrimSpace(how), By: w.who, RecordedAt: w.now})
		return w.audit("step.recorded", c.Ref, 0, "%s done on %s", step, done.Format("2006-01-02"))
	})
}

// RecordableSteps lists the steps a person records, in timetable order.
func (cw *Casework) RecordableSteps() []string {
	var out []string
	for _, s := range cw.Policy.Timetable.Steps {
		if recordable(s) {
			out = append(out, s.Name)
		}
	}
	return out
}

// recordable reports whether s is a step a person records with
// RecordStep: not one intake does, and not the screening decision or
// the rapid review, which have their own actions.
func recordable(s intake.Step) bool {
	return !s.ByIntake() && s.Name != intake.StepScreeningDecision && s.Name != intake.StepRapidReview
}

func stepHint(step string) string {
	switch step {
	case intake.StepScreeningDecision:
		return " The screening decision is recorded by choosing a route (intake route)."
	case intake.StepRapidReview:
		return " The rapid review is recorded with its outcome (intake outcome)."
	case intake.StepSummaryRequest, intake.StepSummariesReturned:
		return " intake does that step itself."
	}
	return ""
}

// Pause pauses a case (a legal hold, waiting on the police): reminders
// stop and the partnership's own steps are not called overdue. The
// statutory deadline and the dates SPOCs were given do not move.
func (cw *Casework) Pause(ctx context.Context, who, ref, reason string) error {
	if err := needReason(reason, "pausing the case"); err != nil {
		return err
	}
	return cw.onCase(ctx, who, ref, func(w *work, c *intake.Case) error {
		if !c.State.IsOpen() {
			return intake.Errorf(intake.ECONFLICT, "%s is %s: only an open case can be paused.", c.Ref, c.State.Words())
		}
		if c.HeldByPerson() {
			return intake.Errorf(intake.ECONFLICT, "%s is already paused.", c.Ref)
		}
		c.Pauses = append(c.Pauses, intake.Pause{Start: w.now, By: w.who, Reason: strings.TrimSpace(reason)})
		return w.audit("case.paused", c.Ref, 0, "%s", reason)
	})
}

// Resume ends a person's pause.
func (cw *Casework) Resume(ctx context.Context, who, ref, reason string) error {
	if err := needReason(reason, "resuming the case"); err != nil {
		return err
	}
	return cw.onCase(ctx, who, ref, func(w *work, c *intake.Case) error {
		ended := false
		for i := range c.Pauses {
			if p := &c.Pauses[i]; p.End.IsZero() && !p.ForReferrer {
				p.End, p.EndBy, p.EndReason, ended = w.now, w.who, strings.TrimSpace(reason), true
			}
		}
		if !ended {
			return intake.Errorf(intake.ECONFLICT, "%s is not paused by a person (a case waiting for its referrer resumes when they answer).", c.Ref)
		}
		return w.audit("case.resumed", c.Ref, 0, "%s", reason)
	})
}

// endPause ends every running pause of c.
func endPause(c *intake.Case, who, why string, now time.Time) {
	for i := range c.Pauses {
		if p := &c.Pauses[i]; p.End.IsZero() {
			p.End, p.EndBy, p.EndReason = now, who, why
		}
	}
}

// ExtendSummary gives one agency's SPOC a new date for its summary, and
// tells them: a date already given never moves silently.
func (cw *Casework) ExtendSummary(ctx context.Context, who, ref, agency string, due time.Time, reason string) error {
	if err := needReason(reason, "a new date"); err != nil {
		return err
	}
	return cw.onCase(ctx, who, ref, func(w *work, c *intake.Case) error {
		req, err := w.openRequest(c, agency)
		if err != nil {
			return err
		}
		due = intake.StartOfDay(due)
		if !due.After(intake.StartOfDay(w.now)) || !due.After(req.Due) {
			return intake.Errorf(intake.EINVALID, "The new date must be after today and after the date %s was given (%s).", req.AgencyName, intake.DayWords(req.Due))
		}
		if !w.cw.Policy.Calendar.IsWorkingDay(due) {
			return intake.Errorf(intake.EINVALID, "%s is not a working day: choose a working day.", intake.DateWords(due))
		}
		old := req.Due
		req.Due = due
		req.Extensions++
		inReply, refs := replyTo(req.MessageID)
		if err := w.queue(intake.Notice{Key: keyf("due_date_changed:%s:%s:%d", c.Ref, req.Agency, req.Extensions), Kind: intake.NoticeDueDateChanged,
			CaseRef: c.Ref, To: req.To, InReplyTo: inReply, References: refs, Agency: req.AgencyName, DueDate: due, OldDueDate: old,
			Reason: strings.TrimSpace(reason), ChildIdentity: w.cw.Policy.spocIdentity(c.Referral)}); err != nil {
			return err
		}
		return w.audit("request.extended", c.Ref, 0, "agency %s: due %s instead of %s; the SPOC is told", req.Agency, due.Format("2006-01-02"), old.Format("2006-01-02"))
	})
}

// openRequest returns case c's open request to agency (its key, or name).
func (w *work) openRequest(c *intake.Case, agency string) (*intake.SummaryRequest, error) {
	req, err := w.request(c, agency)
	if err != nil {
		return nil, err
	}
	if !req.Open() {
		return nil, intake.Errorf(intake.ECONFLICT, "%s's request on %s is already %s.", req.AgencyName, c.Ref, req.Status.Words())
	}
	return req, nil
}

// request returns case c's request to agency (its key, or name).
func (w *work) request(c *intake.Case, agency string) (*intake.SummaryRequest, error) {
	key := agency
	if a, ok := w.cw.Policy.Agencies.Match(agency); ok {
		key = a.Key
	}
	if req, ok := c.RequestFor(key); ok {
		return req, nil
	}
	var asked []string
	for _, r := range c.Requests {
		asked = append(asked, r.Agency)
	}
	if len(asked) == 0 {
		return nil, intake.Errorf(intake.ECONFLICT, "%s has asked no agency yet.", c.Ref)
	}
	return nil, intake.Errorf(intake.EINVALID, "%s has no request to %q: it asked %s.", c.Ref, agency, strings.Join(asked, ", "))
}

// keyWords turns canonical keys into the words a person reads.
func keyWords(keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = intake.KeyWords(k)
	}
	return out
}
