package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kscmp/intake"
)

// openTest opens a fresh database in a temporary directory, on a manual
// clock stopped at clockT0.
func openTest(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "intake.db"), Options{Clock: intake.NewManualClock(clockT0)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var clockT0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// update runs fn in an Update and fails the test on an error.
func update(t *testing.T, s *Store, fn func(tx intake.Tx) error) {
	t.Helper()
	if err := s.Update(context.Background(), fn); err != nil {
		t.Fatal(err)
	}
}

// view runs fn in a View and fails the test on an error.
func view(t *testing.T, s *Store, fn func(tx intake.Tx) error) {
	t.Helper()
	if err := s.View(context.Background(), fn); err != nil {
		t.Fatal(err)
	}
}

func TestOpenCreatesPrivateFileAndIsIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "intake.db")
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if mode := fi.Mode().Perm(); mode != 0o600 {
		t.Errorf("database mode %o, want 600", mode)
	}
	s, err = Open(context.Background(), path, Options{}) // migrations already applied
	if err != nil {
		t.Fatalf("reopening: %v", err)
	}
	defer s.Close()
	var page int
	if err := s.db.QueryRow(`PRAGMA page_size`).Scan(&page); err != nil || page != pageSize {
		t.Errorf("page_size = %d (%v), want %d", page, err, pageSize)
	}
	var mode string
	if err := s.db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q (%v), want wal", mode, err)
	}
	var n, want int
	if err := s.db.QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	list, _ := migrationList()
	want = len(list)
	if n != want {
		t.Errorf("%d migrations recorded, want %d", n, want)
	}
}

func TestAuditConcurrentWriters(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				err := s.Update(ctx, func(tx intake.Tx) error {
					return tx.Audit(intake.AuditEntry{At: time.Unix(0, 0), Actor: "intake", Action: "test", CaseRef: "KSCMP-2026-0001"})
				})
				if err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	view(t, s, func(tx intake.Tx) error {
		trail, err := tx.AuditTrail("KSCMP-2026-0001")
		if err != nil {
			return err
		}
		if len(trail) != 160 {
			t.Fatalf("audit trail has %d entries, want 160", len(trail))
		}
		return nil
	})
}

// TestOpenNewFileConcurrently opens one new database from several
// goroutines at once, as the daemon and an operator's command may: every
// Open must succeed (setting the page size waits for the others' locks).
func TestOpenNewFileConcurrently(t *testing.T) {
	path := filepath.Join(t.TempDir(), "intake.db")
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := Open(context.Background(), path, Options{})
			if err != nil {
				errs <- err
				return
			}
			s.Close()
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestUpdateRollsBackOnError checks that nothing fn wrote survives an
// error or a panic, and that the error is returned as it was.
func TestUpdateRollsBackOnError(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	boom := errors.New("boom")
	err := s.Update(ctx, func(tx intake.Tx) error {
		if err := tx.Audit(intake.AuditEntry{Actor: "intake", Action: "test.rolled_back"}); err != nil {
			return err
		}
		if err := tx.SetMeta("k", "v"); err != nil {
			return err
		}
		return boom
	})
	if err != boom {
		t.Fatalf("Update returned %v, want fn's error itself", err)
	}
	func() {
		defer func() {
			if r := recover(); r != "panic in fn" {
				t.Errorf("recovered %v, want the panic to go on", r)
			}
		}()
		s.Update(ctx, func(tx intake.Tx) error {
			tx.SetMeta("k", "from a panicking fn")
			panic("panic in fn")
		})
	}()
	view(t, s, func(tx intake.Tx) error {
		if trail, err := tx.AuditTrail(""); err != nil || len(trail) != 0 {
			t.Errorf("audit trail after rollback: %+v %v", trail, err)
		}
		if v, err := tx.Meta("k"); err != nil || v != "" {
			t.Errorf("meta after rollback: %q %v", v, err)
		}
		return nil
	})
	// The write lock was released: another Update goes through at once.
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := s.Update(ctx, func(tx intake.Tx) error { return tx.SetMeta("k", "v") }); err != nil {
		t.Fatalf("Update after a rollback: %v", err)
	}
}

// TestTxNowIsTheClocksAtBegin checks that a transaction carries one time,
// read from the store's clock when it begins, and stamps its rows with it.
func TestTxNowIsTheClocksAtBegin(t *testing.T) {
	clock := intake.NewManualClock(clockT0)
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "intake.db"), Options{Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	update(t, s, func(tx intake.Tx) error {
		clock.Advance(time.Hour) // the transaction's time does not move
		if !tx.Now().Equal(clockT0) {
			t.Errorf("Now = %v, want %v", tx.Now(), clockT0)
		}
		return tx.Audit(intake.AuditEntry{Actor: "intake", Action: "test"})
	})
	view(t, s, func(tx intake.Tx) error {
		if !tx.Now().Equal(clockT0.Add(time.Hour)) {
			t.Errorf("View's Now = %v, want %v", tx.Now(), clockT0.Add(time.Hour))
		}
		trail, err := tx.AuditTrail("")
		if err != nil || len(trail) != 1 || !trail[0].At.Equal(clockT0) {
			t.Errorf("audit stamped %+v %v, want the transaction's time", trail, err)
		}
		return err
	})
}

// TestViewSeesCommittedData checks that a View sees what an Update
// committed before it began, not what one has not committed yet, and
// that nothing can be written in a View.
func TestViewSeesCommittedData(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	update(t, s, func(tx intake.Tx) error { return tx.SetMeta("k", "committed") })
	view(t, s, func(tx intake.Tx) error {
		if v, err := tx.Meta("k"); err != nil || v != "committed" {
			t.Errorf("Meta = %q %v, want committed", v, err)
		}
		return nil
	})
	// An Update in progress: a View beside it neither waits nor sees it.
	inside, release := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- s.Update(ctx, func(tx intake.Tx) error {
			if err := tx.SetMeta("k", "uncommitted"); err != nil {
				return err
			}
			close(inside)
			<-release
			return nil
		})
	}()
	<-inside
	vctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	err := s.View(vctx, func(tx intake.Tx) error {
		v, err := tx.Meta("k")
		if v != "committed" {
			t.Errorf("View beside an open Update read %q, want committed", v)
		}
		return err
	})
	cancel()
	if err != nil {
		t.Errorf("View beside an open Update: %v", err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	view(t, s, func(tx intake.Tx) error {
		if v, _ := tx.Meta("k"); v != "uncommitted" {
			t.Errorf("after commit: %q", v)
		}
		return nil
	})
	err = s.View(ctx, func(tx intake.Tx) error { return tx.SetMeta("k", "written in a view") })
	if err == nil {
		t.Error("a write in a View succeeded")
	}
}

// TestViewAndUpdateConcurrently runs Views and Updates side by side: in
// WAL mode none may fail with SQLITE_BUSY.
func TestViewAndUpdateConcurrently(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 200)
	for i := 0; i < 4; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for j := 0; j < 25; j++ {
				errs <- s.Update(ctx, func(tx intake.Tx) error {
					return tx.Audit(intake.AuditEntry{Actor: "intake", Action: "test"})
				})
			}
		}()
		go func() {
			defer wg.Done()
			for j := 0; j < 25; j++ {
				errs <- s.View(ctx, func(tx intake.Tx) error {
					_, err := tx.AuditSince(0, 0)
					return err
				})
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

// TestDataVersion checks that DataVersion moves when another connection
// commits (the command line beside the daemon), and not otherwise.
func TestDataVersion(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	v1, err := s.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := s.DataVersion(ctx); err != nil || v != v1 {
		t.Fatalf("nothing committed: %d %v, want %d", v, err, v1)
	}
	// Another process's store: a command run from the command line.
	other, err := Open(ctx, s.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.Update(ctx, func(tx intake.Tx) error { return tx.SetMeta("k", "v") }); err != nil {
		t.Fatal(err)
	}
	v2, err := s.DataVersion(ctx)
	if err != nil || v2 == v1 {
		t.Fatalf("after another store's commit: %d %v, want a change from %d", v2, err, v1)
	}
	// This store's own commits are another connection's too.
	update(t, s, func(tx intake.Tx) error { return tx.SetMeta("k", "w") })
	if v3, err := s.DataVersion(ctx); err != nil || v3 == v2 {
		t.Fatalf("after this store's commit: %d %v, want a change from %d", v3, err, v2)
	}
	// A View commits nothing.
	v4, _ := s.DataVersion(ctx)
	view(t, s, func(tx intake.Tx) error { _, err := tx.Meta("k"); return err })
	if v5, _ := s.DataVersion(ctx); v5 != v4 {
		t.Errorf("a View moved data_version: %d -> %d", v4, v5)
	}
}

// TestMessageIDDomain checks that Enqueue's Message-IDs use the domain
// the store was opened with (lower case), and intake.invalid without one.
func TestMessageIDDomain(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for _, c := range []struct{ domain, want string }{{"", "intake.invalid"}, {" KSCMP.Example ", "kscmp.example"}} {
		s, err := Open(ctx, filepath.Join(dir, "intake.db"), Options{MessageIDDomain: c.domain})
		if err != nil {
			t.Fatal(err)
		}
		key := "acknowledgement:" + c.want
		update(t, s, func(tx intake.Tx) error {
			if _, err := tx.Enqueue(intake.Notice{Key: key, Kind: intake.NoticeAcknowledgement, To: []string{"r@example.org"}}); err != nil {
				return err
			}
			mid, err := tx.OutboxMessageID(key)
			if want := intake.MessageIDFor(key, c.want); mid != want || !strings.HasSuffix(mid, "@"+c.want) {
				t.Errorf("domain %q: Message-ID %q, want %q", c.domain, mid, want)
			}
			return err
		})
		s.Close()
	}
}

// TestNotFoundIsIntakes checks that the store's not-found errors match
// intake.ErrNotFound and carry a message a person can read.
func TestNotFoundIsIntakes(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	for what, fn := range map[string]func(tx intake.Tx) error{
		"message":      func(tx intake.Tx) error { _, err := tx.Message(42); return err },
		"raw":          func(tx intake.Tx) error { _, err := tx.MessageRaw(42); return err },
		"parse result": func(tx intake.Tx) error { _, err := tx.ParseResult(42); return err },
		"outbox row":   func(tx intake.Tx) error { _, err := tx.OutboxByID(42); return err },
		"message id":   func(tx intake.Tx) error { _, err := tx.OutboxMessageID("nothing:42"); return err },
		"case":         func(tx intake.Tx) error { _, err := tx.Case("KSCMP-2026-0042"); return err },
	} {
		err := s.View(ctx, fn)
		if !errors.Is(err, intake.ErrNotFound) || intake.ErrorCode(err) != intake.ENOTFOUND ||
			!strings.HasPrefix(err.Error(), "store: ") || !strings.Contains(intake.ErrorMessage(err), "42") {
			t.Errorf("%s: %v (code %q, message %q)", what, err, intake.ErrorCode(err), intake.ErrorMessage(err))
		}
	}
}

// TestOpenExistingNeverCreates (issue 14, point 6): opening a database
// that is not there fails and leaves neither the file nor its directory.
func TestOpenExistingNeverCreates(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "missing")
	path := filepath.Join(dir, "intake.db")
	_, err := OpenExisting(context.Background(), path, Options{})
	if !errors.Is(err, ErrNoDatabase) || !strings.Contains(err.Error(), path) {
		t.Fatalf("err %v", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the directory was created: %v", err)
	}
	st, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	st, err = OpenExisting(context.Background(), path, Options{})
	if err != nil {
		t.Fatalf("existing database: %v", err)
	}
	st.Close()
}

// TestLockOneHolder (issue 14, point 11): a second Lock on the same
// database fails at once, naming the holder; once released it succeeds.
func TestLockOneHolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "db", "intake.db")
	release, err := Lock(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Lock(path)
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), fmt.Sprintf("process %d", os.Getpid())) {
		t.Fatalf("second Lock: %v", err)
	}
	if err := release(); err != nil {
		t.Fatal(err)
	}
	release, err = Lock(path)
	if err != nil {
		t.Fatalf("Lock after release: %v", err)
	}
	release()
}
