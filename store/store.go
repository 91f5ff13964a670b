// Package store keeps everything intake knows in one SQLite database
// (modernc.org/sqlite, no cgo): raw messages, checkpoints, cases, the
// outbox and the audit trail. It implements the root package's storage
// interfaces (intake.Store and the parts of intake.Tx) and is the only
// package that writes SQL; its *sql.DB is private.
//
// The database runs in WAL mode. Update runs an immediate transaction, so
// that concurrent read-then-write transactions wait for each other (up to
// the busy timeout) instead of failing; View runs a deferred, read-only
// transaction on a second pool of connections opened read-only, which in
// WAL mode neither waits for a writer nor makes one wait. Every
// transaction is stamped with one time, read once from the injected clock
// when it begins. Migrations are embedded .sql files applied in order,
// each in a transaction. The file is created readable by its owner only
// (0600): it holds special category personal data about children.
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
	"sync"
	"time"

	"github.com/kscmp/intake"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// Options are the settings of an open store.
type Options struct {
	// Clock stamps every transaction (Tx.Now); nil is the system clock.
	Clock intake.Clock
	// MessageIDDomain is the right-hand side of the Message-IDs the
	// outbox gives its emails (intake.MessageIDFor): the domain of the
	// partnership's own address. Empty is "intake.invalid".
	MessageIDDomain string
}

// DefaultMessageIDDomain is the Message-ID domain of a store opened
// without one.
const DefaultMessageIDDomain = "intake.invalid"

// Store is an open intake database.
type Store struct {
	db     *sql.DB // read-write; every transaction immediate
	ro     *sql.DB // read-only; for View and DataVersion
	path   string
	clock  intake.Clock
	domain string

	dvMu   sync.Mutex
	dvConn *sql.Conn // DataVersion's own connection; nil until first used

	cases *caseCache // decoded cases, shared by Views

	wh writeHealth // how Update has gone (WriteHealth)
}

var _ intake.Store = (*Store)(nil)

// dsn returns the connection string for the database at path, with the
// pragmas every read-write connection of the pool needs.
func dsn(path string) string {
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "busy_timeout(10000)", "foreign_keys(1)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	q.Set("_time_format", "sqlite")
	return "file:" + path + "?" + q.Encode()
}

// readOnlyDSN is the connection string of the read-only pool: SQLite
// opens the file read-only (mode=ro), so that a write in View fails
// instead of taking the write lock, and transactions are deferred.
func readOnlyDSN(path string) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Set("_txlock", "deferred")
	q.Set("_time_format", "sqlite")
	q.Set("mode", "ro")
	return "file:" + path + "?" + q.Encode()
}

// ErrNoDatabase is returned (wrapped) by OpenExisting when there is no
// database file at the path.
var ErrNoDatabase = errors.New("store: no database")

// OpenExisting opens the database at path like Open, but never creates
// it or its directory: a command that only reads (or changes a case) must
// not leave an empty database behind when it was pointed at the wrong
// place. It returns an error wrapping ErrNoDatabase when there is no file.
func OpenExisting(ctx context.Context, path string, opts Options) (*Store, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w at %s", ErrNoDatabase, path)
	}
	if err != nil {
		return nil, fmt.Errorf("store: opening %s: %w", path, err)
	}
	if fi.IsDir() {
		return nil, fmt.Errorf("store: opening %s: it is a directory, not a database", path)
	}
	return Open(ctx, path, opts)
}

// Open opens (creating if needed, mode 0600) the database at path and
// applies every migration not yet applied.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
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
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		return nil, fmt.Errorf("store: opening %s: %w", path, err)
	}
	s := &Store{db: db, path: path, clock: opts.Clock, domain: strings.ToLower(strings.TrimSpace(opts.MessageIDDomain)),
		cases: newCaseCache()}
	if s.clock == nil {
		s.clock = intake.SystemClock{}
	}
	if s.domain == "" {
		s.domain = DefaultMessageIDDomain
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.upgradeCases(ctx); err != nil {
		db.Close()
		return nil, err
	}
	// The read-only pool opens once the file is in WAL mode and migrated.
	if s.ro, err = sql.Open("sqlite", readOnlyDSN(path)); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: opening %s read-only: %w", path, err)
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
	// Switching to WAL needs an exclusive lock. When two openers both
	// hold a shared lock and want it, SQLite fails one at once with
	// SQLITE_BUSY (the busy timeout cannot help a deadlock), so wait a
	// moment and try again: the other has usually finished by then.
	pragma := fmt.Sprintf("PRAGMA page_size = %d; PRAGMA journal_mode = WAL", pageSize)
	deadline := time.Now().Add(10 * time.Second)
	for wait := time.Millisecond; ; wait = min(2*wait, 100*time.Millisecond) {
		_, err = db.ExecContext(ctx, pragma)
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			break
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("store: setting page size: %w", ctx.Err())
		case <-time.After(wait):
		}
	}
	if err != nil {
		return fmt.Errorf("store: setting page size: %w", err)
	}
	return nil
}

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error {
	s.dvMu.Lock()
	if s.dvConn != nil {
		s.dvConn.Close()
		s.dvConn = nil
	}
	s.dvMu.Unlock()
	rerr := s.ro.Close()
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("store: closing: %w", err)
	}
	if rerr != nil {
		return fmt.Errorf("store: closing the read-only pool: %w", rerr)
	}
	return nil
}

// Update runs fn in one immediate transaction stamped with the clock's
// time, committing when fn returns nil and rolling back when it returns
// an error or panics (the panic goes on). The transaction holds the
// database's write lock until it ends: fn must not call Update or View
// itself, nor wait for the network.
func (s *Store) Update(ctx context.Context, fn func(tx intake.Tx) error) error {
	wrote := false
	err := s.run(ctx, s.db, nil, func(t intake.Tx) error {
		before := totalChanges(t.(*tx))
		if err := fn(t); err != nil {
			return err
		}
		wrote = totalChanges(t.(*tx)) != before
		return nil
	})
	if err != nil || wrote {
		s.noteWrite(err == nil, err)
	}
	return err
}

// totalChanges is SQLite's count of rows this connection has inserted,
// updated or deleted: compared before and after a transaction's work, it
// says whether the transaction wrote anything (-1 if it cannot be read).
func totalChanges(t *tx) int64 {
	var n int64 = -1
	t.tx.QueryRowContext(t.ctx, "SELECT total_changes()").Scan(&n)
	return n
}

// View runs fn in a read-only transaction: fn sees the database as it
// stood when the transaction began, and any write in it fails. Views run
// beside each other and beside an Update without waiting.
func (s *Store) View(ctx context.Context, fn func(tx intake.Tx) error) error {
	return s.run(ctx, s.ro, &sql.TxOptions{ReadOnly: true}, fn)
}

func (s *Store) run(ctx context.Context, db *sql.DB, opts *sql.TxOptions, fn func(tx intake.Tx) error) (err error) {
	stx, err := db.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("store: beginning transaction: %w", err)
	}
	// The time is read once the transaction has begun (for Update, once
	// it holds the write lock), so that writes are stamped in the order
	// they commit.
	t := &tx{ctx: ctx, tx: stx, now: s.clock.Now(), domain: s.domain, readOnly: opts != nil && opts.ReadOnly}
	if t.readOnly {
		t.cache = s.cases
	}
	committed := false
	defer func() {
		if !committed {
			stx.Rollback()
		}
	}()
	if err := fn(t); err != nil {
		return err
	}
	if err := stx.Commit(); err != nil {
		return fmt.Errorf("store: committing: %w", err)
	}
	committed = true
	return nil
}

// DataVersion returns SQLite's data_version as seen by one connection the
// store keeps for this alone: the number changes whenever another
// connection, in this process or another, has committed a change since
// the previous call. It is cheap (no query of any table), so the daemon
// can call it every second or so and, when the number moves, wake the
// parts that act on new rows: that is how a command run from the command
// line (an outcome recorded, an email retried) is noticed within seconds
// by the running daemon without a socket. The daemon's own commits move
// it too, which costs no more than a pass that finds nothing to do.
// Compare only values from one open Store; after an error the next call
// starts from a fresh connection, whose first value is a change.
func (s *Store) DataVersion(ctx context.Context) (int64, error) {
	s.dvMu.Lock()
	defer s.dvMu.Unlock()
	if s.dvConn == nil {
		c, err := s.ro.Conn(ctx)
		if err != nil {
			return 0, fmt.Errorf("store: reading data_version: %w", err)
		}
		s.dvConn = c
	}
	var v int64
	if err := s.dvConn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v); err != nil {
		s.dvConn.Close()
		s.dvConn = nil
		return 0, fmt.Errorf("store: reading data_version: %w", err)
	}
	return v, nil
}

type migration struct {
	version int
	name    string
}

func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
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
	return s.Update(ctx, func(t intake.Tx) error {
		stx := t.(*tx).tx
		var n int
		if err := stx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&n); err != nil {
			return fmt.Errorf("store: checking migration %s: %w", m.name, err)
		}
		if n > 0 {
			return nil
		}
		body, err := migrations.ReadFile("migrations/" + m.name)
		if err != nil {
			return fmt.Errorf("store: reading migration %s: %w", m.name, err)
		}
		if _, err := stx.ExecContext(ctx, string(body)); err != nil {
			return fmt.Errorf("store: applying migration %s: %w", m.name, err)
		}
		if _, err := stx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name) VALUES (?, ?)`, m.version, m.name); err != nil {
			return fmt.Errorf("store: recording migration %s: %w", m.name, err)
		}
		return nil
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
