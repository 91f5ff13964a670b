package intake

import (
	"reflect"
	"slices"
	"testing"
	"time"
)

func TestScreen(t *testing.T) {
	all := func() map[string]any {
		return map[string]any{
			"referrer_name": "R", "child_name": "C", "child_dob": "2015-01-01", "incident_date": "2026-11-03",
			"harm_outcome": "seriously_harmed", "incident_summary": "S",
			"c_died_or_seriously_harmed": true, "c_abuse_neglect_linked": true, "c_resident_or_occurred_in_area": true,
			"c_multi_agency_learning": true, "c_agreement_to_refer": true, "agreement_by": "Dr A Lead",
		}
	}
	msgDate := time.Date(2026, 11, 10, 9, 0, 0, 0, time.UTC) // a Tuesday
	p := ScreeningPolicy{AreaNames: []string{"Kestmoor"}}
	none := []string{}
	for _, c := range []struct {
		name   string
		change func(f map[string]any)
		want   Screening
	}{
		{"meets", func(map[string]any) {}, Screening{VerdictMeetsCriteria, none, none, none}},
		{"age stands for dob", func(f map[string]any) { delete(f, "child_dob"); f["child_age"] = 11.0 },
			Screening{VerdictMeetsCriteria, none, none, none}},
		{"unanswered criterion is missing", func(f map[string]any) { f["c_agreement_to_refer"] = nil },
			Screening{VerdictIncomplete, []string{"c_agreement_to_refer"}, none, none}},
		{"agreement to refer says who agreed", func(f map[string]any) { delete(f, "agreement_by") },
			Screening{VerdictIncomplete, []string{"agreement_by"}, none, none}},
		{"no agreement asks no one", func(f map[string]any) { delete(f, "agreement_by"); f["c_agreement_to_refer"] = false },
			Screening{VerdictDoesNotMeet, none, []string{"c_agreement_to_refer"}, none}},
		{"no wins over missing, missing kept", func(f map[string]any) {
			f["c_abuse_neglect_linked"] = false
			delete(f, "incident_summary")
		}, Screening{VerdictDoesNotMeet, []string{"incident_summary"}, []string{"c_abuse_neglect_linked"}, none}},
		{"looked-after death", func(f map[string]any) { f["harm_outcome"] = "died"; f["child_legal_status"] = "Looked after (s20)" },
			Screening{VerdictMeetsCriteria, none, none, []string{FlagLookedAfterDeath}}},
		{"looked-after death by the yes/no", func(f map[string]any) { f["harm_outcome"] = "died"; f["child_looked_after"] = true },
			Screening{VerdictMeetsCriteria, none, none, []string{FlagLookedAfterDeath}}},
		{"not looked after", func(f map[string]any) { f["harm_outcome"] = "died"; f["child_legal_status"] = "not looked after" },
			Screening{VerdictMeetsCriteria, none, none, none}},
		{"regulated setting death", func(f map[string]any) { f["harm_outcome"] = "died"; f["regulated_setting"] = true },
			Screening{VerdictMeetsCriteria, none, none, []string{FlagRegulatedSettingDeath}}},
		{"older than 12 months", func(f map[string]any) { f["incident_date"] = "2025-11-09" },
			Screening{VerdictMeetsCriteria, none, none, []string{FlagOlderThan12Months}}},
		{"exactly 12 months", func(f map[string]any) { f["incident_date"] = "2025-11-10" },
			Screening{VerdictMeetsCriteria, none, none, none}},
		// Aware Mon 2 Nov: five working days later is Mon 9 Nov; the
		// message of Tue 10 Nov is late.
		{"notification overdue", func(f map[string]any) { f["aware_date"] = "2026-11-02" },
			Screening{VerdictMeetsCriteria, none, none, []string{FlagNotificationOverdue}}},
		{"notification on time", func(f map[string]any) { f["aware_date"] = "2026-11-03" },
			Screening{VerdictMeetsCriteria, none, none, none}},
		{"out of area by answer", func(f map[string]any) { f["c_resident_or_occurred_in_area"] = false },
			Screening{VerdictDoesNotMeet, none, []string{"c_resident_or_occurred_in_area"}, []string{FlagOutOfArea}}},
		{"out of area by names", func(f map[string]any) {
			f["child_home_authority"] = "Brackenshire"
			f["incident_location"] = "Brackenshire town"
		}, Screening{VerdictMeetsCriteria, none, none, []string{FlagOutOfArea}}},
		{"harmed in area", func(f map[string]any) {
			f["child_home_authority"] = "Brackenshire"
			f["incident_location"] = "Kestmoor Park"
		}, Screening{VerdictMeetsCriteria, none, none, none}},
		{"suspected suicide, abuse suspected", func(f map[string]any) { f["suspected_suicide"] = true; f["abuse_or_neglect"] = "suspected" },
			Screening{VerdictMeetsCriteria, none, none, []string{FlagSuspectedSuicide}}},
		{"suspected suicide, abuse linked by the criterion", func(f map[string]any) { f["suspected_suicide"] = true },
			Screening{VerdictMeetsCriteria, none, none, []string{FlagSuspectedSuicide}}},
		{"suspected suicide, abuse not suspected", func(f map[string]any) {
			f["suspected_suicide"] = true
			f["abuse_or_neglect"] = "not_suspected"
			f["c_abuse_neglect_linked"] = false
		}, Screening{VerdictDoesNotMeet, none, []string{"c_abuse_neglect_linked"}, none}},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := all()
			c.change(f)
			got := p.Screen(ReferralFromFields(f), msgDate)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %+v; want %+v", got, c.want)
			}
		})
	}
}

// TestScreenAgreementByOptional: a partnership that does not need to know
// who agreed turns the rule off, and one that always needs it lists it.
func TestScreenAgreementByOptional(t *testing.T) {
	f := map[string]any{"c_agreement_to_refer": true}
	at := time.Date(2026, 11, 10, 9, 0, 0, 0, time.UTC)
	if s := (ScreeningPolicy{Required: []string{}, AgreementByOptional: true}).Screen(ReferralFromFields(f), at); s.Verdict != VerdictMeetsCriteria {
		t.Errorf("optional: %+v", s)
	}
	if s := (ScreeningPolicy{Required: []string{}}).Screen(ReferralFromFields(f), at); !slices.Equal(s.Missing, []string{"agreement_by"}) {
		t.Errorf("default: %+v", s)
	}
	s := (ScreeningPolicy{Required: []string{"agreement_by"}, AgreementByOptional: true}).Screen(ReferralFromFields(map[string]any{}), at)
	if !slices.Equal(s.Missing, []string{"agreement_by"}) {
		t.Errorf("required by the partnership: %+v", s)
	}
}

// TestScreenUsesCalendar checks that the bank holidays, and a configured
// closed day, move the notification deadline.
func TestScreenUsesCalendar(t *testing.T) {
	r := Referral{AwareDate: "2026-12-21"}
	msg := time.Date(2026, 12, 30, 12, 0, 0, 0, time.UTC)
	// Mon 21 Dec + 5 working days, skipping Christmas and the Boxing Day
	// substitute (Mon 28 Dec): due Wed 30 Dec, not late on the 30th.
	if s := (ScreeningPolicy{}).Screen(r, msg); slices.Contains(s.Flags, FlagNotificationOverdue) {
		t.Errorf("bank holidays: flags %v; want not overdue", s.Flags)
	}
	// A closed day on Tue 29 Dec moves it to Thu 31 Dec.
	p := ScreeningPolicy{Calendar: NewCalendar([]time.Time{Date(2026, 12, 29)}, nil)}
	if got := p.NotificationDue(Date(2026, 12, 21)); !got.Equal(Date(2026, 12, 31)) {
		t.Errorf("with a closed day: due %v; want 2026-12-31", got)
	}
	if s := (ScreeningPolicy{}).Screen(r, time.Date(2026, 12, 31, 9, 0, 0, 0, time.UTC)); !slices.Contains(s.Flags, FlagNotificationOverdue) {
		t.Errorf("31 Dec: flags %v; want overdue", s.Flags)
	}
}
