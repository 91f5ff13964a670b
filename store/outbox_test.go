package store

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/kscmp/intake"
)

var outboxT0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func enqueue(t *testing.T, s *Store, n intake.Notice, now time.Time) bool {
	t.Helper()
	var created bool
	err := s.Tx(context.Background(), func(tx *sql.Tx) error {
		var err error
		created, err = Enqueue(context.Background(), tx, n, now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return created
}

func TestEnqueueIsIdempotent(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	n := intake.Notice{Key: "chaser:KSCMP-2026-0042:police:2", Kind: intake.NoticeChaser, CaseRef: "KSCMP-2026-0042",
		To: []string{"SPOC@Police.Example"}, Agency: "police", ChaserNumber: 2}
	if !enqueue(t, s, n, outboxT0) {
		t.Fatal("first enqueue: created false")
	}
	n.Agency = "changed"
	if enqueue(t, s, n, outboxT0.Add(time.Hour)) {
		t.Fatal("second enqueue with the same key: created true")
	}
	rows, err := ListOutbox(ctx, s.DB, OutboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Notice.Agency != "police" || rows[0].State != OutboxPending {
		t.Fatalf("rows = %+v", rows)
	}
	want := MessageIDFor(n.Key, "intake.invalid")
	if rows[0].MessageID != want {
		t.Errorf("message id %q, want %q", rows[0].MessageID, want)
	}
	if NoticeMessageID(n.Key) != want {
		t.Errorf("NoticeMessageID = %q, want %q", NoticeMessageID(n.Key), want)
	}
	if !rows[0].NextAttemptAt.Equal(outboxT0) {
		t.Errorf("next attempt %v, want %v", rows[0].NextAttemptAt, outboxT0)
	}
}

func TestOutboxLifecycle(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	later := outboxT0.Add(2 * time.Hour)
	enqueue(t, s, intake.Notice{Key: "a", Kind: intake.NoticeAcknowledgement, To: []string{"r@example.org"}}, outboxT0)
	enqueue(t, s, intake.Notice{Key: "b", Kind: intake.NoticeChaser, To: []string{"s@example.org"}, NotBefore: later}, outboxT0)

	if at, ok, err := NextOutboxDue(ctx, s.DB); err != nil || !ok || !at.Equal(outboxT0) {
		t.Fatalf("NextOutboxDue = %v %v %v", at, ok, err)
	}
	due, err := DueOutbox(ctx, s.DB, outboxT0, 10)
	if err != nil || len(due) != 1 || due[0].Key != "a" {
		t.Fatalf("due = %+v, %v", due, err)
	}
	id := due[0].ID
	err = s.Tx(ctx, func(tx *sql.Tx) error {
		ok, err := ClaimOutbox(ctx, tx, id, outboxT0, outboxT0.Add(10*time.Minute))
		if err != nil || !ok {
			t.Fatalf("claim = %v %v", ok, err)
		}
		ok, err = ClaimOutbox(ctx, tx, id, outboxT0, outboxT0.Add(10*time.Minute))
		if err != nil || ok {
			t.Fatalf("second claim = %v %v", ok, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// A crashed sender's lease runs out: the row is due again.
	if due, _ := DueOutbox(ctx, s.DB, outboxT0.Add(11*time.Minute), 10); len(due) != 1 || due[0].State != OutboxSending {
		t.Fatalf("after lease: %+v", due)
	}
	err = s.Tx(ctx, func(tx *sql.Tx) error { return MarkSent(ctx, tx, id, outboxT0.Add(time.Minute)) })
	if err != nil {
		t.Fatal(err)
	}
	if n, err := SentToSince(ctx, s.DB, "R@example.org", outboxT0); err != nil || n != 1 {
		t.Fatalf("SentToSince = %d %v", n, err)
	}
	if n, _ := SentToSince(ctx, s.DB, "s@example.org", outboxT0); n != 0 {
		t.Fatalf("SentToSince other = %d", n)
	}
	r, err := OutboxByID(ctx, s.DB, id)
	if err != nil || r.State != OutboxSent || r.Attempts != 1 {
		t.Fatalf("row = %+v %v", r, err)
	}
	// A bounce matches by Message-ID, with angle brackets.
	err = s.Tx(ctx, func(tx *sql.Tx) error {
		ok, err := MarkBounced(ctx, tx, "<"+r.MessageID+">", "5.1.1")
		if !ok {
			t.Error("bounce not matched")
		}
		ok2, _ := MarkBounced(ctx, tx, "<other@example.org>", "5.1.1")
		if ok2 {
			t.Error("foreign bounce matched")
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Tx(ctx, func(tx *sql.Tx) error { return RetryOutbox(ctx, tx, id, later) })
	if err != nil {
		t.Fatal(err)
	}
	err = s.Tx(ctx, func(tx *sql.Tx) error { return MarkSent(ctx, tx, id, later) })
	if err != nil {
		t.Fatal(err)
	}
	err = s.Tx(ctx, func(tx *sql.Tx) error { return RetryOutbox(ctx, tx, id, later) })
	if err == nil {
		t.Fatal("retrying a sent row: no error")
	}
	err = s.Tx(ctx, func(tx *sql.Tx) error { return RetryOutbox(ctx, tx, 999, later) })
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("retry missing row: %v", err)
	}
	failed, err := ListOutbox(ctx, s.DB, OutboxFilter{States: []string{OutboxFailed}})
	if err != nil || len(failed) != 0 {
		t.Fatalf("failed = %v %v", failed, err)
	}
}

func TestBouncedByMessageID(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	enqueue(t, s, intake.Notice{Key: "summary_request:KSCMP-2026-0001:police", Kind: intake.NoticeSummaryRequest, To: []string{"spoc@example.org"}}, outboxT0)
	enqueue(t, s, intake.Notice{Key: "summary_request:KSCMP-2026-0001:icb", Kind: intake.NoticeSummaryRequest, To: []string{"icb@example.org"}}, outboxT0)
	police, icb := NoticeMessageID("summary_request:KSCMP-2026-0001:police"), NoticeMessageID("summary_request:KSCMP-2026-0001:icb")
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		_, err := MarkBounced(ctx, tx, "<"+police+">", "5.1.1")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		mid  string
		want bool
	}{{police, true}, {"<" + police + ">", true}, {icb, false}, {"nobody@example.org", false}} {
		if got, err := Bounced(ctx, s.DB, c.mid); err != nil || got != c.want {
			t.Errorf("Bounced(%s) = %v, %v; want %v", c.mid, got, err, c.want)
		}
	}
}
