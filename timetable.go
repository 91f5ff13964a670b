package intake

import (
	"fmt"
	"time"
)

// Unit says whether a step's offset counts working days or calendar days.
type Unit string

// The units of a step's offset.
const (
	WorkingDays  Unit = "working"
	CalendarDays Unit = "calendar"
)

// Anchor is the date a step's offset counts from.
type Anchor string

// The dates a step can count from.
const (
	AnchorAware        Anchor = "aware"        // the local authority became aware (day 1)
	AnchorNotification Anchor = "notification" // the notification (referral) reached the partnership
	AnchorRequest      Anchor = "request"      // the summary request was sent to the SPOCs
)

// Step is one line of the rapid review timetable: a due date Offset days
// (of Unit) after its Anchor, owned by someone. Chased steps anchored on the
// summary request are chased per agency with Chase.
type Step struct {
	Name   string
	Title  string // plain words for the digest and `intake case`
	Offset int
	Unit   Unit
	Anchor Anchor
	Owner  string // local_authority, intake, spocs, business_team, rapid_review_group, chair
	Chased bool
	Chase  ChaserPolicy
}

// Timetable is the ordered list of steps. ClockStart says which date the
// steps anchored on AnchorAware really count from: the day the local
// authority became aware (Kent's default) or the day the notification
// arrived (some partnerships).
type Timetable struct {
	Steps      []Step
	ClockStart Anchor
	// SummaryStep names the step the SPOCs' summaries are due by; its due
	// date is each summary request's due date.
	SummaryStep string
}

// StepDue is one step with its due date (midnight Europe/London).
type StepDue struct {
	Step Step
	Due  time.Time
}

// DefaultChaserPolicy reminds SPOCs two working days before the due date,
// on the due date, then every two working days while overdue, and
// escalates to the business team after three chasers.
func DefaultChaserPolicy() ChaserPolicy {
	return ChaserPolicy{RemindBefore: 2, OnDueDay: true, OverdueEvery: 2, EscalateAfter: 3, SendHour: 9}
}

// DefaultTimetable is Kent's rapid review timetable (PROCESS.md): day 1 is
// the day the local authority became aware, and "day N" is N-1 working days
// after it.
func DefaultTimetable() Timetable {
	return Timetable{
		ClockStart:  AnchorAware,
		SummaryStep: "summaries_returned",
		Steps: []Step{
			{Name: "notification", Title: "Local authority notifies the national panel and the partnership", Offset: 5, Unit: WorkingDays, Anchor: AnchorAware, Owner: "local_authority"},
			{Name: "summary_request", Title: "Agency summary requests sent to every SPOC", Offset: 0, Unit: WorkingDays, Anchor: AnchorAware, Owner: "intake"},
			{Name: "summaries_returned", Title: "Agency summaries returned", Offset: 9, Unit: WorkingDays, Anchor: AnchorRequest, Owner: "spocs", Chased: true, Chase: DefaultChaserPolicy()},
			{Name: "collation", Title: "Summaries collated into the case report", Offset: 10, Unit: WorkingDays, Anchor: AnchorAware, Owner: "business_team"},
			{Name: "papers", Title: "Papers sent to the Rapid Review Group", Offset: 11, Unit: WorkingDays, Anchor: AnchorAware, Owner: "business_team"},
			{Name: "rapid_review", Title: "Rapid review meeting and decision", Offset: 13, Unit: WorkingDays, Anchor: AnchorAware, Owner: "rapid_review_group"},
			{Name: "outcome_to_panel", Title: "Outcome sent to the national panel", Offset: 14, Unit: WorkingDays, Anchor: AnchorAware, Owner: "chair"},
		},
	}
}

// Validate checks that every step has a name, a known unit and anchor,
// and a non-negative offset, and that the summary step exists.
func (t Timetable) Validate() error {
	seen := map[string]bool{}
	for i, s := range t.Steps {
		switch {
		case s.Name == "":
			return fmt.Errorf("intake: timetable step %d has no name", i+1)
		case seen[s.Name]:
			return fmt.Errorf("intake: timetable step %q appears twice", s.Name)
		case s.Unit != WorkingDays && s.Unit != CalendarDays:
			return fmt.Errorf("intake: timetable step %q: unit %q is not working or calendar", s.Name, s.Unit)
		case s.Anchor != AnchorAware && s.Anchor != AnchorNotification && s.Anchor != AnchorRequest:
			return fmt.Errorf("intake: timetable step %q: anchor %q is not aware, notification or request", s.Name, s.Anchor)
		case s.Offset < 0:
			return fmt.Errorf("intake: timetable step %q: offset %d is negative", s.Name, s.Offset)
		}
		if s.Chased {
			if err := s.Chase.Validate(); err != nil {
				return fmt.Errorf("intake: timetable step %q: %w", s.Name, err)
			}
		}
		seen[s.Name] = true
	}
	if t.ClockStart != AnchorAware && t.ClockStart != AnchorNotification {
		return fmt.Errorf("intake: timetable clock start %q is not aware or notification", t.ClockStart)
	}
	if t.SummaryStep != "" && !seen[t.SummaryStep] {
		return fmt.Errorf("intake: timetable summary step %q is not a step", t.SummaryStep)
	}
	return nil
}

// Step returns the named step.
func (t Timetable) Step(name string) (Step, bool) {
	for _, s := range t.Steps {
		if s.Name == name {
			return s, true
		}
	}
	return Step{}, false
}

// DueDates returns every step's due date. A zero notification date falls
// back to the aware date; a zero request date is the day the request is
// planned (the summary_request step's date, else the clock's start). With
// ClockStart = notification, steps anchored on AnchorAware count from the
// notification date.
func (t Timetable) DueDates(aware, notification, request time.Time, cal *Calendar) []StepDue {
	if notification.IsZero() {
		notification = aware
	}
	if aware.IsZero() {
		aware = notification
	}
	start := aware
	if t.ClockStart == AnchorNotification {
		start = notification
	}
	if request.IsZero() {
		request = start
		if s, ok := t.Step("summary_request"); ok && s.Anchor != AnchorRequest {
			request = t.due(s, start, notification, start, cal)
		}
	}
	out := make([]StepDue, 0, len(t.Steps))
	for _, s := range t.Steps {
		out = append(out, StepDue{Step: s, Due: t.due(s, start, notification, request, cal)})
	}
	return out
}

// SummaryDue returns the due date of a summary requested at request.
func (t Timetable) SummaryDue(request time.Time, cal *Calendar) time.Time {
	s, ok := t.Step(t.SummaryStep)
	if !ok {
		s = Step{Offset: 9, Unit: WorkingDays, Anchor: AnchorRequest}
	}
	return t.due(s, request, request, request, cal)
}

func (t Timetable) due(s Step, start, notification, request time.Time, cal *Calendar) time.Time {
	from := start
	switch s.Anchor {
	case AnchorNotification:
		from = notification
	case AnchorRequest:
		from = request
	}
	if s.Unit == CalendarDays {
		return civilOf(from).addDays(s.Offset).london()
	}
	return cal.AddWorkingDays(from, s.Offset)
}
