package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/store"
)

func TestBackupSameRows(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(dir, "intake.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := uint32(1); i <= 5; i++ {
		opsAddMessage(t, st, i, opsT0, intake.MessageProcessed)
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
	// The messages, their bytes and the audit trail are the same in the
	// copy (store's own test compares every row).
	contents := func(path string) (msgs []intake.Message, raws [][]byte, trail []intake.AuditEntry) {
		s, err := store.Open(ctx, path, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		err = s.View(ctx, func(tx intake.Tx) error {
			if msgs, err = tx.Messages(intake.MessageFilter{}); err != nil {
				return err
			}
			for _, m := range msgs {
				raw, err := tx.MessageRaw(m.ID)
				if err != nil {
					return err
				}
				raws = append(raws, raw)
			}
			trail, err = tx.AuditTrail("")
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return msgs, raws, trail
	}
	m1, r1, a1 := contents(filepath.Join(dir, "intake.db"))
	m2, r2, a2 := contents(dst)
	if len(m1) != 5 || !reflect.DeepEqual(m1, m2) || !reflect.DeepEqual(r1, r2) || len(a1) != 5 || !reflect.DeepEqual(a1, a2) {
		t.Errorf("the backup differs:\n%+v\n%+v", m1, m2)
	}
	if code := Run(ctx, opsTestEnv(&out), []string{"backup", "--config", cfgPath, dst}); code == 0 {
		t.Error("backup over an existing file succeeded")
	}
}
