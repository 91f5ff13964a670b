package parse

import (
	"reflect"
	"testing"
	"time"
)

func TestScreen(t *testing.T) {
	all := func() map[string]any {
		return map[string]any{
			"referrer_name": "R", "child_name": "C", "child_dob": "2015-01-01", "incident_date": "2026-11-03",
			"harm_outcome": "seriously_harmed", "incident_summary": "S",
			"c_died_or_seriously_harmed": true, "c_abuse_neglect_linked": true, "c_resident_or_occurred_in_area": true,
			"c_multi_agency_learning": true, "c_agreement_to_refer": true,
		}
	}
	msgDate := time.Date(2026, 11, 10, 9, 0, 0, 0, time.UTC) // a Tuesday
	o := DefaultOptions().withDefaults()
	for _, c := range []struct {
		name   string
		change func(f map[string]any)
		want   Screening
	}{
		{"meets", func(map[string]any) {}, Screening{VerdictMeetsCriteria, []string{}, []string{}, []string{}}},
		{"age stands for dob", func(f map[string]any) { delete(f, "child_dob"); f["child_age"] = 11.0 },
			Screening{VerdictMeetsCriteria, []string{}, []string{}, []string{}}},
		{"unanswered criterion is missing", func(f map[string]any) { f["c_agreement_to_refer"] = nil },
			Screening{VerdictIncomplete, []string{"c_agreement_to_refer"}, []string{}, []string{}}},
		{"no wins over missing, missing kept", func(f map[string]any) {
			f["c_abuse_neglect_linked"] = false
			delete(f, "incident_summary")
		}, Screening{VerdictDoesNotMeet, []string{"incident_summary"}, []string{"c_abuse_neglect_linked"}, []string{}}},
		{"looked-after death", func(f map[string]any) { f["harm_outcome"] = "died"; f["child_legal_status"] = "Looked after (s20)" },
			Screening{VerdictMeetsCriteria, []string{}, []string{}, []string{FlagLookedAfterDeath}}},
		{"regulated setting death", func(f map[string]any) { f["harm_outcome"] = "died"; f["regulated_setting"] = true },
			Screening{VerdictMeetsCriteria, []string{}, []string{}, []string{FlagRegulatedSettingDeath}}},
		{"older than 12 months", func(f map[string]any) { f["incident_date"] = "2025-11-09" },
			Screening{VerdictMeetsCriteria, []string{}, []string{}, []string{FlagOlderThan12Months}}},
		{"exactly 12 months", func(f map[string]any) { f["incident_date"] = "2025-11-10" },
			Screening{VerdictMeetsCriteria, []string{}, []string{}, []string{}}},
		// Aware Mon 2 Nov: five working days later is Mon 9 Nov; the
		// message of Tue 10 Nov is late.
		{"notification overdue", func(f map[string]any) { f["aware_date"] = "2026-11-02" },
			Screening{VerdictMeetsCriteria, []string{}, []string{}, []string{FlagNotificationOverdue}}},
		{"notification on time", func(f map[string]any) { f["aware_date"] = "2026-11-03" },
			Screening{VerdictMeetsCriteria, []string{}, []string{}, []string{}}},
		{"out of area by answer", func(f map[string]any) { f["c_resident_or_occurred_in_area"] = false },
			Screening{VerdictDoesNotMeet, []string{}, []string{"c_resident_or_occurred_in_area"}, []string{FlagOutOfArea}}},
		{"out of area by names", func(f map[string]any) {
			f["child_home_authority"] = "Brackenshire"
			f["incident_location"] = "Brackenshire town"
		}, Screening{VerdictMeetsCriteria, []string{}, []string{}, []string{FlagOutOfArea}}},
		{"harmed in area", func(f map[string]any) {
			f["child_home_authority"] = "Brackenshire"
			f["incident_location"] = "Kestmoor Park"
		}, Screening{VerdictMeetsCriteria, []string{}, []string{}, []string{}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := all()
			c.change(f)
			got := screen(f, o, msgDate)
			if !reflect.DeepEqual(*got, c.want) {
				t.Errorf("got %+v; want %+v", *got, c.want)
			}
		})
	}
}

// TestScreenUsesCalendar checks that a bank holiday moves the notification
// deadline when the configured calendar says so.
func TestScreenUsesCalendar(t *testing.T) {
	f := map[string]any{"aware_date": "2026-12-21"}
	msg := time.Date(2026, 12, 30, 12, 0, 0, 0, time.UTC)
	o := DefaultOptions().withDefaults()
	// Weekdays only: Mon 21 Dec + 5 = Mon 28 Dec, so 30 Dec is late.
	if s := screen(f, o, msg); !contains(s.Flags, FlagNotificationOverdue) {
		t.Errorf("weekdays: flags %v; want overdue", s.Flags)
	}
	holidays := map[string]bool{"2026-12-25": true, "2026-12-28": true}
	o.AddWorkingDays = func(d time.Time, n int) time.Time {
		for n > 0 {
			d = d.AddDate(0, 0, 1)
			if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday && !holidays[d.Format("2006-01-02")] {
				n--
			}
		}
		return d
	}
	// With Christmas and the Boxing Day substitute: due Wed 30 Dec.
	if s := screen(f, o, msg); contains(s.Flags, FlagNotificationOverdue) {
		t.Errorf("bank holidays: flags %v; want not overdue", s.Flags)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
