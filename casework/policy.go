package casework

import (
	"strconv"
	"strings"

	"github.com/kscmp/intake"
)

// Policy is the partnership's side of the rules: who it is, whom it asks,
// its timetable and calendar, and the choices the process leaves to each
// partnership. cmd builds it from the configuration.
type Policy struct {
	Partnership   string   // its name, for the audit trail's details
	Mailbox       string   // its own address: never answered
	OwnAddresses  []string // further addresses of its own (the From it sends as)
	BusinessTeam  []string // escalations and linked-referral notices
	CaseRefPrefix string

	Agencies   intake.Agencies
	Neighbours intake.Neighbours
	Timetable  intake.Timetable
	Calendar   *intake.Calendar
	Screening  intake.ScreeningPolicy
	AutoAccept intake.AutoAccept
	Trust      Trust

	// SPOCIdentifiers are what a SPOC's email may say of the child:
	// "initials", "dob", "age", "name".
	SPOCIdentifiers []string
	// MaxAcknowledgementsPerDay caps the acknowledgements one sender gets
	// in a day (a loop guard); further referrals are still filed.
	MaxAcknowledgementsPerDay int
	SummaryReceipts           bool
	OutcomeToAgencies         bool
	// LinkWindowDays: a referral for the same child whose incident is
	// this many calendar days or fewer from a case's is linked to it.
	LinkWindowDays int
	// ReferrerReminderEvery and ReferrerReminders: a referrer asked for
	// missing information is reminded every so many working days, up to
	// so many times (0: never).
	ReferrerReminderEvery int
	ReferrerReminders     int
	// SendHour is the hour chasers and reminders go, Europe/London.
	SendHour int
}

// own reports whether addr is one of the partnership's own addresses.
func (p Policy) own(addr string) bool {
	addr = strings.ToLower(strings.TrimSpace(addr))
	if addr == "" {
		return false
	}
	if strings.EqualFold(addr, p.Mailbox) {
		return true
	}
	for _, a := range p.OwnAddresses {
		if strings.EqualFold(addr, a) {
			return true
		}
	}
	return false
}

// agency is the configured agency a person named, by key, name or
// alias.
func (p Policy) agency(name string) (intake.Agency, error) {
	a, ok := p.Agencies.Match(name) // Match takes keys too
	if !ok {
		keys := make([]string, len(p.Agencies))
		for i, a := range p.Agencies {
			keys[i] = a.Key
		}
		return intake.Agency{}, intake.Errorf(intake.EINVALID, "%q is not a configured agency (the agencies are: %s).", name, strings.Join(keys, ", "))
	}
	return a, nil
}

// summaryChaser is the chaser policy of the summaries step.
func (p Policy) summaryChaser() intake.ChaserPolicy {
	if s, ok := p.Timetable.Step(intake.StepSummariesReturned); ok && s.Chased {
		return s.Chase
	}
	return intake.ChaserPolicy{SendHour: p.SendHour}
}

// ChildIdentifiers are what a partnership may let a SPOC's email say
// about the child ([partnership] spoc_identifiers): the initials, the
// date of birth, the age, the name.
var ChildIdentifiers = []string{"initials", "dob", "age", "name"}

// spocIdentity is what a SPOC's email may say about the child, as the
// policy allows (any of ChildIdentifiers): e.g. "J.S., born 2015-03-04".
func (p Policy) spocIdentity(r intake.Referral) string {
	var parts []string
	for _, id := range p.SPOCIdentifiers {
		switch id {
		case "name":
			if r.ChildName != "" {
				parts = append(parts, r.ChildName)
			}
		case "initials":
			if v := intake.ShownInitials(r.ChildName); v != "" {
				parts = append(parts, strings.Join(strings.Split(v, ""), ".")+".")
			}
		case "dob":
			if r.ChildDOB != "" {
				parts = append(parts, "born "+r.ChildDOB)
			}
		case "age":
			if r.ChildAge != nil {
				parts = append(parts, "aged "+strconv.FormatFloat(*r.ChildAge, 'f', -1, 64))
			}
		}
	}
	return strings.Join(parts, ", ")
}
