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
	ctx := context.Background()
	s := openTest(t)
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	if _, err := s.Account(ctx, "ann@example.org"); !errors.Is(err, intake.ErrNoAccount) {
		t.Fatalf("unknown account: err %v, want ErrNoAccount", err)
	}
	a := intake.Account{Email: " Ann@Example.org ", Name: "Ann Example", Role: intake.RoleBusinessTeam,
		PasswordHash: "$argon2id$x", CreatedAt: now, UpdatedAt: now}
	if err := s.PutAccount(ctx, a); err != nil {
		t.Fatal(err)
	}
	got, err := s.Account(ctx, "ANN@example.org")
	if err != nil {
		t.Fatal(err)
	}
	if got.Email != "ann@example.org" || got.Name != "Ann Example" || got.Role != intake.RoleBusinessTeam || got.PasswordHash != "$argon2id$x" || !got.CreatedAt.Equal(now) {
		t.Errorf("got %+v", got)
	}
	// Replacing keeps the creation time.
	later := now.Add(time.Hour)
	got.Role, got.UpdatedAt, got.CreatedAt = intake.RoleViewer, later, later
	if err := s.PutAccount(ctx, got); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Account(ctx, "ann@example.org")
	if got.Role != intake.RoleViewer || !got.CreatedAt.Equal(now) || !got.UpdatedAt.Equal(later) {
		t.Errorf("after replacing: %+v", got)
	}
	if err := s.PutAccount(ctx, intake.Account{Email: "bob@example.org", Role: "admin"}); err == nil {
		t.Error("an unknown role was saved")
	}
	list, err := s.ListAccounts(ctx)
	if err != nil || len(list) != 1 {
		t.Fatalf("ListAccounts = %v, %v", list, err)
	}
	if err := s.CreateSession(ctx, intake.Session{Key: "k1", Email: "ann@example.org", Role: intake.RoleViewer, Via: "password", CreatedAt: now, LastSeen: now}); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveAccount(ctx, "ann@example.org"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Session(ctx, "k1"); !errors.Is(err, intake.ErrNoSession) {
		t.Errorf("the removed account's session survived: %v", err)
	}
	if err := s.RemoveAccount(ctx, "ann@example.org"); !errors.Is(err, intake.ErrNoAccount) {
		t.Errorf("removing twice: %v", err)
	}
}

func TestLoginFailedLocksAndStaysLocked(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	p := intake.LockoutPolicy{MaxFailures: 3, LockFor: 10 * time.Minute}
	if err := s.PutAccount(ctx, intake.Account{Email: "ann@example.org", Name: "Ann", Role: intake.RoleViewer, CreatedAt: now, UpdatedAt: now}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.LoginFailed(ctx, "nobody@example.org", p, now); !errors.Is(err, intake.ErrNoAccount) {
		t.Errorf("unknown account: %v", err)
	}
	for i := 1; i <= 2; i++ {
		a, locked, err := s.LoginFailed(ctx, "ann@example.org", p, now)
		if err != nil || locked || a.FailedLogins != i {
			t.Fatalf("failure %d: %+v locked=%v err=%v", i, a, locked, err)
		}
	}
	if err := s.LoginSucceeded(ctx, "ann@example.org", now); err != nil {
		t.Fatal(err)
	}
	if a, _ := s.Account(ctx, "ann@example.org"); a.FailedLogins != 0 {
		t.Fatalf("a success left %d failures", a.FailedLogins)
	}
	var locked bool
	for i := 0; i < 3; i++ {
		_, locked, _ = s.LoginFailed(ctx, "ann@example.org", p, now)
	}
	if !locked {
		t.Fatal("the third failure did not lock the account")
	}
	a, _ := s.Account(ctx, "ann@example.org")
	if !a.Locked(now.Add(9*time.Minute)) || a.Locked(now.Add(10*time.Minute)) {
		t.Errorf("locked until %v, want %v", a.LockedUntil, now.Add(10*time.Minute))
	}
	// A failure while locked does not extend the lock.
	if a2, again, _ := s.LoginFailed(ctx, "ann@example.org", p, now.Add(5*time.Minute)); again || !a2.LockedUntil.Equal(a.LockedUntil) {
		t.Errorf("a failure while locked changed the lock: %v, %v", again, a2.LockedUntil)
	}
}

func TestLoginFailedCountsConcurrentGuesses(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	p := intake.LockoutPolicy{MaxFailures: 100, LockFor: time.Minute}
	if err := s.PutAccount(ctx, intake.Account{Email: "ann@example.org", Role: intake.RoleViewer, CreatedAt: now, UpdatedAt: now}); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if _, _, err := s.LoginFailed(ctx, "ann@example.org", p, now); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if a, _ := s.Account(ctx, "ann@example.org"); a.FailedLogins != 8 {
		t.Errorf("%d failures counted, want 8", a.FailedLogins)
	}
}

func TestSessions(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	mk := func(key, email string, created, seen time.Time) {
		t.Helper()
		if err := s.CreateSession(ctx, intake.Session{Key: key, Email: email, Name: "N", Role: intake.RoleBusinessTeam, Via: "oidc", CreatedAt: created, LastSeen: seen}); err != nil {
			t.Fatal(err)
		}
	}
	mk("a", "ann@example.org", t0, t0)
	mk("b", "ann@example.org", t0, t0.Add(50*time.Minute))
	mk("c", "bob@example.org", t0.Add(-9*time.Hour), t0.Add(55*time.Minute))
	if err := s.CreateSession(ctx, intake.Session{Key: "a", Email: "x", CreatedAt: t0, LastSeen: t0}); err == nil {
		t.Error("two sessions share a key")
	}
	got, err := s.Session(ctx, "a")
	if err != nil || got.Email != "ann@example.org" || got.Role != intake.RoleBusinessTeam || got.Via != "oidc" || !got.CreatedAt.Equal(t0) {
		t.Fatalf("Session = %+v, %v", got, err)
	}
	if err := s.TouchSession(ctx, "a", t0.Add(40*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Session(ctx, "a"); !got.LastSeen.Equal(t0.Add(40 * time.Minute)) {
		t.Errorf("touched at %v", got.LastSeen)
	}
	// At 10:00 with a 30-minute idle and 8-hour absolute timeout: a was
	// last seen at 9:40 (idle), b at 9:50 (kept), c was made at midnight.
	now := t0.Add(time.Hour)
	n, err := s.DeleteExpiredSessions(ctx, now.Add(-15*time.Minute), now.Add(-8*time.Hour))
	if err != nil || n != 2 {
		t.Fatalf("DeleteExpiredSessions = %d, %v; want 2", n, err)
	}
	if _, err := s.Session(ctx, "b"); err != nil {
		t.Errorf("b was deleted: %v", err)
	}
	if _, err := s.Session(ctx, "c"); !errors.Is(err, intake.ErrNoSession) {
		t.Errorf("c: %v", err)
	}
	mk("d", "ann@example.org", now, now)
	if n, err := s.DeleteSessionsOf(ctx, "ANN@example.org"); err != nil || n != 2 {
		t.Errorf("DeleteSessionsOf = %d, %v; want 2", n, err)
	}
	if err := s.DeleteSession(ctx, "gone"); err != nil {
		t.Errorf("deleting a missing session: %v", err)
	}
}

func TestStoreAudit(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	if err := s.AppendAudit(ctx, intake.AuditLine{At: at, Actor: "Ann Example <ann@example.org>", Action: "case.viewed", CaseRef: "KSCMP-2026-0001"}); err != nil {
		t.Fatal(err)
	}
	var trail []intake.AuditEntry
	err := s.View(ctx, func(tx intake.Tx) (err error) { trail, err = tx.AuditTrail("KSCMP-2026-0001"); return err })
	if err != nil || len(trail) != 1 || trail[0].Actor != "Ann Example <ann@example.org>" || trail[0].Action != "case.viewed" || !trail[0].At.Equal(at) {
		t.Fatalf("trail = %+v, %v", trail, err)
	}
}
