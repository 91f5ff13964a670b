package casework

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/parse"
)

// FileStored files every message ingest has stored, oldest first, and
// returns how many it filed. A message whose filing fails with an error
// (the database) stays stored and is tried again next time; a message
// that makes filing panic is marked failed and skipped, and the rest go
// on.
func (cw *Casework) FileStored(ctx context.Context) (filed int, err error) {
	var errs []error
	var after int64
	for ctx.Err() == nil {
		var msgs []intake.Message
		if err := cw.Store.View(ctx, func(tx intake.Tx) error {
			var err error
			msgs, err = tx.Messages(intake.MessageFilter{State: intake.MessageStored, AfterID: after, Limit: 100})
			return err
		}); err != nil {
			return filed, err
		}
		if len(msgs) == 0 {
			break
		}
		for _, m := range msgs {
			after = m.ID
			if err := cw.FileMessage(ctx, m.ID); err != nil {
				cw.log().Error("filing message", "message", m.ID, "err", err)
				errs = append(errs, fmt.Errorf("message %d: %w", m.ID, err))
				continue
			}
			filed++
		}
	}
	return filed, errors.Join(errs...)
}

// FileMessage files one stored message: it is parsed (outside any
// transaction: parsing is bounded but may take seconds), then everything
// it causes (the case change, its audit lines, the emails it promises, the
// parse result and the message's new state) commits in one transaction.
// A panic while parsing or filing is contained: the message is marked
// failed, counted, and shown to the business team.
func (cw *Casework) FileMessage(ctx context.Context, id int64) (err error) {
	defer func() {
		if p := recover(); p != nil {
			cw.panics.Add(1)
			cw.log().Error("filing message panicked; marked failed", "message", id, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			err = cw.markFailed(ctx, id)
		}
	}()
	var raw []byte
	if err := cw.Store.View(ctx, func(tx intake.Tx) error {
		var err error
		raw, err = tx.MessageRaw(id)
		return err
	}); err != nil {
		return err
	}
	res, err := cw.Parse(ctx, raw)
	if err != nil {
		return fmt.Errorf("casework: reading message %d: %w", id, err)
	}
	body, err := json.Marshal(res)
	if err != nil {
		return fmt.Errorf("casework: encoding parse result: %w", err)
	}
	return cw.update(ctx, Intake, func(w *work) error {
		m, err := w.tx.Message(id)
		if err != nil {
			return err
		}
		if m.State != intake.MessageStored {
			return nil // another pass filed it
		}
		f := &filing{work: w, msg: m, res: res, raw: raw}
		state, detail, err := f.file()
		if err != nil {
			return err
		}
		if err := w.tx.SaveParseResult(intake.ParseResult{Message: id, Kind: res.Kind, CaseRef: f.caseRef, Result: body, ParsedAt: w.now}); err != nil {
			return err
		}
		if err := w.audit("message.filed", f.caseRef, id, "%s: %s", res.Kind, detail); err != nil {
			return err
		}
		cw.log().Info("message filed", "message", id, "kind", res.Kind, "case", f.caseRef, "state", state)
		return w.tx.SetMessageState(id, state, detail)
	})
}

// markFailed marks a message whose filing panicked, in a transaction of
// its own (the one that panicked rolled back).
func (cw *Casework) markFailed(ctx context.Context, id int64) error {
	return cw.update(ctx, Intake, func(w *work) error {
		if err := w.audit("message.failed", "", id, "intake failed while filing this message; kept for the business team"); err != nil {
			return err
		}
		return w.tx.SetMessageState(id, intake.MessageFailed, "intake failed while reading or filing this message (an internal error, logged); it is kept unchanged: reprocess it after an upgrade, or deal with it by hand")
	})
}

// filing is the work on one message inside its transaction.
type filing struct {
	*work
	msg     intake.Message
	res     parse.Result
	raw     []byte
	caseRef string // the case the message was filed under, if any
	checked *senderCheck
	hdr     *readHeaderResult
}

// file acts on the message by kind and returns its new state and a
// detail (never form text).
func (f *filing) file() (state, detail string, err error) {
	if f.res.CaseRef != nil {
		f.caseRef = *f.res.CaseRef
	}
	if looped(f.header(), f.cw.Policy.Mailbox) {
		return intake.MessageIgnored, "our own email came back (X-Loop); never answered", nil
	}
	if s := f.senderCheck(); s.Address == "" && (f.res.Kind == parse.KindReferral || f.res.Kind == parse.KindAgencySummary || f.res.Kind == parse.KindOther) {
		return f.needsPerson(f.caseRef, "the sender's address could not be read ("+s.Problem+"): nothing was answered or changed; open a case from it, attach it, or dismiss it")
	}
	if f.res.Automated != "" && (f.res.Kind == parse.KindReferral || f.res.Kind == parse.KindAgencySummary) {
		return f.needsPerson(f.caseRef, fmt.Sprintf("a form (%s) that came as %s: nothing was answered or changed; open a case from it, attach it, or dismiss it",
			strings.ReplaceAll(f.res.Kind, "_", " "), f.res.Automated))
	}
	switch f.res.Kind {
	case parse.KindReferral:
		return f.referral()
	case parse.KindAgencySummary:
		return f.summary()
	case parse.KindBounce:
		return f.bounce()
	case parse.KindUnreadable:
		return intake.MessageUnreadable, unreadableWords(f.res.Warnings), nil
	case parse.KindAutoReply:
		return intake.MessageIgnored, "an automatic reply; not answered", nil
	}
	return f.other()
}

// unreadableWords says why a form could not be read, from parse's
// warnings (which say it to the sender).
func unreadableWords(warnings []string) string {
	if len(warnings) == 0 {
		return "the form could not be read"
	}
	return "the form could not be read: " + warnings[len(warnings)-1]
}
