package main

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/casework"
)

// caseworkLoop runs casework for the daemon: it files the messages ingest
// has stored and queues what the clock has made due. It sleeps until the
// next chaser or reminder falls due (or recheck at the latest), and is
// woken at once when ingest stores mail or the database changes under it:
// it never polls for mail.
type caseworkLoop struct {
	cw      *casework.Casework
	clock   intake.Clock
	recheck time.Duration
	wake    chan struct{}
	log     *slog.Logger
}

// Wake makes the loop look for work now; it never blocks.
func (p *caseworkLoop) Wake() {
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// RunOnce files every stored message, then queues what has fallen due.
func (p *caseworkLoop) RunOnce(ctx context.Context) error {
	_, err := p.cw.FileStored(ctx)
	_, cerr := p.cw.Chase(ctx)
	return errors.Join(err, cerr)
}

// Run files and chases whenever it is woken or the next due time comes.
func (p *caseworkLoop) Run(ctx context.Context) error {
	for {
		if _, err := p.cw.FileStored(ctx); err != nil {
			p.log.Error("filing messages", "err", err)
		}
		next, err := p.cw.Chase(ctx)
		if err != nil {
			p.log.Error("queueing chasers", "err", err)
		}
		wait := p.recheck
		if !next.IsZero() {
			wait = min(wait, max(next.Sub(p.clock.Now()), 0))
		}
		select {
		case <-ctx.Done():
			return nil
		case <-p.wake:
		case <-p.clock.After(wait):
		}
	}
}
