package intake

import "time"

// StepStatus is one timetable step of a case as of a time: its due date,
// whether it is done (and the record saying who recorded it, and how),
// overdue, or does not apply to this case.
type StepStatus struct {
	Name    string     `json:"name"`
	Title   string     `json:"title"`
	Clock   ClockName  `json:"clock"`
	Day     int        `json:"day"`
	Owner   string     `json:"owner"`
	Due     time.Time  `json:"due,omitzero"`
	Done    bool       `json:"done"`
	Record  StepRecord `json:"record,omitzero"`
	Overdue bool       `json:"overdue"`
	// NotApplicable: the case ended before the step (redirected, not
	// accepted), or the step is for another kind of case.
	NotApplicable bool `json:"not_applicable,omitempty"`
}

// CaseSchedule is where a case stands against both clocks as of a time:
// the statutory steps (from awareness, never paused), the rapid review
// steps (from Day 1), every summary request with its status as of then,
// and the next thing due.
type CaseSchedule struct {
	Day1        time.Time        `json:"day1"`
	AwareDate   time.Time        `json:"aware_date,omitzero"`
	Paused      bool             `json:"paused"`
	PausedDays  int              `json:"paused_days,omitempty"`
	AtRisk      bool             `json:"timetable_at_risk,omitempty"`
	Statutory   []StepStatus     `json:"statutory"`
	RapidReview []StepStatus     `json:"rapid_review"`
	Requests    []SummaryRequest `json:"requests"`
	NextDue     time.Time        `json:"next_due,omitzero"`
	NextStep    string           `json:"next_step,omitempty"`
	Overdue     bool             `json:"overdue"`
	Received    int              `json:"summaries_received"`
	Awaited     int              `json:"summaries_awaited"`
}

// DueBy reports whether something on the case is overdue or falls due
// on or before horizon.
func (s CaseSchedule) DueBy(horizon time.Time) bool {
	return s.Overdue || (!s.NextDue.IsZero() && !s.NextDue.After(horizon))
}

// Steps returns both clocks' steps, statutory first.
func (s CaseSchedule) Steps() []StepStatus {
	return append(append([]StepStatus(nil), s.Statutory...), s.RapidReview...)
}

// Step returns the named step, from either clock, and whether the
// schedule has it.
func (s CaseSchedule) Step(name string) (StepStatus, bool) {
	for _, list := range [2][]StepStatus{s.Statutory, s.RapidReview} {
		for _, st := range list {
			if st.Name == name {
				return st, true
			}
		}
	}
	return StepStatus{}, false
}

// Schedule works out where the case stands as of now.
//
// The statutory steps are due a number of working days after the aware
// date (Day 1 when the form does not give one); they are done only when
// recorded, are overdue once their day has passed, and no pause or state
// moves them; a redirected or withdrawn case is another's to record.
//
// The rapid review steps are due on Day N from Day 1, moved on by the
// working days the case stood paused. A person's step is done only when
// a person records it; intake's are done when it did them (the requests
// sent; every counted summary in). Nothing is overdue while the case is
// paused or closed; before acceptance only the screening decision can be
// overdue; the summaries step is due on the latest date a SPOC was given.
func (c *Case) Schedule(tt Timetable, cal *Calendar, now time.Time) CaseSchedule {
	s := CaseSchedule{Day1: c.Day1, AwareDate: c.AwareDate, Paused: c.Paused(), AtRisk: c.TimetableAtRisk}
	today := civilOf(now)
	open := c.State != StateClosed
	allIn := false
	for _, r := range c.Requests {
		if c.State.IsOpen() {
			r.Status = r.StatusAt(now)
		}
		switch {
		case !r.Counts():
		case r.Open():
			s.Awaited++
			if r.Status == SummaryOverdue && !s.Paused {
				s.Overdue = true
			}
		default:
			s.Received++
		}
		s.Requests = append(s.Requests, r)
	}
	allIn = s.Received > 0 && s.Awaited == 0
	s.PausedDays = c.PausedWorkingDays(cal, c.Day1, now)
	aware := c.AwareDate
	if aware.IsZero() {
		aware = c.Day1
	}
	for _, step := range tt.Steps {
		st := StepStatus{Name: step.Name, Title: step.Title, Clock: step.Clock, Day: step.Day, Owner: step.Owner}
		if rec, ok := c.Recorded(step.Name); ok {
			st.Done, st.Record = true, rec
		}
		if step.OnlyIf != "" && !c.Flagged(step.OnlyIf) {
			st.NotApplicable = true
		}
		st.Due = step.Due(cal, c.Day1, aware)
		if step.Clock == StatutoryClock {
			if c.Closure != nil && (c.Closure.Reason == ClosedRedirected || c.Closure.Reason == ClosedWithdrawn) && !st.Done {
				st.NotApplicable = true
			}
			st.Overdue = !st.Done && !st.NotApplicable && civilOf(st.Due).before(today)
			s.Statutory = append(s.Statutory, s.note(st))
			continue
		}
		st.Due = cal.AddWorkingDays(st.Due, s.PausedDays)
		switch step.Name {
		case StepSummaryRequest:
			st.Done = !c.RequestDate.IsZero()
			st.Record = StepRecord{Step: step.Name, Done: c.RequestDate, By: OwnerIntake}
		case StepSummariesReturned:
			st.Done = allIn
			if last := latestDue(c.Requests); !last.IsZero() {
				st.Due = last
			}
		case StepScreeningDecision:
			if c.Route != nil {
				st.Done = true
				st.Record = StepRecord{Step: step.Name, Done: startOfDay(c.Route.At), By: c.Route.By, How: string(c.Route.Route), RecordedAt: c.Route.At}
			}
		}
		if !st.Done {
			st.Record = StepRecord{}
		}
		if c.State == StateClosed && !st.Done && step.Name != StepScreeningDecision {
			st.NotApplicable = true
		}
		st.Overdue = !st.Done && !st.NotApplicable && open && !s.Paused && civilOf(st.Due).before(today) &&
			(c.State.Accepted() || step.Name == StepScreeningDecision)
		s.RapidReview = append(s.RapidReview, s.note(st))
	}
	return s
}

// note adds a step to the schedule's summary: overdue, and the next due.
func (s *CaseSchedule) note(st StepStatus) StepStatus {
	if st.Overdue {
		s.Overdue = true
	}
	if !st.Done && !st.NotApplicable && (s.NextDue.IsZero() || st.Due.Before(s.NextDue)) {
		s.NextDue, s.NextStep = st.Due, st.Name
	}
	return st
}

// latestDue is the latest date given to a SPOC whose request counts.
func latestDue(reqs []SummaryRequest) time.Time {
	var last time.Time
	for _, r := range reqs {
		if r.Counts() && r.Due.After(last) {
			last = r.Due
		}
	}
	return last
}

// The reasons a case closes.
const (
	ClosedRedirected  = "redirected"
	ClosedNotAccepted = "not_accepted"
	ClosedWithdrawn   = "withdrawn"
	ClosedAfterReview = "closed"
)

// startOfDay is midnight Europe/London on t's date.
func startOfDay(t time.Time) time.Time { return civilOf(t).london() }

// StartOfDay is midnight Europe/London on t's date.
func StartOfDay(t time.Time) time.Time { return startOfDay(t) }
