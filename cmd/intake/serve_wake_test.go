package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/internal/loopmail"
)

// wakeTestConfig writes a configuration for a daemon between the
// in-process IMAP and SMTP servers, with IDLE on, and returns its path.
func wakeTestConfig(t *testing.T, imapAddr, smtpAddr string) string {
	t.Helper()
	cfg := demoConfig(filepath.Join(t.TempDir(), "intake.db"), imapAddr, smtpAddr)
	cfg.IMAP.IDLE = true
	var b bytes.Buffer
	fmt.Fprintf(&b, "[store]\npath = %q\n\n", cfg.Store.Path)
	fmt.Fprintf(&b, "[imap]\nhost = %q\nport = %d\ntls = \"plaintext\"\nallow_plaintext_loopback = true\nusername = %q\nidle = true\n\n",
		cfg.IMAP.Host, cfg.IMAP.Port, demoIMAPUser)
	fmt.Fprintf(&b, "[smtp]\nhost = %q\nport = %d\ntls = \"plaintext\"\nallow_plaintext_loopback = true\nauth = \"none\"\n\n", cfg.SMTP.Host, cfg.SMTP.Port)
	fmt.Fprintf(&b, "[partnership]\nmailbox = %q\nbusiness_team = [%q]\n\n[notify]\ndigest_enabled = false\n\n[ops]\nlisten = \"\"\n\n[trust]\nauthserv_ids = [%q]\n",
		demoMailbox, demoBusinessTeam, demoAuthservID)
	for _, a := range demoAgencies() {
		fmt.Fprintf(&b, "\n[[agency]]\nkey = %q\nname = %q\nspoc = [%q]\ncore = %v\n", a.Key, a.Name, a.SPOC[0], a.Core)
	}
	path := filepath.Join(t.TempDir(), "intake.toml")
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestServeWakesAtOnce runs the daemon as `intake serve` does (real clock,
// IDLE) between the in-process servers, and checks the two wake paths of
// issue 9: a referral's acknowledgement reaches the SMTP peer within a
// second of its arrival (ingest wakes casework, casework wakes the
// outbox), and a decision recorded on the command line while the daemon
// runs gets its emails out within five seconds (the daemon sees the
// database change).
func TestServeWakesAtOnce(t *testing.T) {
	ctx := context.Background()
	mb := loopmail.MustIMAP(t, demoIMAPOptions(demoIMAPUser, demoIMAPPassword))
	peer := loopmail.MustSMTP(t, loopmail.SMTPOptions{})
	path := wakeTestConfig(t, mb.Addr(), peer.Addr())
	env, _, errb := testEnv(demoIMAPPassword)
	env.Clock = intake.SystemClock{}
	cfg, err := env.LoadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	m, err := NewMain(ctx, cfg, env, intake.SystemClock{})
	if err != nil {
		t.Fatal(err)
	}
	m.Run(ctx)
	defer m.Close()
	time.Sleep(500 * time.Millisecond) // in IDLE by now

	raw, err := renderDemoMail("referral-body.eml", newDemoMailData(time.Now(), 1))
	if err != nil {
		t.Fatal(err)
	}
	raw = append([]byte("Authentication-Results: "+demoAuthservID+"; dmarc=pass header.from=kestmoor-hospital.example\r\n"), raw...)
	start := time.Now()
	if _, err := mb.Deliver(raw, start); err != nil {
		t.Fatal(err)
	}
	ack := waitSent(t, peer, "Referral received", 5*time.Second)
	took := time.Since(start)
	t.Logf("acknowledgement at the SMTP peer %s after the referral arrived", took.Round(time.Millisecond))
	// The bound here is generous for a loaded test machine; the figure
	// that matters is scripts/bench-latency.sh's.
	if took > 3*time.Second {
		t.Errorf("acknowledgement took %s; the wake path should take well under a second", took)
	}
	ref := demoCaseRefRE.FindString(ack)
	start = time.Now()
	if code := Run(ctx, env, []string{"accept", ref, "--by", "Jo Screener", "--reason", "meets", "--config", path}); code != 0 {
		t.Fatalf("intake accept exited %d: %s", code, errb)
	}
	waitSent(t, peer, "Agency summary requested", 5*time.Second)
	t.Logf("a summary request at the SMTP peer %s after intake accept", time.Since(start).Round(time.Millisecond))
}

// waitSent waits for an email whose subject holds subject and returns its
// subject line.
func waitSent(t *testing.T, peer *loopmail.SMTP, subject string, limit time.Duration) string {
	t.Helper()
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		for _, m := range peer.Messages() {
			if h := readSentHeader(m.Data); strings.Contains(h.Subject, subject) {
				return h.Subject
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("no %q reached the SMTP peer within %s", subject, limit)
	return ""
}
