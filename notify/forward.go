package notify

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/kscmp/intake"
)

// forwarded returns the stored message a redirect forwards (the
// referral, as the partnership received it) as a message/rfc822
// attachment named referral.eml (RFC 2046 section 5.2.1): header, body
// and attachments byte for byte, so that the neighbouring partnership
// reads the form itself and sees who sent it.
//
// A redirect never goes without its referral. When the notice names no
// message, the message is not in the store, its bytes were purged, or
// only its header was kept (an oversize message quarantined by ingest),
// the error is permanent: the row fails at once, the digest shows why,
// and a person forwards the referral by hand. A store that cannot be read
// is a temporary failure, retried like any other.
func (s *Sender) forwarded(ctx context.Context, n intake.Notice) (Attachment, error) {
	id := n.ForwardMessage
	if id <= 0 {
		return Attachment{}, permanentf("the redirect names no stored referral to forward: forward the referral by hand")
	}
	var raw []byte
	err := s.Store.View(ctx, func(tx intake.Tx) error {
		var err error
		raw, err = tx.MessageRaw(id)
		return err
	})
	switch {
	case errors.Is(err, intake.ErrNotFound):
		return Attachment{}, permanentf("the referral to forward (message %d) is not in the store: forward it by hand", id)
	case err != nil:
		return Attachment{}, fmt.Errorf("notify: reading message %d to forward: %w", id, err)
	case len(raw) == 0:
		return Attachment{}, permanentf("the referral to forward (message %d) was purged from the store: forward it by hand", id)
	case !hasBody(raw):
		return Attachment{}, permanentf("only the header of the referral to forward (message %d) was kept: forward it by hand", id)
	}
	return Attachment{Name: "referral.eml", ContentType: "message/rfc822", Data: raw}, nil
}

// hasBody reports whether a message has anything after its header
// (RFC 5322 section 2.1: the header ends at the first empty line).
func hasBody(raw []byte) bool {
	end, n := bytes.Index(raw, []byte("\r\n\r\n")), 4
	if i := bytes.Index(raw, []byte("\n\n")); i >= 0 && (end < 0 || i < end) {
		end, n = i, 2
	}
	return end >= 0 && len(bytes.TrimSpace(raw[end+n:])) > 0
}
