package casework

import (
	"fmt"
	"strings"

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
		InReplyTo: validID(f.res.MessageID), References: threadRefs(f.res.References, f.res.MessageID)})
}

// maxReferences bounds the References we echo: a 20,000-ID header is
// not copied into our reply.
const maxReferences = 10

// threadRefs returns the References of a reply to a message with refs
// and id: the last few valid Message-IDs, then the message's own.
func threadRefs(refs []string, id string) []string {
	var out []string
	for _, r := range refs {
		if v := validID(r); v != "" {
			out = append(out, v)
		}
	}
	if len(out) > maxReferences-1 {
		out = out[len(out)-(maxReferences-1):]
	}
	if v := validID(id); v != "" {
		out = append(out, v)
	}
	return out
}

// validID returns a Message-ID in angle brackets if it looks like one
// (local@domain, printable, not absurdly long), else "".
func validID(id string) string {
	id = strings.Trim(strings.TrimSpace(id), "<>")
	if len(id) == 0 || len(id) > 250 || strings.Count(id, "@") != 1 || strings.ContainsAny(id, " \t\r\n<>\"()") {
		return ""
	}
	for _, r := range id {
		if r < 0x21 || r > 0x7e {
			return ""
		}
	}
	return "<" + id + ">"
}

// replyTo returns In-Reply-To and References for an email threaded to
// the message with Message-ID id: a case's email from its referrer, or a
// request's to its SPOC.
func replyTo(id string) (string, []string) {
	id = validID(id)
	if id == "" {
		return "", nil
	}
	return id, []string{id}
}

func keyf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
