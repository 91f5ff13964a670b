package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/parse"
	"github.com/kscmp/intake/store"
)

func init() { registerPart("casework", 20, newCaseworkPart) }

// caseworkPart turns stored messages into casework and keeps every case's
// clock: each pass parses every message ingest has stored, files it (a
// referral opens or joins a case, an agency summary is matched to its case
// and agency, a bounce marks our outbox row, anything else is kept without
// a reply), and then queues the chasers, escalations and referrer
// reminders that have fallen due. Everything one message causes (the
// parse result, the case change, its audit lines, the emails it promises
// and the message's new state) commits in one transaction, so a crash
// leaves the message stored and the next pass does it again from the
// start; emails have idempotency keys, so nothing is sent twice.
//
// Run sleeps on the clock until the next chaser or reminder falls due, or
// until message_check_interval passes (new mail), never on a tight ticker.
type caseworkPart struct {
	store    *store.Store
	clock    intake.Clock
	log      *slog.Logger
	cfg      *Config
	cal      *intake.Calendar
	tt       intake.Timetable
	chase    intake.ChaserPolicy
	agencies intake.Agencies
	opts     parse.Options

	nextDue time.Time // when the next chaser or reminder falls due; zero: none known
	// wake tells the outbox that emails were queued, so that an
	// acknowledgement goes out at once; nil in tests.
	wake func()
}

// newCaseworkPart builds the casework part from the configuration.
func newCaseworkPart(m *Main) (daemonPart, error) {
	p, err := newCasework(m.Config, m.Store, m.Clock, m.Logger)
	if err != nil {
		return nil, err
	}
	p.wake = func() { wakeOutbox(m) }
	return p, nil
}

// wakeOutbox tells the outbox to send what is due now.
func (p *caseworkPart) wakeOutbox() {
	if p.wake != nil {
		p.wake()
	}
}

func newCasework(cfg *Config, st *store.Store, clock intake.Clock, log *slog.Logger) (*caseworkPart, error) {
	cal, tt, err := cfg.caseClock()
	if err != nil {
		return nil, err
	}
	opts, err := cfg.Parse.Options()
	if err != nil {
		return nil, err
	}
	opts.Calendar = cal
	opts.Agencies = cfg.AgencyList()
	if opts.Now == nil {
		opts.Now = clock.Now
	}
	if log == nil {
		log = slog.Default()
	}
	return &caseworkPart{store: st, clock: clock, log: log.With("part", "casework"), cfg: cfg, cal: cal, tt: tt,
		chase: cfg.Timetable.SummaryChaser(), agencies: cfg.AgencyList(), opts: opts}, nil
}

// RunOnce files every stored message, then queues what has fallen due.
func (p *caseworkPart) RunOnce(ctx context.Context) error {
	err := p.processMessages(ctx)
	next, serr := p.scheduleDue(ctx)
	if serr == nil {
		p.nextDue = next
	}
	return errors.Join(err, serr)
}

// Run loops RunOnce's two halves: messages every message_check_interval,
// and the chasers whenever the next one falls due (or every
// recheck_interval at the latest).
func (p *caseworkPart) Run(ctx context.Context) error {
	poll := p.cfg.Timetable.MessageCheckInterval.Duration
	recheck := p.cfg.Timetable.RecheckInterval.Duration
	var lastSchedule time.Time
	for {
		if err := p.processMessages(ctx); err != nil {
			p.log.Error("filing messages", "err", err)
		}
		now := p.clock.Now()
		if lastSchedule.IsZero() || !now.Before(lastSchedule.Add(recheck)) || (!p.nextDue.IsZero() && !now.Before(p.nextDue)) {
			next, err := p.scheduleDue(ctx)
			if err != nil {
				p.log.Error("queueing chasers", "err", err)
			} else {
				p.nextDue = next
			}
			lastSchedule = now
		}
		wait := poll
		if !p.nextDue.IsZero() {
			if d := p.nextDue.Sub(p.clock.Now()); d < wait {
				wait = max(d, 0)
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-p.clock.After(wait):
		}
	}
}

// processMessages files every stored message, oldest first. A message
// whose filing fails stays stored and is tried again at the next pass.
func (p *caseworkPart) processMessages(ctx context.Context) error {
	var errs []error
	var after int64
	filed := 0
	defer func() {
		if filed > 0 {
			p.wakeOutbox()
		}
	}()
	for ctx.Err() == nil {
		msgs, err := p.store.Messages(ctx, store.MessageFilter{State: store.MessageStored, AfterID: after, Limit: 100})
		if err != nil {
			return err
		}
		if len(msgs) == 0 {
			break
		}
		for _, m := range msgs {
			after = m.ID
			if err := p.processMessage(ctx, m); err != nil {
				p.log.Error("filing message", "message", m.ID, "err", err)
				errs = append(errs, fmt.Errorf("message %d: %w", m.ID, err))
				continue
			}
			filed++
		}
	}
	return errors.Join(errs...)
}

// processMessage parses one message (outside any transaction: parsing is
// bounded but may take seconds) and files it in one transaction.
func (p *caseworkPart) processMessage(ctx context.Context, m store.Message) error {
	raw, err := p.store.MessageRaw(ctx, m.ID)
	if err != nil {
		return err
	}
	res, err := parse.Parse(ctx, raw, p.opts)
	if err != nil {
		return err
	}
	body, err := json.Marshal(res)
	if err != nil {
		return fmt.Errorf("casework: encoding parse result: %w", err)
	}
	now := p.clock.Now()
	return p.store.Tx(ctx, func(tx *sql.Tx) error {
		f := filing{p: p, tx: tx, msg: m, res: res, now: now}
		state, detail, err := f.file(ctx)
		if err != nil {
			return err
		}
		if err := store.SaveParseResult(ctx, tx, store.ParseResult{Message: m.ID, Kind: res.Kind, CaseRef: f.caseRef,
			Result: body, ParsedAt: now}); err != nil {
			return err
		}
		if err := store.Audit(ctx, tx, store.AuditEntry{At: now, Actor: "intake", Action: "message.filed", CaseRef: f.caseRef,
			MessageID: m.ID, Detail: res.Kind + ": " + detail}); err != nil {
			return err
		}
		p.log.Info("message filed", "message", m.ID, "kind", res.Kind, "case", f.caseRef, "state", state)
		return store.SetMessageState(ctx, tx, m.ID, state, detail)
	})
}

// filing is the work on one message inside its transaction.
type filing struct {
	p       *caseworkPart
	tx      *sql.Tx
	msg     store.Message
	res     parse.Result
	now     time.Time
	caseRef string // the case the message was filed under
}

// file acts on the message by kind and returns its new state and a
// detail (never form text).
func (f *filing) file(ctx context.Context) (state, detail string, err error) {
	switch f.res.Kind {
	case parse.KindReferral:
		return f.referral(ctx)
	case parse.KindAgencySummary:
		return f.summary(ctx)
	case parse.KindBounce:
		marked := 0
		for _, id := range f.res.BouncedMessageIDs {
			ok, err := store.MarkBounced(ctx, f.tx, id, "delivery status notification received")
			if err != nil {
				return "", "", err
			}
			if ok {
				marked++
			}
		}
		return store.MessageProcessed, fmt.Sprintf("%d outbox rows marked bounced; not answered", marked), nil
	case parse.KindUnreadable:
		if f.res.CaseRef != nil {
			f.caseRef = *f.res.CaseRef
		}
		return store.MessageUnreadable, "the form could not be read; kept for the business team", nil
	default: // auto_reply, other
		if f.res.CaseRef != nil {
			f.caseRef = *f.res.CaseRef
		}
		return store.MessageIgnored, "not a form; not answered", nil
	}
}

// fieldString returns a form field as text ("" if absent or not text).
func fieldString(fields map[string]any, key string) string {
	switch v := fields[key].(type) {
	case string:
		return v
	case float64:
		return fmt.Sprint(v)
	}
	return ""
}

// fieldList returns a list field (a JSON array, or one string) as strings.
func fieldList(fields map[string]any, key string) []string {
	switch v := fields[key].(type) {
	case []any:
		var out []string
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	case []string:
		return v
	case string:
		if v != "" {
			return []string{v}
		}
	}
	return nil
}
