package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/casework"
	"github.com/kscmp/intake/store"
)

var opsT0 = time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)

func opsTestEnv(out io.Writer) *Env {
	if out == nil {
		out = io.Discard
	}
	return &Env{Stdin: strings.NewReader(""), Stdout: out, Stderr: out,
		Getenv: func(string) string { return "" }, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
}

// opsOpenStore opens a fresh database on a clock stopped at opsT0.
func opsOpenStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "intake.db"), store.Options{Clock: intake.NewManualClock(opsT0)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// opsAddMessage stores a message with raw bytes, received at at, in
// state; the store stamps it with its clock's time.
func opsAddMessage(t *testing.T, st *store.Store, uid uint32, at time.Time, state string) int64 {
	t.Helper()
	var id int64
	err := st.Update(context.Background(), func(tx intake.Tx) error {
		var err error
		id, _, err = tx.InsertMessage(intake.NewMessage{
			Mailbox: "INBOX", UIDValidity: 1, UID: uid, MessageID: "<m" + string(rune('0'+uid)) + "@kestmoor.example>",
			SHA256: "ab", Size: 11, Raw: []byte("Subject: x\r\n\r\nbody"), ReceivedAt: at, State: state,
		})
		if err != nil {
			return err
		}
		return tx.Audit(intake.AuditEntry{At: at, Actor: "intake", Action: "message.stored", MessageID: id, CaseRef: "KSCMP-2026-0042"})
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// opsSetLastSync records a successful mailbox sync at at, as ingest does.
func opsSetLastSync(t *testing.T, st *store.Store, at time.Time) {
	t.Helper()
	err := st.Update(context.Background(), func(tx intake.Tx) error {
		return tx.SetMeta(intake.MetaLastSync, at.Format(time.RFC3339))
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestHealthzSyncAgeAndOutbox(t *testing.T) {
	st := opsOpenStore(t)
	clock := intake.NewManualClock(opsT0)
	h := &healthz{store: st, clock: clock, maxAge: 15 * time.Minute, started: opsT0}
	get := func() (int, string) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
		return rec.Code, rec.Body.String()
	}
	if code, body := get(); code != 200 {
		t.Fatalf("fresh daemon: %d %q, want 200", code, body)
	}
	clock.Advance(16 * time.Minute)
	if code, body := get(); code != 503 || !strings.Contains(body, "no successful mailbox sync") {
		t.Fatalf("never synced: %d %q, want 503 saying why", code, body)
	}
	opsSetLastSync(t, st, clock.Now())
	if code, body := get(); code != 200 {
		t.Fatalf("just synced: %d %q", code, body)
	}
	clock.Advance(20 * time.Minute)
	if code, body := get(); code != 503 || !strings.Contains(body, "last successful mailbox sync") {
		t.Fatalf("stale sync: %d %q", code, body)
	}
}

func TestMetricsReadFromStore(t *testing.T) {
	st := opsOpenStore(t)
	opsAddMessage(t, st, 1, opsT0, intake.MessageProcessed)
	opsAddMessage(t, st, 2, opsT0, intake.MessageUnreadable)
	opsSetLastSync(t, st, opsT0)
	err := st.Update(context.Background(), func(tx intake.Tx) error {
		for _, r := range []intake.ParseResult{{Message: 1, Kind: "referral"}, {Message: 2, Kind: "unreadable"}} {
			if err := tx.SaveParseResult(r); err != nil {
				return err
			}
		}
		for i, row := range [][2]string{{"chaser", "sent"}, {"chaser", "sent"}, {"chaser", "pending"}, {"acknowledgement", "failed"}, {"digest", "held"}} {
			if _, err := tx.Enqueue(intake.Notice{Key: fmt.Sprint("k", i), Kind: intake.NoticeKind(row[0])}); err != nil {
				return err
			}
			var err error
			switch id := int64(i + 1); row[1] {
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
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	m := &Main{Config: DefaultConfig(), Store: st, Clock: intake.NewManualClock(opsT0), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Casework: &casework.Casework{}}
	srv := httptest.NewServer(opsHandler(m))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	for _, want := range []string{
		"intake_messages_ingested_total 2",
		"intake_filing_panics_total 0",
		`intake_messages{state="unreadable"} 1`,
		"intake_last_sync_timestamp_seconds 1.7936064e+09",
		"intake_store_up 1",
		`intake_parse_results{kind="unreadable"} 1`,
		"intake_outbox_backlog 2",
		"intake_outbox_failed 1",
		"intake_chasers_sent_total 2",
		`intake_outbox_messages{state="sent"} 2`,
	} {
		if !bytes.Contains(body, []byte(want)) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	if t.Failed() {
		t.Logf("%s", body)
	}
	resp, err = http.Get(srv.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 503 || !bytes.Contains(body, []byte("1 outbox email(s) failed")) {
		t.Errorf("/healthz with a failed outbox row: %d %q", resp.StatusCode, body)
	}
}

func TestVersion(t *testing.T) {
	var out bytes.Buffer
	if code := Run(context.Background(), opsTestEnv(&out), []string{"version"}); code != 0 || !strings.HasPrefix(out.String(), "intake ") {
		t.Fatalf("version: %d %q", code, out.String())
	}
}

// TestOpsPartServes runs the ops part's loop on a loopback port and
// scrapes it, then stops it.
func TestOpsPartServes(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cfg := DefaultConfig()
	cfg.Ops.Listen = addr
	m := &Main{Config: cfg, Store: opsOpenStore(t), Clock: intake.NewManualClock(opsT0), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	p := &opsPart{m: m, handler: opsHandler(m)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()
	var resp *http.Response
	for i := 0; i < 50; i++ {
		if resp, err = http.Get("http://" + addr + "/metrics"); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.Contains(body, []byte("intake_store_up 1")) {
		t.Errorf("GET /metrics: %d\n%s", resp.StatusCode, body)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run returned %v after cancel", err)
	}
}
