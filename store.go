package intake

import (
	"context"
	"slices"
	"time"
)

// Store keeps everything intake knows: the raw messages, the mailboxes'
// checkpoints, the cases, the outbox and the audit trail. The store
// package implements it over SQLite; ingest, casework and notify use only
// this interface.
//
// Every change happens inside Update, in one transaction stamped with one
// time (Tx.Now, from the store's injected clock): a case change, its
// audit lines and the emails it promises commit together or not at all.
type Store interface {
	// Update runs fn in one write transaction, committing when fn returns
	// nil and rolling back otherwise.
	Update(ctx context.Context, fn func(tx Tx) error) error
	// View runs fn in a read-only transaction.
	View(ctx context.Context, fn func(tx Tx) error) error
}

// Tx is one transaction: the time it is stamped with and every part of
// the store. Its methods use the context Update or View was given.
type Tx interface {
	// Now is the transaction's time: every row it writes is stamped with it.
	Now() time.Time
	MessageLog
	Mailboxes
	CaseBook
	Outbox
	AuditLog
	Meta
	Accounts
	Sessions
}

// CaseBook keeps the cases, each saved whole as casework changed it: the
// store holds no rule of the process. The cases a View returns may be
// shared with other Views (the store keeps them decoded): change a case
// only in an Update.
type CaseBook interface {
	// NextCaseRef takes the next number of year and returns the reference
	// PREFIX-YEAR-NNNN. Numbers only go up; a reference whose transaction
	// rolls back is never used.
	NextCaseRef(prefix string, year int) (string, error)
	// CreateCase stores a new case under c.Ref.
	CreateCase(c *Case) error
	// Case returns the case ref; an error matching ErrNotFound if none.
	Case(ref string) (*Case, error)
	// Cases returns the cases f selects, oldest first.
	Cases(f CaseFilter) ([]*Case, error)
	// SaveCase stores the case as it now stands.
	SaveCase(c *Case) error
	// CaseOfRequest returns the case and agency of the summary request
	// whose email had Message-ID id (without angle brackets, any case).
	CaseOfRequest(id string) (ref, agency string, ok bool, err error)
}

// CaseFilter selects cases; zero fields select all.
type CaseFilter struct {
	States   []CaseState
	Open     bool   // only cases not decided or closed
	ChildDOB string // only cases for a child born on this date (linking)
	// CreatedSince: only cases made at or after this instant.
	CreatedSince time.Time
	Limit        int
}

// MessageLog keeps every message ingest fetched, before anything else
// happens to it, and what parse made of it.
type MessageLog interface {
	// InsertMessage stores m. A message already stored under the same
	// mailbox, UIDVALIDITY and UID is left as it is: inserted is false and
	// id is the existing row's.
	InsertMessage(m NewMessage) (id int64, inserted bool, err error)
	// MessageIDByHash returns the id of a message of mailbox with content
	// hash sha (hex), or 0 if there is none.
	MessageIDByHash(mailbox, sha string) (int64, error)
	// SetMessageState moves a message to state with a detail (a reason,
	// never form text).
	SetMessageState(id int64, state, detail string) error
	// Messages returns the messages f selects, oldest first, without
	// their bytes.
	Messages(f MessageFilter) ([]Message, error)
	// Message returns one message without its bytes; ErrNotFound if none.
	Message(id int64) (Message, error)
	// MessageRaw returns a message's bytes (the header only for a
	// quarantined one; nil once purged).
	MessageRaw(id int64) ([]byte, error)
	// SaveParseResult stores (or replaces) what parse made of a message.
	SaveParseResult(r ParseResult) error
	// ParseResult returns what parse made of a message; ErrNotFound if
	// it was never parsed.
	ParseResult(message int64) (ParseResult, error)
}

// Mailboxes keeps how far ingest has read each mailbox and the server
// actions it has promised and not yet done.
type Mailboxes interface {
	// Checkpoint returns the checkpoint of mailbox; ok is false when the
	// mailbox was never read.
	Checkpoint(mailbox string) (cp Checkpoint, ok bool, err error)
	// SetCheckpoint records cp; a zero cp.UpdatedAt is the
	// transaction's time.
	SetCheckpoint(cp Checkpoint) error
	// AddPendingAction promises a server action (in the transaction that
	// stores the message).
	AddPendingAction(p PendingAction) error
	// PendingActions returns the actions promised for a mailbox under
	// uidvalidity, by UID. In Update it also drops the actions promised
	// under another UIDVALIDITY (their UIDs no longer mean the same
	// messages); in View it only leaves them out.
	PendingActions(mailbox string, uidvalidity uint32) ([]PendingAction, error)
	// DonePendingActions forgets the actions the server has confirmed.
	DonePendingActions(mailbox string, uidvalidity uint32, uids []uint32) error
}

// Outbox keeps every email intake will send, each under an idempotency
// key, from the moment the change that causes it commits until the SMTP
// server accepts it (or intake gives up, visibly).
type Outbox interface {
	// Enqueue writes n as an outbox row, due at n.NotBefore (or now). A
	// row with the same key already existing is not an error: created is
	// false and nothing changes. Its Message-ID is fixed now, from the
	// key.
	Enqueue(n Notice) (created bool, err error)
	// OutboxMessageID returns the Message-ID (without angle brackets) of
	// the row with key; ErrNotFound if there is none.
	OutboxMessageID(key string) (string, error)
	// NoticesToSince counts the notices of kind queued for addr at or
	// after since, whatever became of them.
	NoticesToSince(kind NoticeKind, addr string, since time.Time) (int, error)
	// DueOutbox returns up to limit rows due now, earliest first.
	DueOutbox(limit int) ([]OutboxRow, error)
	// NextOutboxDue returns when the earliest waiting row falls due; ok
	// is false when nothing waits.
	NextOutboxDue() (at time.Time, ok bool, err error)
	// ClaimOutbox marks row id as being sent and leases it until
	// leaseUntil; claimed is false when it is no longer due.
	ClaimOutbox(id int64, leaseUntil time.Time) (claimed bool, err error)
	// MarkSent records that the SMTP server accepted row id, at the
	// transaction's time.
	MarkSent(id int64) error
	MarkRetry(id int64, next time.Time, reason string) error
	MarkFailed(id int64, reason string) error
	// MarkHeld holds row id (a recipient's daily cap) until until, when
	// ReleaseHeld lets it go; a person can release it sooner (RetryOutbox).
	MarkHeld(id int64, until time.Time, reason string) error
	// ReleaseHeld makes pending again every held row whose time has come
	// (a new day: the cap reset), and returns them.
	ReleaseHeld() ([]OutboxRow, error)
	// MarkBounced marks the row whose Message-ID is messageID bounced; ok
	// is false when no row has it.
	MarkBounced(messageID, detail string) (ok bool, err error)
	// Supersede marks the email with that Message-ID replaced by a later
	// one, if it failed, bounced or was held.
	Supersede(messageID, detail string) error
	// Bounced reports whether the email with that Message-ID bounced.
	Bounced(messageID string) (bool, error)
	// RetryOutbox makes a failed, held or bounced row due again now,
	// with RetriedByOperator as its last error; a sent (or pending) row
	// is refused with ECONFLICT, a missing one with ErrNotFound.
	RetryOutbox(id int64) error
	OutboxByID(id int64) (OutboxRow, error)
	ListOutbox(f OutboxFilter) ([]OutboxRow, error)
	// SentToSince counts the emails sent to addr at or after since.
	SentToSince(addr string, since time.Time) (int, error)
}

// AuditLog is the audit trail: what intake received, decided and sent,
// and who did it. Rows are only ever added.
type AuditLog interface {
	// Audit adds e; a zero e.At is the transaction's time.
	Audit(e AuditEntry) error
	// AuditTrail returns the entries of a case, oldest first; "" returns
	// every entry.
	AuditTrail(caseRef string) ([]AuditEntry, error)
	// AuditSince returns up to limit entries (all when limit <= 0)
	// with an id above after, oldest first.
	AuditSince(after int64, limit int) ([]AuditEntry, error)
}

// Meta keeps small named values (the last successful mailbox sync).
type Meta interface {
	SetMeta(key, value string) error
	// Meta returns a named value, or "" if it was never set.
	Meta(key string) (string, error)
}

// Message states. Ingest stores a message as MessageStored (or
// MessageQuarantined when it cannot keep it whole); casework moves it on.
const (
	MessageStored      = "stored"       // new, waiting to be filed
	MessageQuarantined = "quarantined"  // kept with headers only, or cannot be stored whole
	MessageProcessed   = "processed"    // filed on a case (or a bounce matched to our email)
	MessageUnreadable  = "unreadable"   // a form that could not be read: a person must see it
	MessageIgnored     = "ignored"      // an automatic reply or list mail: never answered
	MessageNeedsPerson = "needs_person" // not filed with confidence: a person must see it
	MessageFailed      = "failed"       // intake failed while filing it: a person must see it
	MessageDismissed   = "dismissed"    // a person looked at it and set it aside, with a reason
)

// MessageStates are every state a stored message may be in.
var MessageStates = []string{MessageStored, MessageQuarantined, MessageProcessed, MessageUnreadable, MessageIgnored,
	MessageNeedsPerson, MessageFailed, MessageDismissed}

// PersonQueueStates are the states of the messages in the queue a person
// works through.
var PersonQueueStates = []string{MessageNeedsPerson, MessageUnreadable, MessageFailed, MessageQuarantined}

// AwaitsPerson reports whether a message in state is in the queue a
// person works through.
func AwaitsPerson(state string) bool { return slices.Contains(PersonQueueStates, state) }

// Message is a stored message without its bytes.
type Message struct {
	ID          int64     `json:"id"`
	Mailbox     string    `json:"mailbox"`
	UIDValidity uint32    `json:"uidvalidity"`
	UID         uint32    `json:"uid"`
	MessageID   string    `json:"message_id"`
	SHA256      string    `json:"sha256"`
	Size        int64     `json:"size"`
	ReceivedAt  time.Time `json:"received_at"`
	StoredAt    time.Time `json:"stored_at"`
	State       string    `json:"state"`
	StateDetail string    `json:"state_detail,omitempty"`
}

// NewMessage is a message ingest is about to store. Raw is the whole
// message; for a quarantined oversize message Raw is nil and Header holds
// the header bytes.
type NewMessage struct {
	Mailbox     string
	UIDValidity uint32
	UID         uint32
	MessageID   string
	SHA256      string
	Size        int64
	Raw         []byte
	Header      []byte
	ReceivedAt  time.Time
	State       string
	StateDetail string
}

// MessageFilter selects messages; zero fields select all.
type MessageFilter struct {
	State   string
	Mailbox string
	AfterID int64 // only ids above this
	Limit   int   // at most this many (0: all)
}

// ParseResult is what parse made of a stored message, as casework saved
// it: its kind, the case it was filed under, and the result as JSON (the
// `intake parse --json` contract).
type ParseResult struct {
	Message  int64     `json:"message"`
	Kind     string    `json:"kind"`
	CaseRef  string    `json:"case_ref,omitempty"`
	Result   []byte    `json:"-"`
	ParsedAt time.Time `json:"parsed_at"`
}

// Checkpoint is how far ingest has read one mailbox: every UID up to
// LastUID under UIDValidity is stored.
type Checkpoint struct {
	Mailbox     string
	UIDValidity uint32
	LastUID     uint32
	UpdatedAt   time.Time
}

// PendingAction is a server action (move to a folder, set a keyword)
// promised for one UID and not yet confirmed done.
type PendingAction struct {
	Mailbox     string
	UIDValidity uint32
	UID         uint32
	Action      string // "move:FOLDER" or "flag:KEYWORD"
}

// Outbox states.
const (
	OutboxPending = "pending" // waiting for its next attempt
	OutboxSending = "sending" // claimed by the sender; due again when its lease ends
	OutboxSent    = "sent"
	OutboxFailed  = "failed"  // given up; shown until a person retries it
	OutboxBounced = "bounced" // a delivery status notification came back
	OutboxHeld    = "held"    // the recipient's daily cap was reached
	// OutboxSuperseded: a failed, bounced or held email replaced by a
	// later one (a request re-sent to a new address); kept for the record.
	OutboxSuperseded = "superseded"
)

// OutboxNotSent are the states of the emails that did not go and wait
// for a person: failed, bounced or held. Only these may be retried.
var OutboxNotSent = []string{OutboxFailed, OutboxBounced, OutboxHeld}

// RetriedByOperator is the last error of a row a person made due again:
// the sender lets it past the daily cap, since a person asked for it.
const RetriedByOperator = "retried by operator"

// OutboxRow is one email in the outbox.
type OutboxRow struct {
	ID            int64      `json:"id"`
	Key           string     `json:"key"`
	Kind          NoticeKind `json:"kind"`
	CaseRef       string     `json:"case_ref,omitempty"`
	MessageID     string     `json:"message_id"`
	State         string     `json:"state"`
	Attempts      int        `json:"attempts"`
	NextAttemptAt time.Time  `json:"next_attempt_at"`
	LastError     string     `json:"last_error,omitempty"`
	CreatedAt     time.Time  `json:"created_at"`
	SentAt        time.Time  `json:"sent_at,omitzero"`
	Notice        Notice     `json:"-"`
}

// OutboxFilter selects outbox rows; zero fields select all.
type OutboxFilter struct {
	States  []string
	CaseRef string
	Kind    string
	Limit   int  // at most this many rows (all when zero)
	Newest  bool // newest first, so that Limit keeps the latest
}

// AuditEntry is one line of the audit trail. Detail never holds names,
// dates of birth or form text: references and identifiers only.
type AuditEntry struct {
	ID        int64     `json:"id"`
	At        time.Time `json:"at"`
	Actor     string    `json:"actor"` // "intake", or the person who acted
	Action    string    `json:"action"`
	CaseRef   string    `json:"case_ref,omitempty"`
	MessageID int64     `json:"message_id,omitempty"`
	Detail    string    `json:"detail,omitempty"`
}
