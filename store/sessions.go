package store

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/kscmp/intake"
)

var _ intake.Sessions = (*tx)(nil)

// Times of sessions are written fixed-width (outboxTime), so that the
// expiry query compares them as text.

// CreateSession stores a new web session.
func (t *tx) CreateSession(ss intake.Session) error {
	_, err := t.tx.ExecContext(t.ctx, `INSERT INTO sessions (key, email, name, role, via, created_at, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		ss.Key, intake.NormalizeEmail(ss.Email), ss.Name, string(ss.Role), ss.Via, outboxTime(ss.CreatedAt), outboxTime(ss.LastSeen))
	if err != nil {
		return fmt.Errorf("store: creating a session: %w", err)
	}
	return nil
}

// Session returns the web session with the key.
func (t *tx) Session(key string) (intake.Session, error) {
	ss := intake.Session{Key: key}
	var role, created, seen string
	err := t.tx.QueryRowContext(t.ctx, `SELECT email, name, role, via, created_at, last_seen FROM sessions WHERE key = ?`, key).
		Scan(&ss.Email, &ss.Name, &role, &ss.Via, &created, &seen)
	if errors.Is(err, sql.ErrNoRows) {
		return ss, notFound("There is no such session.")
	}
	if err != nil {
		return ss, fmt.Errorf("store: reading a session: %w", err)
	}
	ss.Role = intake.Role(role)
	ss.CreatedAt = parseTime(created)
	ss.LastSeen = parseTime(seen)
	return ss, nil
}

// TouchSession records that the session was used at at.
func (t *tx) TouchSession(key string, at time.Time) error {
	if _, err := t.tx.ExecContext(t.ctx, `UPDATE sessions SET last_seen = ? WHERE key = ?`, outboxTime(at), key); err != nil {
		return fmt.Errorf("store: touching a session: %w", err)
	}
	return nil
}

// DeleteSession ends one session.
func (t *tx) DeleteSession(key string) error {
	if _, err := t.tx.ExecContext(t.ctx, `DELETE FROM sessions WHERE key = ?`, key); err != nil {
		return fmt.Errorf("store: deleting a session: %w", err)
	}
	return nil
}

// DeleteSessionsOf ends every session of a person.
func (t *tx) DeleteSessionsOf(email string) (int, error) {
	res, err := t.tx.ExecContext(t.ctx, `DELETE FROM sessions WHERE email = ?`, intake.NormalizeEmail(email))
	if err != nil {
		return 0, fmt.Errorf("store: deleting sessions: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// DeleteExpiredSessions ends every session idle since before idleBefore
// or created before createdBefore.
func (t *tx) DeleteExpiredSessions(idleBefore, createdBefore time.Time) (int, error) {
	res, err := t.tx.ExecContext(t.ctx, `DELETE FROM sessions WHERE last_seen < ? OR created_at < ?`,
		outboxTime(idleBefore), outboxTime(createdBefore))
	if err != nil {
		return 0, fmt.Errorf("store: deleting expired sessions: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
