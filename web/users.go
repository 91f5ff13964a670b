package web

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/kscmp/intake"
)

// Local accounts are managed from the server's shell (`intake user add`,
// `remove`, `passwd`, `unlock`, `list`): these functions are what those
// commands call. Each change is audited with who made it; a new password
// or a removal ends the person's sessions.

// UserAdmin changes local accounts.
type UserAdmin struct {
	Accounts intake.Accounts
	Sessions intake.Sessions
	Audit    intake.AuditAppender
	Params   PasswordParams
	Now      func() time.Time
}

// ErrAccountExists is returned when adding a sign-in name already taken.
var ErrAccountExists = errors.New("web: an account with that email address already exists")

// Add creates a local account with a password. by names who did it.
func (u UserAdmin) Add(ctx context.Context, by, email, name string, role intake.Role, password string) error {
	email = intake.NormalizeEmail(email)
	if a, err := mail.ParseAddress(email); err != nil || a.Address != email {
		return fmt.Errorf("web: %q is not an email address", email)
	}
	if _, err := intake.ParseRole(string(role)); err != nil {
		return err
	}
	name = strings.TrimSpace(name)
	if name == "" {
		return errors.New("web: an account needs the person's name (the audit trail shows it)")
	}
	if err := CheckPassword(password); err != nil {
		return err
	}
	if _, err := u.Accounts.Account(ctx, email); err == nil {
		return ErrAccountExists
	} else if !errors.Is(err, intake.ErrNoAccount) {
		return err
	}
	hash, err := HashPassword(password, u.Params)
	if err != nil {
		return err
	}
	now := u.Now()
	if err := u.Accounts.PutAccount(ctx, intake.Account{Email: email, Name: name, Role: role, PasswordHash: hash, CreatedAt: now, UpdatedAt: now}); err != nil {
		return err
	}
	return u.Audit.AppendAudit(ctx, intake.AuditLine{At: now, Actor: by, Action: "web.account_added", Detail: email + ", role " + string(role)})
}

// Remove deletes a local account and ends its sessions.
func (u UserAdmin) Remove(ctx context.Context, by, email string) error {
	email = intake.NormalizeEmail(email)
	if err := u.Accounts.RemoveAccount(ctx, email); err != nil {
		return err
	}
	if _, err := u.Sessions.DeleteSessionsOf(ctx, email); err != nil {
		return err
	}
	return u.Audit.AppendAudit(ctx, intake.AuditLine{At: u.Now(), Actor: by, Action: "web.account_removed", Detail: email})
}

// SetPassword gives an account a new password, clears any lock, and ends
// its sessions.
func (u UserAdmin) SetPassword(ctx context.Context, by, email, password string) error {
	if err := CheckPassword(password); err != nil {
		return err
	}
	a, err := u.Accounts.Account(ctx, email)
	if err != nil {
		return err
	}
	if a.PasswordHash, err = HashPassword(password, u.Params); err != nil {
		return err
	}
	now := u.Now()
	a.FailedLogins, a.LockedUntil, a.UpdatedAt = 0, time.Time{}, now
	if err := u.Accounts.PutAccount(ctx, a); err != nil {
		return err
	}
	if _, err := u.Sessions.DeleteSessionsOf(ctx, a.Email); err != nil {
		return err
	}
	return u.Audit.AppendAudit(ctx, intake.AuditLine{At: now, Actor: by, Action: "web.password_set", Detail: a.Email})
}

// SetRole changes an account's role and ends its sessions, which carry
// the old role.
func (u UserAdmin) SetRole(ctx context.Context, by, email string, role intake.Role) error {
	if _, err := intake.ParseRole(string(role)); err != nil {
		return err
	}
	a, err := u.Accounts.Account(ctx, email)
	if err != nil {
		return err
	}
	now := u.Now()
	a.Role, a.UpdatedAt = role, now
	if err := u.Accounts.PutAccount(ctx, a); err != nil {
		return err
	}
	if _, err := u.Sessions.DeleteSessionsOf(ctx, a.Email); err != nil {
		return err
	}
	return u.Audit.AppendAudit(ctx, intake.AuditLine{At: now, Actor: by, Action: "web.role_set", Detail: a.Email + ", role " + string(role)})
}

// Unlock lifts a lockout before it ends by itself.
func (u UserAdmin) Unlock(ctx context.Context, by, email string) error {
	a, err := u.Accounts.Account(ctx, email)
	if err != nil {
		return err
	}
	now := u.Now()
	a.FailedLogins, a.LockedUntil, a.UpdatedAt = 0, time.Time{}, now
	if err := u.Accounts.PutAccount(ctx, a); err != nil {
		return err
	}
	return u.Audit.AppendAudit(ctx, intake.AuditLine{At: now, Actor: by, Action: "web.account_unlocked", Detail: a.Email})
}

// GeneratePassword returns a random password (26 base32 letters and
// digits, 130 bits) for an administrator to hand over.
func GeneratePassword() string { return rand.Text() }
