package casework

import (
	"context"
	"fmt"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/parse/form"
)

// MessageFile returns file n (counting from 0, in the order
// MessageView.Files lists them) of a stored message for who to download,
// and records the download as information access (the file's number and
// size, never its name: a file name may name the child). The line
// commits before the file is returned; if it cannot, nothing is.
func (cw *Casework) MessageFile(ctx context.Context, who string, id int64, n int) (form.Attachment, error) {
	if err := checkWho(who); err != nil {
		return form.Attachment{}, err
	}
	var raw []byte
	var m intake.Message
	ref := ""
	err := cw.Store.View(ctx, func(tx intake.Tx) error {
		var err error
		if m, err = tx.Message(id); err != nil {
			return err
		}
		if pr, err := tx.ParseResult(id); err == nil {
			ref = pr.CaseRef
		}
		raw, err = tx.MessageRaw(id)
		return err
	})
	if intake.ErrorCode(err) == intake.ENOTFOUND {
		return form.Attachment{}, intake.Errorf(intake.ENOTFOUND, "There is no message %d.", id)
	}
	if err != nil {
		return form.Attachment{}, err
	}
	if cw.Attachments == nil || m.State == intake.MessageQuarantined || raw == nil {
		return form.Attachment{}, intake.Errorf(intake.ENOTFOUND, "Message %d has no files intake can give you: download the whole message instead.", id)
	}
	files, _, err := cw.Attachments(ctx, raw)
	if err != nil {
		return form.Attachment{}, fmt.Errorf("casework: listing the files of message %d: %w", id, err)
	}
	if n < 0 || n >= len(files) {
		return form.Attachment{}, intake.Errorf(intake.ENOTFOUND, "Message %d has no file %d.", id, n+1)
	}
	f := files[n]
	err = cw.update(ctx, who, func(w *work) error {
		return w.audit("message.file_downloaded", ref, id, "file %d of %d, %d bytes", n+1, len(files), len(f.Data))
	})
	if err != nil {
		return form.Attachment{}, err
	}
	return f, nil
}

// Waiting lists the messages a person must see (the needs-a-person
// queue, as Today lists it), oldest first, with sender, subject and why.
func (cw *Casework) Waiting(ctx context.Context) ([]intake.MessageItem, error) {
	var out []intake.MessageItem
	err := cw.Store.View(ctx, func(tx intake.Tx) (err error) {
		out, err = needsPerson(tx)
		return err
	})
	return out, err
}
