package main

import (
	"sync"

	"github.com/kscmp/intake/notify"
)

// outboxSchedulers maps each running Main to its outbox scheduler, so
// that another part can wake it (wakeOutbox) without a field in Main.
var outboxSchedulers sync.Map // *Main → *notify.Scheduler

// wakeOutbox makes m's outbox send at once what is due, instead of at its
// next planned wake: casework calls it after committing an
// acknowledgement. It does nothing when sending is off, and never blocks.
func wakeOutbox(m *Main) {
	if sc, ok := outboxSchedulers.Load(m); ok {
		sc.(*notify.Scheduler).Wake()
	}
}

func init() { registerPart("outbox", 30, newOutboxPart) }

// newOutboxPart builds the outbox scheduler: it enqueues the daily digest
// and delivers the outbox over SMTP. With no [smtp] host it is not started
// and emails wait in the outbox.
func newOutboxPart(m *Main) (daemonPart, error) {
	if !m.Config.SMTP.Enabled() {
		m.Logger.Warn("outbox: smtp.host is empty; emails will wait in the outbox")
		return nil, nil
	}
	sc, err := newNotifier(m.Config, m.Env, m.Store, m.Clock)
	if err != nil {
		return nil, err
	}
	if m.Logger != nil {
		sc.Logger = m.Logger
		sc.Sender.Logger = m.Logger
	}
	outboxSchedulers.Store(m, sc)
	return &outboxPart{Scheduler: sc, m: m}, nil
}

// outboxPart is the scheduler as a daemon part; Close forgets it.
type outboxPart struct {
	*notify.Scheduler
	m *Main
}

// Close stops wakeOutbox from reaching this scheduler.
func (p *outboxPart) Close() error {
	outboxSchedulers.Delete(p.m)
	return nil
}

var _ daemonPart = (*outboxPart)(nil)
