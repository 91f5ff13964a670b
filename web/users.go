package web

import (
	"context"
	"crypto/rand"
	"net/mail"
	"strings"
	"time"

	"github.com/kscmp/intake"
)

// Local accounts are managed from the server's shell (`intake user add`,
// `remove`, `passwd`, `role`, `unlock`, `list`): these functions are what
// those commands call. Each change commits in one transaction with its
// audit line naming who made it; a new password, a new role or a removal
// ends the person's sessions. Hashing a password (argon2id, deliberately
// slow) happens before the transaction, never while holding it.

// UserAdmin changes local accounts.
type UserAdmin struct {
	Store  intake.Store
	Params PasswordParams
}

// Add creates a local account with a password. by names who did it.
func (u UserAdmin) Add(ctx context.Context, by, email, name string, role intake.Role, password string) error {
	email = intake.NormalizeEmail(email)
	if a, err := mail.ParseAddress(email); err != nil || a.Address != email {
		return intake.Errorf(intake.EINVALID, "%q is not an email address: a local account signs in with one.", email)
	}
	if _, err := intake.ParseRole(string(role)); err != nil {
		return err
	}
	name = strings.TrimSpace(name)
	if name == "" {
		return intake.Errorf(intake.EINVALID, "An account needs the person's name (--name): the audit trail shows it.")
	}
	if err := CheckPassword(password); err != nil {
		return err
	}
	hash, err := HashPassword(password, u.Params)
	if err != nil {
		return err
	}
	return u.Store.Update(ctx, func(tx intake.Tx) error {
		if _, err := tx.Account(email); err == nil {
			return intake.Errorf(intake.ECONFLICT, "There is already an account %s: `intake user passwd` gives it a new password.", email)
		} else if intake.ErrorCode(err) != intake.ENOTFOUND {
			return err
		}
		if err := tx.PutAccount(intake.Account{Email: email, Name: name, Role: role, PasswordHash: hash}); err != nil {
			return err
		}
		return tx.Audit(intake.AuditEntry{Actor: by, Action: "web.account_added", Detail: email + ", role " + string(role)})
	})
}

// Remove deletes a local account and ends its sessions.
func (u UserAdmin) Remove(ctx context.Context, by, email string) error {
	email = intake.NormalizeEmail(email)
	return u.Store.Update(ctx, func(tx intake.Tx) error {
		if err := tx.RemoveAccount(email); err != nil {
			return err
		}
		return tx.Audit(intake.AuditEntry{Actor: by, Action: "web.account_removed", Detail: email})
	})
}

// change runs fn on an existing account and saves it with its audit line;
// endSessions ends the person's sessions (which carry the old password's
// or role's standing).
func (u UserAdmin) change(ctx context.Context, email string, endSessions bool, fn func(a *intake.Account) intake.AuditEntry) error {
	return u.Store.Update(ctx, func(tx intake.Tx) error {
		a, err := tx.Account(email)
		if err != nil {
			return err
		}
		e := fn(&a)
		a.UpdatedAt = tx.Now()
		if err := tx.PutAccount(a); err != nil {
			return err
		}
		if endSessions {
			if _, err := tx.DeleteSessionsOf(a.Email); err != nil {
				return err
			}
		}
		return tx.Audit(e)
	})
}

// SetPassword gives an account a new password, clears any lock, and ends
// its sessions.
func (u UserAdmin) SetPassword(ctx context.Context, by, email, password string) error {
	if err := CheckPassword(password); err != nil {
		return err
	}
	hash, err := HashPassword(password, u.Params)
	if err != nil {
		return err
	}
	return u.change(ctx, email, true, func(a *intake.Account) intake.AuditEntry {
		a.PasswordHash, a.FailedLogins, a.LockedUntil = hash, 0, time.Time{}
		return intake.AuditEntry{Actor: by, Action: "web.password_set", Detail: a.Email}
	})
}

// SetRole changes an account's role and ends its sessions, which carry
// the old role.
func (u UserAdmin) SetRole(ctx context.Context, by, email string, role intake.Role) error {
	if _, err := intake.ParseRole(string(role)); err != nil {
		return err
	}
	return u.change(ctx, email, true, func(a *intake.Account) intake.AuditEntry {
		a.Role = role
		return intake.AuditEntry{Actor: by, Action: "web.role_set", Detail: a.Email + ", role " + string(role)}
	})
}

// Unlock lifts a lockout before it ends by itself.
func (u UserAdmin) Unlock(ctx context.Context, by, email string) error {
	return u.change(ctx, email, false, func(a *intake.Account) intake.AuditEntry {
		a.FailedLogins, a.LockedUntil = 0, time.Time{}
		return intake.AuditEntry{Actor: by, Action: "web.account_unlocked", Detail: a.Email}
	})
}

// List returns every local account.
func (u UserAdmin) List(ctx context.Context) ([]intake.Account, error) {
	var list []intake.Account
	err := u.Store.View(ctx, func(tx intake.Tx) (err error) {
		list, err = tx.ListAccounts()
		return err
	})
	return list, err
}

// GeneratePassword returns a random password (26 base32 letters and
// digits, 130 bits) for an administrator to hand over.
func GeneratePassword() string { return rand.Text() }
