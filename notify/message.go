package notify

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/kscmp/intake"
	"github.com/wneessen/go-mail"
)

// Envelope is who an email is from and where replies go.
type Envelope struct {
	From string // the partnership's sending address
	// ReplyTo is the partnership mailbox (From when empty): the Reply-To
	// and the envelope sender, so that replies and bounces come back to
	// the mailbox intake reads.
	ReplyTo string
}

// BuildMessage makes the email for one notice: the rendered text and
// HTML, the fixed Message-ID, the threading and loop-protection headers
// (RFC 3834 Auto-Submitted, X-Auto-Response-Suppress), and the
// attachments. date is the Date header.
func BuildMessage(env Envelope, to []string, n intake.Notice, messageID string, r Rendered, date time.Time) (*mail.Msg, error) {
	m := mail.NewMsg(mail.WithNoDefaultUserAgent())
	if err := m.From(env.From); err != nil {
		return nil, fmt.Errorf("notify: setting From: %w", err)
	}
	if err := m.To(to...); err != nil {
		return nil, fmt.Errorf("notify: setting To of %s: %w", n.Key, err)
	}
	replyTo := env.ReplyTo
	if replyTo == "" {
		replyTo = env.From
	}
	if err := m.ReplyTo(replyTo); err != nil {
		return nil, fmt.Errorf("notify: setting Reply-To: %w", err)
	}
	// Bounces go to the envelope sender: make it the partnership mailbox,
	// which intake reads, so that a bounce can be matched to its row.
	if err := m.EnvelopeFrom(replyTo); err != nil {
		return nil, fmt.Errorf("notify: setting the envelope sender: %w", err)
	}
	m.Subject(r.Subject)
	m.SetMessageIDWithValue(strings.Trim(messageID, "<>"))
	m.SetDateWithValue(date)
	auto := "auto-generated"
	if n.Kind == intake.NoticeAcknowledgement {
		auto = "auto-replied"
	}
	m.SetGenHeader("Auto-Submitted", auto)
	m.SetGenHeader(mail.HeaderXAutoResponseSuppress, "All")
	// X-Loop names the mailbox intake reads: a copy of our own email that
	// comes back to it is recognised and never answered.
	m.SetGenHeader("X-Loop", replyTo)
	inReplyTo, refs := threading(n)
	if inReplyTo != "" {
		m.SetGenHeader(mail.HeaderInReplyTo, inReplyTo)
	}
	if len(refs) > 0 {
		m.SetGenHeader(mail.HeaderReferences, strings.Join(refs, " "))
	}
	for _, a := range r.Attachments {
		if a.ContentType == rfc822 && has8bit(a.Data) {
			// The forwarded message goes unencoded (below): make go-mail
			// insist on 8BITMIME (RFC 6152) when it holds 8-bit octets.
			m.SetEncoding(mail.NoEncoding)
		}
	}
	m.SetBodyString(mail.TypeTextPlain, r.Text)
	if r.HTML != "" {
		m.AddAlternativeString(mail.TypeTextHTML, r.HTML)
	}
	for _, a := range r.Attachments {
		ct := a.ContentType
		if ct == "" {
			ct = "application/octet-stream"
		}
		opts := []mail.FileOption{mail.WithFileContentType(mail.ContentType(ct))}
		if ct == rfc822 {
			// A message/rfc822 part may not be base64 or quoted-printable
			// (RFC 2046 section 5.2.1): it goes as it was received, 8bit.
			opts = append(opts, mail.WithFileEncoding(mail.NoEncoding))
		}
		if err := m.AttachReader(a.Name, bytes.NewReader(a.Data), opts...); err != nil {
			return nil, fmt.Errorf("notify: attaching %s to %s: %w", a.Name, n.Key, err)
		}
	}
	return m, nil
}

// rfc822 is the content type of a whole message attached.
const rfc822 = "message/rfc822"

func has8bit(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// threading returns a notice's In-Reply-To and References headers: only
// valid Message-IDs, each once, In-Reply-To last among the References
// (RFC 5322 section 3.6.4: the parent's References followed by the
// parent's msg-id), and at most intake.MaxReferences of them, the last. An
// invalid In-Reply-To is dropped.
func threading(n intake.Notice) (inReplyTo string, refs []string) {
	inReplyTo = intake.ValidMessageID(n.InReplyTo)
	for _, r := range n.References {
		if v := intake.ValidMessageID(r); v != "" && v != inReplyTo && !slices.Contains(refs, v) {
			refs = append(refs, v)
		}
	}
	if inReplyTo != "" {
		refs = append(refs, inReplyTo)
	}
	if len(refs) > intake.MaxReferences {
		refs = refs[len(refs)-intake.MaxReferences:]
	}
	return inReplyTo, refs
}
