package store

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"
)

func TestMessagesStoreListAndState(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	var first int64
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		id, ins, err := InsertMessage(ctx, tx, NewMessage{Mailbox: "INBOX", UIDValidity: 7, UID: 1, MessageID: "<a@kestmoor.example>",
			SHA256: "aa", Size: 5, Raw: []byte("hello"), ReceivedAt: at, State: MessageStored}, at)
		if err != nil || !ins {
			t.Fatalf("insert: %v %v", ins, err)
		}
		first = id
		_, _, err = InsertMessage(ctx, tx, NewMessage{Mailbox: "INBOX", UIDValidity: 7, UID: 2, SHA256: "bb", Size: 1 << 30,
			Header: []byte("Subject: x\r\n\r\n"), ReceivedAt: at, State: MessageQuarantined, StateDetail: "too large"}, at)
		if err != nil {
			return err
		}
		again, ins, err := InsertMessage(ctx, tx, NewMessage{Mailbox: "INBOX", UIDValidity: 7, UID: 1, SHA256: "cc", Raw: []byte("x"), ReceivedAt: at, State: MessageStored}, at)
		if err != nil || ins || again != id {
			t.Fatalf("reinsert: id %d ins %v err %v", again, ins, err)
		}
		return SetCheckpoint(ctx, tx, Checkpoint{Mailbox: "INBOX", UIDValidity: 7, LastUID: 2, UpdatedAt: at})
	})
	if err != nil {
		t.Fatal(err)
	}
	stored, err := s.MessagesInState(ctx, MessageStored, 10)
	if err != nil || len(stored) != 1 || stored[0].MessageID != "<a@kestmoor.example>" || !stored[0].ReceivedAt.Equal(at) {
		t.Fatalf("stored = %+v, %v", stored, err)
	}
	raw, err := s.MessageRaw(ctx, first)
	if err != nil || string(raw) != "hello" {
		t.Fatalf("raw = %q, %v", raw, err)
	}
	q, _ := s.MessagesInState(ctx, MessageQuarantined, 0)
	if len(q) != 1 {
		t.Fatalf("quarantined = %+v", q)
	}
	if raw, _ := s.MessageRaw(ctx, q[0].ID); string(raw) != "Subject: x\r\n\r\n" {
		t.Fatalf("quarantined raw = %q", raw)
	}
	if id, _ := MessageIDByHash(ctx, s.DB, "INBOX", "bb"); id != q[0].ID {
		t.Fatalf("by hash: %d", id)
	}
	if err := s.Tx(ctx, func(tx *sql.Tx) error { return SetMessageState(ctx, tx, first, MessageProcessed, "") }); err != nil {
		t.Fatal(err)
	}
	err = s.Tx(ctx, func(tx *sql.Tx) error { return SetMessageState(ctx, tx, 999, MessageProcessed, "") })
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing message: %v", err)
	}
	all, _ := s.Messages(ctx, MessageFilter{Mailbox: "INBOX"})
	if len(all) != 2 || all[0].State != MessageProcessed {
		t.Fatalf("all = %+v", all)
	}
	cp, ok, err := s.Checkpoint(ctx, "INBOX")
	if err != nil || !ok || cp.LastUID != 2 || cp.UIDValidity != 7 {
		t.Fatalf("checkpoint = %+v %v %v", cp, ok, err)
	}
	if _, ok, _ := s.Checkpoint(ctx, "Other"); ok {
		t.Fatal("checkpoint of unknown mailbox")
	}
}

func TestPendingActions(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		for _, p := range []PendingAction{{"INBOX", 1, 5, "move:Processed"}, {"INBOX", 1, 3, "move:Processed"}, {"INBOX", 0, 9, "move:X"}} {
			if err := AddPendingAction(ctx, tx, p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	list, err := s.PendingActions(ctx, "INBOX", 1)
	if err != nil || len(list) != 2 || list[0].UID != 3 {
		t.Fatalf("pending = %+v %v", list, err)
	}
	if err := s.DonePendingActions(ctx, "INBOX", 1, []uint32{3, 5}); err != nil {
		t.Fatal(err)
	}
	var n int
	s.DB.QueryRow(`SELECT COUNT(*) FROM pending_actions`).Scan(&n)
	if n != 0 {
		t.Fatalf("%d actions left (stale one must be dropped)", n)
	}
}
