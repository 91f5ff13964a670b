package web

import (
	"context"
	"io"
	"time"

	"github.com/kscmp/intake"
)

// Backend is everything the pages read and do. cmd/intake and the tests
// give the server a Casework (backed by casework and a real store). The
// web server holds no rule of the process: it checks who is signed in
// and what their role allows, that a form is filled in, and shows what
// the backend says.
type Backend interface {
	Reader
	Actions
}

// Reader gives the pages what they show. A read of personal data (a
// case, a message, a file) takes who is reading: it is recorded in the
// audit trail as information access before the data is returned, and if
// it cannot be recorded nothing is returned. The lists carry no personal
// data beyond a child's initials, and are not recorded.
type Reader interface {
	// TodayPage lists what needs a person on now's day.
	TodayPage(ctx context.Context, now time.Time) (TodayView, error)
	// CaseListPage lists one page of the cases the filter selects.
	CaseListPage(ctx context.Context, f CaseFilter, now time.Time) (CaseList, error)
	// CasePage returns everything about one case, as who sees it; an
	// ENOTFOUND intake.Error if there is no such case.
	CasePage(ctx context.Context, who, ref string) (CaseView, error)
	// Choices returns what the action forms offer for case ref ("" for
	// none): no personal data, so it is not recorded.
	Choices(ctx context.Context, ref string) (Choices, error)
	// MailPage lists the messages waiting for a person.
	MailPage(ctx context.Context) (MailView, error)
	// MessagePage returns one stored message as who sees it.
	MessagePage(ctx context.Context, who string, id int64) (MessageView, error)
	// OutboxPage lists the emails the filter selects, newest first.
	OutboxPage(ctx context.Context, f OutboxFilter) (OutboxView, error)
	// MessageFile opens file n (from 0) of a stored message, for who to
	// download.
	MessageFile(ctx context.Context, who string, id int64, n int) (Download, error)
	// MessageRaw opens a stored message as it arrived (.eml), for who to
	// download.
	MessageRaw(ctx context.Context, who string, id int64) (Download, error)
	// Pack collates the rapid review pack of case ref for who (recorded
	// as an information share).
	Pack(ctx context.Context, who, ref string) (Download, error)
}

// Actions are what the business team does: each is one casework method,
// with its signature, so that *casework.Casework provides them all. Each
// takes who does it ("Ann Example <ann@kestmoor.gov.uk>"), changes the
// case, writes the audit line and queues the emails in one transaction,
// or refuses with an intake.Error whose message says, for a person, what
// is wrong and what to do instead, and changes nothing.
type Actions interface {
	Accept(ctx context.Context, who, ref, reason string) error
	AcceptException(ctx context.Context, who, ref, reason string) error
	AskReferrer(ctx context.Context, who, ref, reason string, keys []string) error
	Redirect(ctx context.Context, who, ref, to, reason string) error
	NotAccepted(ctx context.Context, who, ref, reason string, localLearning bool) error
	RecordStep(ctx context.Context, who, ref, step string, done time.Time, how string) error
	Pause(ctx context.Context, who, ref, reason string) error
	Resume(ctx context.Context, who, ref, reason string) error
	CorrectField(ctx context.Context, who, ref, key, value, reason string) error
	AddAgency(ctx context.Context, who, ref, agency, reason string) error
	RemoveAgency(ctx context.Context, who, ref, agency, reason string) error
	NoInvolvement(ctx context.Context, who, ref, agency, reason string) error
	ReassignRequest(ctx context.Context, who, ref, agency, address, reason string) error
	ExtendSummary(ctx context.Context, who, ref, agency string, due time.Time, reason string) error
	RecordSummaryByHand(ctx context.Context, who, ref, agency, name string, file []byte, reason string) error
	RecordOutcome(ctx context.Context, who, ref string, d intake.Decision, rationale string) error
	AmendOutcome(ctx context.Context, who, ref string, d intake.Decision, rationale, reason string) error
	WithdrawCase(ctx context.Context, who, ref, reason string) error
	CloseCase(ctx context.Context, who, ref, reason string) error
	MergeCase(ctx context.Context, who, ref, into, reason string) error
	UnlinkReferral(ctx context.Context, who, ref string, message int64, reason string) (newRef string, err error)

	AttachSummary(ctx context.Context, who string, id int64, ref, agency, reason string) error
	MessageNoInvolvement(ctx context.Context, who string, id int64, ref, agency, reason string) error
	LinkMessage(ctx context.Context, who string, id int64, ref, reason string, supply bool) error
	OpenCaseFromMessage(ctx context.Context, who string, id int64, reason string) (ref string, err error)
	Reprocess(ctx context.Context, who string, id int64) error
	Dismiss(ctx context.Context, who string, id int64, reason string) error

	RetryEmail(ctx context.Context, who string, id int64, reason string) error
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

// Download is a file the browser saves, never shows: Name is the file
// name offered, Body its bytes (closed after sending).
type Download struct {
	Name string
	Size int64 // -1 when not known
	Body io.ReadCloser
}
