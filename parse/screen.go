package parse

import (
	"strings"
	"time"
)

// screen judges a referral's fields against the criteria (PROCESS.md).
//
// failed lists the criteria answered no; missing lists the required keys
// absent or blank (an unanswered criterion is missing, not failed). A
// referral with any failed criterion does_not_meet, whatever is missing
// (missing is still filled, so the business team can ask); otherwise one
// with anything missing is incomplete; otherwise it meets_criteria.
// Screening never discards: it tells the business team what it found.
//
// ref is the date the referral is judged at: the message's date, never
// today, so that a referral read again later screens the same.
func screen(f map[string]any, o Options, ref time.Time) *Screening {
	s := &Screening{Missing: []string{}, Failed: []string{}, Flags: []string{}}
	for _, k := range o.Required {
		if k == "child_dob" && present(f, "child_age") {
			continue
		}
		if !present(f, k) {
			s.Missing = append(s.Missing, k)
		}
	}
	for _, c := range Criteria {
		if b, ok := f[c].(bool); ok && !b {
			s.Failed = append(s.Failed, c)
		}
	}
	switch {
	case len(s.Failed) > 0:
		s.Verdict = VerdictDoesNotMeet
	case len(s.Missing) > 0:
		s.Verdict = VerdictIncomplete
	default:
		s.Verdict = VerdictMeetsCriteria
	}

	died := f["harm_outcome"] == "died"
	if died && lookedAfter(f) {
		s.Flags = append(s.Flags, FlagLookedAfterDeath)
	}
	if died && f["regulated_setting"] == true {
		s.Flags = append(s.Flags, FlagRegulatedSettingDeath)
	}
	if !ref.IsZero() {
		day := dateOnly(ref)
		if inc, ok := isoDate(f["incident_date"]); ok && inc.AddDate(1, 0, 0).Before(day) {
			s.Flags = append(s.Flags, FlagOlderThan12Months)
		}
		if aw, ok := isoDate(f["aware_date"]); ok && dueDate(o, aw, 5).Before(day) {
			s.Flags = append(s.Flags, FlagNotificationOverdue)
		}
	}
	if outOfArea(f, o.AreaNames) {
		s.Flags = append(s.Flags, FlagOutOfArea)
	}
	return s
}

// present says whether a key has a value: not absent, null or blank.
func present(f map[string]any, k string) bool {
	v, ok := f[k]
	return ok && !blankValue(v)
}

// lookedAfter says whether the child was looked after: the form says so,
// or its legal status does ("looked after", "in care", "CLA", "care
// order", "section 20").
func lookedAfter(f map[string]any) bool {
	if b, ok := f["child_looked_after"].(bool); ok {
		return b
	}
	ls, _ := f["child_legal_status"].(string)
	l := " " + strings.ToLower(ls) + " "
	for _, w := range []string{"looked after", "in care", " cla ", " lac ", "care order", "section 20", "s20", "s.20"} {
		if strings.Contains(l, w) {
			return !strings.Contains(l, "not looked after") && !strings.Contains(l, "not in care")
		}
	}
	return false
}

// outOfArea says whether a referral belongs to another partnership: the
// residence-or-incident criterion answered no, or (when the area's names
// are known) both the child's home and the incident's place given and
// neither naming the area.
func outOfArea(f map[string]any, area []string) bool {
	if b, ok := f["c_resident_or_occurred_in_area"].(bool); ok && !b {
		return true
	}
	if len(area) == 0 {
		return false
	}
	var home []string
	for _, k := range []string{"child_home_authority", "child_address"} {
		if s, ok := f[k].(string); ok && s != "" {
			home = append(home, s)
		}
	}
	loc, _ := f["incident_location"].(string)
	if len(home) == 0 || loc == "" {
		return false
	}
	return !mentionsArea(strings.Join(home, " "), area) && !mentionsArea(loc, area)
}

func mentionsArea(s string, area []string) bool {
	l := strings.ToLower(s)
	for _, a := range area {
		if a != "" && strings.Contains(l, strings.ToLower(a)) {
			return true
		}
	}
	return false
}

func isoDate(v any) (time.Time, bool) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", s)
	return t, err == nil
}

// london is the partnership's time zone; message dates are read as
// calendar days there. Without time zone data, a message's own offset is
// used.
var london = func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		return nil
	}
	return loc
}()

// dateOnly is t's calendar date in London at midnight UTC, to compare with
// form dates.
func dateOnly(t time.Time) time.Time {
	if london != nil {
		t = t.In(london)
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// dueDate adds n working days to a form date with the configured calendar
// and returns the resulting calendar date at midnight UTC. The form date
// is handed over as midnight London, as the calendar expects.
func dueDate(o Options, d time.Time, n int) time.Time {
	if london != nil {
		d = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, london)
	}
	y, m, dd := o.AddWorkingDays(d, n).Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)
}
