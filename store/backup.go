package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
)

// Backup writes a consistent copy of the database to dst with VACUUM
// INTO, while the daemon goes on. The copy is made under a temporary name
// in dst's directory, created 0600 before SQLite writes to it (VACUUM
// INTO accepts an empty file), synced, and linked into place (never over
// an existing file), so that dst is either whole or absent.
func (s *Store) Backup(ctx context.Context, dst string) error {
	if _, err := os.Lstat(dst); err == nil {
		return fmt.Errorf("store: backing up: %s already exists", dst)
	}
	tmp, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".*.tmp")
	if err != nil {
		return fmt.Errorf("store: backing up: creating temporary file: %w", err)
	}
	tmpName := tmp.Name()
	defer os.Remove(tmpName) // after a successful link, only the temporary name goes
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("store: backing up: setting mode: %w", err)
	}
	tmp.Close()
	if _, err := s.ro.ExecContext(ctx, `VACUUM INTO ?`, tmpName); err != nil {
		return fmt.Errorf("store: backing up: copying database: %w", err)
	}
	f, err := os.OpenFile(tmpName, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("store: backing up: reopening copy: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("store: backing up: syncing copy: %w", err)
	}
	f.Close()
	// Link, unlike rename, refuses to replace a file made meanwhile.
	if err := os.Link(tmpName, dst); err != nil {
		return fmt.Errorf("store: backing up: moving copy into place: %w", err)
	}
	if d, err := os.Open(filepath.Dir(dst)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
