package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/kscmp/intake"
)

// tx is one transaction of the store: the context and time it was begun
// with, and the SQL transaction its methods run in.
type tx struct {
	ctx    context.Context
	tx     *sql.Tx
	now    time.Time
	domain string // of the Message-IDs Enqueue gives

	readOnly bool // a View's: every write fails
}

var (
	_ intake.Tx         = (*tx)(nil)
	_ intake.MessageLog = (*tx)(nil)
	_ intake.Mailboxes  = (*tx)(nil)
	_ intake.Outbox     = (*tx)(nil)
	_ intake.AuditLog   = (*tx)(nil)
	_ intake.Meta       = (*tx)(nil)
)

// Now returns the time the transaction is stamped with.
func (t *tx) Now() time.Time { return t.now }

// querier is what both *sql.DB and *sql.Tx offer for reading.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// execer is what both *sql.DB and *sql.Tx offer for writing.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// notFound is the error for a row that does not exist: it matches
// intake.ErrNotFound and says, in words a person can read, what was
// looked for.
func notFound(format string, args ...any) error {
	return intake.Errorf(intake.ENOTFOUND, format, args...)
}

// timeText writes t as RFC 3339 UTC text.
func timeText(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// parseTime reads timeText's text; "" (or text that is not a time) is the
// zero time.
func parseTime(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}
