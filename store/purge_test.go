package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/kscmp/intake"
)

// addMessage stores a message with raw bytes, stored at at, in state,
// with its audit line.
func addMessage(t *testing.T, s *Store, uid uint32, at time.Time, state string) int64 {
	t.Helper()
	var id int64
	update(t, s, func(tx intake.Tx) error {
		var err error
		id, _, err = tx.InsertMessage(intake.NewMessage{Mailbox: "INBOX", UIDValidity: 1, UID: uid,
			MessageID: fmt.Sprintf("<m%d@kestmoor.example>", uid), SHA256: fmt.Sprint(uid), Size: 11,
			Raw: []byte("Subject: x\r\n\r\nbody"), ReceivedAt: at, State: state})
		if err != nil {
			return err
		}
		return tx.Audit(intake.AuditEntry{At: at, Actor: "intake", Action: "message.stored", MessageID: id})
	})
	// Stored at at: the purge goes by stored_at.
	if _, err := s.db.Exec(`UPDATE messages SET stored_at = ? WHERE id = ?`, timeText(at), id); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestPurgeKeepsCaseRecordAndAuditTrail(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)
	old := addMessage(t, s, 1, now.AddDate(-3, 0, 0), intake.MessageProcessed)
	unprocessed := addMessage(t, s, 2, now.AddDate(-3, 0, 0), intake.MessageStored)
	recent := addMessage(t, s, 3, now.AddDate(0, -1, 0), intake.MessageProcessed)
	// The case record: a case opened from the old message, and what parse
	// made of it.
	if _, err := s.db.Exec(`INSERT INTO cases (ref, state, created_at, updated_at, referral_message, verdict)
		VALUES ('KSCMP-2026-0042', 'decided', 'x', 'x', ?, 'meets_criteria')`, old); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`INSERT INTO parse_results (message, kind, case_ref, result, parsed_at)
		VALUES (?, 'referral', 'KSCMP-2026-0042', '{"kind":"referral"}', 'x')`, old); err != nil {
		t.Fatal(err)
	}
	caseRecord := func() string {
		var r string
		if err := s.db.QueryRow(`SELECT c.ref || c.state || c.verdict || c.referral_message || p.kind || p.result
			FROM cases c JOIN parse_results p ON p.message = c.referral_message`).Scan(&r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	auditTrail := func() (trail []intake.AuditEntry) {
		view(t, s, func(tx intake.Tx) (err error) {
			trail, err = tx.AuditTrail("")
			return err
		})
		return trail
	}
	caseBefore, before := caseRecord(), auditTrail()
	cutoff := now.Add(-730 * 24 * time.Hour)
	// A dry run says what it would do and changes nothing.
	res, err := s.PurgeRaw(ctx, cutoff, "test", true)
	if err != nil || res.Messages != 1 || res.Bytes != 11 || !res.Cutoff.Equal(cutoff) {
		t.Fatalf("dry run: %+v %v", res, err)
	}
	if len(auditTrail()) != len(before) {
		t.Fatal("a dry run wrote to the audit trail")
	}
	if res, err = s.PurgeRaw(ctx, cutoff, "test", false); err != nil || res.Messages != 1 {
		t.Fatalf("purge: %+v %v", res, err)
	}
	view(t, s, func(tx intake.Tx) error {
		if raw, _ := tx.MessageRaw(old); raw != nil {
			t.Errorf("old message still has %d raw bytes", len(raw))
		}
		for _, id := range []int64{unprocessed, recent} {
			if raw, _ := tx.MessageRaw(id); raw == nil {
				t.Errorf("message %d lost its raw bytes", id)
			}
		}
		m, err := tx.Message(old)
		if err != nil || m.MessageID == "" || m.Size != 11 || m.State != intake.MessageProcessed {
			t.Errorf("old message's metadata not kept: %+v %v", m, err)
		}
		return nil
	})
	if got := caseRecord(); got != caseBefore {
		t.Errorf("case record changed: %q -> %q", caseBefore, got)
	}
	after := auditTrail()
	if len(after) != len(before)+2 {
		t.Fatalf("audit trail has %d entries, want %d + message.purged + purge.run", len(after), len(before))
	}
	for i, e := range before {
		if after[i] != e {
			t.Errorf("audit entry %d changed: %+v -> %+v", i, e, after[i])
		}
	}
	if a := after[len(before)]; a.Action != "message.purged" || a.MessageID != old || a.Actor != "test" {
		t.Errorf("purge audit entry: %+v", a)
	}
	if res, err := s.PurgeRaw(ctx, cutoff, "test", false); err != nil || res.Messages != 0 {
		t.Errorf("second purge: %+v %v", res, err)
	}
}
