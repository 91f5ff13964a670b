package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/kscmp/intake"
)

func TestBackupSameRows(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	for i := uint32(1); i <= 5; i++ {
		addMessage(t, s, i, clockT0, intake.MessageProcessed)
	}
	dst := filepath.Join(t.TempDir(), "backup.db")
	if err := s.Backup(ctx, dst); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(dst)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %v, want 0600", fi.Mode().Perm())
	}
	copy, err := Open(ctx, dst, Options{})
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
		s.db.QueryRow(q).Scan(&a)
		copy.db.QueryRow(q).Scan(&b)
		if a == "" || a != b {
			t.Errorf("table %s differs in the backup: %q vs %q", table, a, b)
		}
	}
	if err := s.Backup(ctx, dst); err == nil {
		t.Error("backup over an existing file succeeded")
	}
}

func TestStats(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	m1 := addMessage(t, s, 1, clockT0, intake.MessageProcessed)
	m2 := addMessage(t, s, 2, clockT0, intake.MessageUnreadable)
	if st, err := s.Stats(ctx); err != nil || !st.LastSync.IsZero() || st.MessagesTotal != 2 || st.OutboxFailed != 0 {
		t.Fatalf("before any sync: %+v %v", st, err)
	}
	update(t, s, func(tx intake.Tx) error {
		for _, r := range []intake.ParseResult{{Message: m1, Kind: "referral"}, {Message: m2, Kind: "unreadable"}} {
			if err := tx.SaveParseResult(r); err != nil {
				return err
			}
		}
		for i, row := range [][2]string{{"chaser", "sent"}, {"chaser", "sent"}, {"chaser", "pending"}, {"acknowledgement", "failed"}, {"digest", "held"}} {
			if _, err := tx.Enqueue(intake.Notice{Key: string(rune('a' + i)), Kind: intake.NoticeKind(row[0])}); err != nil {
				return err
			}
			id := int64(i + 1)
			var err error
			switch row[1] {
			case "sent":
				err = tx.MarkSent(id)
			case "failed":
				err = tx.MarkFailed(id, "550")
			case "held":
				err = tx.MarkHeld(id, tx.Now().Add(24*time.Hour), "cap")
			}
			if err != nil {
				return err
			}
		}
		return tx.SetMeta(intake.MetaLastSync, clockT0.Format(time.RFC3339))
	})
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.MessagesTotal != 2 || st.MessagesByState[intake.MessageUnreadable] != 1 || st.ParseByKind["referral"] != 1 ||
		st.OutboxBacklog != 2 || st.OutboxFailed != 1 || st.ChasersSent != 2 || st.OutboxByState[intake.OutboxSent] != 2 ||
		!st.LastSync.Equal(clockT0) {
		t.Errorf("stats = %+v", st)
	}
}
