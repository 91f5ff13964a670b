package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// openTest opens a fresh database in a temporary directory.
func openTest(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "intake.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestOpenCreatesPrivateFileAndIsIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "intake.db")
	s, err := Open(context.Background(), path)
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
	s, err = Open(context.Background(), path) // migrations already applied
	if err != nil {
		t.Fatalf("reopening: %v", err)
	}
	defer s.Close()
	var page int
	if err := s.DB.QueryRow(`PRAGMA page_size`).Scan(&page); err != nil || page != pageSize {
		t.Errorf("page_size = %d (%v), want %d", page, err, pageSize)
	}
	var mode string
	if err := s.DB.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q (%v), want wal", mode, err)
	}
	var n, want int
	if err := s.DB.QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&n); err != nil {
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
				err := s.Tx(ctx, func(tx *sql.Tx) error {
					return Audit(ctx, tx, AuditEntry{At: time.Unix(0, 0), Actor: "intake", Action: "test", CaseRef: "KSCMP-2026-0001"})
				})
				if err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	trail, err := s.AuditTrail(ctx, "KSCMP-2026-0001")
	if err != nil {
		t.Fatal(err)
	}
	if len(trail) != 160 {
		t.Fatalf("audit trail has %d entries, want 160", len(trail))
	}
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
			s, err := Open(context.Background(), path)
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
