package parse

import (
	"bytes"
	"context"
	"fmt"

	"github.com/emersion/go-message"
	"github.com/kscmp/intake/parse/form"
)

// Attachments returns the form files a stored message carries (Word,
// PDF, text: not images or signatures), found by the same walk Parse
// makes (nested parts, forwarded messages, any disposition, within the
// same limits), and the names of the files over the size limit, which
// are listed but not returned. The rapid review
// pack and the work queue's downloads use it; it does no I/O.
func Attachments(ctx context.Context, raw []byte, opts Options) (files []form.Attachment, oversized []string, err error) {
	opts = opts.withDefaults()
	if int64(len(raw)) > opts.Limits.MaxMessageBytes {
		return nil, nil, fmt.Errorf("parse: the message is larger than %d bytes", opts.Limits.MaxMessageBytes)
	}
	e, err := message.Read(bytes.NewReader(raw))
	if e == nil {
		return nil, nil, fmt.Errorf("parse: reading the message: %w", err)
	}
	subject := e.Header.Get("Subject")
	w := walkMessage(ctx, e, subject, opts.Limits)
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	return w.Attachments, w.Oversized, nil
}
