package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kscmp/intake"
)

// ClaimOutbox marks row id as being sent, counts the attempt, and leases
// it until leaseUntil: if the sender dies before MarkSent or MarkRetry,
// the row falls due again then and is resent with the same Message-ID.
// claimed is false when the row is no longer due at the transaction's
// time (another pass took it).
func (t *tx) ClaimOutbox(id int64, leaseUntil time.Time) (claimed bool, err error) {
	res, err := t.tx.ExecContext(t.ctx, `UPDATE outbox SET state = ?, attempts = attempts + 1, next_attempt_at = ?
		WHERE id = ? AND state IN (?, ?) AND next_attempt_at <= ?`,
		intake.OutboxSending, outboxTime(leaseUntil), id, intake.OutboxPending, intake.OutboxSending, outboxTime(t.now))
	if err != nil {
		return false, fmt.Errorf("store: claiming outbox row %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: claiming outbox row %d: %w", id, err)
	}
	return n == 1, nil
}

func (t *tx) setOutbox(what string, id int64, query string, args ...any) error {
	res, err := t.tx.ExecContext(t.ctx, query, args...)
	if err != nil {
		return fmt.Errorf("store: marking outbox row %d %s: %w", id, what, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: marking outbox row %d %s: %w", id, what, notFound("no email %d in the outbox", id))
	}
	return nil
}

// MarkSent records that the SMTP server accepted row id, at the
// transaction's time.
func (t *tx) MarkSent(id int64) error {
	return t.setOutbox("sent", id, `UPDATE outbox SET state = ?, sent_at = ?, last_error = '' WHERE id = ?`,
		intake.OutboxSent, outboxTime(t.now), id)
}

// MarkRetry puts row id back to pending, due at next, remembering why the
// attempt failed.
func (t *tx) MarkRetry(id int64, next time.Time, reason string) error {
	return t.setOutbox("for retry", id, `UPDATE outbox SET state = ?, next_attempt_at = ?, last_error = ? WHERE id = ?`,
		intake.OutboxPending, outboxTime(next), reason, id)
}

// MarkFailed gives up on row id: it stays in the outbox, visible, until
// someone runs `intake outbox retry`.
func (t *tx) MarkFailed(id int64, reason string) error {
	return t.setOutbox("failed", id, `UPDATE outbox SET state = ?, last_error = ? WHERE id = ?`,
		intake.OutboxFailed, reason, id)
}

// MarkHeld holds row id because a recipient has had as many emails today
// as the configuration allows; it is shown in the digest.
func (t *tx) MarkHeld(id int64, until time.Time, reason string) error {
	return t.setOutbox("held", id, `UPDATE outbox SET state = ?, last_error = ?, next_attempt_at = ? WHERE id = ?`,
		intake.OutboxHeld, reason, outboxTime(until), id)
}

// ReleaseHeld makes pending again, due now, every held row whose time has
// come, and returns them as they were.
func (t *tx) ReleaseHeld() ([]intake.OutboxRow, error) {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT `+outboxColumns+` FROM outbox WHERE state = ? AND next_attempt_at <= ? ORDER BY id`,
		intake.OutboxHeld, outboxTime(t.now))
	if err != nil {
		return nil, fmt.Errorf("store: listing held outbox rows: %w", err)
	}
	list, err := scanOutbox(rows)
	if err != nil {
		return nil, err
	}
	for _, r := range list {
		if _, err := t.tx.ExecContext(t.ctx, `UPDATE outbox SET state = ?, next_attempt_at = ?, last_error = ? WHERE id = ?`,
			intake.OutboxPending, outboxTime(t.now), "released: a new day, the daily cap reset", r.ID); err != nil {
			return nil, fmt.Errorf("store: releasing outbox row %d: %w", r.ID, err)
		}
	}
	return list, nil
}

// bareMessageID is a Message-ID without spaces or angle brackets.
func bareMessageID(id string) string {
	return strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(id), "<"), ">")
}

// MarkBounced marks the row whose Message-ID is messageID (with or without
// angle brackets) as bounced, with detail (the DSN's status, never its
// text). ok is false when no row has that Message-ID: the bounce is not
// about one of our messages.
func (t *tx) MarkBounced(messageID, detail string) (ok bool, err error) {
	mid := bareMessageID(messageID)
	res, err := t.tx.ExecContext(t.ctx, `UPDATE outbox SET state = ?, last_error = ? WHERE message_id = ?`,
		intake.OutboxBounced, detail, mid)
	if err != nil {
		return false, fmt.Errorf("store: marking %s bounced: %w", mid, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: marking %s bounced: %w", mid, err)
	}
	return n > 0, nil
}

// Supersede marks the email with Message-ID messageID as replaced by a
// later one (a request re-sent to a new address), if it failed, bounced
// or was held: it is kept for the record and no longer shown as not sent.
func (t *tx) Supersede(messageID, detail string) error {
	mid := bareMessageID(messageID)
	_, err := t.tx.ExecContext(t.ctx, `UPDATE outbox SET state = ?, last_error = ? WHERE message_id = ? AND state IN (?, ?, ?)`,
		intake.OutboxSuperseded, detail, mid, intake.OutboxFailed, intake.OutboxBounced, intake.OutboxHeld)
	if err != nil {
		return fmt.Errorf("store: marking %s superseded: %w", mid, err)
	}
	return nil
}

// Bounced reports whether the email with Message-ID messageID came back
// as undeliverable (and has not been retried since).
func (t *tx) Bounced(messageID string) (bool, error) {
	mid := bareMessageID(messageID)
	var state string
	err := t.tx.QueryRowContext(t.ctx, `SELECT state FROM outbox WHERE message_id = ?`, mid).Scan(&state)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: reading state of %s: %w", mid, err)
	}
	return state == intake.OutboxBounced, nil
}

// RetryOutbox makes a failed, held or bounced row pending again, due at
// the transaction's time, with its attempts counted afresh (so that the
// maximum age runs from now) and intake.RetriedByOperator as its last
// error. Sent rows are never resent: it returns an ECONFLICT error for
// them.
func (t *tx) RetryOutbox(id int64) error {
	var state string
	err := t.tx.QueryRowContext(t.ctx, `SELECT state FROM outbox WHERE id = ?`, id).Scan(&state)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: retrying outbox row %d: %w", id, notFound("no email %d in the outbox", id))
	}
	if err != nil {
		return fmt.Errorf("store: retrying outbox row %d: %w", id, err)
	}
	switch state {
	case intake.OutboxFailed, intake.OutboxHeld, intake.OutboxBounced:
	default:
		return fmt.Errorf("store: retrying outbox row %d: %w", id,
			intake.Errorf(intake.ECONFLICT, "email %d is %s, not failed, held or bounced: there is nothing to retry", id, state))
	}
	return t.setOutbox("for retry", id, `UPDATE outbox SET state = ?, attempts = 0, next_attempt_at = ?, created_at = ?, last_error = ? WHERE id = ?`,
		intake.OutboxPending, outboxTime(t.now), outboxTime(t.now), intake.RetriedByOperator, id)
}
