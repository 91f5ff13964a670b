package main

import (
	"github.com/kscmp/intake/notify"
)

func init() { registerPart("outbox", 30, newOutboxPart) }

// newOutboxPart builds the outbox scheduler: it enqueues the daily digest
// and delivers the outbox over SMTP. With no [smtp] host it is not started
// and emails wait in the outbox. The scheduler is itself a daemonPart
// (RunOnce, Run).
func newOutboxPart(m *Main) (daemonPart, error) {
	setMessageIDDomain(m.Config)
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
	return sc, nil
}

var _ daemonPart = (*notify.Scheduler)(nil)
