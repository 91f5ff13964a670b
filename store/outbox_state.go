package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ClaimOutbox marks row id as being sent, counts the attempt, and leases
// it until leaseUntil: if the sender dies before MarkSent or MarkRetry,
// the row falls due again then and is resent with the same Message-ID.
// claimed is false when the row is no longer due (another pass took it).
func ClaimOutbox(ctx context.Context, tx *sql.Tx, id int64, now, leaseUntil time.Time) (claimed bool, err error) {
	res, err := tx.ExecContext(ctx, `UPDATE outbox SET state = ?, attempts = attempts + 1, next_attempt_at = ?
		WHERE id = ? AND state IN (?, ?) AND next_attempt_at <= ?`,
		OutboxSending, outboxTime(leaseUntil), id, OutboxPending, OutboxSending, outboxTime(now))
	if err != nil {
		return false, fmt.Errorf("store: claiming outbox row %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: claiming outbox row %d: %w", id, err)
	}
	return n == 1, nil
}

func setOutbox(ctx context.Context, tx *sql.Tx, what string, id int64, query string, args ...any) error {
	res, err := tx.ExecContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("store: marking outbox row %d %s: %w", id, what, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: marking outbox row %d %s: %w", id, what, ErrNotFound)
	}
	return nil
}

// MarkSent records that the SMTP server accepted row id at now.
func MarkSent(ctx context.Context, tx *sql.Tx, id int64, now time.Time) error {
	return setOutbox(ctx, tx, "sent", id, `UPDATE outbox SET state = ?, sent_at = ?, last_error = '' WHERE id = ?`,
		OutboxSent, outboxTime(now), id)
}

// MarkRetry puts row id back to pending, due at next, remembering why the
// attempt failed.
func MarkRetry(ctx context.Context, tx *sql.Tx, id int64, next time.Time, reason string) error {
	return setOutbox(ctx, tx, "for retry", id, `UPDATE outbox SET state = ?, next_attempt_at = ?, last_error = ? WHERE id = ?`,
		OutboxPending, outboxTime(next), reason, id)
}

// MarkFailed gives up on row id: it stays in the outbox, visible, until
// someone runs `intake outbox retry`.
func MarkFailed(ctx context.Context, tx *sql.Tx, id int64, reason string) error {
	return setOutbox(ctx, tx, "failed", id, `UPDATE outbox SET state = ?, last_error = ? WHERE id = ?`,
		OutboxFailed, reason, id)
}

// MarkHeld holds row id because a recipient has had as many emails today
// as the configuration allows; it is shown in the digest.
func MarkHeld(ctx context.Context, tx *sql.Tx, id int64, reason string) error {
	return setOutbox(ctx, tx, "held", id, `UPDATE outbox SET state = ?, last_error = ? WHERE id = ?`,
		OutboxHeld, reason, id)
}

// MarkBounced marks the row whose Message-ID is messageID (with or without
// angle brackets) as bounced, with detail (the DSN's status, never its
// text). ok is false when no row has that Message-ID: the bounce is not
// about one of our messages.
func MarkBounced(ctx context.Context, tx *sql.Tx, messageID, detail string) (ok bool, err error) {
	mid := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(messageID), "<"), ">")
	res, err := tx.ExecContext(ctx, `UPDATE outbox SET state = ?, last_error = ? WHERE message_id = ?`,
		OutboxBounced, detail, mid)
	if err != nil {
		return false, fmt.Errorf("store: marking %s bounced: %w", mid, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: marking %s bounced: %w", mid, err)
	}
	return n > 0, nil
}

// Bounced reports whether the email with Message-ID messageID came back
// as undeliverable (and has not been retried since).
func Bounced(ctx context.Context, q rowQuerier, messageID string) (bool, error) {
	mid := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(messageID), "<"), ">")
	var state string
	err := q.QueryRowContext(ctx, `SELECT state FROM outbox WHERE message_id = ?`, mid).Scan(&state)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: reading state of %s: %w", mid, err)
	}
	return state == OutboxBounced, nil
}

// RetriedByOperator is the last_error of a row RetryOutbox made due again:
// the sender lets it past the daily cap, since a person asked for it.
const RetriedByOperator = "retried by operator"

// RetryOutbox makes a failed, held or bounced row pending again, due at
// now, with its attempts counted afresh (so that the maximum age runs
// from now). Sent rows are never resent: it returns an error for them.
func RetryOutbox(ctx context.Context, tx *sql.Tx, id int64, now time.Time) error {
	var state string
	err := tx.QueryRowContext(ctx, `SELECT state FROM outbox WHERE id = ?`, id).Scan(&state)
	if err == sql.ErrNoRows {
		return fmt.Errorf("store: retrying outbox row %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("store: retrying outbox row %d: %w", id, err)
	}
	switch state {
	case OutboxFailed, OutboxHeld, OutboxBounced:
	default:
		return fmt.Errorf("store: retrying outbox row %d: it is %s, not failed, held or bounced", id, state)
	}
	return setOutbox(ctx, tx, "for retry", id, `UPDATE outbox SET state = ?, attempts = 0, next_attempt_at = ?, created_at = ?, last_error = ? WHERE id = ?`,
		OutboxPending, outboxTime(now), outboxTime(now), RetriedByOperator, id)
}

// OutboxByID returns one outbox row.
func OutboxByID(ctx context.Context, q rowQuerier, id int64) (OutboxRow, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+outboxColumns+` FROM outbox WHERE id = ?`, id)
	if err != nil {
		return OutboxRow{}, fmt.Errorf("store: reading outbox row %d: %w", id, err)
	}
	list, err := scanOutbox(rows)
	if err != nil {
		return OutboxRow{}, err
	}
	if len(list) == 0 {
		return OutboxRow{}, fmt.Errorf("store: reading outbox row %d: %w", id, ErrNotFound)
	}
	return list[0], nil
}

// OutboxFilter selects outbox rows for ListOutbox.
type OutboxFilter struct {
	States  []string // any state when empty
	CaseRef string
	Kind    string
	Limit   int // all when 0
}

// ListOutbox returns the rows f selects, oldest first.
func ListOutbox(ctx context.Context, q rowQuerier, f OutboxFilter) ([]OutboxRow, error) {
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
	if f.Limit > 0 {
		query += fmt.Sprintf(` LIMIT %d`, f.Limit)
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: listing outbox: %w", err)
	}
	return scanOutbox(rows)
}

// SentToSince counts the emails sent to addr (case-insensitive) at or
// after since, for the per-recipient daily cap.
func SentToSince(ctx context.Context, q rowQuerier, addr string, since time.Time) (int, error) {
	addr = strings.ToLower(strings.TrimSpace(addr))
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM outbox WHERE state IN (?, ?) AND sent_at >= ?
		AND (',' || recipients || ',') LIKE ? ESCAPE '\'`,
		OutboxSent, OutboxBounced, outboxTime(since), "%,"+likeEscape(addr)+",%").Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: counting emails sent to one recipient: %w", err)
	}
	return n, nil
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
