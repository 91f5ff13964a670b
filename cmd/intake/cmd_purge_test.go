package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/store"
)

// TestPurgeCommand runs `intake purge`: a dry run changes nothing, a run
// deletes the raw bytes of the processed message stored before the
// retention period only, and a second run finds nothing. (What a purge
// keeps is store's test.)
func TestPurgeCommand(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "intake.db")
	now := time.Now()
	// add stores a message as the daemon did at at.
	add := func(at time.Time, uid uint32, state string) int64 {
		st, err := store.Open(ctx, db, store.Options{Clock: intake.NewManualClock(at)})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		return opsAddMessage(t, st, uid, at, state)
	}
	old := add(now.AddDate(-3, 0, 0), 1, intake.MessageProcessed)
	unprocessed := add(now.AddDate(-3, 0, 0), 2, intake.MessageStored)
	recent := add(now.AddDate(0, -1, 0), 3, intake.MessageProcessed)
	cfgPath := filepath.Join(dir, "intake.toml")
	os.WriteFile(cfgPath, []byte("[store]\npath = \""+db+"\"\n"), 0o600)
	run := func(want string, args ...string) {
		t.Helper()
		var out bytes.Buffer
		args = append([]string{"purge", "--config", cfgPath, "--older-than", "730d"}, args...)
		if code := Run(ctx, opsTestEnv(&out), args); code != 0 || !strings.Contains(out.String(), want) {
			t.Errorf("%s: %d %q, want %q", strings.Join(args, " "), code, out.String(), want)
		}
	}
	run("would delete the raw bytes of 1 message(s) (11 bytes)", "--dry-run")
	run("deleted the raw bytes of 1 message(s)", "--by", "A. Operator")
	run("would delete the raw bytes of 0 message(s)", "--dry-run")

	st, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	err = st.View(ctx, func(tx intake.Tx) error {
		if raw, _ := tx.MessageRaw(old); raw != nil {
			t.Errorf("old message still has %d raw bytes", len(raw))
		}
		for _, id := range []int64{unprocessed, recent} {
			if raw, _ := tx.MessageRaw(id); raw == nil {
				t.Errorf("message %d lost its raw bytes", id)
			}
		}
		trail, err := tx.AuditTrail("")
		if err != nil {
			return err
		}
		var purged []string
		for _, e := range trail {
			if strings.HasPrefix(e.Action, "message.purged") || e.Action == "purge.run" {
				purged = append(purged, e.Action+" by "+e.Actor)
			}
		}
		if strings.Join(purged, ", ") != "message.purged by A. Operator, purge.run by A. Operator" {
			t.Errorf("audit trail of the purge: %v", purged)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
