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
	"os"
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
	h := &healthz{store: st, clock: clock, cfg: defaultOpsConfig(), started: opsT0}
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
	// Wait for the listener (a loaded machine may take a while to start
	// it: the bound only ends a test that would otherwise hang).
	var resp *http.Response
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(20 * time.Millisecond) {
		if resp, err = http.Get("http://" + addr + "/metrics"); err == nil || time.Now().After(deadline) {
			break
		}
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

// TestOpsTokenAndExposure (issue 12): off loopback without a token,
// check-config and the daemon warn; with a token (from a file or
// $INTAKE_OPS_TOKEN), /metrics and /healthz answer only a request that
// carries it.
func TestOpsTokenAndExposure(t *testing.T) {
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "intake.toml")
	write := func(extra string) {
		t.Helper()
		cfg := "[store]\npath = \"" + filepath.Join(dir, "intake.db") + "\"\n[imap]\nhost = \"\"\n[smtp]\nhost = \"\"\n[ops]\n" + extra
		if err := os.WriteFile(cfgPath, []byte(cfg), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("listen = \"0.0.0.0:9464\"\n")
	var out bytes.Buffer
	if code := Run(context.Background(), opsTestEnv(&out), []string{"check-config", "--config", cfgPath}); code != 0 ||
		!strings.Contains(out.String(), "warning: ops.listen 0.0.0.0:9464 is not a loopback address and no token is set") {
		t.Fatalf("check-config: %d\n%s", code, out.String())
	}
	var logs bytes.Buffer
	env := opsTestEnv(nil)
	env.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	cfg, err := env.LoadConfig(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	m, err := NewMain(context.Background(), cfg, env, intake.NewManualClock(opsT0))
	if err != nil {
		t.Fatal(err)
	}
	m.Close()
	if !strings.Contains(logs.String(), "level=WARN") || !strings.Contains(logs.String(), "not a loopback address") {
		t.Errorf("the daemon did not warn:\n%s", logs.String())
	}

	tokenFile := filepath.Join(dir, "ops-token")
	os.WriteFile(tokenFile, []byte("s3cret-ops-token\n"), 0o600)
	write("listen = \"0.0.0.0:9464\"\ntoken_file = \"" + tokenFile + "\"\n")
	out.Reset()
	if code := Run(context.Background(), opsTestEnv(&out), []string{"check-config", "--config", cfgPath}); code != 0 ||
		strings.Contains(out.String(), "warning") || !strings.Contains(out.String(), "bearer token required") {
		t.Fatalf("check-config with a token: %d\n%s", code, out.String())
	}
	if cfg, err = opsTestEnv(nil).LoadConfig(cfgPath); err != nil {
		t.Fatal(err)
	}
	m, err = NewMain(context.Background(), cfg, opsTestEnv(nil), intake.NewManualClock(opsT0))
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	h := opsHandler(m)
	for _, c := range []struct {
		auth string
		want int
	}{{"", 401}, {"Bearer wrong", 401}, {"s3cret-ops-token", 401}, {"Bearer s3cret-ops-token", 0}} {
		for _, path := range []string{"/metrics", "/healthz"} {
			req := httptest.NewRequest("GET", path, nil)
			if c.auth != "" {
				req.Header.Set("Authorization", c.auth)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if (c.want == 401) != (rec.Code == 401) {
				t.Errorf("%s with %q: %d", path, c.auth, rec.Code)
			}
		}
	}
	// The token may come from the environment instead.
	env = opsTestEnv(nil)
	env.Getenv = func(k string) string {
		if k == opsTokenEnv {
			return "from-env"
		}
		return ""
	}
	write("listen = \"127.0.0.1:0\"\n")
	if cfg, err = env.LoadConfig(cfgPath); err != nil {
		t.Fatal(err)
	}
	m2, err := NewMain(context.Background(), cfg, env, intake.NewManualClock(opsT0))
	if err != nil {
		t.Fatal(err)
	}
	defer m2.Close()
	rec := httptest.NewRecorder()
	opsHandler(m2).ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
	if rec.Code != 401 {
		t.Errorf("$INTAKE_OPS_TOKEN set, no token sent: %d", rec.Code)
	}
}
