package intake

import (
	"strings"
	"testing"
	"time"
)

func ymd(t time.Time) string { return t.In(London).Format("2006-01-02") }

// TestDay1 checks Day 1 across weekends, the process's bank holidays and
// the cut-off hour (17:00 by default): Day 1 is the working day the
// partnership receives the referral.
func TestDay1(t *testing.T) {
	cal := NewCalendar(nil, nil)
	tt := DefaultTimetable()
	for _, c := range []struct{ received, want string }{
		{"2026-11-09 10:00", "2026-11-09"}, // Monday morning
		{"2026-11-09 16:59", "2026-11-09"}, // just before the cut-off
		{"2026-11-09 17:00", "2026-11-10"}, // at the cut-off: next working day
		{"2026-11-13 18:30", "2026-11-16"}, // Friday evening: Monday
		{"2026-11-14 09:00", "2026-11-16"}, // Saturday
		{"2026-11-15 23:59", "2026-11-16"}, // Sunday night
		{"2026-12-24 16:00", "2026-12-24"}, // Christmas Eve is a working day
		{"2026-12-24 17:30", "2026-12-29"}, // 25 Dec and the 28 Dec substitute are bank holidays
		{"2026-12-26 10:00", "2026-12-29"}, // Boxing Day (Saturday)
		{"2026-04-03 09:00", "2026-04-07"}, // Good Friday, then Easter Monday
		{"2027-03-25 17:45", "2027-03-30"}, // Thursday evening before Easter 2027
		{"2027-12-24 18:00", "2027-12-29"}, // 27 and 28 Dec 2027 are substitutes
		{"2027-12-31 12:00", "2027-12-31"}, // New Year's Eve is a working day
		{"2027-12-31 17:01", "2028-01-04"}, // 3 Jan 2028 is the New Year substitute
		{"2026-06-01 00:30", "2026-06-01"}, // just after midnight in BST
	} {
		if got := ymd(tt.Day1(cal, at(c.received))); got != c.want {
			t.Errorf("received %s: Day 1 %s, want %s", c.received, got, c.want)
		}
	}
	// The cut-off is a setting.
	tt.CutoffHour = 24
	if got := ymd(tt.Day1(cal, at("2026-11-09 23:00"))); got != "2026-11-09" {
		t.Errorf("no cut-off: Day 1 %s", got)
	}
}

// TestTimetableDays checks Kent's fifteen days across Christmas 2026 and
// the local authority's five working days from awareness.
func TestTimetableDays(t *testing.T) {
	cal := NewCalendar(nil, nil)
	tt := DefaultTimetable()
	if err := tt.Validate(); err != nil {
		t.Fatal(err)
	}
	day1 := day("2026-12-23")
	c := &Case{State: StateAwaitingSummaries, Day1: day1, AwareDate: day("2026-12-23"), RequestDate: day1}
	got := map[string]string{}
	for _, s := range c.Schedule(tt, cal, at("2026-12-23 12:00")).Steps() {
		got[s.Name] = ymd(s.Due)
	}
	want := map[string]string{
		StepNotification:          "2027-01-04", // 5 working days after 23 Dec: 24, 29, 30, 31 Dec, 4 Jan
		StepScreeningDecision:     "2026-12-23", // Day 1
		StepSummaryRequest:        "2026-12-23", // Day 1
		StepSummariesReturned:     "2027-01-08", // Day 10
		"collation":               "2027-01-11", // Day 11
		"papers":                  "2027-01-12", // Day 12
		StepRapidReview:           "2027-01-14", // Day 14
		StepOutcomeToPanel:        "2027-01-15", // Day 15
		StepSoSOfstedNotification: "2027-01-04",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s due %s, want %s", k, got[k], v)
		}
	}
}

// TestSummaryDue checks that a SPOC is asked for Day 10 whenever the
// request goes out, unless fewer than the minimum working days remain.
func TestSummaryDue(t *testing.T) {
	cal := NewCalendar(nil, nil)
	tt := DefaultTimetable()
	day1 := day("2026-12-23")
	for _, c := range []struct {
		request, want string
		atRisk        bool
	}{
		{"2026-12-23", "2027-01-08", false}, // Day 1
		{"2026-12-31", "2027-01-08", false}, // Day 5: exactly five working days remain
		{"2027-01-04", "2027-01-11", true},  // Day 6: four would remain, so five are given
		{"2027-01-13", "2027-01-20", true},  // Day 13
	} {
		due, risk := tt.SummaryDue(cal, day1, day(c.request))
		if ymd(due) != c.want || risk != c.atRisk {
			t.Errorf("request %s: due %s at risk %v; want %s %v", c.request, ymd(due), risk, c.want, c.atRisk)
		}
	}
}

func TestTimetableValidate(t *testing.T) {
	for name, c := range map[string]struct {
		mod  func(*Timetable)
		says string
	}{
		"clock":     {func(t *Timetable) { t.Steps[0].Clock = "moon" }, "is not statutory or rapid_review"},
		"duplicate": {func(t *Timetable) { t.Steps[1].Name = t.Steps[0].Name }, "appears twice"},
		"day zero":  {func(t *Timetable) { t.Steps[2].Day = 0 }, "Day 1 is the first day"},
		"order":     {func(t *Timetable) { t.Steps[6].Day = 3 }, "day order"},
		"owner":     {func(t *Timetable) { t.Steps[0].Owner = "nobody" }, "owner"},
		"missing":   {func(t *Timetable) { t.Steps = t.Steps[:3] }, "intake needs it"},
		"min days":  {func(t *Timetable) { t.MinSummaryDays = 0 }, "at least one working day"},
		"cut-off":   {func(t *Timetable) { t.CutoffHour = 30 }, "cut-off hour"},
		"no chaser": {func(t *Timetable) { t.Steps[4].Chase = ChaserPolicy{EscalateAfter: 3, SendHour: 9} }, "no chaser would ever be sent"},
	} {
		tt := DefaultTimetable()
		c.mod(&tt)
		if err := tt.Validate(); err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: err = %v, want it to say %q", name, err, c.says)
		}
	}
}

// TestStepDue: a statutory step counts from awareness, a rapid review
// step from Day 1, whichever is earlier.
func TestStepDue(t *testing.T) {
	cal := NewCalendar(nil, nil)
	day1 := time.Date(2026, 11, 4, 0, 0, 0, 0, London)  // a Wednesday
	aware := time.Date(2026, 11, 2, 0, 0, 0, 0, London) // the Monday before
	for _, tc := range []struct {
		step Step
		want string
	}{
		{Step{Clock: StatutoryClock, Day: 5}, "2026-11-09"},   // 5 working days after Monday 2nd
		{Step{Clock: RapidReviewClock, Day: 1}, "2026-11-04"}, // Day 1
		{Step{Clock: RapidReviewClock, Day: 15}, "2026-11-24"},
	} {
		if got := tc.step.Due(cal, day1, aware).Format("2006-01-02"); got != tc.want {
			t.Errorf("%s Day %d: due %s, want %s", tc.step.Clock, tc.step.Day, got, tc.want)
		}
	}
}

func TestSummariesDay(t *testing.T) {
	tt := DefaultTimetable()
	s, ok := tt.Step(StepSummariesReturned)
	if !ok {
		t.Fatal("the default timetable has no summaries step")
	}
	if got := tt.SummariesDay(); got != s.Day {
		t.Errorf("SummariesDay() = %d, the step says Day %d", got, s.Day)
	}
	if got := (Timetable{}).SummariesDay(); got != 10 {
		t.Errorf("SummariesDay() without the step = %d, want 10", got)
	}
}
