package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kscmp/intake"
)

// outboxTime writes t as fixed-width UTC text, so that times sort as text.
func outboxTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000000Z") }

// Enqueue writes n as an outbox row. A row with the same n.Key already
// existing is not an error: created is false and nothing changes.
//
// The row is due at n.NotBefore, or at the transaction's time when that
// is zero. Its Message-ID is intake.MessageIDFor(n.Key, domain), with the
// domain the store was opened with.
func (t *tx) Enqueue(n intake.Notice) (created bool, err error) {
	if n.Key == "" {
		return false, fmt.Errorf("store: enqueuing %s notice: empty key", n.Kind)
	}
	body, err := json.Marshal(n)
	if err != nil {
		return false, fmt.Errorf("store: encoding notice %s: %w", n.Key, err)
	}
	due := n.NotBefore
	if due.IsZero() {
		due = t.now
	}
	rcpt := make([]string, len(n.To))
	for i, a := range n.To {
		rcpt[i] = strings.ToLower(strings.TrimSpace(a))
	}
	res, err := t.tx.ExecContext(t.ctx, `INSERT INTO outbox
		(key, kind, case_ref, message_id, recipients, notice, state, next_attempt_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (key) DO NOTHING`,
		n.Key, string(n.Kind), n.CaseRef, intake.MessageIDFor(n.Key, t.domain), strings.Join(rcpt, ","),
		string(body), intake.OutboxPending, outboxTime(due), outboxTime(t.now))
	if err != nil {
		return false, fmt.Errorf("store: enqueuing notice %s: %w", n.Key, err)
	}
	k, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: enqueuing notice %s: %w", n.Key, err)
	}
	return k == 1, nil
}

// OutboxMessageID returns the Message-ID (without angle brackets) of the
// outbox row with idempotency key key, as Enqueue fixed it: casework
// records it on a summary request to match the SPOC's reply.
func (t *tx) OutboxMessageID(key string) (string, error) {
	var mid string
	err := t.tx.QueryRowContext(t.ctx, `SELECT message_id FROM outbox WHERE key = ?`, key).Scan(&mid)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("store: reading Message-ID of notice %s: %w", key, notFound("no email queued with key %s", key))
	}
	if err != nil {
		return "", fmt.Errorf("store: reading Message-ID of notice %s: %w", key, err)
	}
	return mid, nil
}

// NoticesToSince counts the notices of kind queued for addr
// (case-insensitive) at or after since, whatever became of them: the
// per-sender daily cap on acknowledgements.
func (t *tx) NoticesToSince(kind intake.NoticeKind, addr string, since time.Time) (int, error) {
	addr = strings.ToLower(strings.TrimSpace(addr))
	var n int
	err := t.tx.QueryRowContext(t.ctx, `SELECT COUNT(*) FROM outbox WHERE kind = ? AND created_at >= ?
		AND (',' || recipients || ',') LIKE ? ESCAPE '\'`,
		string(kind), outboxTime(since), "%,"+likeEscape(addr)+",%").Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: counting %s notices to one recipient: %w", kind, err)
	}
	return n, nil
}

const outboxColumns = `id, key, kind, case_ref, message_id, state, attempts, next_attempt_at, last_error, created_at, COALESCE(sent_at, ''), notice`

func scanOutbox(rows *sql.Rows) ([]intake.OutboxRow, error) {
	defer rows.Close()
	var out []intake.OutboxRow
	for rows.Next() {
		var r intake.OutboxRow
		var kind, next, created, sent, notice string
		if err := rows.Scan(&r.ID, &r.Key, &kind, &r.CaseRef, &r.MessageID, &r.State, &r.Attempts,
			&next, &r.LastError, &created, &sent, &notice); err != nil {
			return nil, fmt.Errorf("store: reading outbox row: %w", err)
		}
		r.Kind = intake.NoticeKind(kind)
		r.NextAttemptAt, r.CreatedAt, r.SentAt = parseTime(next), parseTime(created), parseTime(sent)
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

// DueOutbox returns up to limit rows due at the transaction's time,
// earliest first: pending rows whose next attempt has come, and sending
// rows whose lease ran out (the sender crashed while sending them).
func (t *tx) DueOutbox(limit int) ([]intake.OutboxRow, error) {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT `+outboxColumns+` FROM outbox
		WHERE state IN (?, ?) AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`,
		intake.OutboxPending, intake.OutboxSending, outboxTime(t.now), limit)
	if err != nil {
		return nil, fmt.Errorf("store: listing due outbox rows: %w", err)
	}
	return scanOutbox(rows)
}

// NextOutboxDue returns when the earliest pending (or leased) row falls
// due; ok is false when nothing is waiting.
func (t *tx) NextOutboxDue() (at time.Time, ok bool, err error) {
	var s sql.NullString
	err = t.tx.QueryRowContext(t.ctx, `SELECT MIN(next_attempt_at) FROM outbox WHERE state IN (?, ?, ?)`,
		intake.OutboxPending, intake.OutboxSending, intake.OutboxHeld).Scan(&s)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("store: finding the next outbox row due: %w", err)
	}
	if !s.Valid {
		return time.Time{}, false, nil
	}
	return parseTime(s.String), true, nil
}

// OutboxByID returns one outbox row.
func (t *tx) OutboxByID(id int64) (intake.OutboxRow, error) {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT `+outboxColumns+` FROM outbox WHERE id = ?`, id)
	if err != nil {
		return intake.OutboxRow{}, fmt.Errorf("store: reading outbox row %d: %w", id, err)
	}
	list, err := scanOutbox(rows)
	if err != nil {
		return intake.OutboxRow{}, err
	}
	if len(list) == 0 {
		return intake.OutboxRow{}, fmt.Errorf("store: reading outbox row %d: %w", id, notFound("no email %d in the outbox", id))
	}
	return list[0], nil
}

// ListOutbox returns the rows f selects, oldest first (newest first when
// f.Newest).
func (t *tx) ListOutbox(f intake.OutboxFilter) ([]intake.OutboxRow, error) {
	var where []string
	var args []any
	if len(f.States) > 0 {
		where = append(where, `state IN (?`+strings.Repeat(`, ?`, len(f.States)-1)+`)`)
		for _, s := range f.States {
			args = append(args, s)
		}
	}
	if f.CaseRef != "" {
		where = append(where, `case_ref = ?`)
		args = append(args, f.CaseRef)
	}
	if f.Kind != "" {
		where = append(where, `kind = ?`)
		args = append(args, f.Kind)
	}
	query := `SELECT ` + outboxColumns + ` FROM outbox`
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, ` AND `)
	}
	query += ` ORDER BY id`
	if f.Newest {
		query += ` DESC`
	}
	if f.Limit > 0 {
		query += fmt.Sprintf(` LIMIT %d`, f.Limit)
	}
	rows, err := t.tx.QueryContext(t.ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: listing outbox: %w", err)
	}
	return scanOutbox(rows)
}

// SentToSince counts the emails sent to addr (case-insensitive) at or
// after since, for the per-recipient daily cap.
func (t *tx) SentToSince(addr string, since time.Time) (int, error) {
	addr = strings.ToLower(strings.TrimSpace(addr))
	var n int
	err := t.tx.QueryRowContext(t.ctx, `SELECT COUNT(*) FROM outbox WHERE state IN (?, ?) AND sent_at >= ?
		AND (',' || recipients || ',') LIKE ? ESCAPE '\'`,
		intake.OutboxSent, intake.OutboxBounced, outboxTime(since), "%,"+likeEscape(addr)+",%").Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: counting emails sent to one recipient: %w", err)
	}
	return n, nil
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
