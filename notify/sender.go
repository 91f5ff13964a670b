package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"time"

	"github.com/kscmp/intake"
	"github.com/wneessen/go-mail"
)

// Policy says how hard the Sender tries and how much it may send.
type Policy struct {
	BackoffMin time.Duration // first retry delay (1m when zero), doubling
	BackoffMax time.Duration // longest retry delay (1h when zero)
	MaxAge     time.Duration // give up this long after a row fell due (48h when zero)
	Lease      time.Duration // how long a claimed row waits before a resend (15m when zero)
	// DailyCap is how many emails one recipient may get in a London
	// calendar day; beyond it a row is held. 0 means no cap.
	DailyCap int
	// CapExempt lists addresses the cap does not apply to (the business
	// team, who get the digest and escalations).
	CapExempt []string
}

func (p Policy) withDefaults() Policy {
	if p.BackoffMin <= 0 {
		p.BackoffMin = time.Minute
	}
	if p.BackoffMax <= 0 {
		p.BackoffMax = time.Hour
	}
	if p.MaxAge <= 0 {
		p.MaxAge = 48 * time.Hour
	}
	if p.Lease <= 0 {
		p.Lease = 15 * time.Minute
	}
	return p
}

// backoff is the delay after the attempt-th failed attempt.
func (p Policy) backoff(attempt int) time.Duration {
	d := p.BackoffMin
	for i := 1; i < attempt && d < p.BackoffMax; i++ {
		d *= 2
	}
	return min(d, p.BackoffMax)
}

// Sender delivers the outbox rows that are due.
type Sender struct {
	Store     intake.Store
	Clock     intake.Clock
	Renderer  *Renderer
	Transport Transport
	Envelope  Envelope
	// Today says what the digest shows, asked at send time (casework);
	// nil when this Sender sends no digest.
	Today  TodaySource
	Policy Policy
	// SummaryForm is the agency summary form attached to summary requests
	// and chasers: a file, "" for the built-in form, or NoSummaryForm for
	// none (see form.go).
	SummaryForm string
	// Own lists the partnership's own addresses, which are never sent to
	// (Envelope.From and Envelope.ReplyTo always count).
	Own    []string
	Logger *slog.Logger

	// crashAfterAccept makes SendOnce stop dead after the server accepted
	// a message, before marking it sent: the tests' simulated crash.
	crashAfterAccept bool
}

var errCrash = errors.New("notify: simulated crash after acceptance")

func (s *Sender) logger() *slog.Logger {
	if s.Logger == nil {
		return slog.Default()
	}
	return s.Logger
}

// SendOnce sends every row due now, one at a time, and returns how many
// the server accepted. A failed send is recorded on its row, not returned;
// the error is for the store failing.
func (s *Sender) SendOnce(ctx context.Context) (sent int, err error) {
	now := s.Clock.Now()
	// Rows held by the daily cap are rare: the write transaction that
	// releases them is opened only when one is due, and the rows due are
	// read after it, since a released row is due at once.
	var rows []intake.OutboxRow
	held := false
	err = s.Store.View(ctx, func(tx intake.Tx) error {
		var err error
		if held, err = heldDue(tx); err != nil || held {
			return err
		}
		rows, err = tx.DueOutbox(100)
		return err
	})
	if err == nil && held {
		if err = s.releaseHeld(ctx); err == nil {
			err = s.Store.View(ctx, func(tx intake.Tx) error {
				var err error
				rows, err = tx.DueOutbox(100)
				return err
			})
		}
	}
	if err != nil {
		return 0, err
	}
	for _, row := range rows {
		if ctx.Err() != nil {
			return sent, ctx.Err()
		}
		ok, err := s.sendRow(ctx, row, now)
		if err != nil {
			return sent, err
		}
		if ok {
			sent++
		}
	}
	return sent, nil
}

// heldDue reports whether a row held by the daily cap is due for
// release: the rows ReleaseHeld would let go at the transaction's time.
func heldDue(tx intake.Tx) (bool, error) {
	held, err := tx.ListOutbox(intake.OutboxFilter{States: []string{intake.OutboxHeld}})
	if err != nil {
		return false, err
	}
	for _, r := range held {
		if !r.NextAttemptAt.After(tx.Now()) {
			return true, nil
		}
	}
	return false, nil
}

// releaseHeld lets go the rows held by the daily cap whose day is over,
// each audited.
func (s *Sender) releaseHeld(ctx context.Context) error {
	return s.Store.Update(ctx, func(tx intake.Tx) error {
		rows, err := tx.ReleaseHeld()
		if err != nil {
			return err
		}
		for _, r := range rows {
			s.logger().Info("held email released: a new day", "outbox", r.ID, "key", r.Key)
			if err := tx.Audit(intake.AuditEntry{Actor: "intake", Action: "outbox.released", CaseRef: r.CaseRef,
				Detail: fmt.Sprintf("email %d released: a new day, the daily cap reset", r.ID)}); err != nil {
				return err
			}
		}
		return nil
	})
}

func lowerAll(list []string) map[string]bool {
	m := map[string]bool{}
	for _, a := range list {
		if a = strings.ToLower(strings.TrimSpace(a)); a != "" {
			m[a] = true
		}
	}
	return m
}

// admit checks a row's recipients against loop protection inside tx and
// returns those to send to; ok false means the row was held or failed.
func (s *Sender) admit(tx intake.Tx, row intake.OutboxRow, now time.Time) (to []string, ok bool, err error) {
	own := lowerAll(append([]string{s.Envelope.From, s.Envelope.ReplyTo}, s.Own...))
	for _, a := range row.Notice.To {
		if own[strings.ToLower(strings.TrimSpace(a))] {
			s.logger().Warn("not sending to our own address", "outbox", row.ID, "key", row.Key)
			continue
		}
		to = append(to, a)
	}
	if len(to) == 0 {
		return nil, false, tx.MarkFailed(row.ID, "no recipient other than the partnership's own address")
	}
	if s.Policy.DailyCap > 0 && row.Kind != intake.NoticeDigest && row.LastError != intake.RetriedByOperator {
		exempt := lowerAll(s.Policy.CapExempt)
		for _, a := range to {
			if exempt[strings.ToLower(a)] {
				continue
			}
			n, err := tx.SentToSince(a, intake.StartOfDay(now))
			if err != nil {
				return nil, false, err
			}
			if n >= s.Policy.DailyCap {
				s.logger().Warn("recipient's daily cap reached; holding", "outbox", row.ID, "key", row.Key, "cap", s.Policy.DailyCap)
				until := intake.StartOfDay(now).AddDate(0, 0, 1)
				return nil, false, tx.MarkHeld(row.ID, until, fmt.Sprintf("a recipient has had %d emails today (the daily cap): held until %s, unless a person releases it sooner",
					n, intake.DateWords(until)))
			}
		}
	}
	return to, true, nil
}

// sendRow claims, renders, sends and marks one row.
func (s *Sender) sendRow(ctx context.Context, row intake.OutboxRow, now time.Time) (sent bool, err error) {
	p := s.Policy.withDefaults()
	var to []string
	var admitted bool
	err = s.Store.Update(ctx, func(tx intake.Tx) error {
		claimed, err := tx.ClaimOutbox(row.ID, now.Add(p.Lease))
		if err != nil || !claimed {
			return err
		}
		row.Attempts++
		to, admitted, err = s.admit(tx, row, now)
		return err
	})
	if err != nil || !admitted {
		return false, err
	}
	log := s.logger().With("outbox", row.ID, "key", row.Key, "message_id", row.MessageID, "attempt", row.Attempts)

	msg, err := s.Message(ctx, row, to, now)
	if err == nil {
		err = s.Transport.Send(ctx, msg)
		if err == nil && s.crashAfterAccept {
			return false, errCrash
		}
	}
	// Record the attempt even when the daemon is stopping: a send that
	// was interrupted is retried, and one that succeeded is not repeated.
	ctx = context.WithoutCancel(ctx)
	return err == nil, s.Store.Update(ctx, func(tx intake.Tx) error {
		if err == nil {
			log.Info("sent")
			if err := tx.MarkSent(row.ID); err != nil {
				return err
			}
			return tx.Audit(intake.AuditEntry{Actor: "intake", Action: "outbox.sent", CaseRef: row.CaseRef,
				Detail: fmt.Sprintf("outbox %d %s %s", row.ID, row.Kind, row.MessageID)})
		}
		f := classify(err)
		start := row.CreatedAt
		if row.Notice.NotBefore.After(start) {
			start = row.Notice.NotBefore
		}
		giveUpAt := start.Add(p.MaxAge)
		if f.temporary && now.Before(giveUpAt) {
			next := now.Add(p.backoff(row.Attempts))
			if next.After(giveUpAt) {
				next = giveUpAt
			}
			log.Warn("temporary failure; will retry", "reason", f.reason, "next", next)
			return tx.MarkRetry(row.ID, next, f.reason)
		}
		reason := "permanent failure: " + f.reason
		if f.temporary {
			reason = fmt.Sprintf("gave up after %d attempts over %s: %s", row.Attempts, now.Sub(start).Round(time.Minute), f.reason)
		}
		log.Error("send failed", "reason", reason)
		if err := tx.MarkFailed(row.ID, reason); err != nil {
			return err
		}
		return tx.Audit(intake.AuditEntry{Actor: "intake", Action: "outbox.failed", CaseRef: row.CaseRef,
			Detail: fmt.Sprintf("outbox %d %s %s: %s", row.ID, row.Kind, row.MessageID, reason)})
	})
}

// Render renders a row's notice, with its attachments: the agency summary
// form for summary requests and chasers (whose text says whether one is
// attached); for the digest, what needs the business team as of now, and
// the coming deadlines as an .ics file; for a redirect, the stored
// referral, whole.
func (s *Sender) Render(ctx context.Context, n intake.Notice, now time.Time) (Rendered, error) {
	var digest *DigestData
	if n.Kind == intake.NoticeDigest {
		if s.Today == nil {
			return Rendered{}, errors.New("notify: rendering the digest: nothing says what needs the business team today")
		}
		t, err := s.Today.Today(ctx, now)
		if err != nil {
			return Rendered{}, fmt.Errorf("notify: gathering the digest: %w", err)
		}
		digest = NewDigestData(t)
	}
	var form *Attachment
	if n.Kind == intake.NoticeSummaryRequest || n.Kind == intake.NoticeChaser {
		var err error
		if form, err = s.summaryForm(); err != nil {
			return Rendered{}, err
		}
	}
	formName := ""
	if form != nil {
		formName = form.Name
	}
	r, err := s.Renderer.render(n, digest, formName)
	if err != nil {
		return Rendered{}, err
	}
	switch n.Kind {
	case intake.NoticeSummaryRequest, intake.NoticeChaser:
		if form != nil {
			r.Attachments = append(r.Attachments, *form)
		}
	case intake.NoticeDigest:
		r.Attachments = append(r.Attachments, Attachment{Name: "deadlines.ics", ContentType: "text/calendar; charset=utf-8; method=PUBLISH",
			Data: DeadlinesICS(digest.Today.Upcoming, now, domainOf(s.Envelope.From))})
	case intake.NoticeRedirect:
		a, err := s.forwarded(ctx, n)
		if err != nil {
			return Rendered{}, err
		}
		r.Attachments = append(r.Attachments, a)
	}
	return r, nil
}

// Message renders a row and builds its email, addressed to to.
func (s *Sender) Message(ctx context.Context, row intake.OutboxRow, to []string, now time.Time) (*mail.Msg, error) {
	r, err := s.Render(ctx, row.Notice, now)
	if err != nil {
		return nil, err
	}
	return BuildMessage(s.Envelope, to, row.Notice, row.MessageID, r, now)
}

func contentTypeOf(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".docx":
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	case ".pdf":
		return "application/pdf"
	case ".doc":
		return "application/msword"
	}
	return "application/octet-stream"
}

// domainOf returns the domain of an address, or "intake.invalid".
func domainOf(addr string) string {
	if i := strings.LastIndex(addr, "@"); i >= 0 {
		return strings.ToLower(strings.Trim(addr[i+1:], "> "))
	}
	return "intake.invalid"
}
