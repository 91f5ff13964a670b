package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake/store"
)

func TestPurgeKeepsCaseRecordAndAuditTrail(t *testing.T) {
	st := opsOpenStore(t)
	ctx := context.Background()
	old := opsAddMessage(t, st, 1, opsT0.AddDate(-3, 0, 0), store.MessageProcessed)
	unprocessed := opsAddMessage(t, st, 2, opsT0.AddDate(-3, 0, 0), store.MessageStored)
	recent := opsAddMessage(t, st, 3, opsT0.AddDate(0, -1, 0), store.MessageProcessed)
	// The case record: a case opened from the old message, and what parse
	// made of it.
	if _, err := st.DB.Exec(`INSERT INTO cases (ref, state, created_at, updated_at, referral_message, verdict)
		VALUES ('KSCMP-2026-0042', 'decided', 'x', 'x', ?, 'meets_criteria')`, old); err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB.Exec(`INSERT INTO parse_results (message, kind, case_ref, result, parsed_at)
		VALUES (?, 'referral', 'KSCMP-2026-0042', '{"kind":"referral"}', 'x')`, old); err != nil {
		t.Fatal(err)
	}
	caseRecord := func() string {
		var s string
		if err := st.DB.QueryRow(`SELECT c.ref || c.state || c.verdict || c.referral_message || p.kind || p.result
			FROM cases c JOIN parse_results p ON p.message = c.referral_message`).Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	caseBefore := caseRecord()
	before, err := st.AuditTrail(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	res, err := purgeRaw(ctx, st, opsT0, 730*24*time.Hour, "test", false)
	if err != nil {
		t.Fatal(err)
	}
	if res.Messages != 1 {
		t.Fatalf("purged %d messages, want 1", res.Messages)
	}
	if raw, _ := st.MessageRaw(ctx, old); raw != nil {
		t.Errorf("old message still has %d raw bytes", len(raw))
	}
	for _, id := range []int64{unprocessed, recent} {
		if raw, _ := st.MessageRaw(ctx, id); raw == nil {
			t.Errorf("message %d lost its raw bytes", id)
		}
	}
	m, err := st.Message(ctx, old)
	if err != nil || m.MessageID == "" || m.Size != 11 || m.State != store.MessageProcessed {
		t.Errorf("old message's metadata not kept: %+v %v", m, err)
	}
	if got := caseRecord(); got != caseBefore {
		t.Errorf("case record changed: %q -> %q", caseBefore, got)
	}
	after, err := st.AuditTrail(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before)+2 {
		t.Fatalf("audit trail has %d entries, want %d + message.purged + purge.run", len(after), len(before))
	}
	for i, e := range before {
		if after[i] != e {
			t.Errorf("audit entry %d changed: %+v -> %+v", i, e, after[i])
		}
	}
	if a := after[len(before)]; a.Action != "message.purged" || a.MessageID != old {
		t.Errorf("purge audit entry: %+v", a)
	}
	// The command: a dry run changes nothing; a second run finds nothing.
	cfgPath := filepath.Join(t.TempDir(), "intake.toml")
	os.WriteFile(cfgPath, []byte("[store]\npath = \""+st.Path()+"\"\n"), 0o600)
	var out bytes.Buffer
	if code := Run(ctx, opsTestEnv(&out), []string{"purge", "--config", cfgPath, "--older-than", "730d", "--dry-run"}); code != 0 ||
		!strings.Contains(out.String(), "would delete the raw bytes of 0 message(s)") {
		t.Errorf("purge --dry-run: %d %q", code, out.String())
	}
	if res, err := purgeRaw(ctx, st, opsT0, 730*24*time.Hour, "test", false); err != nil || res.Messages != 0 {
		t.Errorf("second purge: %+v %v", res, err)
	}
}
