package intake

import (
	"crypto/sha256"
	"encoding/base32"
	"strings"
	"time"
)

// NoticeKind says which of the process's emails a Notice is.
type NoticeKind string

// The emails intake sends (issue "notify").
const (
	NoticeAcknowledgement  NoticeKind = "acknowledgement"   // to the referrer, at once
	NoticeReferrerReminder NoticeKind = "referrer_reminder" // missing information still missing
	NoticeSummaryRequest   NoticeKind = "summary_request"   // to an agency's SPOC
	NoticeChaser           NoticeKind = "chaser"            // summary due soon, due today or overdue
	NoticeEscalation       NoticeKind = "escalation"        // to the business team after the last chaser
	NoticeSummaryReceipt   NoticeKind = "summary_receipt"   // to a SPOC whose summary arrived
	NoticeOutcome          NoticeKind = "outcome"           // the rapid review decision, to the referrer
	NoticeLinkedReferral   NoticeKind = "linked_referral"   // to the business team: a second referral joined a case
	NoticeDigest           NoticeKind = "digest"            // the business team's daily digest

	NoticeAccepted           NoticeKind = "accepted"            // to the referrer: accepted for rapid review, decision due
	NoticeInformationRequest NoticeKind = "information_request" // to the referrer: a person asks for what is missing
	NoticeNotAccepted        NoticeKind = "not_accepted"        // to the referrer: not accepted, and why
	NoticeRedirect           NoticeKind = "redirect"            // to a neighbouring partnership: the referral, forwarded
	NoticeRedirected         NoticeKind = "redirected"          // to the referrer: where the referral went
	NoticeDueDateChanged     NoticeKind = "due_date_changed"    // to a SPOC: a new date for their summary
	NoticeRequestWithdrawn   NoticeKind = "request_withdrawn"   // to a SPOC: their summary is no longer needed
)

// Notice is a promise to send one email: the domain decides it, the store
// keeps it in the outbox in the same transaction as the change that caused
// it, and notify renders and delivers it. Key is unique for all time (an
// idempotency key such as "chaser:KSCMP-2026-0042:police:2"), so a rerun
// or a crash can never make a second one.
type Notice struct {
	Key       string
	Kind      NoticeKind
	CaseRef   string
	To        []string
	NotBefore time.Time // not sent before this instant
	// Threading: the referrer's (or SPOC's) message this answers.
	InReplyTo  string
	References []string

	// What the templates say. Only what the kind needs is set; nothing
	// here is more personal than the configuration allows (data
	// minimisation is applied when the notice is made).
	Agency        string    // summary request, chaser, receipt, escalation
	DueDate       time.Time // the step's due date (a date in Europe/London)
	ChaserNumber  int       // 1, 2, ... for chasers
	Verdict       string    // acknowledgement: the screening verdict
	Missing       []string  // acknowledgement, reminder: canonical keys to ask for
	Failed        []string  // acknowledgement: criteria answered no
	Flags         []string  // acknowledgement (internal copies only)
	Decision      string    // outcome: lcspr, national_review, ...
	ChildIdentity string    // identifiers the configuration allows (e.g. initials and DOB)
	Note          string    // free text for the business team (escalation, linked referral)

	// Reason is a person's reason, where the email must carry it: why a
	// referral was not accepted, the rationale of a decision, why a date
	// changed. It is what the person wrote for the recipient: no case
	// detail beyond it.
	Reason string
	// Neighbour is the neighbouring partnership a referral was
	// redirected to (its name; its address is in To for NoticeRedirect).
	Neighbour string
	// Ending says how the case ended, for the outcome notice's wording:
	// "reviewed" (the Rapid Review Group decided), "screened_out" (not
	// accepted), "redirected".
	Ending string
	// ForwardMessage is a stored message (messages.id) to attach whole,
	// as message/rfc822: the referral forwarded to a neighbour.
	ForwardMessage int64
	// OldDueDate is the date a SPOC had been given, when it changes.
	OldDueDate time.Time
}

// MessageIDFor returns the Message-ID (without angle brackets) of the
// notice with idempotency key key: a hash of the key at domain. It is a
// function of the key alone, so that a notice keeps its Message-ID however
// often it is sent, and never reveals the case reference it names.
func MessageIDFor(key, domain string) string {
	sum := sha256.Sum256([]byte(key))
	enc := strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(sum[:15]))
	return "intake." + enc + "@" + domain
}
