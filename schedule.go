package intake

import "time"

// ScheduledStep is one timetable step of a case: its due date (moved on by
// any pause), and whether it is done or overdue as of now.
type ScheduledStep struct {
	Name    string    `json:"name"`
	Title   string    `json:"title"`
	Owner   string    `json:"owner"`
	Due     time.Time `json:"due"`
	Done    bool      `json:"done"`
	Overdue bool      `json:"overdue"`
}

// CaseSchedule is where a case stands against the timetable as of a time:
// every step, every summary request (status as of then, due date moved on
// by pauses), and the next thing due.
type CaseSchedule struct {
	ClockStart time.Time        `json:"clock_start"`
	Paused     bool             `json:"paused"`
	Steps      []ScheduledStep  `json:"steps"`
	Requests   []SummaryRequest `json:"requests"`
	NextDue    time.Time        `json:"next_due,omitzero"`
	NextStep   string           `json:"next_step,omitempty"`
	Overdue    bool             `json:"overdue"`
	Received   int              `json:"summaries_received"`
	Unverified int              `json:"summaries_unverified"`
}

// Schedule works out the case's timetable as of now. The clock starts on
// the aware date (else the notification date, else the day the case was
// made); steps are done as the case shows them done: the notification and
// the request once the case exists with requests out, the summaries once
// every requested summary is in, the review steps once an outcome is
// recorded. A decided or closed case has nothing overdue, and neither has
// a received one: the business team has yet to say whether it goes ahead.
func (c *Case) Schedule(tt Timetable, cal *Calendar, now time.Time) CaseSchedule {
	notification := c.NotificationDate
	if notification.IsZero() {
		notification = civilOf(c.CreatedAt).london()
	}
	aware := c.AwareDate
	if aware.IsZero() {
		aware = notification
	}
	s := CaseSchedule{Paused: c.Paused()}
	start := aware
	if tt.ClockStart == AnchorNotification {
		start = notification
	}
	s.ClockStart = start
	open := c.State.IsOpen()
	allIn := len(c.Requests) > 0
	for _, r := range c.Requests {
		r.Due = c.ShiftedDue(cal, start, r.Due, now)
		if open {
			r.Status = r.StatusAt(now)
		}
		switch r.Status {
		case SummaryReceived:
			s.Received++
		case SummaryReceivedUnverified:
			s.Received++
			s.Unverified++
		default:
			allIn = false
		}
		if r.Status == SummaryOverdue {
			s.Overdue = true
		}
		s.Requests = append(s.Requests, r)
	}
	today := civilOf(now)
	for _, sd := range tt.DueDates(aware, notification, c.RequestDate, cal) {
		st := ScheduledStep{Name: sd.Step.Name, Title: sd.Step.Title, Owner: sd.Step.Owner, Due: c.ShiftedDue(cal, start, sd.Due, now)}
		switch {
		case !open:
			st.Done = true
		case sd.Step.Name == "notification":
			st.Done = true
		case sd.Step.Anchor == AnchorRequest || sd.Step.Name == tt.SummaryStep:
			st.Done = allIn
		case sd.Step.Name == "summary_request":
			st.Done = !c.RequestDate.IsZero()
		}
		if !st.Done && c.State != StateReceived && civilOf(st.Due).before(today) {
			st.Overdue = true
			s.Overdue = true
		}
		if !st.Done && (s.NextDue.IsZero() || st.Due.Before(s.NextDue)) {
			s.NextDue, s.NextStep = st.Due, st.Name
		}
		s.Steps = append(s.Steps, st)
	}
	if !open {
		s.Overdue = false
	}
	return s
}
