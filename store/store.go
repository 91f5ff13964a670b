// Package store keeps everything intake knows in one SQLite database
// (modernc.org/sqlite, no cgo): raw messages, checkpoints, cases, the
// outbox and the audit trail.
//
// The database runs in WAL mode with immediate transactions, so that
// concurrent read-then-write transactions wait for each other instead of
// failing. Migrations are embedded .sql files applied in order, each in a
// transaction. The file is created readable by its owner only (0600): it
// holds special category personal data about children.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is an open intake database.
type Store struct {
	DB   *sql.DB
	path string
}

// DSN returns the connection string for the database at path, with the
// pragmas every connection of the pool needs (LIBRARIES.md).
func DSN(path string) string {
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "busy_timeout(10000)", "foreign_keys(1)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	q.Set("_time_format", "sqlite")
	return "file:" + path + "?" + q.Encode()
}

// Open opens (creating if needed, mode 0600) the database at path and
// applies every migration not yet applied.
func Open(ctx context.Context, path string) (*Store, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("store: creating %s: %w", dir, err)
		}
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("store: creating database file: %w", err)
	}
	fi, statErr := f.Stat()
	f.Close()
	if statErr == nil && fi.Size() == 0 {
		if err := setPageSize(ctx, path); err != nil {
			return nil, err
		}
	}
	db, err := sql.Open("sqlite", DSN(path))
	if err != nil {
		return nil, fmt.Errorf("store: opening %s: %w", path, err)
	}
	s := &Store{DB: db, path: path}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// pageSize is the page size of a new database. Raw messages are large
// BLOBs: with 64 KiB pages SQLite writes a 1 MB attachment in 16 pages
// instead of 256, which made ingesting a mixed mailbox about 1.6 times
// faster (scripts/bench-ingest.sh).
const pageSize = 65536

// setPageSize gives a new, empty database file its page size. It must
// run before the first table is made and before WAL is switched on, which
// is why it cannot be a DSN pragma (modernc applies those sorted by name,
// journal_mode first).
func setPageSize(ctx context.Context, path string) error {
	// Another process may be opening the same new file at this moment
	// (an operator's command beside the daemon): wait for its lock rather
	// than fail. If it got there first, the page size is already set.
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return fmt.Errorf("store: opening %s: %w", path, err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, fmt.Sprintf("PRAGMA page_size = %d; PRAGMA journal_mode = WAL", pageSize)); err != nil {
		return fmt.Errorf("store: setting page size: %w", err)
	}
	return nil
}

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error { return s.DB.Close() }

// Tx runs fn in one immediate transaction, committing if fn returns nil.
func (s *Store) Tx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.DB.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: beginning transaction: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: committing: %w", err)
	}
	return nil
}

type migration struct {
	version int
	name    string
}

func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.DB.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT (datetime('now')))`); err != nil {
		return fmt.Errorf("store: creating schema_migrations: %w", err)
	}
	list, err := migrationList()
	if err != nil {
		return err
	}
	for _, m := range list {
		if err := s.apply(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) apply(ctx context.Context, m migration) error {
	return s.Tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&n); err != nil {
			return fmt.Errorf("store: checking migration %s: %w", m.name, err)
		}
		if n > 0 {
			return nil
		}
		body, err := migrations.ReadFile("migrations/" + m.name)
		if err != nil {
			return fmt.Errorf("store: reading migration %s: %w", m.name, err)
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			return fmt.Errorf("store: applying migration %s: %w", m.name, err)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name) VALUES (?, ?)`, m.version, m.name)
		return err
	})
}

// migrationList returns the embedded migrations ordered by the number
// their names start with ("0002_messages.sql" is version 2).
func migrationList() ([]migration, error) {
	entries, err := fs.ReadDir(migrations, "migrations")
	if err != nil {
		return nil, fmt.Errorf("store: listing migrations: %w", err)
	}
	var list []migration
	seen := map[int]string{}
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("store: migration %s: name must start with a number and '_'", e.Name())
		}
		if other, dup := seen[v]; dup {
			return nil, fmt.Errorf("store: migrations %s and %s share version %d", other, e.Name(), v)
		}
		seen[v] = e.Name()
		list = append(list, migration{version: v, name: e.Name()})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].version < list[j].version })
	return list, nil
}

// ErrNotFound is returned when a looked-up row does not exist.
var ErrNotFound = errors.New("store: not found")
