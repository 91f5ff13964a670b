package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/kscmp/intake"
)

// Backend is everything the pages read and do. cmd/intake gives the web
// server one built on casework and the store; tests give it a fake. Each
// action is one casework call that checks the case's state, changes it,
// writes the audit line with who did it, and queues the emails, in one
// transaction. The web server never holds a rule of the process itself:
// it checks who is signed in and what their role allows, validates that
// a form is filled in, and shows what the backend says.
type Backend interface {
	Reader
	CaseActions
	MailActions
	OutboxActions
}

// Reader gives the pages what they show. Every time is as of now.
type Reader interface {
	// Today lists what needs a person today.
	Today(ctx context.Context, now time.Time) (TodayView, error)
	// Cases lists the cases the filter selects, one page of them.
	Cases(ctx context.Context, f CaseFilter, now time.Time) (CaseList, error)
	// Case returns everything about one case, or an error wrapping
	// ErrNotFound.
	Case(ctx context.Context, ref string, now time.Time) (CaseView, error)
	// Mail lists the needs-a-person queue and the unreadable messages.
	Mail(ctx context.Context, now time.Time) (MailView, error)
	// MailItem returns one message of the queue, or an error wrapping
	// ErrNotFound.
	MailItem(ctx context.Context, id int64, now time.Time) (MailItem, error)
	// Outbox lists the emails the filter selects.
	Outbox(ctx context.Context, f OutboxFilter, now time.Time) (OutboxView, error)
	// Attachment opens one of a case's stored files (a referral form, an
	// agency summary) by the ID its view gave, or an error wrapping
	// ErrNotFound.
	Attachment(ctx context.Context, ref, id string) (Download, error)
	// RawMessage opens a stored message as it arrived (.eml), or an error
	// wrapping ErrNotFound.
	RawMessage(ctx context.Context, id int64) (Download, error)
	// MailAttachment opens one file of a queued message by the ID its
	// view gave, or an error wrapping ErrNotFound.
	MailAttachment(ctx context.Context, id int64, file string) (Download, error)
}

// CaseActions are what a business team member does on a case page. Each
// returns an *ActionError for a request that cannot be done as asked (a
// wrong state, an unknown partnership), saying what to do instead.
type CaseActions interface {
	// Accept accepts the referral for rapid review: summary requests go
	// out and the timetable runs from Day 1.
	Accept(ctx context.Context, by Actor, ref, reason string) error
	// AskReferrer asks the referrer for what is missing; nothing goes to
	// agencies meanwhile.
	AskReferrer(ctx context.Context, by Actor, ref, what string) error
	// Redirect forwards the referral to the partnership (by its key in
	// CaseView.Partnerships) and closes the case here.
	Redirect(ctx context.Context, by Actor, ref, partnership, reason string) error
	// NotAccepted records that the criteria are not met and tells the
	// referrer why; keepAsLearning keeps the case as local learning.
	NotAccepted(ctx context.Context, by Actor, ref, reason string, keepAsLearning bool) error
	// AcceptException accepts a referral more than twelve months old on
	// significant new information.
	AcceptException(ctx context.Context, by Actor, ref, reason string) error
	// RecordStep records that a person did a step of either clock (by its
	// key in CaseView.Statutory or Timetable) on a day.
	RecordStep(ctx context.Context, by Actor, ref, step string, on time.Time, note string) error
	// CorrectField replaces a misread field (by its key in
	// CaseView.Fields) and screens the referral again.
	CorrectField(ctx context.Context, by Actor, ref, field, value, reason string) error
	// RecordOutcome records (or amends) the Rapid Review Group's decision
	// with its rationale; the referrers and agencies are told.
	RecordOutcome(ctx context.Context, by Actor, ref string, decision intake.Decision, reason string) error
	// NoInvolvement closes an agency's request: it had no involvement.
	NoInvolvement(ctx context.Context, by Actor, ref, agency, reason string) error
	// Reassign sends an agency's request to another SPOC address,
	// keeping its due date.
	Reassign(ctx context.Context, by Actor, ref, agency, address, reason string) error
	// Extend gives an agency a later due date and tells its SPOC.
	Extend(ctx context.Context, by Actor, ref, agency string, due time.Time, reason string) error
	// BuildPack collates the rapid review pack (the referral, the
	// screening, each summary with its original, the timeline) into one
	// archive, recorded as an information share.
	BuildPack(ctx context.Context, by Actor, ref string) (Download, error)
}

// MailActions deal with a message in the needs-a-person queue.
type MailActions interface {
	// AttachSummary files the message as an agency's summary on a case.
	AttachSummary(ctx context.Context, by Actor, id int64, ref, agency string) error
	// MailNoInvolvement records the agency's "no involvement" reply on a
	// case, closing its request and stopping its chasers.
	MailNoInvolvement(ctx context.Context, by Actor, id int64, ref, agency string) error
	// LinkToCase links the message to a case without changing it.
	LinkToCase(ctx context.Context, by Actor, id int64, ref string) error
	// NewCase opens a new case from the message and returns its reference.
	NewCase(ctx context.Context, by Actor, id int64) (ref string, err error)
	// Dismiss takes the message out of the queue, with a reason.
	Dismiss(ctx context.Context, by Actor, id int64, reason string) error
	// Reprocess reads the message again (after a fix or a new setting).
	Reprocess(ctx context.Context, by Actor, id int64) error
}

// OutboxActions deal with an email that could not be sent.
type OutboxActions interface {
	// RetryEmail makes a failed or bounced email due again now.
	RetryEmail(ctx context.Context, by Actor, id int64) error
	// ReleaseEmail lets a held email go.
	ReleaseEmail(ctx context.Context, by Actor, id int64) error
}

// Person is who is signed in.
type Person struct {
	Email string
	Name  string
	Role  intake.Role
}

// String names the person as the audit trail does: "Ann Example
// <ann@example.org>", or the address alone.
func (p Person) String() string {
	if p.Name == "" || p.Name == p.Email {
		return p.Email
	}
	return p.Name + " <" + p.Email + ">"
}

// Actor is who does an action, and when (one timestamp per action).
type Actor struct {
	Person
	At time.Time
}

// Download is a file the browser saves, never shows: Name is the file
// name offered, Body its bytes (closed after sending).
type Download struct {
	Name string
	Size int64 // -1 when not known
	Body io.ReadCloser
}

// ErrNotFound is wrapped by the error a Backend returns for a case,
// message, email or file that does not exist. The page says so (404).
var ErrNotFound = errors.New("web: not found")

// ActionError is an action the backend refused as asked: Message says in
// plain words why and what to do ("This case has already been accepted:
// record the next step instead."), Field names the form field it is
// about, if any. The page shows it in the error summary, with the form
// as it was filled in.
type ActionError struct {
	Field   string
	Message string
}

func (e *ActionError) Error() string { return "web: " + e.Message }

// Refuse returns an *ActionError about a field ("" for the whole form).
func Refuse(field, format string, args ...any) error {
	return &ActionError{Field: field, Message: fmt.Sprintf(format, args...)}
}
