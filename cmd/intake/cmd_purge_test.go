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

// purgeFixture is a database holding a processed message stored three
// years before now, an unprocessed one as old, and a processed one a
// month old, with a configuration pointing at it.
type purgeFixture struct {
	db, cfg                  string
	now                      time.Time
	old, unprocessed, recent int64
}

func newPurgeFixture(t *testing.T, extraConfig string) *purgeFixture {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	f := &purgeFixture{db: filepath.Join(dir, "intake.db"), cfg: filepath.Join(dir, "intake.toml"),
		now: time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)}
	// add stores a message as the daemon did at at.
	add := func(at time.Time, uid uint32, state string) int64 {
		st, err := store.Open(ctx, f.db, store.Options{Clock: intake.NewManualClock(at)})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		return opsAddMessage(t, st, uid, at, state)
	}
	f.old = add(f.now.AddDate(-3, 0, 0), 1, intake.MessageProcessed)
	f.unprocessed = add(f.now.AddDate(-3, 0, 0), 2, intake.MessageStored)
	f.recent = add(f.now.AddDate(0, -1, 0), 3, intake.MessageProcessed)
	if err := os.WriteFile(f.cfg, []byte("[store]\npath = \""+f.db+"\"\n"+extraConfig), 0o600); err != nil {
		t.Fatal(err)
	}
	return f
}

// run runs intake purge with stdin and returns the exit status and
// everything it printed.
func (f *purgeFixture) run(stdin string, args ...string) (int, string) {
	var out bytes.Buffer
	env := opsTestEnv(&out)
	env.Stdin = strings.NewReader(stdin)
	env.Clock = intake.NewManualClock(f.now)
	code := Run(context.Background(), env, append([]string{"purge", "--config", f.cfg}, args...))
	return code, out.String()
}

// rawKept reports, for each message, whether it still has its raw bytes.
func (f *purgeFixture) rawKept(t *testing.T, ids ...int64) []bool {
	t.Helper()
	st, err := store.Open(context.Background(), f.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var kept []bool
	err = st.View(context.Background(), func(tx intake.Tx) error {
		for _, id := range ids {
			raw, err := tx.MessageRaw(id)
			if err != nil {
				return err
			}
			kept = append(kept, raw != nil)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return kept
}

// TestPurgeCommand runs `intake purge`: a dry run changes nothing, a run
// deletes the raw bytes of the processed message stored before the
// retention period only, and a second run finds nothing. (What a purge
// keeps is store's test.)
func TestPurgeCommand(t *testing.T) {
	f := newPurgeFixture(t, "")
	check := func(want string, args ...string) {
		t.Helper()
		if code, out := f.run("", append([]string{"--older-than", "730d"}, args...)...); code != 0 || !strings.Contains(out, want) {
			t.Errorf("%s: %d %q, want %q", strings.Join(args, " "), code, out, want)
		}
	}
	check("The raw bytes of 1 message(s) (11 bytes) stored before 2024-11-30 10:00 GMT (730 days ago) would be deleted: messages 1", "--dry-run")
	check("Deleted the raw bytes of 1 message(s)", "--by", "A. Operator", "--yes")
	check("Nothing to delete.", "--dry-run")

	if kept := f.rawKept(t, f.old, f.unprocessed, f.recent); kept[0] || !kept[1] || !kept[2] {
		t.Errorf("raw bytes kept (old, unprocessed, recent): %v", kept)
	}
	st, err := store.Open(context.Background(), f.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	err = st.View(context.Background(), func(tx intake.Tx) error {
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

// TestPurgeAsksAndRefusesShortPeriods (issue 14, point 9): purge takes
// days, weeks, months or years only ("m" is refused, not read as
// minutes), never zero, never less than [store] min_retention; it says
// what it will delete and deletes only after "yes".
func TestPurgeAsksAndRefusesShortPeriods(t *testing.T) {
	f := newPurgeFixture(t, "min_retention = \"2w\"\n")
	for _, p := range []string{"5m", "24m", "0d", "17520h", "2.5y", "-3d", "10d", "1w"} {
		code, out := f.run("yes\n", "--older-than", p)
		if code != 2 || strings.Contains(out, "Deleted") {
			t.Errorf("--older-than %s: exit %d\n%s", p, code, out)
		}
		if p == "24m" && !strings.Contains(out, `"mo"`) {
			t.Errorf("--older-than 24m does not say months are \"mo\": %s", out)
		}
		if p == "10d" && !strings.Contains(out, "shorter than the minimum retention, 2 weeks") {
			t.Errorf("--older-than 10d: %s", out)
		}
	}
	// From a timer or a script (stdin /dev/null) without --yes it asks
	// no one and deletes nothing.
	null, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	var out0 bytes.Buffer
	env := opsTestEnv(&out0)
	env.Stdin, env.Clock = null, intake.NewManualClock(f.now)
	if code := Run(context.Background(), env, []string{"purge", "--config", f.cfg, "--older-than", "2y"}); code != 2 || !strings.Contains(out0.String(), "--yes") {
		t.Errorf("stdin /dev/null: exit %d\n%s", code, out0.String())
	}
	// 2mo reaches past the month-old message only with a confirmation.
	code, out := f.run("no\n", "--older-than", "2mo")
	if code != 1 || !strings.Contains(out, "stored before 2026-09-30 10:00 BST (2 months ago) would be deleted") || !strings.Contains(out, "Nothing deleted.") {
		t.Errorf("answered no: exit %d\n%s", code, out)
	}
	if kept := f.rawKept(t, f.old); !kept[0] {
		t.Fatal("deleted without a yes")
	}
	code, out = f.run("yes\n", "--older-than", "3w")
	if code != 0 || !strings.Contains(out, "Type yes to delete them") || !strings.Contains(out, "Deleted the raw bytes of 2 message(s)") {
		t.Errorf("answered yes: exit %d\n%s", code, out)
	}
	if kept := f.rawKept(t, f.old, f.unprocessed, f.recent); kept[0] || !kept[1] || kept[2] {
		t.Errorf("raw bytes kept (old, unprocessed, recent): %v", kept)
	}
}

// TestRetentionConfig: the configuration refuses what purge refuses
// (the periods themselves are tested in the root package).
func TestRetentionConfig(t *testing.T) {
	for in, want := range map[string]string{
		"[store]\nretain_raw_messages = \"17520h\"\n":                      "write days, weeks, months or years",
		"[store]\nretain_raw_messages = \"30d\"\nmin_retention = \"1y\"\n": "shorter than store.min_retention",
		"[store]\nretain_raw_messages = \"0y\"\n":                          "more than zero",
	} {
		c, err := ParseConfigFile(strings.NewReader(in))
		if err == nil {
			err = c.Validate()
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", in, err, want)
		}
	}
}
