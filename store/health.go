package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/kscmp/intake"
	"modernc.org/sqlite"
)

// WriteHealth is how the store's writes have gone in this process, for
// /healthz and /metrics: a database that cannot be written (a full disk,
// a file made read-only, a failing device) is noticed at the first
// commit that fails, not when someone looks for the mail it lost.
type WriteHealth struct {
	Failing     bool      // the last write failed for a reason of the storage's own
	Since       time.Time // the first failure of the current run of them
	Err         string    // the last such failure
	Failures    int64     // such failures since the store was opened
	LastSuccess time.Time // the last commit; zero if none yet
}

// writeHealth is the store's record of its writes.
type writeHealth struct {
	mu sync.Mutex
	h  WriteHealth
}

// WriteHealth returns how the store's writes have gone.
func (s *Store) WriteHealth() WriteHealth {
	s.wh.mu.Lock()
	defer s.wh.mu.Unlock()
	return s.wh.h
}

// noteWrite records the outcome of an Update: a commit that wrote
// something, or a failure of the storage's own (see storageFailure). A
// transaction its function refused (a case not found, a conflict) says
// nothing about the storage, and neither does one that wrote nothing:
// it commits even on a full disk.
func (s *Store) noteWrite(committed bool, err error) {
	if !committed && !storageFailure(err) {
		return
	}
	now := s.clock.Now()
	s.wh.mu.Lock()
	defer s.wh.mu.Unlock()
	if committed {
		s.wh.h.Failing, s.wh.h.Since, s.wh.h.Err, s.wh.h.LastSuccess = false, time.Time{}, "", now
		return
	}
	if !s.wh.h.Failing {
		s.wh.h.Since = now
	}
	s.wh.h.Failing = true
	s.wh.h.Err = err.Error()
	s.wh.h.Failures++
}

// IsStorageFailure reports whether err (from any transaction) is the
// database failing to be read or written, such as a full disk.
func IsStorageFailure(err error) bool { return storageFailure(err) }

// storageFailure reports whether err is SQLite failing to read or write
// the database itself (SQLITE_FULL, SQLITE_IOERR, SQLITE_READONLY,
// SQLITE_CANTOPEN, SQLITE_CORRUPT, SQLITE_NOTADB, SQLITE_PERM, or a lock
// held past the busy timeout) rather than a transaction's own refusal.
func storageFailure(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Code() & 0xff {
	case 3, 5, 8, 10, 11, 13, 14, 26: // PERM, BUSY, READONLY, IOERR, CORRUPT, FULL, CANTOPEN, NOTADB
		return true
	}
	return false
}

// OutboxTrouble is what the outbox holds that a person should know of.
type OutboxTrouble struct {
	Retrying  int64  // pending emails whose last attempt failed
	LastError string // the most recent of their failures (SMTP codes, never addresses)
	Held      int64  // emails held by the daily cap
	Failed    int64  // emails given up on
}

// OutboxTrouble counts the outbox's retrying, held and failed emails.
func (s *Store) OutboxTrouble(ctx context.Context) (OutboxTrouble, error) {
	var o OutboxTrouble
	err := s.View(ctx, func(t intake.Tx) error {
		q := t.(*tx).tx
		err := q.QueryRowContext(ctx, `SELECT
			COALESCE(SUM(state = ? AND last_error != '' AND last_error != ?), 0),
			COALESCE(SUM(state = ?), 0), COALESCE(SUM(state = ?), 0) FROM outbox`,
			intake.OutboxPending, intake.RetriedByOperator, intake.OutboxHeld, intake.OutboxFailed).Scan(&o.Retrying, &o.Held, &o.Failed)
		if err != nil {
			return fmt.Errorf("store: counting the outbox's troubles: %w", err)
		}
		if o.Retrying == 0 {
			return nil
		}
		err = q.QueryRowContext(ctx, `SELECT last_error FROM outbox WHERE state = ? AND last_error != '' AND last_error != ?
			ORDER BY id DESC LIMIT 1`, intake.OutboxPending, intake.RetriedByOperator).Scan(&o.LastError)
		if err != nil {
			return fmt.Errorf("store: reading the last send failure: %w", err)
		}
		return nil
	})
	return o, err
}

// isBusy reports whether err is SQLite's SQLITE_BUSY: another connection
// holds the lock this one needs.
func isBusy(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == 5
}
