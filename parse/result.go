package parse

import (
	"time"

	"github.com/kscmp/intake"
)

// Kinds of message, as the form contract names them.
const (
	KindReferral      = "referral"
	KindAgencySummary = "agency_summary"
	KindAutoReply     = "auto_reply"
	KindBounce        = "bounce"
	KindOther         = "other"
	KindUnreadable    = "unreadable"
)

// Result is what parse makes of one message or one bare form. Its JSON
// form is the contract of `intake parse --json`: keep the tagged fields
// exactly as they are.
type Result struct {
	File      string            `json:"file"`
	Kind      string            `json:"kind"`
	MessageID string            `json:"message_id"`
	From      string            `json:"from"`
	Subject   string            `json:"subject"`
	CaseRef   *string           `json:"case_ref"`
	Source    string            `json:"source"`
	Fields    map[string]any    `json:"fields"`
	Screening *intake.Screening `json:"screening"`
	Warnings  []string          `json:"warnings"`

	// Header facts the daemon needs and the JSON contract does not carry.
	Date       time.Time `json:"-"` // the message's Date header, zero if absent
	InReplyTo  string    `json:"-"`
	References []string  `json:"-"`
	ReplyTo    string    `json:"-"`
	// Automated says, for a form that came as an automatic reply or list
	// mail ("an automatic reply", "list or bulk mail"), why a person must
	// look at it before anything is answered; "" otherwise.
	Automated string `json:"-"`
	// BouncedMessageIDs are the Message-IDs of our own mails that a bounce
	// reports (from the returned headers or message/rfc822 part).
	BouncedMessageIDs []string `json:"-"`
}
