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
	"github.com/kscmp/intake/casework"
	"github.com/kscmp/intake/internal/loopmail"
)

// demoOptions says where `intake demo` writes and how fast it runs.
type demoOptions struct {
	OutDir string       // every sent email as an .eml; "" writes none
	DBPath string       // the database; "" means a temporary file
	Speed  float64      // simulated hours per wall second; 0 runs flat out
	Logger *slog.Logger // the daemon's log; nil discards it
	// AfterScenario, when set, runs once the fifteen days have run, with
	// the daemon and the mail servers still up (--web serves the work
	// queue from it until the context ends).
	AfterScenario func(ctx context.Context, d *demo) error
}

// demo is one run of the demo: the embedded peers, the clock, the daemon
// and what has been seen of them so far.
type demo struct {
	opts  demoOptions
	clock *intake.ManualClock
	imap  *loopmail.IMAP // the partnership mailbox
	smtp  *loopmail.SMTP // the outgoing mail server, recording on the demo's clock
	main  *Main
	tl    *timeline

	lastAudit int64
	sentSeen  int
	delivered int
	refs      map[string]string // referrer's address (lower case) → their case
}

// runDemo runs the whole demo and returns its timeline.
func runDemo(ctx context.Context, opts demoOptions) (tl *timeline, err error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	d := &demo{opts: opts, clock: intake.NewManualClock(demoStart), tl: &timeline{roles: demoRoles()}, refs: map[string]string{}}
	if d.imap, err = loopmail.StartIMAP(demoIMAPOptions(demoIMAPUser, demoIMAPPassword)); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	defer d.imap.Close()
	if d.smtp, err = loopmail.StartSMTP(loopmail.SMTPOptions{Now: d.clock.Now}); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
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
	if opts.AfterScenario != nil {
		return d.tl, opts.AfterScenario(ctx, d)
	}
	return d.tl, nil
}

// demoIMAPOptions is the demo's mailbox for username: INBOX, and the
// folders intake moves mail to.
func demoIMAPOptions(username, password string) loopmail.IMAPOptions {
	return loopmail.IMAPOptions{User: username, Password: password, Mailboxes: []string{"INBOX", "Processed", "Quarantine"}}
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
		return d.act(ctx, e)
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
	// The partnership's receiving server adds its Authentication-Results
	// (every demo sender's domain publishes DMARC, and passes).
	if _, domain, ok := strings.Cut(e.Address, "@"); ok {
		raw = append([]byte("Authentication-Results: "+demoAuthservID+"; dmarc=pass header.from="+strings.ToLower(domain)+"\r\n"), raw...)
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
	for _, m := range d.smtp.Messages() {
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

// act does the business team's action (or looks at the case) of e.
func (d *demo) act(ctx context.Context, e demoEvent) error {
	now := d.clock.Now()
	caseOf := e.CaseOf
	if caseOf == "" {
		caseOf = mainReferrer
	}
	ref := d.refs[caseOf]
	if ref == "" {
		d.tl.add(now, "note", "(skipped, %s: the referral has no case reference)", e.Says)
		return nil
	}
	if e.Check != nil {
		line, err := e.Check(ctx, d, ref)
		if err != nil {
			return fmt.Errorf("demo: %s: %w", e.Says, err)
		}
		d.tl.add(now, "check", "%s", line)
		return nil
	}
	d.tl.add(now, "did", "%s", e.Says)
	if err := e.Do(ctx, d.main.Casework, ref); err != nil {
		return fmt.Errorf("demo: %s (%s): %w", e.Says, ref, err)
	}
	return nil
}

// view looks at a case as the demo's business team member (audited).
func (d *demo) view(ctx context.Context, ref string) (*casework.CaseView, error) {
	return d.main.Casework.ViewCase(ctx, demoTeam, ref)
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
	return fmt.Sprint(audit, s.MessagesByState, len(d.smtp.Messages()), inbox, s.OutboxByState)
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
			d.tl.add(now, auditKind(e.Action), "%s", auditLine(e))
		}
	}
	sent := d.smtp.Messages()
	for _, m := range sent[d.sentSeen:] {
		d.sentSeen++
		h := readSentHeader(m.Data)
		for _, to := range m.To {
			if to = strings.ToLower(to); h.CaseRef != "" && d.refs[to] == "" {
				d.refs[to] = h.CaseRef // the first email to a referrer acknowledges their case
			}
		}
		name, err := d.writeEML(d.sentSeen, h, m.Data)
		if err != nil {
			return err
		}
		d.tl.add(m.At, "sent", "%s → %s  (%s)", h.Subject, d.tl.who(m.To), name)
	}
	return nil
}
