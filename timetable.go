package intake

import (
	"fmt"
	"time"
)

// ClockName says which of a case's two clocks a step runs on
// (docs/design.md, "Day 1, and what runs from where"). The two are never
// mixed up.
type ClockName string

// The two clocks.
const (
	// StatutoryClock counts working days from the day the local authority
	// became aware of the incident. Its steps are the local authority's
	// duties: intake records that they were done, and no pause moves them.
	StatutoryClock ClockName = "statutory"
	// RapidReviewClock counts from Day 1, the working day the partnership
	// received the referral: a step on Day N is due N-1 working days after
	// Day 1, so the steps always fall in their order. A pause moves the
	// partnership's own steps on; it never moves a date given to a SPOC.
	RapidReviewClock ClockName = "rapid_review"
)

// Owners of steps. Steps owned by intake are done by intake itself (the
// requests it sends, the summaries it collects); every other step is done
// only when a person records it.
const (
	OwnerIntake           = "intake"
	OwnerSPOCs            = "spocs"
	OwnerLocalAuthority   = "local_authority"
	OwnerBusinessTeam     = "business_team"
	OwnerRapidReviewGroup = "rapid_review_group"
	OwnerChair            = "chair"
)

// The names of the steps intake itself knows about; a partnership's
// timetable may rename titles and move days, but these names keep their
// meaning.
const (
	StepNotification          = "la_notification"         // the LA notifies the national Panel (statutory)
	StepSoSOfstedNotification = "sos_ofsted_notification" // a looked-after child died: the Secretary of State and Ofsted (statutory)
	StepScreeningDecision     = "screening_decision"      // a person accepts the referral or routes it
	StepSummaryRequest        = "summary_request"         // intake sends every SPOC the request
	StepSummariesReturned     = "summaries_returned"      // every requested summary is in
	StepRapidReview           = "rapid_review"            // the meeting and decision (recorded with the outcome)
	StepOutcomeToPanel        = "outcome_to_panel"        // the chair sends the outcome to the Panel
)

// Step is one line of a timetable: due on Day (on the rapid review clock,
// Day N; on the statutory clock, that many working days after awareness),
// owned by someone. A step with OnlyIf applies only to cases screening
// flagged so (the Secretary of State and Ofsted are told only of a
// looked-after child's death). A chased step is chased per agency.
type Step struct {
	Name   string
	Title  string // plain words for the digest, the case page and `intake case`
	Clock  ClockName
	Day    int
	Owner  string
	OnlyIf string // a screening flag; "" for every case
	Chased bool
	Chase  ChaserPolicy
}

// ByIntake reports whether intake does the step itself.
func (s Step) ByIntake() bool { return s.Owner == OwnerIntake || s.Owner == OwnerSPOCs }

// Timetable is a partnership's rapid review timetable: its steps, the
// working days a SPOC is always given to reply even when the referral
// was accepted late (MinSummaryDays), and the hour after which a referral
// counts as received on the next working day (CutoffHour, Europe/London).
type Timetable struct {
	Steps          []Step
	MinSummaryDays int
	CutoffHour     int
}

// DefaultChaserPolicy reminds SPOCs two working days before the due date,
// on the due date, then every two working days while overdue, and
// escalates to the business team after three chasers.
func DefaultChaserPolicy() ChaserPolicy {
	return ChaserPolicy{RemindBefore: 2, OnDueDay: true, OverdueEvery: 2, EscalateAfter: 3, SendHour: 9}
}

// DefaultTimetable is Kent's rapid review timetable (docs/design.md), with the
// local authority's statutory notifications beside it.
func DefaultTimetable() Timetable {
	return Timetable{
		MinSummaryDays: 5,
		CutoffHour:     17,
		Steps: []Step{
			{Name: StepNotification, Title: "Local authority notifies the national Panel", Clock: StatutoryClock, Day: 5, Owner: OwnerLocalAuthority},
			{Name: StepSoSOfstedNotification, Title: "Local authority notifies the Secretary of State and Ofsted (looked-after child)", Clock: StatutoryClock, Day: 5, Owner: OwnerLocalAuthority, OnlyIf: FlagLookedAfterDeath},
			{Name: StepScreeningDecision, Title: "Referral accepted for rapid review, or routed", Clock: RapidReviewClock, Day: 1, Owner: OwnerBusinessTeam},
			{Name: StepSummaryRequest, Title: "Agency summary requests sent to every SPOC", Clock: RapidReviewClock, Day: 1, Owner: OwnerIntake},
			{Name: StepSummariesReturned, Title: "Agency summaries returned", Clock: RapidReviewClock, Day: 10, Owner: OwnerSPOCs, Chased: true, Chase: DefaultChaserPolicy()},
			{Name: "collation", Title: "Summaries collated into the case report", Clock: RapidReviewClock, Day: 11, Owner: OwnerBusinessTeam},
			{Name: "papers", Title: "Papers sent to the Rapid Review Group", Clock: RapidReviewClock, Day: 12, Owner: OwnerBusinessTeam},
			{Name: StepRapidReview, Title: "Rapid review meeting and decision", Clock: RapidReviewClock, Day: 14, Owner: OwnerRapidReviewGroup},
			{Name: StepOutcomeToPanel, Title: "Rapid Review Group chair sends the outcome to the national Panel", Clock: RapidReviewClock, Day: 15, Owner: OwnerChair},
		},
	}
}

// Validate checks the timetable: every step named once, on a known
// clock, with a known owner; the rapid review steps in day order; and the
// steps intake depends on present.
func (t Timetable) Validate() error {
	seen := map[string]bool{}
	lastDay := 0
	for i, s := range t.Steps {
		switch {
		case s.Name == "":
			return fmt.Errorf("intake: timetable step %d has no name", i+1)
		case seen[s.Name]:
			return fmt.Errorf("intake: timetable step %q appears twice", s.Name)
		case s.Clock != StatutoryClock && s.Clock != RapidReviewClock:
			return fmt.Errorf("intake: timetable step %q: clock %q is not statutory or rapid_review", s.Name, s.Clock)
		case s.Clock == RapidReviewClock && s.Day < 1:
			return fmt.Errorf("intake: timetable step %q: day %d: Day 1 is the first day", s.Name, s.Day)
		case s.Clock == StatutoryClock && s.Day < 0:
			return fmt.Errorf("intake: timetable step %q: %d working days is negative", s.Name, s.Day)
		case s.Clock == RapidReviewClock && s.Day < lastDay:
			return fmt.Errorf("intake: timetable step %q (day %d) comes before the step above it (day %d): list the steps in day order", s.Name, s.Day, lastDay)
		}
		if s.Clock == RapidReviewClock {
			lastDay = s.Day
		}
		if !validOwner(s.Owner) {
			return fmt.Errorf("intake: timetable step %q: owner %q is not one of intake, spocs, local_authority, business_team, rapid_review_group, chair", s.Name, s.Owner)
		}
		if s.Chased {
			if err := s.Chase.Validate(); err != nil {
				return fmt.Errorf("intake: timetable step %q: %w", s.Name, err)
			}
		}
		seen[s.Name] = true
	}
	for _, need := range []string{StepScreeningDecision, StepSummaryRequest, StepSummariesReturned, StepRapidReview} {
		if !seen[need] {
			return fmt.Errorf("intake: the timetable has no %q step: intake needs it", need)
		}
	}
	if t.MinSummaryDays < 1 {
		return fmt.Errorf("intake: a SPOC must be given at least one working day (min_summary_days %d)", t.MinSummaryDays)
	}
	if t.CutoffHour < 1 || t.CutoffHour > 24 {
		return fmt.Errorf("intake: cut-off hour %d is not 1-24", t.CutoffHour)
	}
	return nil
}

func validOwner(o string) bool {
	switch o {
	case OwnerIntake, OwnerSPOCs, OwnerLocalAuthority, OwnerBusinessTeam, OwnerRapidReviewGroup, OwnerChair:
		return true
	}
	return false
}

// Step returns the named step.
func (t Timetable) Step(name string) (Step, bool) {
	for _, s := range t.Steps {
		if s.Name == name {
			return s, true
		}
	}
	return Step{}, false
}

// Day1 is Day 1 of the rapid review clock for a referral received at
// received: that day if it is a working day and the referral arrived
// before the cut-off hour, else the next working day.
func (t Timetable) Day1(cal *Calendar, received time.Time) time.Time {
	local := received.In(London)
	cutoff := t.CutoffHour
	if cutoff == 0 {
		cutoff = 24
	}
	if local.Hour() >= cutoff {
		return cal.AddWorkingDays(local, 1)
	}
	return cal.AddWorkingDays(local, 0)
}

// Due is the day step s falls due, before any pause: on the statutory
// clock, Day working days after the local authority became aware (aware);
// on the rapid review clock, Day N counted from day1.
func (s Step) Due(cal *Calendar, day1, aware time.Time) time.Time {
	if s.Clock == StatutoryClock {
		return cal.AddWorkingDays(aware, s.Day)
	}
	return DayN(cal, day1, s.Day)
}

// DayN returns the date of Day n counted from day1 (Day 1 is day1).
func DayN(cal *Calendar, day1 time.Time, n int) time.Time {
	return cal.AddWorkingDays(day1, n-1)
}

// SummariesDay is the Day N by which the summaries are due: the
// summaries step's day, or Day 10 if the timetable has no such step.
func (t Timetable) SummariesDay() int {
	if s, ok := t.Step(StepSummariesReturned); ok {
		return s.Day
	}
	return 10
}

// SummaryDue is the date a SPOC asked on requestDay is given: Day N of
// the summaries step, or MinSummaryDays working days after the request
// when fewer would remain (the case is then at risk: the second result).
func (t Timetable) SummaryDue(cal *Calendar, day1, requestDay time.Time) (due time.Time, atRisk bool) {
	due = DayN(cal, day1, t.SummariesDay())
	min := t.MinSummaryDays
	if min < 1 {
		min = 1
	}
	if floor := cal.AddWorkingDays(requestDay, min); due.Before(floor) {
		return floor, true
	}
	return due, false
}
