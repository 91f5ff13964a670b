package main

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/internal/loopmail"
)

// TestHealthzWhenIMAPStops runs the real daemon (every registered part)
// against the in-process IMAP server on a manual clock: /healthz is
// healthy while passes succeed, turns unhealthy once the server has been
// down for longer than ops.healthz_max_sync_age, and healthy again when it
// is back.
func TestHealthzWhenIMAPStops(t *testing.T) {
	ctx := context.Background()
	imap := loopmail.MustIMAP(t, demoIMAPOptions(demoIMAPUser, demoIMAPPassword))
	clock := intake.NewManualClock(demoStart)
	smtp := loopmail.MustSMTP(t, loopmail.SMTPOptions{Now: clock.Now})
	cfg := demoConfig(filepath.Join(t.TempDir(), "intake.db"), imap.Addr(), smtp.Addr())
	cfg.Ops.HealthzMaxSyncAge = duration{15 * time.Minute}
	cfg.IMAP.ConnectTimeout = duration{2 * time.Second}
	env := opsTestEnv(nil)
	env.Getenv = demoGetenv
	m, err := NewMain(ctx, cfg, env, clock)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	h := opsHandler(m)
	health := func() (int, string) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
		return rec.Code, rec.Body.String()
	}
	step := func(d time.Duration) error {
		clock.Advance(d)
		return m.RunOnce(ctx)
	}

	if err := step(time.Minute); err != nil {
		t.Fatalf("first pass: %v", err)
	}
	if code, body := health(); code != 200 {
		t.Fatalf("after a good pass: %d %q", code, body)
	}
	imap.Stop()
	if err := step(10 * time.Minute); err == nil {
		t.Error("a pass with the IMAP server down reported no error")
	}
	if code, body := health(); code != 200 {
		t.Fatalf("10 minutes down, limit 15: %d %q", code, body)
	}
	step(10 * time.Minute)
	code, body := health()
	if code != 503 || !strings.Contains(body, "last successful mailbox sync") {
		t.Fatalf("20 minutes down: %d %q, want 503 naming the stale sync", code, body)
	}
	if err := imap.Start(); err != nil {
		t.Fatal(err)
	}
	if err := step(time.Minute); err != nil {
		t.Fatalf("pass after the server came back: %v", err)
	}
	if code, body := health(); code != 200 {
		t.Fatalf("server back: %d %q", code, body)
	}
}
