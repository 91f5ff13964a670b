package main

import (
	"context"
	"time"
)

// watchPart notices that the database changed under the daemon (a person
// recorded an outcome with the command line, retried an email) and wakes
// the filing loop and the outbox, so that the emails it queued leave
// within seconds. SQLite's data_version is cheap to read; a change made by
// the daemon itself wakes a pass that finds nothing to do.
type watchPart struct {
	m    *Main
	last int64
}

// watchInterval is how often the database's version is read (wall time:
// it is about other processes, not the case clock).
const watchInterval = time.Second

// RunOnce notes the database's version.
func (p *watchPart) RunOnce(ctx context.Context) error {
	v, err := p.m.Store.DataVersion(ctx)
	if err == nil {
		p.last = v
	}
	return err
}

// Run wakes the daemon whenever the version moves.
func (p *watchPart) Run(ctx context.Context) error {
	t := time.NewTicker(watchInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		v, err := p.m.Store.DataVersion(ctx)
		if err != nil {
			p.m.Logger.Error("watching the database", "err", err)
			continue
		}
		if v != p.last {
			p.last = v
			p.m.wake()
		}
	}
}
