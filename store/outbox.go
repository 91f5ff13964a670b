package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/base32"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/kscmp/intake"
)

// Outbox states (see migrations/0004_outbox.sql).
const (
	OutboxPending = "pending" // waiting for next_attempt_at
	OutboxSending = "sending" // claimed by the sender; back to due when its lease ends
	OutboxSent    = "sent"
	OutboxFailed  = "failed"  // given up; shown in the digest and `intake outbox --failed`
	OutboxBounced = "bounced" // a delivery status notification came back
	OutboxHeld    = "held"    // the recipient's daily cap was reached
)

// OutboxRow is one email in the outbox.
type OutboxRow struct {
	ID            int64             `json:"id"`
	Key           string            `json:"key"`
	Kind          intake.NoticeKind `json:"kind"`
	CaseRef       string            `json:"case_ref,omitempty"`
	MessageID     string            `json:"message_id"`
	State         string            `json:"state"`
	Attempts      int               `json:"attempts"`
	NextAttemptAt time.Time         `json:"next_attempt_at"`
	LastError     string            `json:"last_error,omitempty"`
	CreatedAt     time.Time         `json:"created_at"`
	SentAt        time.Time         `json:"sent_at,omitzero"`
	Notice        intake.Notice     `json:"-"`
}

var (
	midMu     sync.RWMutex
	midDomain = "intake.invalid"
)

// SetMessageIDDomain sets the domain of the Message-IDs Enqueue makes
// (the right-hand side of the partnership's own address). The daemon sets
// it once at start from the configured From address; until then it is
// "intake.invalid".
func SetMessageIDDomain(domain string) {
	domain = strings.ToLower(strings.TrimSpace(domain))
	if domain == "" {
		return
	}
	midMu.Lock()
	midDomain = domain
	midMu.Unlock()
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

// NoticeMessageID returns the Message-ID (without angle brackets) that
// Enqueue gives the notice with key key, with the domain last given to
// SetMessageIDDomain: casework can record it (e.g. as a summary request's
// Message-ID, to match replies) in the same transaction.
func NoticeMessageID(key string) string {
	midMu.RLock()
	defer midMu.RUnlock()
	return MessageIDFor(key, midDomain)
}

// outboxTime writes t as fixed-width UTC text, so that times sort as text.
func outboxTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000000Z") }

func parseOutboxTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

// Enqueue writes n as an outbox row inside the caller's transaction. A row with the same
// n.Key already existing is not an error: created is false and nothing changes.
//
// The row is due at n.NotBefore, or at now when that is zero. Its
// Message-ID is MessageIDFor(n.Key, domain) with the domain last given to
// SetMessageIDDomain.
func Enqueue(ctx context.Context, tx *sql.Tx, n intake.Notice, now time.Time) (created bool, err error) {
	if n.Key == "" {
		return false, fmt.Errorf("store: enqueuing %s notice: empty key", n.Kind)
	}
	body, err := json.Marshal(n)
	if err != nil {
		return false, fmt.Errorf("store: encoding notice %s: %w", n.Key, err)
	}
	due := n.NotBefore
	if due.IsZero() {
		due = now
	}
	midMu.RLock()
	domain := midDomain
	midMu.RUnlock()
	rcpt := make([]string, len(n.To))
	for i, a := range n.To {
		rcpt[i] = strings.ToLower(strings.TrimSpace(a))
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO outbox
		(key, kind, case_ref, message_id, recipients, notice, state, next_attempt_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (key) DO NOTHING`,
		n.Key, string(n.Kind), n.CaseRef, MessageIDFor(n.Key, domain), strings.Join(rcpt, ","),
		string(body), OutboxPending, outboxTime(due), outboxTime(now))
	if err != nil {
		return false, fmt.Errorf("store: enqueuing notice %s: %w", n.Key, err)
	}
	k, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: enqueuing notice %s: %w", n.Key, err)
	}
	return k == 1, nil
}

// rowQuerier is what both *sql.DB and *sql.Tx offer for reading.
type rowQuerier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

const outboxColumns = `id, key, kind, case_ref, message_id, state, attempts, next_attempt_at, last_error, created_at, COALESCE(sent_at, ''), notice`

func scanOutbox(rows *sql.Rows) ([]OutboxRow, error) {
	defer rows.Close()
	var out []OutboxRow
	for rows.Next() {
		var r OutboxRow
		var kind, next, created, sent, notice string
		if err := rows.Scan(&r.ID, &r.Key, &kind, &r.CaseRef, &r.MessageID, &r.State, &r.Attempts,
			&next, &r.LastError, &created, &sent, &notice); err != nil {
			return nil, fmt.Errorf("store: reading outbox row: %w", err)
		}
		r.Kind = intake.NoticeKind(kind)
		r.NextAttemptAt = parseOutboxTime(next)
		r.CreatedAt = parseOutboxTime(created)
		if sent != "" {
			r.SentAt = parseOutboxTime(sent)
		}
		if err := json.Unmarshal([]byte(notice), &r.Notice); err != nil {
			return nil, fmt.Errorf("store: decoding notice of outbox row %d: %w", r.ID, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reading outbox: %w", err)
	}
	return out, nil
}

// DueOutbox returns up to limit rows due at now, earliest first: pending
// rows whose next attempt has come, and sending rows whose lease ran out
// (the sender crashed while sending them).
func DueOutbox(ctx context.Context, q rowQuerier, now time.Time, limit int) ([]OutboxRow, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+outboxColumns+` FROM outbox
		WHERE state IN (?, ?) AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`,
		OutboxPending, OutboxSending, outboxTime(now), limit)
	if err != nil {
		return nil, fmt.Errorf("store: listing due outbox rows: %w", err)
	}
	return scanOutbox(rows)
}

// NextOutboxDue returns when the earliest pending (or leased) row falls
// due; ok is false when nothing is waiting.
func NextOutboxDue(ctx context.Context, q rowQuerier) (at time.Time, ok bool, err error) {
	var s sql.NullString
	err = q.QueryRowContext(ctx, `SELECT MIN(next_attempt_at) FROM outbox WHERE state IN (?, ?)`,
		OutboxPending, OutboxSending).Scan(&s)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("store: finding the next outbox row due: %w", err)
	}
	if !s.Valid {
		return time.Time{}, false, nil
	}
	return parseOutboxTime(s.String), true, nil
}
