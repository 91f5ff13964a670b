package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/kscmp/intake/store"
)

func TestBackupSameRows(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(dir, "intake.db"))
	if err != nil {
		t.Fatal(err)
	}
	for i := uint32(1); i <= 5; i++ {
		opsAddMessage(t, st, i, opsT0, store.MessageProcessed)
	}
	st.Close()
	cfgPath := filepath.Join(dir, "intake.toml")
	os.WriteFile(cfgPath, []byte("[store]\npath = \""+filepath.Join(dir, "intake.db")+"\"\n"), 0o600)
	dst := filepath.Join(dir, "backup.db")
	var out bytes.Buffer
	if code := Run(ctx, opsTestEnv(&out), []string{"backup", "--config", cfgPath, dst}); code != 0 {
		t.Fatalf("backup exited %d: %s", code, out.String())
	}
	fi, err := os.Stat(dst)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %v, want 0600", fi.Mode().Perm())
	}
	orig, _ := store.Open(ctx, filepath.Join(dir, "intake.db"))
	defer orig.Close()
	copy, err := store.Open(ctx, dst)
	if err != nil {
		t.Fatal(err)
	}
	defer copy.Close()
	for _, table := range []string{"messages", "audit", "schema_migrations"} {
		var a, b string
		q := "SELECT group_concat(x, '|') FROM (SELECT quote(t.rowid) || quote(hex(t.rowid)) AS x FROM " + table + " t ORDER BY rowid)"
		if table == "messages" {
			q = "SELECT group_concat(id || ':' || hex(raw) || ':' || sha256, '|') FROM (SELECT * FROM messages ORDER BY id)"
		}
		orig.DB.QueryRow(q).Scan(&a)
		copy.DB.QueryRow(q).Scan(&b)
		if a == "" || a != b {
			t.Errorf("table %s differs in the backup: %q vs %q", table, a, b)
		}
	}
	if code := Run(ctx, opsTestEnv(&out), []string{"backup", "--config", cfgPath, dst}); code == 0 {
		t.Error("backup over an existing file succeeded")
	}
}
