package web

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/store"
)

// testStore is a real store in the test's temporary directory, on the
// test's clock, with what the tests read of it.
type testStore struct {
	*store.Store
	t testing.TB
}

func openTestStore(t testing.TB, clock intake.Clock) *testStore {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "intake.db"), store.Options{Clock: clock, MessageIDDomain: "kscmp.example"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &testStore{Store: st, t: t}
}

// Lines returns the audit lines with the action given ("": all).
func (s *testStore) Lines(action string) []intake.AuditEntry {
	s.t.Helper()
	var out []intake.AuditEntry
	err := s.View(context.Background(), func(tx intake.Tx) error {
		all, err := tx.AuditTrail("")
		for _, e := range all {
			if action == "" || e.Action == action {
				out = append(out, e)
			}
		}
		return err
	})
	if err != nil {
		s.t.Fatal(err)
	}
	return out
}

// Session returns a stored session.
func (s *testStore) Session(key string) (ss intake.Session, err error) {
	s.View(context.Background(), func(tx intake.Tx) error { ss, err = tx.Session(key); return nil })
	return ss, err
}

// Account returns a stored account.
func (s *testStore) Account(email string) (a intake.Account, err error) {
	s.View(context.Background(), func(tx intake.Tx) error { a, err = tx.Account(email); return nil })
	return a, err
}

func (s *testStore) put(a intake.Account) {
	s.t.Helper()
	if err := s.Update(context.Background(), func(tx intake.Tx) error { return tx.PutAccount(a) }); err != nil {
		s.t.Fatal(err)
	}
}

func (s *testStore) createSession(ss intake.Session) {
	s.t.Helper()
	if err := s.Update(context.Background(), func(tx intake.Tx) error { return tx.CreateSession(ss) }); err != nil {
		s.t.Fatal(err)
	}
}

// failingAudit is a store whose audit trail cannot be written.
type failingAudit struct{ intake.Store }

func (f failingAudit) Update(ctx context.Context, fn func(intake.Tx) error) error {
	return f.Store.Update(ctx, func(tx intake.Tx) error { return fn(auditFails{tx}) })
}

type auditFails struct{ intake.Tx }

func (auditFails) Audit(intake.AuditEntry) error { return errors.New("disk full") }

// testNow is Friday 20 November 2026, 9:30am in London.
var testNow = time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)

func newTestClock() *intake.ManualClock { return intake.NewManualClock(testNow) }

// cheapPasswords keeps argon2id fast in tests.
var cheapPasswords = PasswordParams{Time: 1, Memory: 64, Threads: 1}

func mustHash(t testing.TB, pw string) string {
	t.Helper()
	h, err := HashPassword(pw, cheapPasswords)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// sessionFor is a live session for an invented business team member.
func sessionFor(email, key string) intake.Session {
	return intake.Session{Key: key, Email: email, Name: "Ann Example", Role: intake.RoleBusinessTeam, Via: "password", CreatedAt: testNow, LastSeen: testNow}
}
