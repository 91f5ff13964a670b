package store

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/kscmp/intake"
)

var _ intake.Accounts = (*tx)(nil)

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

// Account returns the local account for a sign-in name.
func (t *tx) Account(email string) (intake.Account, error) {
	email = intake.NormalizeEmail(email)
	a, err := scanAccount(t.tx.QueryRowContext(t.ctx, `SELECT `+accountColumns+` FROM accounts WHERE email = ?`, email))
	if errors.Is(err, sql.ErrNoRows) {
		return a, notFound("There is no account %s.", email)
	}
	if err != nil {
		return a, fmt.Errorf("store: reading an account: %w", err)
	}
	return a, nil
}

// ListAccounts returns every local account, by sign-in name.
func (t *tx) ListAccounts() ([]intake.Account, error) {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT `+accountColumns+` FROM accounts ORDER BY email`)
	if err != nil {
		return nil, fmt.Errorf("store: listing accounts: %w", err)
	}
	defer rows.Close()
	var out []intake.Account
	for rows.Next() {
		a, err := scanAccount(rows)
		if err != nil {
			return nil, fmt.Errorf("store: reading an account: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: listing accounts: %w", err)
	}
	return out, nil
}

// PutAccount creates the account, or replaces all of it but its creation
// time. A zero UpdatedAt (or CreatedAt, for a new account) is the
// transaction's time.
func (t *tx) PutAccount(a intake.Account) error {
	if _, err := intake.ParseRole(string(a.Role)); err != nil {
		return err
	}
	email := intake.NormalizeEmail(a.Email)
	if email == "" {
		return intake.Errorf(intake.EINVALID, "An account needs a sign-in name (an email address).")
	}
	if a.CreatedAt.IsZero() {
		a.CreatedAt = t.now
	}
	if a.UpdatedAt.IsZero() {
		a.UpdatedAt = t.now
	}
	_, err := t.tx.ExecContext(t.ctx, `INSERT INTO accounts (`+accountColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (email) DO UPDATE SET name = excluded.name, role = excluded.role,
			password_hash = excluded.password_hash, failed_logins = excluded.failed_logins,
			locked_until = excluded.locked_until, updated_at = excluded.updated_at`,
		email, a.Name, string(a.Role), a.PasswordHash, a.FailedLogins, lockedText(a.LockedUntil),
		outboxTime(a.CreatedAt), outboxTime(a.UpdatedAt))
	if err != nil {
		return fmt.Errorf("store: saving an account: %w", err)
	}
	return nil
}

// RemoveAccount deletes a local account and its sessions.
func (t *tx) RemoveAccount(email string) error {
	email = intake.NormalizeEmail(email)
	res, err := t.tx.ExecContext(t.ctx, `DELETE FROM accounts WHERE email = ?`, email)
	if err != nil {
		return fmt.Errorf("store: removing an account: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound("There is no account %s.", email)
	}
	if _, err := t.tx.ExecContext(t.ctx, `DELETE FROM sessions WHERE email = ?`, email); err != nil {
		return fmt.Errorf("store: ending the account's sessions: %w", err)
	}
	return nil
}
