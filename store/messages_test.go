package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/kscmp/intake"
)

func TestMessagesStoreListAndState(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	var first int64
	update(t, s, func(tx intake.Tx) error {
		id, ins, err := tx.InsertMessage(intake.NewMessage{Mailbox: "INBOX", UIDValidity: 7, UID: 1, MessageID: "<a@kestmoor.example>",
			SHA256: "aa", Size: 5, Raw: []byte("hello"), ReceivedAt: at, State: intake.MessageStored})
		if err != nil || !ins {
			t.Fatalf("insert: %v %v", ins, err)
		}
		first = id
		_, _, err = tx.InsertMessage(intake.NewMessage{Mailbox: "INBOX", UIDValidity: 7, UID: 2, SHA256: "bb", Size: 1 << 30,
			Header: []byte("Subject: x\r\n\r\n"), ReceivedAt: at, State: intake.MessageQuarantined, StateDetail: "too large"})
		if err != nil {
			return err
		}
		again, ins, err := tx.InsertMessage(intake.NewMessage{Mailbox: "INBOX", UIDValidity: 7, UID: 1, SHA256: "cc", Raw: []byte("x"), ReceivedAt: at, State: intake.MessageStored})
		if err != nil || ins || again != id {
			t.Fatalf("reinsert: id %d ins %v err %v", again, ins, err)
		}
		return tx.SetCheckpoint(intake.Checkpoint{Mailbox: "INBOX", UIDValidity: 7, LastUID: 2, UpdatedAt: at})
	})
	view(t, s, func(tx intake.Tx) error {
		stored, err := tx.Messages(intake.MessageFilter{State: intake.MessageStored, Limit: 10})
		if err != nil || len(stored) != 1 || stored[0].MessageID != "<a@kestmoor.example>" || !stored[0].ReceivedAt.Equal(at) ||
			!stored[0].StoredAt.Equal(clockT0) {
			t.Fatalf("stored = %+v, %v", stored, err)
		}
		raw, err := tx.MessageRaw(first)
		if err != nil || string(raw) != "hello" {
			t.Fatalf("raw = %q, %v", raw, err)
		}
		q, _ := tx.Messages(intake.MessageFilter{State: intake.MessageQuarantined})
		if len(q) != 1 {
			t.Fatalf("quarantined = %+v", q)
		}
		if raw, _ := tx.MessageRaw(q[0].ID); string(raw) != "Subject: x\r\n\r\n" {
			t.Fatalf("quarantined raw = %q", raw)
		}
		if id, _ := tx.MessageIDByHash("INBOX", "bb"); id != q[0].ID {
			t.Fatalf("by hash: %d", id)
		}
		return nil
	})
	update(t, s, func(tx intake.Tx) error { return tx.SetMessageState(first, intake.MessageProcessed, "") })
	err := s.Update(ctx, func(tx intake.Tx) error { return tx.SetMessageState(999, intake.MessageProcessed, "") })
	if !errors.Is(err, intake.ErrNotFound) {
		t.Fatalf("missing message: %v", err)
	}
	view(t, s, func(tx intake.Tx) error {
		all, _ := tx.Messages(intake.MessageFilter{Mailbox: "INBOX"})
		if len(all) != 2 || all[0].State != intake.MessageProcessed {
			t.Fatalf("all = %+v", all)
		}
		if after, _ := tx.Messages(intake.MessageFilter{AfterID: first}); len(after) != 1 || after[0].ID == first {
			t.Fatalf("after %d = %+v", first, after)
		}
		if m, err := tx.Message(first); err != nil || m.State != intake.MessageProcessed {
			t.Fatalf("message = %+v %v", m, err)
		}
		cp, ok, err := tx.Checkpoint("INBOX")
		if err != nil || !ok || cp.LastUID != 2 || cp.UIDValidity != 7 {
			t.Fatalf("checkpoint = %+v %v %v", cp, ok, err)
		}
		if _, ok, _ := tx.Checkpoint("Other"); ok {
			t.Fatal("checkpoint of unknown mailbox")
		}
		return nil
	})
}

func TestPendingActions(t *testing.T) {
	s := openTest(t)
	update(t, s, func(tx intake.Tx) error {
		for _, p := range []intake.PendingAction{
			{Mailbox: "INBOX", UIDValidity: 1, UID: 5, Action: "move:Processed"},
			{Mailbox: "INBOX", UIDValidity: 1, UID: 3, Action: "move:Processed"},
			{Mailbox: "INBOX", UIDValidity: 0, UID: 9, Action: "move:X"},
		} {
			if err := tx.AddPendingAction(p); err != nil {
				return err
			}
		}
		return nil
	})
	// A View leaves the stale action out, and cannot drop it.
	view(t, s, func(tx intake.Tx) error {
		list, err := tx.PendingActions("INBOX", 1)
		if err != nil || len(list) != 2 || list[0].UID != 3 {
			t.Fatalf("pending in a view = %+v %v", list, err)
		}
		return nil
	})
	update(t, s, func(tx intake.Tx) error {
		list, err := tx.PendingActions("INBOX", 1)
		if err != nil || len(list) != 2 || list[0].UID != 3 {
			t.Fatalf("pending = %+v %v", list, err)
		}
		return tx.DonePendingActions("INBOX", 1, []uint32{3, 5})
	})
	var n int
	s.db.QueryRow(`SELECT COUNT(*) FROM pending_actions`).Scan(&n)
	if n != 0 {
		t.Fatalf("%d actions left (stale one must be dropped)", n)
	}
}

func TestAuditSinceAndMeta(t *testing.T) {
	s := openTest(t)
	update(t, s, func(tx intake.Tx) error {
		for _, a := range []string{"a", "b", "c"} {
			if err := tx.Audit(intake.AuditEntry{Actor: "intake", Action: a, CaseRef: "KSCMP-2026-0001", MessageID: 7}); err != nil {
				return err
			}
		}
		return tx.SetMeta(intake.MetaLastSync, "2026-03-02T09:00:00Z")
	})
	view(t, s, func(tx intake.Tx) error {
		all, err := tx.AuditSince(0, 0)
		if err != nil || len(all) != 3 || all[0].MessageID != 7 || !all[0].At.Equal(clockT0) {
			t.Fatalf("AuditSince(0, 0) = %+v %v", all, err)
		}
		some, err := tx.AuditSince(all[0].ID, 1)
		if err != nil || len(some) != 1 || some[0].Action != "b" {
			t.Fatalf("AuditSince(first, 1) = %+v %v", some, err)
		}
		if v, err := tx.Meta(intake.MetaLastSync); err != nil || v != "2026-03-02T09:00:00Z" {
			t.Fatalf("Meta = %q %v", v, err)
		}
		if v, err := tx.Meta("never"); err != nil || v != "" {
			t.Fatalf("Meta(never) = %q %v", v, err)
		}
		return nil
	})
}
