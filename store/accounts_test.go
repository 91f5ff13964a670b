package store

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/kscmp/intake"
)

func TestAccountsPutGetRemove(t *testing.T) {
	s := openTest(t)
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	view(t, s, func(tx intake.Tx) error {
		if _, err := tx.Account("ann@example.org"); !errors.Is(err, intake.ErrNotFound) {
			t.Fatalf("unknown account: err %v, want ErrNotFound", err)
		}
		return nil
	})
	update(t, s, func(tx intake.Tx) error {
		return tx.PutAccount(intake.Account{Email: " Ann@Example.org ", Name: "Ann Example", Role: intake.RoleBusinessTeam,
			PasswordHash: "$argon2id$x", CreatedAt: now, UpdatedAt: now})
	})
	var got intake.Account
	view(t, s, func(tx intake.Tx) (err error) { got, err = tx.Account("ANN@example.org"); return err })
	if got.Email != "ann@example.org" || got.Name != "Ann Example" || got.Role != intake.RoleBusinessTeam || got.PasswordHash != "$argon2id$x" || !got.CreatedAt.Equal(now) {
		t.Errorf("got %+v", got)
	}
	// Replacing keeps the creation time.
	later := now.Add(time.Hour)
	got.Role, got.UpdatedAt, got.CreatedAt = intake.RoleViewer, later, later
	update(t, s, func(tx intake.Tx) error { return tx.PutAccount(got) })
	view(t, s, func(tx intake.Tx) (err error) { got, err = tx.Account("ann@example.org"); return err })
	if got.Role != intake.RoleViewer || !got.CreatedAt.Equal(now) || !got.UpdatedAt.Equal(later) {
		t.Errorf("after replacing: %+v", got)
	}
	err := s.Update(context.Background(), func(tx intake.Tx) error {
		return tx.PutAccount(intake.Account{Email: "bob@example.org", Role: "admin"})
	})
	if intake.ErrorCode(err) != intake.EINVALID {
		t.Errorf("an unknown role: %v", err)
	}
	view(t, s, func(tx intake.Tx) error {
		list, err := tx.ListAccounts()
		if err != nil || len(list) != 1 {
			t.Fatalf("ListAccounts = %v, %v", list, err)
		}
		return nil
	})
	update(t, s, func(tx intake.Tx) error {
		return tx.CreateSession(intake.Session{Key: "k1", Email: "ann@example.org", Role: intake.RoleViewer, Via: "password", CreatedAt: now, LastSeen: now})
	})
	update(t, s, func(tx intake.Tx) error { return tx.RemoveAccount("ann@example.org") })
	view(t, s, func(tx intake.Tx) error {
		if _, err := tx.Session("k1"); !errors.Is(err, intake.ErrNotFound) {
			t.Errorf("the removed account's session survived: %v", err)
		}
		return nil
	})
	err = s.Update(context.Background(), func(tx intake.Tx) error { return tx.RemoveAccount("ann@example.org") })
	if !errors.Is(err, intake.ErrNotFound) {
		t.Errorf("removing twice: %v", err)
	}
	err = s.View(context.Background(), func(tx intake.Tx) error {
		return tx.PutAccount(intake.Account{Email: "c@example.org", Role: intake.RoleViewer})
	})
	if err == nil {
		t.Error("a View wrote an account")
	}
}

// TestAccountReadModifyWriteCountsConcurrentGuesses checks what the web
// work queue's lockout relies on: a failed sign-in read and written back
// in one Update counts, however many guesses arrive at once.
func TestAccountReadModifyWriteCountsConcurrentGuesses(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	p := intake.LockoutPolicy{MaxFailures: 100, LockFor: time.Minute}
	update(t, s, func(tx intake.Tx) error {
		return tx.PutAccount(intake.Account{Email: "ann@example.org", Role: intake.RoleViewer})
	})
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			err := s.Update(ctx, func(tx intake.Tx) error {
				a, err := tx.Account("ann@example.org")
				if err != nil {
					return err
				}
				a, _ = p.Fail(a, tx.Now())
				return tx.PutAccount(a)
			})
			if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	view(t, s, func(tx intake.Tx) error {
		if a, _ := tx.Account("ann@example.org"); a.FailedLogins != 8 {
			t.Errorf("%d failures counted, want 8", a.FailedLogins)
		}
		return nil
	})
}

func TestSessions(t *testing.T) {
	s := openTest(t)
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	mk := func(key, email string, created, seen time.Time) {
		t.Helper()
		update(t, s, func(tx intake.Tx) error {
			return tx.CreateSession(intake.Session{Key: key, Email: email, Name: "N", Role: intake.RoleBusinessTeam, Via: "oidc", CreatedAt: created, LastSeen: seen})
		})
	}
	session := func(key string) (ss intake.Session, err error) {
		s.View(context.Background(), func(tx intake.Tx) error { ss, err = tx.Session(key); return nil })
		return ss, err
	}
	mk("a", "ann@example.org", t0, t0)
	mk("b", "ann@example.org", t0, t0.Add(50*time.Minute))
	mk("c", "bob@example.org", t0.Add(-9*time.Hour), t0.Add(55*time.Minute))
	if err := s.Update(context.Background(), func(tx intake.Tx) error {
		return tx.CreateSession(intake.Session{Key: "a", Email: "x", CreatedAt: t0, LastSeen: t0})
	}); err == nil {
		t.Error("two sessions share a key")
	}
	got, err := session("a")
	if err != nil || got.Email != "ann@example.org" || got.Role != intake.RoleBusinessTeam || got.Via != "oidc" || !got.CreatedAt.Equal(t0) {
		t.Fatalf("Session = %+v, %v", got, err)
	}
	update(t, s, func(tx intake.Tx) error { return tx.TouchSession("a", t0.Add(40*time.Minute)) })
	if got, _ := session("a"); !got.LastSeen.Equal(t0.Add(40 * time.Minute)) {
		t.Errorf("touched at %v", got.LastSeen)
	}
	// At 10:00 with a 15-minute idle and 8-hour absolute timeout: a was
	// last seen at 9:40 (idle), b at 9:50 (kept), c was made at 00:00.
	now := t0.Add(time.Hour)
	update(t, s, func(tx intake.Tx) error {
		n, err := tx.DeleteExpiredSessions(now.Add(-15*time.Minute), now.Add(-8*time.Hour))
		if err != nil || n != 2 {
			t.Fatalf("DeleteExpiredSessions = %d, %v; want 2", n, err)
		}
		return err
	})
	if _, err := session("b"); err != nil {
		t.Errorf("b was deleted: %v", err)
	}
	if _, err := session("c"); !errors.Is(err, intake.ErrNotFound) {
		t.Errorf("c: %v", err)
	}
	mk("d", "ann@example.org", now, now)
	update(t, s, func(tx intake.Tx) error {
		if n, err := tx.DeleteSessionsOf("ANN@example.org"); err != nil || n != 2 {
			t.Errorf("DeleteSessionsOf = %d, %v; want 2", n, err)
		}
		if err := tx.DeleteSession("gone"); err != nil {
			t.Errorf("deleting a missing session: %v", err)
		}
		return nil
	})
}
