package intake

import "testing"

func TestCaseSchedule(t *testing.T) {
	cal := NewCalendar(nil, nil)
	tt := DefaultTimetable()
	c := &Case{Ref: "KSCMP-2026-0042", State: StateAwaitingSummaries, CreatedAt: at("2026-11-03 10:00"),
		AwareDate: day("2026-11-02"), NotificationDate: day("2026-11-03"), RequestDate: day("2026-11-03"),
		Requests: []SummaryRequest{
			{Agency: "police", Due: day("2026-11-16"), Status: SummaryReceivedUnverified},
			{Agency: "icb", Due: day("2026-11-16"), Status: SummaryRequested},
		}}
	s := c.Schedule(tt, cal, at("2026-11-12 12:00"))
	if s.Overdue || s.Received != 1 || s.Unverified != 1 || s.NextStep != "summaries_returned" || ymd(s.NextDue) != "2026-11-16" {
		t.Errorf("before due: %+v", s)
	}
	s = c.Schedule(tt, cal, at("2026-11-17 09:00"))
	if !s.Overdue || s.Requests[1].Status != SummaryOverdue {
		t.Errorf("after due: %+v", s)
	}
	// A pause of two working days moves every due date on by two.
	c.Pauses = []Pause{{Start: at("2026-11-05 09:00"), End: at("2026-11-06 17:00")}}
	s = c.Schedule(tt, cal, at("2026-11-17 09:00"))
	if s.Overdue || ymd(s.Requests[1].Due) != "2026-11-18" || s.Requests[1].Status != SummaryRequested {
		t.Errorf("after a pause: %+v", s)
	}
	c.State = StateDecided
	if s := c.Schedule(tt, cal, at("2027-01-17 09:00")); s.Overdue || !s.NextDue.IsZero() {
		t.Errorf("decided: %+v", s)
	}
}
