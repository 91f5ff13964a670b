package intake

import (
	"fmt"
	"time"
)

// ChaserPolicy says how intake chases a SPOC for a summary: a reminder
// RemindBefore working days before the due date (0: none), one on the due
// day (OnDueDay), then one every OverdueEvery working days while it is
// overdue (0: none), up to EscalateAfter chasers in all. When that many
// chasers have gone unanswered, one further OverdueEvery interval later the
// business team gets an escalation (EscalateAfter 0: never escalate, and
// at most maxChasers chasers). Every chaser is sent at SendHour o'clock
// Europe/London on its day, and never before the day after the request.
//
// A chaser never goes twice: its key names the case, the agency and its
// number. When the daemon was stopped over several chaser days, only the
// latest chaser due is sent, never a backlog.
type ChaserPolicy struct {
	RemindBefore  int
	OnDueDay      bool
	OverdueEvery  int
	EscalateAfter int
	SendHour      int
}

// maxChasers bounds the chasers of a policy that never escalates.
const maxChasers = 10

// Validate checks the policy's numbers.
func (p ChaserPolicy) Validate() error {
	switch {
	case p.RemindBefore < 0 || p.OverdueEvery < 0 || p.EscalateAfter < 0:
		return fmt.Errorf("chaser policy: negative number of days or chasers")
	case p.SendHour < 0 || p.SendHour > 23:
		return fmt.Errorf("chaser policy: send hour %d is not 0-23", p.SendHour)
	case p.RemindBefore == 0 && !p.OnDueDay && p.OverdueEvery == 0:
		return fmt.Errorf("chaser policy: no chaser would ever be sent: set remind_before, on_due_day or overdue_every")
	}
	return nil
}

// chaseSlot is one planned chaser (number >= 1) or the escalation
// (number 0).
type chaseSlot struct {
	number int
	at     time.Time
}

// slots returns the chasers and escalation planned for a summary due on
// due and requested at requested, in time order.
func (p ChaserPolicy) slots(cal *Calendar, requested, due time.Time) []chaseSlot {
	var days []time.Time
	if p.RemindBefore > 0 {
		days = append(days, cal.AddWorkingDays(due, -p.RemindBefore))
	}
	if p.OnDueDay {
		days = append(days, cal.AddWorkingDays(due, 0))
	}
	limit := p.EscalateAfter
	if limit == 0 {
		limit = maxChasers
	}
	if p.OverdueEvery > 0 {
		for k := 1; len(days) < limit+2; k++ {
			days = append(days, cal.AddWorkingDays(due, k*p.OverdueEvery))
		}
	}
	var out []chaseSlot
	reqDay := civilOf(requested)
	for _, d := range days {
		if !reqDay.before(civilOf(d)) || len(out) == limit {
			continue
		}
		if len(out) > 0 && !out[len(out)-1].at.Before(p.at(d)) {
			continue
		}
		out = append(out, chaseSlot{number: len(out) + 1, at: p.at(d)})
	}
	// Escalate once EscalateAfter chasers have gone, or after the last
	// chaser a policy without overdue chasers can send.
	if p.EscalateAfter > 0 && len(out) > 0 && (len(out) == p.EscalateAfter || p.OverdueEvery == 0) {
		step := p.OverdueEvery
		if step == 0 {
			step = 1
		}
		last := out[len(out)-1].at
		out = append(out, chaseSlot{number: 0, at: p.at(cal.AddWorkingDays(last, step))})
	}
	return out
}

func (p ChaserPolicy) at(day time.Time) time.Time {
	c := civilOf(day)
	return time.Date(c.y, c.m, c.d, p.SendHour, 0, 0, 0, London)
}

// Chasers returns the chasers and escalations due by now for the open
// summary requests of cases whose clock is running (the caller leaves out
// paused, decided and closed cases; no pause moves the date a SPOC was
// given), and the earliest time after now at which another becomes due
// (zero if none will). Escalations go to businessTeam.
func (p ChaserPolicy) Chasers(cal *Calendar, reqs []SummaryRequest, businessTeam []string, now time.Time) (due []Notice, next time.Time) {
	for _, r := range reqs {
		if !r.Open() || r.Due.IsZero() {
			continue
		}
		var latest *chaseSlot
		var escalate bool
		slots := p.slots(cal, r.RequestedAt, r.Due)
		for i := range slots {
			s := slots[i]
			if s.at.After(now) {
				if next.IsZero() || s.at.Before(next) {
					next = s.at
				}
				break
			}
			if s.number == 0 {
				escalate = true
			} else {
				latest = &slots[i]
			}
		}
		thread := AngleID(r.MessageID)
		var refs []string
		if thread != "" {
			refs = []string{thread}
		}
		if latest != nil {
			due = append(due, Notice{
				Key:          fmt.Sprintf("chaser:%s:%s:%d", r.CaseRef, r.Agency, latest.number),
				Kind:         NoticeChaser,
				CaseRef:      r.CaseRef,
				To:           r.To,
				NotBefore:    latest.at,
				InReplyTo:    thread,
				References:   refs,
				Agency:       r.AgencyName,
				DueDate:      r.Due,
				ChaserNumber: latest.number,
			})
		}
		if escalate {
			due = append(due, Notice{
				Key:       fmt.Sprintf("escalation:%s:%s", r.CaseRef, r.Agency),
				Kind:      NoticeEscalation,
				CaseRef:   r.CaseRef,
				To:        businessTeam,
				NotBefore: slots[len(slots)-1].at,
				Agency:    r.AgencyName,
				DueDate:   r.Due,
				// The number of reminders gone unanswered, for the template.
				ChaserNumber: p.EscalateAfter,
				Note:         fmt.Sprintf("%d chasers to the SPOC have gone unanswered", p.EscalateAfter),
			})
		}
	}
	return due, next
}

// ReferrerReminders returns the reminder due by now to a referrer whom a
// person asked for missing information and who has not supplied it: the
// k-th reminder falls every working days after the request, at sendHour
// Europe/London, up to max reminders; only the latest due is returned
// (never a backlog). next is when the following one falls due (zero if
// none will). The reminder asks for what is still unanswered.
func ReferrerReminders(cal *Calendar, c *Case, every, max, sendHour int, now time.Time) (n Notice, ok bool, next time.Time) {
	if every <= 0 || max <= 0 || c.State != StateAwaitingReferrer || c.Referrer == "" || c.AwaitingReferrerSince.IsZero() {
		return Notice{}, false, time.Time{}
	}
	p := ChaserPolicy{SendHour: sendHour}
	latest := 0
	for k := 1; k <= max; k++ {
		at := p.at(cal.AddWorkingDays(c.AwaitingReferrerSince, k*every))
		if at.After(now) {
			next = at
			break
		}
		latest = k
	}
	if latest == 0 {
		return Notice{}, false, next
	}
	return Notice{
		Key:          fmt.Sprintf("referrer_reminder:%s:%d", c.Ref, latest),
		Kind:         NoticeReferrerReminder,
		CaseRef:      c.Ref,
		To:           []string{c.Referrer},
		NotBefore:    p.at(cal.AddWorkingDays(c.AwaitingReferrerSince, latest*every)),
		InReplyTo:    AngleID(c.ReferrerMessageID),
		References:   nonEmpty(AngleID(c.ReferrerMessageID)),
		Missing:      c.StillMissing(),
		ChaserNumber: latest,
	}, true, next
}

// StillMissing lists what the referrer was asked for (or, if a person
// named nothing, what screening found missing) and has not yet answered.
func (c *Case) StillMissing() []string {
	asked := c.AskedFor
	if len(asked) == 0 {
		asked = c.Screening.Missing
	}
	return appendUnanswered(nil, c.Referral, c.Referral.Fields(), asked)
}

func nonEmpty(s ...string) []string {
	var out []string
	for _, v := range s {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

// Undeliverable is the escalation for a summary request that bounced:
// chasing the same address is pointless, so the business team is told at
// once to find the agency another contact (ChaserNumber 0 tells the
// template it is this escalation). It shares the key of the
// escalation after the last chaser, so the team is told once either way.
func Undeliverable(r SummaryRequest, businessTeam []string, now time.Time) Notice {
	return Notice{
		Key:       fmt.Sprintf("escalation:%s:%s", r.CaseRef, r.Agency),
		Kind:      NoticeEscalation,
		CaseRef:   r.CaseRef,
		To:        businessTeam,
		NotBefore: now,
		Agency:    r.AgencyName,
		DueDate:   r.Due,
	}
}
