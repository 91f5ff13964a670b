package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/kscmp/intake/store"
)

func init() {
	register(command{
		Name:    "backup",
		Summary: "write a consistent copy of the database while the daemon runs",
		Usage: usageText(
			"Usage: intake backup [--config FILE] FILE",
			"",
			"Writes a consistent, compacted copy of the database to FILE (SQLite",
			"VACUUM INTO), safe to run while 'intake serve' is running. FILE is",
			"created readable by its owner only (0600) and must not exist already.",
			"The copy holds special category personal data: store it encrypted.",
			"",
			"Example:",
			"  intake backup --config /etc/intake/intake.toml /var/backups/intake/intake-$(date +%F).db",
		),
		Run: runBackup,
	})
}

func runBackup(ctx context.Context, env *Env, args []string) int {
	var configPath string
	fs := newFlags(env, "backup", &configPath)
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	cfg, err := env.LoadConfig(configPath)
	if err != nil {
		fmt.Fprintln(env.Stderr, err)
		return 1
	}
	st, err := store.Open(ctx, cfg.Store.Path)
	if err != nil {
		fmt.Fprintln(env.Stderr, err)
		return 1
	}
	defer st.Close()
	if err := backupStore(ctx, st, fs.Arg(0)); err != nil {
		fmt.Fprintln(env.Stderr, err)
		return 1
	}
	fi, _ := os.Stat(fs.Arg(0))
	env.Logger.Info("backup written", "file", fs.Arg(0), "bytes", fi.Size())
	return 0
}

// backupStore writes a consistent copy of st to dst with VACUUM INTO. The
// copy is made under a temporary name in dst's directory, created 0600
// before SQLite writes to it (VACUUM INTO accepts an empty file), synced,
// and linked into place (never over an existing file), so that dst is
// either whole or absent.
func backupStore(ctx context.Context, st *store.Store, dst string) error {
	if _, err := os.Lstat(dst); err == nil {
		return fmt.Errorf("backup: %s already exists", dst)
	}
	tmp, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".*.tmp")
	if err != nil {
		return fmt.Errorf("backup: creating temporary file: %w", err)
	}
	tmpName := tmp.Name()
	defer os.Remove(tmpName) // after a successful rename, a no-op
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("backup: setting mode: %w", err)
	}
	tmp.Close()
	if _, err := st.DB.ExecContext(ctx, `VACUUM INTO ?`, tmpName); err != nil {
		return fmt.Errorf("backup: copying database: %w", err)
	}
	f, err := os.OpenFile(tmpName, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("backup: reopening copy: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("backup: syncing copy: %w", err)
	}
	f.Close()
	// Link, unlike rename, refuses to replace a file made meanwhile.
	if err := os.Link(tmpName, dst); err != nil {
		return fmt.Errorf("backup: moving copy into place: %w", err)
	}
	if d, err := os.Open(filepath.Dir(dst)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
