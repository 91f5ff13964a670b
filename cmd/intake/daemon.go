package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/casework"
	"github.com/kscmp/intake/ingest"
	"github.com/kscmp/intake/notify"
	"github.com/kscmp/intake/store"
)

// Main is the running daemon, wired explicitly: the store, the clock,
// casework (the rules), and the parts that run beside each other: ingest
// (the mailbox), the casework loop (filing mail, the clock), the outbox
// (SMTP and the digest), the ops listener (/metrics, /healthz), the web
// work queue and the watcher that notices changes made by a command while
// the daemon runs.
// `intake serve` and `intake demo` both run a Main; tests run one
// in-process.
type Main struct {
	Config   *Config
	Env      *Env
	Store    *store.Store
	Clock    intake.Clock
	Logger   *slog.Logger
	Casework *casework.Casework
	Ingester *ingest.Ingester  // nil when no mailbox is configured
	Outbox   *notify.Scheduler // nil when no SMTP server is configured
	Sends    *notify.Watch     // the outbox's transport, watched; nil with Outbox
	Filing   *caseworkLoop
	Web      *webPart // nil when [web] is off

	opsToken string // the bearer token /metrics and /healthz require; "" for none

	parts  []namedPart
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// part is one of the daemon's loops. Run loops until ctx ends; RunOnce
// does one pass and is what `serve --once`, the demo and tests call.
type part interface {
	RunOnce(ctx context.Context) error
	Run(ctx context.Context) error
}

type namedPart struct {
	name string
	part
}

// NewMain opens the store and builds every part with its dependencies.
func NewMain(ctx context.Context, cfg *Config, env *Env, clock intake.Clock) (*Main, error) {
	st, err := cfg.createStore(ctx, clock)
	if err != nil {
		return nil, err
	}
	m := &Main{Config: cfg, Env: env, Store: st, Clock: clock, Logger: env.Logger}
	if m.Logger == nil {
		m.Logger = slog.Default()
	}
	if err := m.build(); err != nil {
		st.Close()
		return nil, err
	}
	return m, nil
}

// build makes the parts, in the order of a pass: ingest, then filing,
// then the outbox, then the listeners.
func (m *Main) build() error {
	cw, err := newCasework(m.Config, m.Store, m.Clock, m.Logger)
	if err != nil {
		return err
	}
	m.Casework = cw
	m.Filing = &caseworkLoop{cw: cw, clock: m.Clock, recheck: m.Config.Timetable.RecheckInterval.Duration,
		wake: make(chan struct{}, 1), log: m.Logger.With("part", "casework")}
	if m.Config.IMAP.Enabled() {
		icfg, err := ingestConfig(m.Config.IMAP, m.Env.Getenv)
		if err != nil {
			return fmt.Errorf("starting ingest: %w", err)
		}
		icfg.Stored = m.Filing.Wake
		m.Ingester = ingest.New(icfg, m.Store, m.Clock, m.Logger)
		m.parts = append(m.parts, namedPart{"ingest", ingestPart{m.Ingester}})
	} else {
		m.Logger.Warn("imap.host is empty: not reading any mailbox")
	}
	m.parts = append(m.parts, namedPart{"casework", m.Filing})
	if m.Config.SMTP.Enabled() {
		if m.Outbox, err = newNotifier(m.Config, m.Env, m.Store, m.Clock, cw); err != nil {
			return fmt.Errorf("starting the outbox: %w", err)
		}
		if t, ok := m.Outbox.Sender.Transport.(*notify.SMTPTransport); ok {
			m.Sends = notify.NewWatch(t, t.Settings, m.Clock, m.Logger)
			m.Outbox.Sender.Transport = m.Sends
		}
		cw.Queued = m.Outbox.Wake
		m.parts = append(m.parts, namedPart{"outbox", m.Outbox})
	} else {
		m.Logger.Warn("smtp.host is empty: emails will wait in the outbox")
	}
	if m.Config.Ops.Listen != "" {
		if m.opsToken, err = m.Config.Ops.token(m.Env.Getenv); err != nil {
			return err
		}
		if warn := m.Config.Ops.exposure(m.opsToken); warn != "" {
			m.Logger.Warn(warn)
		}
		m.parts = append(m.parts, namedPart{"ops", &opsPart{m: m, handler: opsHandler(m)}})
	}
	if m.Config.Web.Enabled() {
		if m.Web, err = newWebPart(m); err != nil {
			return fmt.Errorf("starting the web work queue: %w", err)
		}
		m.parts = append(m.parts, namedPart{"web", m.Web})
	}
	m.parts = append(m.parts, namedPart{"watch", &watchPart{m: m}})
	return nil
}

// wake tells the filing loop and the outbox to look for work now.
func (m *Main) wake() {
	m.Filing.Wake()
	if m.Outbox != nil {
		m.Outbox.Wake()
	}
}

// RunOnce runs one pass of every part in order and returns every error,
// counting an email the SMTP server did not accept as one.
func (m *Main) RunOnce(ctx context.Context) error {
	var errs []error
	var before notify.SendHealth
	if m.Sends != nil {
		before = m.Sends.Health()
	}
	for _, p := range m.parts {
		if err := p.RunOnce(ctx); err != nil {
			if !strings.HasPrefix(err.Error(), p.name+": ") {
				err = fmt.Errorf("%s: %w", p.name, err) // say which part, once
			}
			errs = append(errs, err)
		}
	}
	if m.Sends != nil {
		if after := m.Sends.Health(); after.Failures > before.Failures {
			errs = append(errs, fmt.Errorf("outbox: %d email(s) could not be sent, the last: %s ('intake outbox' lists them)",
				after.Failures-before.Failures, after.LastErr))
		}
	}
	return errors.Join(errs...)
}

// Run starts every part's loop and returns at once; Close stops them.
func (m *Main) Run(ctx context.Context) {
	ctx, m.cancel = context.WithCancel(ctx)
	for _, p := range m.parts {
		m.wg.Add(1)
		go func() {
			defer m.wg.Done()
			m.runPart(ctx, p.name, p.part)
		}()
	}
}

// Listen binds the ops listener and the web work queue's, where they are
// on, so that `intake serve` fails at start, saying why, when an address
// is taken.
func (m *Main) Listen() error {
	for _, p := range m.parts {
		if l, ok := p.part.(interface{ Listen() error }); ok {
			if err := l.Listen(); err != nil {
				return err
			}
		}
	}
	return nil
}

// runPart runs one loop, recovering from panics so that a fault in one
// part cannot stop the daemon. A loop that returns before ctx ends is
// restarted after a pause (wall time, so that a broken part never spins)
// that doubles from a second to a minute while it keeps failing soon
// after each start.
func (m *Main) runPart(ctx context.Context, name string, p part) {
	pause := time.Second
	for ctx.Err() == nil {
		started := time.Now()
		func() {
			defer func() {
				if r := recover(); r != nil {
					m.Logger.Error("part panicked; restarting", "part", name, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
				}
			}()
			if err := p.Run(ctx); err != nil && ctx.Err() == nil {
				m.Logger.Error("part stopped; restarting", "part", name, "err", err, "in", pause)
			}
		}()
		if time.Since(started) > 2*time.Minute {
			pause = time.Second
		}
		select {
		case <-ctx.Done():
		case <-time.After(pause):
		}
		pause = min(2*pause, time.Minute)
	}
}

// Close stops the loops, waits for the work in hand to finish, and closes
// the store.
func (m *Main) Close() error {
	if m.cancel != nil {
		m.cancel()
	}
	m.wg.Wait()
	if m.Ingester != nil {
		m.Ingester.Close()
	}
	return m.Store.Close()
}

// keepParts drops every part not named (for `serve --parts`).
func (m *Main) keepParts(names []string) error {
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	var kept []namedPart
	for _, p := range m.parts {
		if want[p.name] {
			kept = append(kept, p)
			delete(want, p.name)
		}
	}
	for n := range want {
		return fmt.Errorf("--parts: there is no part %q (the parts are ingest, casework, outbox, ops, web, watch)", n)
	}
	m.parts = kept
	return nil
}
