package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/kscmp/intake"
)

// audit appends e to the audit trail through w, so that the record and
// the change it describes commit together.
func audit(ctx context.Context, w execer, e intake.AuditEntry) error {
	var msg any
	if e.MessageID != 0 {
		msg = e.MessageID
	}
	_, err := w.ExecContext(ctx, `INSERT INTO audit (at, actor, action, case_ref, message_id, detail) VALUES (?, ?, ?, ?, ?, ?)`,
		timeText(e.At), e.Actor, e.Action, e.CaseRef, msg, e.Detail)
	if err != nil {
		return fmt.Errorf("store: writing audit %s: %w", e.Action, err)
	}
	return nil
}

// Audit adds e to the audit trail; a zero e.At is the transaction's time.
func (t *tx) Audit(e intake.AuditEntry) error {
	if e.At.IsZero() {
		e.At = t.now
	}
	return audit(t.ctx, t.tx, e)
}

const auditColumns = `id, at, actor, action, case_ref, COALESCE(message_id, 0), detail`

func (t *tx) auditEntries(what, query string, args ...any) ([]intake.AuditEntry, error) {
	rows, err := t.tx.QueryContext(t.ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: reading %s: %w", what, err)
	}
	defer rows.Close()
	var out []intake.AuditEntry
	for rows.Next() {
		var e intake.AuditEntry
		var at string
		if err := rows.Scan(&e.ID, &at, &e.Actor, &e.Action, &e.CaseRef, &e.MessageID, &e.Detail); err != nil {
			return nil, fmt.Errorf("store: reading %s: %w", what, err)
		}
		e.At = parseTime(at)
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reading %s: %w", what, err)
	}
	return out, nil
}

// AuditTrail returns the entries of a case, oldest first; an empty
// reference returns every entry.
func (t *tx) AuditTrail(caseRef string) ([]intake.AuditEntry, error) {
	if caseRef == "" {
		return t.auditEntries("the audit trail", `SELECT `+auditColumns+` FROM audit ORDER BY id`)
	}
	return t.auditEntries("the audit trail of "+caseRef, `SELECT `+auditColumns+` FROM audit WHERE case_ref = ? ORDER BY id`, caseRef)
}

// AuditSince returns up to limit entries with an id above after, oldest
// first (limit <= 0: all of them).
func (t *tx) AuditSince(after int64, limit int) ([]intake.AuditEntry, error) {
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	return t.auditEntries("the audit trail", `SELECT `+auditColumns+` FROM audit WHERE id > ? ORDER BY id LIMIT ?`, after, limit)
}

// SetMeta records a small named value, such as the last successful sync.
func (t *tx) SetMeta(key, value string) error {
	_, err := t.tx.ExecContext(t.ctx, `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value)
	if err != nil {
		return fmt.Errorf("store: setting %s: %w", key, err)
	}
	return nil
}

// Meta returns a named value, or "" if it was never set.
func (t *tx) Meta(key string) (string, error) {
	return meta(t.ctx, t.tx, key)
}

func meta(ctx context.Context, q querier, key string) (string, error) {
	var v string
	err := q.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: reading %s: %w", key, err)
	}
	return v, nil
}
