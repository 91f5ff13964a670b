package casework

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/parse"
)

// Intake is the actor of what intake does by itself, in the audit trail.
const Intake = "intake"

// Casework is the application: every change to a case goes through one
// of its methods, in one transaction with its audit lines and emails.
type Casework struct {
	Store  intake.Store
	Clock  intake.Clock
	Policy Policy
	// Parse reads one stored message (parse.Parse with the partnership's
	// options). An error (the context ended) leaves the message stored for
	// the next pass; a panic is contained to the message.
	Parse func(ctx context.Context, raw []byte) (parse.Result, error)
	// Attachments lists a stored message's form files, for the rapid
	// review pack (nil: the pack holds the emails only).
	Attachments AttachmentLister
	// Queued is called after a commit that queued email, to wake the
	// outbox; nil does nothing.
	Queued func()
	Logger *slog.Logger

	panics atomic.Int64
}

// Panics reports how many messages made filing panic since start.
func (cw *Casework) Panics() int64 { return cw.panics.Load() }

func (cw *Casework) log() *slog.Logger {
	if cw.Logger == nil {
		return slog.Default()
	}
	return cw.Logger
}

// work is one change in hand: the transaction, who acts, and what it
// queued, so that its audit lines and emails commit with it.
type work struct {
	cw     *Casework
	tx     intake.Tx
	who    string
	now    time.Time
	queued int
}

// update runs fn in one transaction as who; when it queued email and
// committed, the outbox is woken.
func (cw *Casework) update(ctx context.Context, who string, fn func(w *work) error) error {
	var queued int
	err := cw.Store.Update(ctx, func(tx intake.Tx) error {
		w := &work{cw: cw, tx: tx, who: who, now: tx.Now()}
		if err := fn(w); err != nil {
			return err
		}
		queued = w.queued
		return nil
	})
	if err == nil && queued > 0 && cw.Queued != nil {
		cw.Queued()
	}
	return err
}

// onCase runs fn on case ref, loaded, and saves it when fn succeeds.
// An unknown reference is an ENOTFOUND error naming it.
func (cw *Casework) onCase(ctx context.Context, who, ref string, fn func(w *work, c *intake.Case) error) error {
	if err := checkWho(who); err != nil {
		return err
	}
	ref = NormalizeRef(ref)
	return cw.update(ctx, who, func(w *work) error {
		c, err := w.caseByRef(ref)
		if err != nil {
			return err
		}
		if err := fn(w, c); err != nil {
			return err
		}
		return w.save(c)
	})
}

func (w *work) caseByRef(ref string) (*intake.Case, error) {
	c, err := w.tx.Case(ref)
	if intake.ErrorCode(err) == intake.ENOTFOUND {
		return nil, intake.Errorf(intake.ENOTFOUND, "There is no case %s. Check the reference (it looks like %s-2026-0042); `intake cases` lists them.",
			ref, w.cw.Policy.CaseRefPrefix)
	}
	return c, err
}

func (w *work) save(c *intake.Case) error {
	c.UpdatedAt = w.now
	return w.tx.SaveCase(c)
}

// audit adds a line to the audit trail as the acting person.
func (w *work) audit(action, ref string, message int64, format string, args ...any) error {
	return w.tx.Audit(intake.AuditEntry{At: w.now, Actor: w.who, Action: action, CaseRef: ref, MessageID: message,
		Detail: fmt.Sprintf(format, args...)})
}

// queue puts a notice in the outbox (once: its key is its identity) and
// audits it.
func (w *work) queue(n intake.Notice) error {
	if n.NotBefore.IsZero() {
		n.NotBefore = w.now
	}
	created, err := w.tx.Enqueue(n)
	if err != nil || !created {
		return err
	}
	w.queued++
	return w.tx.Audit(intake.AuditEntry{At: w.now, Actor: w.who, Action: "notice.queued", CaseRef: n.CaseRef, Detail: n.Key})
}

// checkWho refuses a person's action that does not say who did it.
func checkWho(who string) error {
	if strings.TrimSpace(who) == "" {
		return intake.Errorf(intake.EINVALID, "Say who is doing this (--by NAME): every action is recorded with the person who took it.")
	}
	return nil
}

// needReason refuses an action without a reason.
func needReason(reason, what string) error {
	if strings.TrimSpace(reason) == "" {
		return intake.Errorf(intake.EINVALID, "Give a reason for %s (--reason TEXT): it is kept in the audit trail.", what)
	}
	return nil
}

// NormalizeRef tidies a case reference as people type it.
func NormalizeRef(ref string) string { return strings.ToUpper(strings.TrimSpace(ref)) }
