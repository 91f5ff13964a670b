package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/kscmp/intake"
)

var _ intake.Accounts = (*Store)(nil)

const accountColumns = `email, name, role, password_hash, failed_logins, locked_until, created_at, updated_at`

func scanAccount(row interface{ Scan(...any) error }) (intake.Account, error) {
	var a intake.Account
	var role, locked, created, updated string
	if err := row.Scan(&a.Email, &a.Name, &role, &a.PasswordHash, &a.FailedLogins, &locked, &created, &updated); err != nil {
		return a, err
	}
	a.Role = intake.Role(role)
	a.LockedUntil = parseTime(locked)
	a.CreatedAt = parseTime(created)
	a.UpdatedAt = parseTime(updated)
	return a, nil
}

// lockedText writes a lock's end, or the empty string for no lock.
func lockedText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return outboxTime(t)
}

func getAccount(ctx context.Context, q querier, email string) (intake.Account, error) {
	a, err := scanAccount(q.QueryRowContext(ctx, `SELECT `+accountColumns+` FROM accounts WHERE email = ?`, intake.NormalizeEmail(email)))
	if errors.Is(err, sql.ErrNoRows) {
		return a, intake.ErrNoAccount
	}
	if err != nil {
		return a, fmt.Errorf("store: reading account: %w", err)
	}
	return a, nil
}

// Account returns the local account for a sign-in name.
func (s *Store) Account(ctx context.Context, email string) (intake.Account, error) {
	return getAccount(ctx, s.db, email)
}

// ListAccounts returns every local account, by sign-in name.
func (s *Store) ListAccounts(ctx context.Context) ([]intake.Account, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+accountColumns+` FROM accounts ORDER BY email`)
	if err != nil {
		return nil, fmt.Errorf("store: listing accounts: %w", err)
	}
	defer rows.Close()
	var out []intake.Account
	for rows.Next() {
		a, err := scanAccount(rows)
		if err != nil {
			return nil, fmt.Errorf("store: reading account: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// PutAccount creates the account, or replaces all of it but its creation
// time.
func (s *Store) PutAccount(ctx context.Context, a intake.Account) error {
	if _, err := intake.ParseRole(string(a.Role)); err != nil {
		return fmt.Errorf("store: saving account: %w", err)
	}
	email := intake.NormalizeEmail(a.Email)
	if email == "" {
		return fmt.Errorf("store: saving account: no sign-in name")
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO accounts (`+accountColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (email) DO UPDATE SET name = excluded.name, role = excluded.role,
			password_hash = excluded.password_hash, failed_logins = excluded.failed_logins,
			locked_until = excluded.locked_until, updated_at = excluded.updated_at`,
		email, a.Name, string(a.Role), a.PasswordHash, a.FailedLogins, lockedText(a.LockedUntil),
		outboxTime(a.CreatedAt), outboxTime(a.UpdatedAt))
	if err != nil {
		return fmt.Errorf("store: saving account: %w", err)
	}
	return nil
}

// RemoveAccount deletes a local account and its sessions.
func (s *Store) RemoveAccount(ctx context.Context, email string) error {
	email = intake.NormalizeEmail(email)
	return s.Update(ctx, func(t intake.Tx) error {
		tx := t.(*tx).tx
		res, err := tx.ExecContext(ctx, `DELETE FROM accounts WHERE email = ?`, email)
		if err != nil {
			return fmt.Errorf("store: removing account: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return intake.ErrNoAccount
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE email = ?`, email); err != nil {
			return fmt.Errorf("store: ending the account's sessions: %w", err)
		}
		return nil
	})
}

// LoginFailed records a failed sign-in under the lockout policy, reading
// and writing the account in one immediate transaction so that two
// guesses at once both count.
func (s *Store) LoginFailed(ctx context.Context, email string, p intake.LockoutPolicy, now time.Time) (a intake.Account, lockedNow bool, err error) {
	err = s.Update(ctx, func(t intake.Tx) error {
		tx := t.(*tx).tx
		var err error
		if a, err = getAccount(ctx, tx, email); err != nil {
			return err
		}
		a, lockedNow = p.Fail(a, now)
		_, err = tx.ExecContext(ctx, `UPDATE accounts SET failed_logins = ?, locked_until = ?, updated_at = ? WHERE email = ?`,
			a.FailedLogins, lockedText(a.LockedUntil), outboxTime(a.UpdatedAt), a.Email)
		if err != nil {
			return fmt.Errorf("store: recording a failed sign-in: %w", err)
		}
		return nil
	})
	return a, lockedNow, err
}

// LoginSucceeded clears the account's failure count.
func (s *Store) LoginSucceeded(ctx context.Context, email string, now time.Time) error {
	_, err := s.db.ExecContext(ctx, `UPDATE accounts SET failed_logins = 0, updated_at = ? WHERE email = ?`,
		outboxTime(now), intake.NormalizeEmail(email))
	if err != nil {
		return fmt.Errorf("store: recording a sign-in: %w", err)
	}
	return nil
}
