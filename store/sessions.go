package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/kscmp/intake"
)

var (
	_ intake.Sessions      = (*Store)(nil)
	_ intake.AuditAppender = (*Store)(nil)
)

// CreateSession stores a new web session.
func (s *Store) CreateSession(ctx context.Context, ss intake.Session) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO sessions (key, email, name, role, via, created_at, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		ss.Key, intake.NormalizeEmail(ss.Email), ss.Name, string(ss.Role), ss.Via, outboxTime(ss.CreatedAt), outboxTime(ss.LastSeen))
	if err != nil {
		return fmt.Errorf("store: creating session: %w", err)
	}
	return nil
}

// Session returns the web session with the key.
func (s *Store) Session(ctx context.Context, key string) (intake.Session, error) {
	ss := intake.Session{Key: key}
	var role, created, seen string
	err := s.db.QueryRowContext(ctx, `SELECT email, name, role, via, created_at, last_seen FROM sessions WHERE key = ?`, key).
		Scan(&ss.Email, &ss.Name, &role, &ss.Via, &created, &seen)
	if errors.Is(err, sql.ErrNoRows) {
		return ss, intake.ErrNoSession
	}
	if err != nil {
		return ss, fmt.Errorf("store: reading session: %w", err)
	}
	ss.Role = intake.Role(role)
	ss.CreatedAt = parseTime(created)
	ss.LastSeen = parseTime(seen)
	return ss, nil
}

// TouchSession records that the session was used at now.
func (s *Store) TouchSession(ctx context.Context, key string, now time.Time) error {
	if _, err := s.db.ExecContext(ctx, `UPDATE sessions SET last_seen = ? WHERE key = ?`, outboxTime(now), key); err != nil {
		return fmt.Errorf("store: touching session: %w", err)
	}
	return nil
}

// DeleteSession ends one session.
func (s *Store) DeleteSession(ctx context.Context, key string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE key = ?`, key); err != nil {
		return fmt.Errorf("store: deleting session: %w", err)
	}
	return nil
}

// DeleteSessionsOf ends every session of a person.
func (s *Store) DeleteSessionsOf(ctx context.Context, email string) (int, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE email = ?`, intake.NormalizeEmail(email))
	if err != nil {
		return 0, fmt.Errorf("store: deleting sessions: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// DeleteExpiredSessions ends every session idle since before idleBefore
// or created before createdBefore.
func (s *Store) DeleteExpiredSessions(ctx context.Context, idleBefore, createdBefore time.Time) (int, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE last_seen < ? OR created_at < ?`,
		outboxTime(idleBefore), outboxTime(createdBefore))
	if err != nil {
		return 0, fmt.Errorf("store: deleting expired sessions: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// AppendAudit appends a line to the audit trail in its own transaction
// (the web work queue's sign-ins and views of information, which change
// nothing else).
func (s *Store) AppendAudit(ctx context.Context, l intake.AuditLine) error {
	return s.Update(ctx, func(t intake.Tx) error {
		return t.Audit(intake.AuditEntry{At: l.At, Actor: l.Actor, Action: l.Action, CaseRef: l.CaseRef, MessageID: l.MessageID, Detail: l.Detail})
	})
}
