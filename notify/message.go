package notify

import (
	"bytes"
	"fmt"
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

// bracket puts a Message-ID in angle brackets.
func bracket(id string) string {
	id = strings.TrimSpace(id)
	if id == "" || strings.HasPrefix(id, "<") {
		return id
	}
	return "<" + id + ">"
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
	if n.InReplyTo != "" {
		m.SetGenHeader(mail.HeaderInReplyTo, bracket(n.InReplyTo))
	}
	refs := make([]string, 0, len(n.References)+1)
	for _, ref := range n.References {
		refs = append(refs, bracket(ref))
	}
	if n.InReplyTo != "" && !contains(refs, bracket(n.InReplyTo)) {
		refs = append(refs, bracket(n.InReplyTo))
	}
	if len(refs) > 0 {
		m.SetGenHeader(mail.HeaderReferences, strings.Join(refs, " "))
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
		if err := m.AttachReader(a.Name, bytes.NewReader(a.Data), mail.WithFileContentType(mail.ContentType(ct))); err != nil {
			return nil, fmt.Errorf("notify: attaching %s to %s: %w", a.Name, n.Key, err)
		}
	}
	return m, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
