package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/kscmp/intake"
)

// enqueue enqueues n in a transaction of its own, stamped now.
func enqueue(t *testing.T, s *Store, n intake.Notice, now time.Time) bool {
	t.Helper()
	s.clock.(*intake.ManualClock).Set(now)
	var created bool
	update(t, s, func(tx intake.Tx) error {
		var err error
		created, err = tx.Enqueue(n)
		return err
	})
	return created
}

// outboxRows lists the outbox rows f selects.
func outboxRows(t *testing.T, s *Store, f intake.OutboxFilter) []intake.OutboxRow {
	t.Helper()
	var rows []intake.OutboxRow
	view(t, s, func(tx intake.Tx) error {
		var err error
		rows, err = tx.ListOutbox(f)
		return err
	})
	return rows
}

func TestEnqueueIsIdempotent(t *testing.T) {
	s := openTest(t)
	n := intake.Notice{Key: "chaser:KSCMP-2026-0042:police:2", Kind: intake.NoticeChaser, CaseRef: "KSCMP-2026-0042",
		To: []string{"SPOC@Police.Example"}, Agency: "police", ChaserNumber: 2}
	if !enqueue(t, s, n, clockT0) {
		t.Fatal("first enqueue: created false")
	}
	n.Agency = "changed"
	if enqueue(t, s, n, clockT0.Add(time.Hour)) {
		t.Fatal("second enqueue with the same key: created true")
	}
	rows := outboxRows(t, s, intake.OutboxFilter{})
	if len(rows) != 1 || rows[0].Notice.Agency != "police" || rows[0].State != intake.OutboxPending {
		t.Fatalf("rows = %+v", rows)
	}
	want := intake.MessageIDFor(n.Key, "intake.invalid")
	if rows[0].MessageID != want {
		t.Errorf("message id %q, want %q", rows[0].MessageID, want)
	}
	view(t, s, func(tx intake.Tx) error {
		if mid, err := tx.OutboxMessageID(n.Key); mid != want {
			t.Errorf("OutboxMessageID = %q %v, want %q", mid, err, want)
		}
		return nil
	})
	if !rows[0].NextAttemptAt.Equal(clockT0) || !rows[0].CreatedAt.Equal(clockT0) {
		t.Errorf("next attempt %v, created %v, want %v", rows[0].NextAttemptAt, rows[0].CreatedAt, clockT0)
	}
}

func TestOutboxLifecycle(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	clock := s.clock.(*intake.ManualClock)
	later := clockT0.Add(2 * time.Hour)
	enqueue(t, s, intake.Notice{Key: "a", Kind: intake.NoticeAcknowledgement, To: []string{"r@example.org"}}, clockT0)
	enqueue(t, s, intake.Notice{Key: "b", Kind: intake.NoticeChaser, To: []string{"s@example.org"}, NotBefore: later}, clockT0)

	var id int64
	view(t, s, func(tx intake.Tx) error {
		if at, ok, err := tx.NextOutboxDue(); err != nil || !ok || !at.Equal(clockT0) {
			t.Fatalf("NextOutboxDue = %v %v %v", at, ok, err)
		}
		due, err := tx.DueOutbox(10)
		if err != nil || len(due) != 1 || due[0].Key != "a" {
			t.Fatalf("due = %+v, %v", due, err)
		}
		id = due[0].ID
		return nil
	})
	update(t, s, func(tx intake.Tx) error {
		ok, err := tx.ClaimOutbox(id, clockT0.Add(10*time.Minute))
		if err != nil || !ok {
			t.Fatalf("claim = %v %v", ok, err)
		}
		ok, err = tx.ClaimOutbox(id, clockT0.Add(10*time.Minute))
		if err != nil || ok {
			t.Fatalf("second claim = %v %v", ok, err)
		}
		return nil
	})
	// A crashed sender's lease runs out: the row is due again.
	clock.Set(clockT0.Add(11 * time.Minute))
	view(t, s, func(tx intake.Tx) error {
		if due, _ := tx.DueOutbox(10); len(due) != 1 || due[0].State != intake.OutboxSending {
			t.Fatalf("after lease: %+v", due)
		}
		return nil
	})
	update(t, s, func(tx intake.Tx) error { return tx.MarkSent(id) })
	view(t, s, func(tx intake.Tx) error {
		if n, err := tx.SentToSince("R@example.org", clockT0); err != nil || n != 1 {
			t.Fatalf("SentToSince = %d %v", n, err)
		}
		if n, _ := tx.SentToSince("s@example.org", clockT0); n != 0 {
			t.Fatalf("SentToSince other = %d", n)
		}
		if n, _ := tx.NoticesToSince(intake.NoticeAcknowledgement, "r@EXAMPLE.org", clockT0); n != 1 {
			t.Fatalf("NoticesToSince = %d", n)
		}
		r, err := tx.OutboxByID(id)
		if err != nil || r.State != intake.OutboxSent || r.Attempts != 1 || !r.SentAt.Equal(clockT0.Add(11*time.Minute)) {
			t.Fatalf("row = %+v %v", r, err)
		}
		return nil
	})
	r := outboxRows(t, s, intake.OutboxFilter{Kind: string(intake.NoticeAcknowledgement)})[0]
	// A bounce matches by Message-ID, with angle brackets.
	update(t, s, func(tx intake.Tx) error {
		ok, err := tx.MarkBounced("<"+r.MessageID+">", "5.1.1")
		if !ok {
			t.Error("bounce not matched")
		}
		ok2, _ := tx.MarkBounced("<other@example.org>", "5.1.1")
		if ok2 {
			t.Error("foreign bounce matched")
		}
		return err
	})
	clock.Set(later)
	update(t, s, func(tx intake.Tx) error { return tx.RetryOutbox(id) })
	if r := outboxRows(t, s, intake.OutboxFilter{Kind: string(intake.NoticeAcknowledgement)})[0]; r.State != intake.OutboxPending ||
		r.Attempts != 0 || !r.NextAttemptAt.Equal(later) || r.LastError != intake.RetriedByOperator {
		t.Fatalf("after retry: %+v", r)
	}
	update(t, s, func(tx intake.Tx) error { return tx.MarkSent(id) })
	err := s.Update(ctx, func(tx intake.Tx) error { return tx.RetryOutbox(id) })
	if err == nil || intake.ErrorCode(err) != intake.ECONFLICT {
		t.Fatalf("retrying a sent row: %v", err)
	}
	err = s.Update(ctx, func(tx intake.Tx) error { return tx.RetryOutbox(999) })
	if !errors.Is(err, intake.ErrNotFound) {
		t.Fatalf("retry missing row: %v", err)
	}
	if failed := outboxRows(t, s, intake.OutboxFilter{States: []string{intake.OutboxFailed}}); len(failed) != 0 {
		t.Fatalf("failed = %v", failed)
	}
}

func TestBouncedByMessageID(t *testing.T) {
	s := openTest(t)
	enqueue(t, s, intake.Notice{Key: "summary_request:KSCMP-2026-0001:police", Kind: intake.NoticeSummaryRequest, To: []string{"spoc@example.org"}}, clockT0)
	enqueue(t, s, intake.Notice{Key: "summary_request:KSCMP-2026-0001:icb", Kind: intake.NoticeSummaryRequest, To: []string{"icb@example.org"}}, clockT0)
	police := intake.MessageIDFor("summary_request:KSCMP-2026-0001:police", s.domain)
	icb := intake.MessageIDFor("summary_request:KSCMP-2026-0001:icb", s.domain)
	update(t, s, func(tx intake.Tx) error {
		_, err := tx.MarkBounced("<"+police+">", "5.1.1")
		return err
	})
	view(t, s, func(tx intake.Tx) error {
		for _, c := range []struct {
			mid  string
			want bool
		}{{police, true}, {"<" + police + ">", true}, {icb, false}, {"nobody@example.org", false}} {
			if got, err := tx.Bounced(c.mid); err != nil || got != c.want {
				t.Errorf("Bounced(%s) = %v, %v; want %v", c.mid, got, err, c.want)
			}
		}
		return nil
	})
}

// TestListOutboxLatest keeps the newest rows when a limit is asked for
// newest first (the web outbox page shows the latest 500 of years of mail).
func TestListOutboxLatest(t *testing.T) {
	s := openTest(t)
	for i := 1; i <= 5; i++ {
		enqueue(t, s, intake.Notice{Key: fmt.Sprintf("ack:%d", i), Kind: intake.NoticeAcknowledgement,
			To: []string{"referrer@example.org"}}, clockT0.Add(time.Duration(i)*time.Minute))
	}
	var keys []string
	for _, r := range outboxRows(t, s, intake.OutboxFilter{Limit: 2, Newest: true}) {
		keys = append(keys, r.Notice.Key)
	}
	if want := []string{"ack:5", "ack:4"}; !slices.Equal(keys, want) {
		t.Errorf("latest two = %v, want %v", keys, want)
	}
	if rows := outboxRows(t, s, intake.OutboxFilter{Limit: 2}); rows[0].Notice.Key != "ack:1" {
		t.Errorf("oldest first begins with %q, want ack:1", rows[0].Notice.Key)
	}
}
