package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCommandsNeverCreateADatabase (issue 14, point 6): a command other
// than serve, pointed at a database that is not there, says where it
// looked and which configuration it used, exits 1 and creates nothing;
// serve creates the database.
func TestCommandsNeverCreateADatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "state", "intake.db")
	cfg := filepath.Join(dir, "intake.toml")
	if err := os.WriteFile(cfg, []byte("[store]\npath = \""+db+"\"\n[imap]\nhost = \"\"\n[smtp]\nhost = \"\"\n[ops]\nlisten = \"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"cases"}, {"case", "KSCMP-2026-0001"}, {"messages"}, {"messages", "show", "1"}, {"outbox"},
		{"digest", "--preview"}, {"backup", filepath.Join(dir, "copy.db")}, {"purge", "--dry-run"},
		{"pause", "KSCMP-2026-0001", "--reason", "legal hold", "--by", "A. Person"},
	} {
		env, out, errb := testEnv("")
		code := Run(context.Background(), env, append([]string{args[0], "--config", cfg}, args[1:]...))
		msg := errb.String()
		if code != 1 || !strings.Contains(msg, "no database at "+db) || !strings.Contains(msg, cfg) || !strings.Contains(msg, "intake serve` creates it") {
			t.Errorf("%v: exit %d\nstdout %s\nstderr %s", args, code, out, msg)
		}
		if _, err := os.Stat(filepath.Dir(db)); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("%v created %s", args, filepath.Dir(db))
		}
	}
	env, _, errb := testEnv("")
	if code := Run(context.Background(), env, []string{"serve", "--once", "--config", cfg}); code != 0 {
		t.Fatalf("serve --once: exit %d: %s", code, errb)
	}
	if _, err := os.Stat(db); err != nil {
		t.Fatalf("serve did not create the database: %v", err)
	}
	env, out, errb := testEnv("")
	if code := Run(context.Background(), env, []string{"cases", "--config", cfg}); code != 0 {
		t.Fatalf("cases after serve: exit %d: %s %s", code, out, errb)
	}
}
