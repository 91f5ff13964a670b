package intake

import (
	"strings"
	"testing"
	"time"
)

func ymd(t time.Time) string { return t.In(London).Format("2006-01-02") }

func TestDefaultTimetableDueDates(t *testing.T) {
	cal := NewCalendar(nil, nil)
	tt := DefaultTimetable()
	if err := tt.Validate(); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, s := range tt.DueDates(day("2026-12-23"), time.Time{}, time.Time{}, cal) {
		got[s.Step.Name] = ymd(s.Due)
	}
	want := map[string]string{
		"notification":       "2027-01-04", // the example: 5 working days after 23 Dec
		"summary_request":    "2026-12-23", // day 1
		"summaries_returned": "2027-01-08", // 9 working days after the request
		"collation":          "2027-01-11",
		"papers":             "2027-01-12",
		"rapid_review":       "2027-01-14",
		"outcome_to_panel":   "2027-01-15", // day 15
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s due %s, want %s", k, got[k], v)
		}
	}
}

func TestTimetableAnchors(t *testing.T) {
	cal := NewCalendar(nil, nil)
	tt := DefaultTimetable()
	tt.ClockStart = AnchorNotification
	tt.Steps = append(tt.Steps, Step{Name: "cal", Offset: 7, Unit: CalendarDays, Anchor: AnchorAware})
	due := map[string]string{}
	for _, s := range tt.DueDates(day("2026-11-02"), day("2026-11-04"), day("2026-11-05"), cal) {
		due[s.Step.Name] = ymd(s.Due)
	}
	if due["rapid_review"] != "2026-11-23" { // 13 working days after 4 Nov
		t.Errorf("rapid_review %s", due["rapid_review"])
	}
	if due["summaries_returned"] != "2026-11-18" { // 9 after the request on 5 Nov
		t.Errorf("summaries_returned %s", due["summaries_returned"])
	}
	if due["cal"] != "2026-11-11" {
		t.Errorf("calendar-day step %s", due["cal"])
	}
	if got := ymd(tt.SummaryDue(day("2026-12-23"), cal)); got != "2027-01-08" {
		t.Errorf("SummaryDue %s", got)
	}
}

func TestTimetableValidate(t *testing.T) {
	for name, mod := range map[string]func(*Timetable){
		"unit":      func(t *Timetable) { t.Steps[0].Unit = "fortnights" },
		"anchor":    func(t *Timetable) { t.Steps[0].Anchor = "moon" },
		"duplicate": func(t *Timetable) { t.Steps[1].Name = t.Steps[0].Name },
		"summary":   func(t *Timetable) { t.SummaryStep = "nope" },
		"negative":  func(t *Timetable) { t.Steps[0].Offset = -1 },
	} {
		tt := DefaultTimetable()
		mod(&tt)
		if err := tt.Validate(); err == nil || !strings.HasPrefix(err.Error(), "intake: ") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}
