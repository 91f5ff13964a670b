package casework

import (
	"fmt"

	"github.com/kscmp/intake"
)

// acknowledge queues the acknowledgement to the sender of a referral,
// threaded to their message: it gives the case reference and says what
// happens next, and nothing of the case. It goes to the From address
// (never to a Reply-To), never to the partnership's own addresses, and
// at most MaxAcknowledgementsPerDay times a day to one address.
func (f *filing) acknowledge(c *intake.Case, key string) error {
	to := f.sender()
	if to == "" || f.cw.Policy.own(to) {
		return f.audit("acknowledgement.skipped", c.Ref, f.msg.ID, "the sender is the partnership's own address, or has no readable address")
	}
	if limit := f.cw.Policy.MaxAcknowledgementsPerDay; limit > 0 {
		n, err := f.tx.NoticesToSince(intake.NoticeAcknowledgement, to, intake.StartOfDay(f.now))
		if err != nil {
			return err
		}
		if n >= limit {
			return f.audit("acknowledgement.skipped", c.Ref, f.msg.ID, "the sender has had %d acknowledgements today", n)
		}
	}
	return f.queue(intake.Notice{Key: key, Kind: intake.NoticeAcknowledgement, CaseRef: c.Ref, To: []string{to},
		InReplyTo: intake.ValidMessageID(f.res.MessageID), References: threadRefs(f.res.References, f.res.MessageID)})
}

// threadRefs returns the References of a reply to a message with refs
// and id: the last few valid Message-IDs, then the message's own (the
// Sender checks them again as it writes the email).
func threadRefs(refs []string, id string) []string {
	var out []string
	for _, r := range refs {
		if v := intake.ValidMessageID(r); v != "" {
			out = append(out, v)
		}
	}
	if len(out) > intake.MaxReferences-1 {
		out = out[len(out)-(intake.MaxReferences-1):]
	}
	if v := intake.ValidMessageID(id); v != "" {
		out = append(out, v)
	}
	return out
}

// replyTo returns In-Reply-To and References for an email threaded to
// the message with Message-ID id: a case's email from its referrer, or a
// request's to its SPOC.
func replyTo(id string) (string, []string) {
	id = intake.ValidMessageID(id)
	if id == "" {
		return "", nil
	}
	return id, []string{id}
}

func keyf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
