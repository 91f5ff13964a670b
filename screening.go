package intake

import (
	"strings"
	"time"
)

// Screening verdicts (the form contract's screening.verdict).
const (
	VerdictMeetsCriteria = "meets_criteria"
	VerdictIncomplete    = "incomplete"
	VerdictDoesNotMeet   = "does_not_meet"
)

// Screening flags: what the business team must see, whatever the verdict.
const (
	FlagLookedAfterDeath      = "looked_after_death"      // the Secretary of State and Ofsted must be told too
	FlagRegulatedSettingDeath = "regulated_setting_death" // a child in a regulated setting died
	FlagOlderThan12Months     = "older_than_12_months"    // not normally reviewed without significant new information
	FlagOutOfArea             = "out_of_area"             // belongs to another partnership
	FlagNotificationOverdue   = "notification_overdue"    // the local authority's five working days had passed
	FlagSuspectedSuicide      = "suspected_suicide"       // suspected suicide where abuse or neglect is known or suspected
)

// Criteria are the canonical keys of the five criteria of the process (docs/design.md), in
// order.
var Criteria = []string{
	"c_died_or_seriously_harmed",
	"c_abuse_neglect_linked",
	"c_resident_or_occurred_in_area",
	"c_multi_agency_learning",
	"c_agreement_to_refer",
}

// DefaultRequired lists the referral keys screening asks for when the
// partnership names none: who the child is, what happened and when, who
// refers, and an answer to every criterion. child_dob is satisfied by
// child_age.
var DefaultRequired = []string{
	"referrer_name",
	"child_name",
	"child_dob",
	"incident_date",
	"harm_outcome",
	"incident_summary",
	"c_died_or_seriously_harmed",
	"c_abuse_neglect_linked",
	"c_resident_or_occurred_in_area",
	"c_multi_agency_learning",
	"c_agreement_to_refer",
}

// Screening is the advice screening gives a person about a referral: a
// verdict, the required keys to ask the referrer for, the criteria
// answered no, and the flags. It never decides anything itself.
type Screening struct {
	Verdict string   `json:"verdict"`
	Missing []string `json:"missing"`
	Failed  []string `json:"failed"`
	Flags   []string `json:"flags"`
}

// ScreeningPolicy is the partnership's side of screening: the keys it
// requires, its area's names (for out_of_area), and the working-day
// calendar (for notification_overdue).
type ScreeningPolicy struct {
	Required []string // nil: DefaultRequired
	// AgreementByOptional turns off the rule that a referral answering yes
	// to agreement to refer must say who agreed it (agreement_by): by
	// default (false) it is then required, whatever Required lists.
	AgreementByOptional bool
	AreaNames           []string  // empty: out_of_area only from the criterion's answer
	Calendar            *Calendar // nil: England and Wales bank holidays only
	// NotificationDays is the local authority's deadline to notify, in
	// working days from awareness; 0 means 5.
	NotificationDays int
}

// appendUnanswered appends to dst the keys of r that have no answer in
// answered (r's Fields); the child's date of birth is answered when an
// age is given instead.
func appendUnanswered(dst []string, r Referral, answered map[string]any, keys []string) []string {
	for _, k := range keys {
		if k == "child_dob" && r.ChildAge != nil {
			continue
		}
		if _, ok := answered[k]; !ok {
			dst = append(dst, k)
		}
	}
	return dst
}

// Screen judges a referral against the criteria (docs/design.md).
//
// failed lists the criteria answered no; missing lists the required keys
// unanswered (an unanswered criterion is missing, not failed), and who
// agreed the referral when agreement to refer is answered yes and no one
// is named (unless the policy makes that optional). A referral
// with any failed criterion does_not_meet, whatever is missing (missing is
// still filled, so that a person can ask); otherwise one with anything
// missing is incomplete; otherwise it meets_criteria. Screening never
// discards a referral and never decides: it tells a person what it found.
//
// at is the day the referral is judged on: the message's date, never
// today, so that a referral read again later screens the same.
func (p ScreeningPolicy) Screen(r Referral, at time.Time) Screening {
	s := Screening{Missing: []string{}, Failed: []string{}, Flags: []string{}}
	answered := r.Fields()
	required := p.Required
	if required == nil {
		required = DefaultRequired
	}
	s.Missing = appendUnanswered(s.Missing, r, answered, required)
	// Agreement to refer answered yes says someone agreed: who.
	if !p.AgreementByOptional && isTrue(r.AgreementToRefer) && strings.TrimSpace(r.AgreementBy) == "" && !contains(s.Missing, "agreement_by") {
		s.Missing = append(s.Missing, "agreement_by")
	}
	for _, c := range Criteria {
		if b, ok := answered[c].(bool); ok && !b {
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
	s.Flags = p.flags(r, at)
	return s
}

// flags lists what the business team must see about r.
func (p ScreeningPolicy) flags(r Referral, at time.Time) []string {
	flags := []string{}
	died := r.HarmOutcome == "died"
	if died && r.LookedAfter() {
		flags = append(flags, FlagLookedAfterDeath)
	}
	if died && isTrue(r.RegulatedSetting) {
		flags = append(flags, FlagRegulatedSettingDeath)
	}
	if !at.IsZero() {
		day := civilOf(at.In(London))
		if inc, ok := formDate(r.IncidentDate); ok && inc.addYears(1).before(day) {
			flags = append(flags, FlagOlderThan12Months)
		}
		if aw, ok := formDate(r.AwareDate); ok && civilOf(p.NotificationDue(aw.london())).before(day) {
			flags = append(flags, FlagNotificationOverdue)
		}
	}
	if p.OutOfArea(r) {
		flags = append(flags, FlagOutOfArea)
	}
	if isTrue(r.SuspectedSuicide) && r.abuseKnownOrSuspected() {
		flags = append(flags, FlagSuspectedSuicide)
	}
	return flags
}

// abuseKnownOrSuspected reports whether the form says abuse or neglect is
// known or suspected: in so many words, or (when it does not say) by
// answering yes to the criterion that links them to the harm.
func (r Referral) abuseKnownOrSuspected() bool {
	switch r.AbuseOrNeglect {
	case "known", "suspected":
		return true
	case "":
		return isTrue(r.AbuseNeglectLinked)
	}
	return false
}

// NotificationDue is the local authority's deadline to notify the
// national Panel: NotificationDays working days after the aware date.
func (p ScreeningPolicy) NotificationDue(aware time.Time) time.Time {
	n := p.NotificationDays
	if n == 0 {
		n = 5
	}
	cal := p.Calendar
	if cal == nil {
		cal = englandAndWales
	}
	return cal.AddWorkingDays(aware, n)
}

// englandAndWales is the calendar of a policy that names none.
var englandAndWales = NewCalendar(nil, nil)

// LookedAfter reports whether the child was looked after: the form says
// so, or its legal status does ("looked after", "in care", "CLA", "care
// order", "section 20").
func (r Referral) LookedAfter() bool {
	if r.ChildLookedAfter != nil {
		return *r.ChildLookedAfter
	}
	l := " " + strings.ToLower(r.ChildLegalStatus) + " "
	for _, w := range []string{"looked after", "in care", " cla ", " lac ", "care order", "section 20", "s20", "s.20"} {
		if strings.Contains(l, w) {
			return !strings.Contains(l, "not looked after") && !strings.Contains(l, "not in care")
		}
	}
	return false
}

// OutOfArea reports whether a referral belongs to another partnership:
// the residence-or-incident criterion answered no, or (when the area's
// names are known) both the child's home and the incident's place given
// and neither naming the area.
func (p ScreeningPolicy) OutOfArea(r Referral) bool {
	if isFalse(r.ResidentOrOccurredInArea) {
		return true
	}
	if len(p.AreaNames) == 0 {
		return false
	}
	home := strings.TrimSpace(r.ChildHomeAuthority + " " + r.ChildAddress)
	if home == "" || r.IncidentLocation == "" {
		return false
	}
	return !MentionsArea(home, p.AreaNames) && !MentionsArea(r.IncidentLocation, p.AreaNames)
}

// MentionsArea reports whether s names one of the area's names.
func MentionsArea(s string, area []string) bool {
	l := strings.ToLower(s)
	for _, a := range area {
		if a != "" && strings.Contains(l, strings.ToLower(a)) {
			return true
		}
	}
	return false
}

func isTrue(b *bool) bool  { return b != nil && *b }
func isFalse(b *bool) bool { return b != nil && !*b }

// formDate reads an ISO form date.
func formDate(s string) (civil, bool) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return civil{}, false
	}
	return civil{t.Year(), t.Month(), t.Day()}, true
}

func (c civil) addYears(n int) civil {
	t := time.Date(c.y+n, c.m, c.d, 0, 0, 0, 0, time.UTC)
	return civil{t.Year(), t.Month(), t.Day()}
}

// contains reports whether list holds s.
func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
