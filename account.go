package intake

import (
	"fmt"
	"strings"
	"time"
)

// Role is what a person may do in the web work queue. A business team
// member reads and acts; a viewer only reads. Nobody else gets in.
type Role string

// The roles of the web work queue.
const (
	RoleBusinessTeam Role = "business_team" // reads, decides, records, corrects
	RoleViewer       Role = "viewer"        // reads only
)

// ParseRole checks a role's name.
func ParseRole(s string) (Role, error) {
	switch r := Role(strings.TrimSpace(s)); r {
	case RoleBusinessTeam, RoleViewer:
		return r, nil
	}
	return "", Errorf(EINVALID, "%q is not a role: the roles are %s (reads and acts) and %s (reads only).", s, RoleBusinessTeam, RoleViewer)
}

// CanAct reports whether the role may change a case, a message or the
// outbox.
func (r Role) CanAct() bool { return r == RoleBusinessTeam }

// Words returns the role as the page shows it.
func (r Role) Words() string {
	switch r {
	case RoleBusinessTeam:
		return "business team"
	case RoleViewer:
		return "viewer"
	}
	return string(r)
}

// Account is a local account: a person who signs in to the web work queue
// with a password, for a partnership without single sign-on. People who
// sign in through the partnership's identity provider have no Account;
// their role comes from the provider's claims.
type Account struct {
	Email        string    `json:"email"` // the sign-in name, lower case
	Name         string    `json:"name"`  // as the audit trail shows who acted
	Role         Role      `json:"role"`
	PasswordHash string    `json:"-"` // an argon2id hash in PHC string form
	FailedLogins int       `json:"failed_logins"`
	LockedUntil  time.Time `json:"locked_until,omitzero"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// NormalizeEmail folds a sign-in name for storage and comparison.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// Locked reports whether the account is locked at now. A locked account
// cannot sign in, even with the right password, until LockedUntil.
func (a Account) Locked(now time.Time) bool {
	return !a.LockedUntil.IsZero() && now.Before(a.LockedUntil)
}

// LockoutPolicy says when repeated failed sign-ins lock an account: after
// MaxFailures failures in a row the account is locked for LockFor, and
// the count starts again. A successful sign-in clears the count.
type LockoutPolicy struct {
	MaxFailures int
	LockFor     time.Duration
}

// DefaultLockoutPolicy locks an account for fifteen minutes after five
// failed sign-ins in a row.
func DefaultLockoutPolicy() LockoutPolicy {
	return LockoutPolicy{MaxFailures: 5, LockFor: 15 * time.Minute}
}

// Validate checks the policy.
func (p LockoutPolicy) Validate() error {
	if p.MaxFailures < 1 {
		return fmt.Errorf("intake: lockout needs at least one failed attempt, not %d", p.MaxFailures)
	}
	if p.LockFor <= 0 {
		return fmt.Errorf("intake: a lockout must last some time, not %s", p.LockFor)
	}
	return nil
}

// Fail applies one failed sign-in at now to the account and returns it
// changed: the count goes up, and reaching MaxFailures locks the account
// until now+LockFor and starts the count again. A failure while locked
// changes nothing: the lock is not extended, so a locked-out person knows
// when to try again.
func (p LockoutPolicy) Fail(a Account, now time.Time) (_ Account, lockedNow bool) {
	if a.Locked(now) {
		return a, false
	}
	a.FailedLogins++
	if a.FailedLogins >= p.MaxFailures {
		a.FailedLogins = 0
		a.LockedUntil = now.Add(p.LockFor)
		lockedNow = true
	}
	a.UpdatedAt = now
	return a, lockedNow
}

// Accounts keeps the local accounts: a part of the store's transaction,
// so that a change to an account and its audit line commit together.
type Accounts interface {
	// Account returns the account for a sign-in name; an error matching
	// ErrNotFound if there is none.
	Account(email string) (Account, error)
	// ListAccounts returns every account, by sign-in name.
	ListAccounts() ([]Account, error)
	// PutAccount creates the account, or replaces all of it but its
	// creation time (a new password, a role, a failed sign-in, an unlock).
	PutAccount(a Account) error
	// RemoveAccount deletes the account and every session it has; an
	// error matching ErrNotFound if there is none.
	RemoveAccount(email string) error
}

// Session is a signed-in person's session in the web work queue. The
// browser holds a random 256-bit token in a cookie; the store holds only
// its SHA-256 (Key), so a copy of the database signs nobody in.
type Session struct {
	Key       string    // hex SHA-256 of the cookie's token
	Email     string    // who
	Name      string    // as the audit trail shows them
	Role      Role      // as it was when they signed in
	Via       string    // "oidc" or "password"
	CreatedAt time.Time // for the absolute timeout
	LastSeen  time.Time // for the idle timeout
}

// Sessions keeps the web work queue's sessions: a part of the store's
// transaction, like Accounts.
type Sessions interface {
	// CreateSession stores a new session.
	CreateSession(s Session) error
	// Session returns the session with the key; an error matching
	// ErrNotFound if there is none.
	Session(key string) (Session, error)
	// TouchSession records that the session was used at t.
	TouchSession(key string, t time.Time) error
	// DeleteSession ends one session; ending one that is gone is not an
	// error.
	DeleteSession(key string) error
	// DeleteSessionsOf ends every session of a person (their password or
	// role changed, their account was removed).
	DeleteSessionsOf(email string) (int, error)
	// DeleteExpiredSessions ends every session last seen before idleBefore
	// or created before createdBefore.
	DeleteExpiredSessions(idleBefore, createdBefore time.Time) (int, error)
}
