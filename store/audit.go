package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// AuditEntry is one line of the audit trail.
type AuditEntry struct {
	ID        int64     `json:"id"`
	At        time.Time `json:"at"`
	Actor     string    `json:"actor"`
	Action    string    `json:"action"`
	CaseRef   string    `json:"case_ref,omitempty"`
	MessageID int64     `json:"message_id,omitempty"`
	Detail    string    `json:"detail,omitempty"`
}

// execer is what both *sql.DB and *sql.Tx offer.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Audit appends an entry to the audit trail inside the caller's
// transaction, so that the record and the change it describes commit
// together.
func Audit(ctx context.Context, tx execer, e AuditEntry) error {
	var msg any
	if e.MessageID != 0 {
		msg = e.MessageID
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO audit (at, actor, action, case_ref, message_id, detail) VALUES (?, ?, ?, ?, ?, ?)`,
		e.At.UTC().Format(time.RFC3339Nano), e.Actor, e.Action, e.CaseRef, msg, e.Detail)
	if err != nil {
		return fmt.Errorf("store: writing audit %s: %w", e.Action, err)
	}
	return nil
}

// AuditTrail returns the entries for a case reference, oldest first; an
// empty reference returns every entry.
func (s *Store) AuditTrail(ctx context.Context, caseRef string) ([]AuditEntry, error) {
	q := `SELECT id, at, actor, action, case_ref, COALESCE(message_id, 0), detail FROM audit`
	var args []any
	if caseRef != "" {
		q += ` WHERE case_ref = ?`
		args = append(args, caseRef)
	}
	rows, err := s.DB.QueryContext(ctx, q+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: reading audit trail: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at string
		if err := rows.Scan(&e.ID, &at, &e.Actor, &e.Action, &e.CaseRef, &e.MessageID, &e.Detail); err != nil {
			return nil, fmt.Errorf("store: reading audit row: %w", err)
		}
		e.At, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// SetMeta records a small named value, such as the last successful sync.
func (s *Store) SetMeta(ctx context.Context, key, value string) error {
	_, err := s.DB.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value)
	if err != nil {
		return fmt.Errorf("store: setting %s: %w", key, err)
	}
	return nil
}

// Meta returns a named value, or "" if it was never set.
func (s *Store) Meta(ctx context.Context, key string) (string, error) {
	var v string
	err := s.DB.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	if err == sql.ErrNoRows {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: reading %s: %w", key, err)
	}
	return v, nil
}
