package main

import (
	"context"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/store"
)

// scheduleDue queues, in one transaction, every chaser, escalation and
// referrer reminder that has fallen due by now on open cases whose clock
// runs, and returns when the next one falls due (zero if none will). Keys
// make a second queueing of the same email a no-op.
func (p *caseworkPart) scheduleDue(ctx context.Context) (time.Time, error) {
	var next time.Time
	sooner := func(t time.Time) {
		if !t.IsZero() && (next.IsZero() || t.Before(next)) {
			next = t
		}
	}
	queued := 0
	err := p.store.Update(ctx, func(tx intake.Tx) error {
		now := tx.Now()
		next, queued = time.Time{}, 0
		cases, err := store.ListCases(ctx, tx, store.CaseFilter{Open: true})
		if err != nil {
			return err
		}
		var due []intake.Notice
		for _, c := range cases {
			if n, ok, at := intake.ReferrerReminder(p.cal, c, p.cfg.Timetable.ReferrerReminderAfter, p.cfg.Timetable.SendHour, now); ok {
				due = append(due, n)
			} else {
				sooner(at)
			}
			if c.Paused() {
				continue
			}
			s := c.Schedule(p.tt, p.cal, now)
			var reqs []intake.SummaryRequest
			for _, r := range s.Requests {
				if !r.Open() {
					continue
				}
				bounced, err := tx.Bounced(r.MessageID)
				if err != nil {
					return err
				}
				if bounced {
					due = append(due, intake.Undeliverable(r, p.cfg.Partnership.BusinessTeam, now))
					continue
				}
				reqs = append(reqs, r)
			}
			ns, at := p.chase.Chasers(p.cal, reqs, p.cfg.Partnership.BusinessTeam, now)
			due = append(due, ns...)
			sooner(at)
		}
		for _, n := range due {
			created, err := tx.Enqueue(n)
			if err != nil {
				return err
			}
			if created {
				queued++
				if err := tx.Audit(intake.AuditEntry{At: now, Actor: "intake", Action: "notice.queued",
					CaseRef: n.CaseRef, Detail: n.Key}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return time.Time{}, err
	}
	if queued > 0 {
		p.log.Info("chasers queued", "count", queued)
		p.wakeOutbox()
	}
	return next, nil
}
