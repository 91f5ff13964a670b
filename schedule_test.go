package intake

import (
	"testing"
	"time"
)

// kentCase is a case received on Monday 2 November 2026 (Day 1), the
// local authority aware on Friday 30 October, accepted on Day 1 with
// two agencies asked for Day 10 (Friday 13 November).
func kentCase() *Case {
	return &Case{Ref: "KSCMP-2026-0042", State: StateAwaitingSummaries, Day1: day("2026-11-02"), AwareDate: day("2026-10-30"),
		RequestDate: day("2026-11-02"),
		Route:       &RouteDecision{Route: RouteAccept, By: "A. Screener", At: at("2026-11-02 11:00"), Reason: "meets the criteria"},
		Requests: []SummaryRequest{
			{Agency: "police", Due: day("2026-11-13"), Status: SummaryReceived},
			{Agency: "icb", Due: day("2026-11-13"), Status: SummaryRequested},
		}}
}

func stepOf(s CaseSchedule, name string) StepStatus {
	for _, st := range s.Steps() {
		if st.Name == name {
			return st
		}
	}
	return StepStatus{}
}

func TestScheduleBothClocks(t *testing.T) {
	cal := NewCalendar(nil, nil)
	tt := DefaultTimetable()
	for _, c := range []struct {
		name   string
		change func(c *Case)
		now    string
		check  func(t *testing.T, s CaseSchedule)
	}{
		{"statutory notification overdue when nobody recorded it", nil, "2026-11-09 09:00", func(t *testing.T, s CaseSchedule) {
			// Aware Fri 30 Oct + 5 working days = Fri 6 Nov.
			st := stepOf(s, StepNotification)
			if ymd(st.Due) != "2026-11-06" || st.Done || !st.Overdue || !s.Overdue {
				t.Errorf("notification %+v", st)
			}
		}},
		{"statutory notification done only when recorded", func(c *Case) {
			c.Steps = append(c.Steps, StepRecord{Step: StepNotification, Done: day("2026-11-04"), By: "J. Team", How: "Panel notification form", RecordedAt: at("2026-11-05 10:00")})
		}, "2026-11-09 09:00", func(t *testing.T, s CaseSchedule) {
			st := stepOf(s, StepNotification)
			if !st.Done || st.Overdue || st.Record.By != "J. Team" || st.Record.How != "Panel notification form" {
				t.Errorf("notification %+v", st)
			}
		}},
		{"a pause never moves the statutory deadline or a SPOC's date", func(c *Case) {
			c.Pauses = []Pause{{Start: at("2026-11-03 09:00"), End: at("2026-11-05 17:00"), By: "J. Team", Reason: "legal hold"}}
		}, "2026-11-16 09:00", func(t *testing.T, s CaseSchedule) {
			if st := stepOf(s, StepNotification); ymd(st.Due) != "2026-11-06" || !st.Overdue {
				t.Errorf("notification moved by a pause: %+v", st)
			}
			if r := s.Requests[1]; ymd(r.Due) != "2026-11-13" || r.Status != SummaryOverdue {
				t.Errorf("SPOC's date moved by a pause: %+v", r)
			}
			// The partnership's own steps move on by the three paused days:
			// collation, Day 11 (Mon 16 Nov), becomes Thu 19 Nov.
			if st := stepOf(s, "collation"); ymd(st.Due) != "2026-11-19" || st.Overdue {
				t.Errorf("collation %+v", st)
			}
		}},
		{"nothing of the partnership's is overdue while paused", func(c *Case) {
			c.Pauses = []Pause{{Start: at("2026-11-12 09:00"), By: "J. Team", Reason: "legal hold"}}
			c.Steps = append(c.Steps, StepRecord{Step: StepNotification, Done: day("2026-11-04"), By: "J. Team"})
		}, "2026-11-30 09:00", func(t *testing.T, s CaseSchedule) {
			if !s.Paused || s.Overdue {
				t.Errorf("paused case overdue: %+v", s)
			}
			for _, st := range s.RapidReview {
				if st.Overdue {
					t.Errorf("%s overdue while paused", st.Name)
				}
			}
		}},
		{"a person's step is never ticked by intake", func(c *Case) {
			c.State = StateDecided
			c.Outcome = &Outcome{Decision: DecisionLCSPR, Reason: "learning", By: "Chair", At: at("2026-11-19 15:00")}
			c.Steps = append(c.Steps, StepRecord{Step: StepRapidReview, Done: day("2026-11-19"), By: "Chair"})
		}, "2026-11-24 09:00", func(t *testing.T, s CaseSchedule) {
			if st := stepOf(s, StepOutcomeToPanel); st.Done || !st.Overdue {
				t.Errorf("outcome to panel %+v; want not done and overdue (Day 15 was Fri 20 Nov)", st)
			}
			if st := stepOf(s, StepRapidReview); !st.Done || st.Record.By != "Chair" {
				t.Errorf("rapid review %+v", st)
			}
		}},
		{"before acceptance only the screening decision is overdue", func(c *Case) {
			c.State, c.Route, c.RequestDate, c.Requests = StateReceived, nil, time.Time{}, nil
			c.Steps = append(c.Steps, StepRecord{Step: StepNotification, Done: day("2026-11-04"), By: "J. Team"})
		}, "2026-11-20 09:00", func(t *testing.T, s CaseSchedule) {
			for _, st := range s.RapidReview {
				if st.Overdue != (st.Name == StepScreeningDecision) {
					t.Errorf("%s overdue %v", st.Name, st.Overdue)
				}
			}
		}},
		{"intake's own steps are done when it did them", nil, "2026-11-04 09:00", func(t *testing.T, s CaseSchedule) {
			if st := stepOf(s, StepSummaryRequest); !st.Done {
				t.Errorf("requests sent but step %+v", st)
			}
			if st := stepOf(s, StepSummariesReturned); st.Done || s.Received != 1 || s.Awaited != 1 {
				t.Errorf("one summary awaited but %+v, %+v", st, s)
			}
			if st := stepOf(s, StepScreeningDecision); !st.Done || st.Record.By != "A. Screener" {
				t.Errorf("accepted but %+v", st)
			}
		}},
		{"no involvement settles an agency; withdrawn does not count", func(c *Case) {
			c.Requests[1].Status = SummaryNoInvolvement
			c.Requests = append(c.Requests, SummaryRequest{Agency: "school", Due: day("2026-11-20"), Status: SummaryWithdrawn})
		}, "2026-11-30 09:00", func(t *testing.T, s CaseSchedule) {
			if st := stepOf(s, StepSummariesReturned); !st.Done || ymd(st.Due) != "2026-11-13" {
				t.Errorf("summaries %+v", st)
			}
		}},
		{"the summaries step is due on the latest date a SPOC was given", func(c *Case) {
			c.Requests[1].Due = day("2026-11-18")
		}, "2026-11-04 09:00", func(t *testing.T, s CaseSchedule) {
			if st := stepOf(s, StepSummariesReturned); ymd(st.Due) != "2026-11-18" {
				t.Errorf("summaries due %s", ymd(st.Due))
			}
		}},
		{"the Secretary of State and Ofsted step only for a looked-after child's death", nil, "2026-11-04 09:00", func(t *testing.T, s CaseSchedule) {
			if st := stepOf(s, StepSoSOfstedNotification); !st.NotApplicable || st.Overdue {
				t.Errorf("sos step %+v", st)
			}
		}},
		{"looked-after death: Secretary of State and Ofsted overdue too", func(c *Case) {
			c.Screening.Flags = []string{FlagLookedAfterDeath}
			c.State, c.Route = StateClosed, &RouteDecision{Route: RouteNotAccepted}
			c.Closure = &Closure{Reason: ClosedNotAccepted}
		}, "2026-11-09 09:00", func(t *testing.T, s CaseSchedule) {
			if st := stepOf(s, StepSoSOfstedNotification); st.NotApplicable || !st.Overdue {
				t.Errorf("sos step %+v; want overdue whatever the criteria", st)
			}
			if st := stepOf(s, "collation"); !st.NotApplicable || st.Overdue {
				t.Errorf("closed case's collation %+v", st)
			}
		}},
		{"a redirected case's statutory steps are the other partnership's", func(c *Case) {
			c.State, c.Route = StateClosed, &RouteDecision{Route: RouteRedirect}
			c.Closure = &Closure{Reason: ClosedRedirected}
		}, "2026-11-30 09:00", func(t *testing.T, s CaseSchedule) {
			if s.Overdue {
				t.Errorf("redirected case overdue: %+v", s)
			}
		}},
		{"unknown aware date: the statutory clock counts from Day 1", func(c *Case) { c.AwareDate = time.Time{} }, "2026-11-04 09:00",
			func(t *testing.T, s CaseSchedule) {
				if st := stepOf(s, StepNotification); ymd(st.Due) != "2026-11-09" {
					t.Errorf("notification due %s", ymd(st.Due))
				}
			}},
	} {
		t.Run(c.name, func(t *testing.T) {
			k := kentCase()
			if c.change != nil {
				c.change(k)
			}
			c.check(t, k.Schedule(tt, cal, at(c.now)))
		})
	}
}

func TestCaseScheduleDueBy(t *testing.T) {
	day := time.Date(2026, 11, 20, 0, 0, 0, 0, London)
	for _, c := range []struct {
		s    CaseSchedule
		want bool
	}{
		{CaseSchedule{Overdue: true}, true},
		{CaseSchedule{NextDue: day}, true},
		{CaseSchedule{NextDue: day.AddDate(0, 0, 1)}, false},
		{CaseSchedule{}, false},
	} {
		if got := c.s.DueBy(day); got != c.want {
			t.Errorf("%+v.DueBy(%s) = %v, want %v", c.s, day.Format("2006-01-02"), got, c.want)
		}
	}
}

func TestScheduleStep(t *testing.T) {
	s := kentCase().Schedule(DefaultTimetable(), NewCalendar(nil, nil), at("2026-11-09 09:00"))
	for _, name := range []string{StepNotification, StepScreeningDecision, StepRapidReview} {
		st, ok := s.Step(name)
		if !ok || st.Name != name {
			t.Errorf("Step(%q) = %+v, %v", name, st, ok)
		}
		if st != stepOf(s, name) {
			t.Errorf("Step(%q) = %+v, Steps() has %+v", name, st, stepOf(s, name))
		}
	}
	if st, ok := s.Step("no_such_step"); ok || st != (StepStatus{}) {
		t.Errorf("unknown step: %+v, %v", st, ok)
	}
	if _, ok := (CaseSchedule{}).Step(StepNotification); ok {
		t.Error("an empty schedule has no steps")
	}
}
