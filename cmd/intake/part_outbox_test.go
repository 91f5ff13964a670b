package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/mail"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake"
)

// TestOutboxPartSendsThroughMain wires the outbox part into a Main the way
// `intake serve` does and sends one acknowledgement and the day's digest
// through a recording SMTP server.
func TestOutboxPartSendsThroughMain(t *testing.T) {
	ctx := context.Background()
	clock := intake.NewManualClock(time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)) // Monday, after 07:30
	peer, err := startDemoSMTP(clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer peer.Close()
	cfg := DefaultConfig()
	cfg.Store.Path = filepath.Join(t.TempDir(), "intake.db")
	cfg.Ops.Listen = ""
	host, port := splitDemoAddr(peer.Addr())
	cfg.SMTP.Host, cfg.SMTP.Port, cfg.SMTP.TLS, cfg.SMTP.AllowPlaintextLoopback, cfg.SMTP.Auth = host, port, "plaintext", true, "none"
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	env := &Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" },
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	m, err := NewMain(ctx, cfg, env, clock)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	err = m.Store.Update(ctx, func(tx intake.Tx) error {
		_, err := tx.Enqueue(intake.Notice{Key: "acknowledgement:KSCMP-2026-0042", Kind: intake.NoticeAcknowledgement,
			CaseRef: "KSCMP-2026-0042", To: []string{"a.referrer@kestmoor-health.example"}, Verdict: "meets_criteria"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	wakeOutbox(m) // harmless when the loop is not running
	if err := m.RunOnce(ctx); err != nil {
		t.Logf("RunOnce: %v (other parts)", err)
	}
	sent := peer.Sent()
	subjects := map[string]string{}
	for _, s := range sent {
		msg, err := mail.ReadMessage(bytes.NewReader(s.Data))
		if err != nil {
			t.Fatal(err)
		}
		subjects[msg.Header.Get("Subject")] = msg.Header.Get("Message-Id")
		if s.From != cfg.Partnership.MailboxAddress() {
			t.Errorf("envelope from %q", s.From)
		}
	}
	if len(sent) != 2 {
		t.Fatalf("sent %d emails, want the acknowledgement and the digest: %v", len(sent), subjects)
	}
	mid := subjects["[KSCMP-2026-0042] Referral received"]
	if !strings.HasSuffix(mid, "@kscmp.example>") {
		t.Errorf("acknowledgement Message-ID %q: want the partnership's domain", mid)
	}
	if _, ok := subjects["Intake digest for Monday 2 March 2026"]; !ok {
		t.Errorf("no digest: %v", subjects)
	}
}
