package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/kscmp/intake"
)

// demoOptions says where `intake demo` writes and how fast it runs.
type demoOptions struct {
	OutDir string       // every sent email as an .eml; "" writes none
	DBPath string       // the database; "" means a temporary file
	Speed  float64      // simulated hours per wall second; 0 runs flat out
	Logger *slog.Logger // the daemon's log; nil discards it
}

// demo is one run of the demo: the embedded peers, the clock, the daemon
// and what has been seen of them so far.
type demo struct {
	opts  demoOptions
	clock *intake.ManualClock
	imap  *demoIMAP
	smtp  *demoSMTP
	main  *Main
	tl    *timeline

	lastAudit int64
	sentSeen  int
	delivered int
	mainRef   string
	refs      map[string]string // referrer's address (lower case) → their case
}

// runDemo runs the whole demo and returns its timeline.
func runDemo(ctx context.Context, opts demoOptions) (tl *timeline, err error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	d := &demo{opts: opts, clock: intake.NewManualClock(demoStart), tl: &timeline{roles: demoRoles()}, refs: map[string]string{}}
	if d.imap, err = startDemoIMAP(demoIMAPUser, demoIMAPPassword); err != nil {
		return nil, err
	}
	defer d.imap.Close()
	if d.smtp, err = startDemoSMTP(d.clock.Now); err != nil {
		return nil, err
	}
	defer d.smtp.Close()
	if opts.DBPath == "" {
		dir, err := os.MkdirTemp("", "intake-demo-")
		if err != nil {
			return nil, fmt.Errorf("demo: making a temporary directory: %w", err)
		}
		defer os.RemoveAll(dir)
		opts.DBPath = filepath.Join(dir, "intake.db")
	}
	if opts.OutDir != "" {
		if err := os.MkdirAll(opts.OutDir, 0o755); err != nil {
			return nil, fmt.Errorf("demo: creating %s: %w", opts.OutDir, err)
		}
	}
	cfg := demoConfig(opts.DBPath, d.imap.Addr(), d.smtp.Addr())
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("demo: the demo's configuration does not validate:\n%w", err)
	}
	env := &Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Logger: opts.Logger, Getenv: demoGetenv}
	if d.main, err = NewMain(ctx, cfg, env, d.clock); err != nil {
		return nil, fmt.Errorf("demo: starting the daemon: %w", err)
	}
	defer d.main.Close()

	var prev time.Time
	for _, t := range demoSteps(cfg) {
		if err := ctx.Err(); err != nil {
			return d.tl, err
		}
		if opts.Speed > 0 && !prev.IsZero() {
			time.Sleep(time.Duration(float64(t.Sub(prev)) / opts.Speed / float64(time.Hour) * float64(time.Second)))
		}
		prev = t
		d.clock.Set(t)
		for _, e := range demoScenario {
			if e.eventTime().Equal(t) {
				if err := d.happen(ctx, e); err != nil {
					return d.tl, err
				}
			}
		}
		if err := d.settle(ctx); err != nil {
			return d.tl, err
		}
	}
	return d.tl, nil
}

// demoSteps returns the simulated instants the clock stops at: every hour
// from 07:00 to 19:00 of every weekday from the first working day to the
// last, noon at weekends, the configured digest time of each day, and
// each scenario event.
func demoSteps(cfg *Config) []time.Time {
	dh, dm, err := cfg.Notify.DigestClock()
	if err != nil {
		dh, dm = 7, 0
	}
	seen := map[time.Time]bool{}
	var steps []time.Time
	add := func(t time.Time) {
		if !seen[t] {
			seen[t] = true
			steps = append(steps, t)
		}
	}
	last := demoWorkingDay(demoWorkingDays)
	for day := demoWorkingDay(1); !day.After(last); day = day.AddDate(0, 0, 1) {
		if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
			add(time.Date(day.Year(), day.Month(), day.Day(), 12, 0, 0, 0, day.Location()))
			continue
		}
		for h := 7; h <= 19; h++ {
			add(time.Date(day.Year(), day.Month(), day.Day(), h, 0, 0, 0, day.Location()))
		}
		add(time.Date(day.Year(), day.Month(), day.Day(), dh, dm, 0, 0, day.Location()))
	}
	for _, e := range demoScenario {
		add(e.eventTime())
	}
	sort.Slice(steps, func(i, j int) bool { return steps[i].Before(steps[j]) })
	return steps
}

// happen makes event e happen at the clock's time.
func (d *demo) happen(ctx context.Context, e demoEvent) error {
	now := d.clock.Now()
	if e.File == "" {
		return d.recordOutcome(ctx, e)
	}
	d.delivered++
	data := newDemoMailData(now, d.delivered)
	if e.Answers != "" {
		caseOf := e.CaseOf
		if caseOf == "" {
			caseOf = mainReferrer
		}
		h, ok := d.answered(e.Answers, d.refs[caseOf])
		if !ok {
			d.tl.add(now, "note", "(skipped, %s: intake sent the %s nothing about the case to answer)", e.Says, d.tl.who([]string{e.Answers}))
			return nil
		}
		data.Subject, data.InReplyTo, data.CaseRef, data.Recipient = h.Subject, h.MessageID, h.CaseRef, e.Answers
	}
	raw, err := renderDemoMail(e.File, data)
	if err != nil {
		return err
	}
	if _, err := d.imap.Deliver(raw, now); err != nil {
		return err
	}
	d.tl.add(now, "arrived", "%s, from the %s", e.Says, e.Role)
	return nil
}

// answered finds the first email intake sent to addr about case ref.
func (d *demo) answered(addr, ref string) (sentHeader, bool) {
	if ref == "" {
		return sentHeader{}, false
	}
	for _, m := range d.smtp.Sent() {
		for _, to := range m.To {
			if strings.EqualFold(to, addr) {
				if h := readSentHeader(m.Data); h.CaseRef == ref {
					return h, true
				}
			}
		}
	}
	return sentHeader{}, false
}

func (d *demo) recordOutcome(ctx context.Context, e demoEvent) error {
	now := d.clock.Now()
	switch {
	case d.mainRef == "":
		d.tl.add(now, "note", "(outcome not recorded: the main referral has no case reference)")
	default:
		if err := recordDemoOutcome(ctx, d.main, d.mainRef, e.Decision, e.Reason, e.By); err != nil {
			return fmt.Errorf("demo: recording the outcome of %s: %w", d.mainRef, err)
		}
		d.tl.add(now, "recorded", "%s for %s: %s", e.Says, d.mainRef, e.Decision)
	}
	return nil
}

// settle runs the daemon's parts, one pass after another, until a pass
// changes nothing, then adds what happened to the timeline.
func (d *demo) settle(ctx context.Context) error {
	for i := 0; i < 10; i++ {
		before := d.fingerprint(ctx)
		if err := d.main.RunOnce(ctx); err != nil {
			d.tl.passErrors++
			d.opts.Logger.Warn("demo: a pass failed", "err", err)
		}
		if d.fingerprint(ctx) == before {
			break
		}
	}
	return d.collect(ctx)
}

// fingerprint summarises the state a pass can change: the audit trail
// (every change the daemon makes is audited, except an outbox row held or
// waiting to retry), the messages and outbox rows by state, and what the
// peers hold.
func (d *demo) fingerprint(ctx context.Context) string {
	audit := d.lastAudit
	d.main.Store.View(ctx, func(tx intake.Tx) error {
		trail, err := tx.AuditSince(d.lastAudit, 0)
		if len(trail) > 0 {
			audit = trail[len(trail)-1].ID
		}
		return err
	})
	s, _ := d.main.Store.Stats(ctx)
	inbox, _ := d.imap.Count("INBOX")
	return fmt.Sprint(audit, s.MessagesByState, len(d.smtp.Sent()), inbox, s.OutboxByState)
}

// collect adds the new audit entries and sent emails to the timeline and
// writes each sent email to the output folder.
func (d *demo) collect(ctx context.Context) error {
	now := d.clock.Now()
	var trail []intake.AuditEntry
	err := d.main.Store.View(ctx, func(tx intake.Tx) error {
		var err error
		trail, err = tx.AuditSince(d.lastAudit, 0)
		return err
	})
	if err != nil {
		return err
	}
	for _, e := range trail {
		if e.ID <= d.lastAudit {
			continue
		}
		d.lastAudit = e.ID
		if !demoAuditHidden[e.Action] {
			line := auditLine(e)
			if e.Action == "case.created" {
				line += d.caseFlags(ctx, e.CaseRef)
			}
			d.tl.add(now, auditKind(e.Action), "%s", line)
		}
	}
	sent := d.smtp.Sent()
	for _, m := range sent[d.sentSeen:] {
		d.sentSeen++
		h := readSentHeader(m.Data)
		for _, to := range m.To {
			if to = strings.ToLower(to); h.CaseRef != "" && d.refs[to] == "" {
				d.refs[to] = h.CaseRef // the first email to a referrer acknowledges their case
			}
		}
		d.mainRef = d.refs[mainReferrer]
		name, err := d.writeEML(d.sentSeen, h, m.Data)
		if err != nil {
			return err
		}
		d.tl.add(m.At, "sent", "%s → %s  (%s)", h.Subject, d.tl.who(m.To), name)
	}
	return nil
}

// caseFlags returns "; flags: a, b" for what screening flagged on case
// ref for the business team (out of area, looked-after death, ...), or "".
func (d *demo) caseFlags(ctx context.Context, ref string) string {
	c, err := d.main.Store.Case(ctx, ref)
	if err != nil || len(c.Flags) == 0 {
		return ""
	}
	return "; flags: " + strings.Join(c.Flags, ", ")
}
