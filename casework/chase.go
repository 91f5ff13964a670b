package casework

import (
	"context"
	"time"

	"github.com/kscmp/intake"
)

// Chase queues, in one transaction, every chaser, escalation and
// referrer reminder that has fallen due by now, and returns when the next
// one falls due (zero if none will). A case a person paused is not
// chased; a case waiting for its referrer still reminds the referrer. A
// request that bounced is not chased at the same address. Keys make a
// second queueing of the same email a no-op, and only the latest chaser
// due is sent, never a backlog.
func (cw *Casework) Chase(ctx context.Context) (next time.Time, err error) {
	p := cw.Policy
	chaser := p.summaryChaser()
	err = cw.update(ctx, Intake, func(w *work) error {
		next = time.Time{}
		sooner := func(t time.Time) {
			if !t.IsZero() && (next.IsZero() || t.Before(next)) {
				next = t
			}
		}
		cases, err := w.tx.Cases(intake.CaseFilter{Open: true})
		if err != nil {
			return err
		}
		for _, c := range cases {
			if c.HeldByPerson() {
				continue
			}
			if n, ok, at := intake.ReferrerReminders(p.Calendar, c, p.ReferrerReminderEvery, p.ReferrerReminders, p.SendHour, w.now); ok {
				if err := w.queue(n); err != nil {
					return err
				}
				sooner(at)
			} else {
				sooner(at)
			}
			// The stored requests, not the schedule's copies: those differ
			// only in reading requested as overdue, and both are open.
			var reqs []intake.SummaryRequest
			for _, r := range c.Requests {
				if r.Open() && !r.Bounced {
					reqs = append(reqs, r)
				}
			}
			notices, at := chaser.Chasers(p.Calendar, reqs, p.BusinessTeam, w.now)
			sooner(at)
			for _, n := range notices {
				if err := w.queue(n); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return next, err
}
