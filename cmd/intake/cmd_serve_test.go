package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/internal/loopmail"
	"github.com/kscmp/intake/internal/testtls"
	"github.com/kscmp/intake/notify"
)

// ingestTestConfig writes a configuration reading mailbox addr into a
// fresh database and returns its path.
func ingestTestConfig(t *testing.T, addr, user string) string {
	t.Helper()
	host, port, _ := net.SplitHostPort(addr)
	dir := t.TempDir()
	path := filepath.Join(dir, "intake.toml")
	cfg := fmt.Sprintf(`[store]
path = %q

[imap]
host = %q
port = %s
tls = "plaintext"
allow_plaintext_loopback = true
username = %q
idle = false
`, filepath.Join(dir, "intake.db"), host, port, user)
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func testEnv(password string) (*Env, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string {
			if k == imapPasswordEnv {
				return password
			}
			return ""
		},
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, &out, &errb
}

func TestServeOnceThenMessages(t *testing.T) {
	mb := loopmail.MustIMAP(t, demoIMAPOptions("referrals", "pw-not-secret"))
	for i := 0; i < 3; i++ {
		raw := fmt.Sprintf("Message-ID: <serve-%d@kestmoor.example>\r\nSubject: Referral\r\n\r\nbody %d\r\n", i, i)
		if _, err := mb.Deliver([]byte(raw), time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
	}
	cfg := ingestTestConfig(t, mb.Addr(), "referrals")
	env, _, errb := testEnv("pw-not-secret")
	if code := Run(context.Background(), env, []string{"serve", "--once", "--config", cfg}); code != 0 {
		t.Fatalf("serve --once exited %d: %s", code, errb)
	}
	if n, _ := mb.Count("Processed"); n != 3 {
		t.Errorf("Processed has %d, want 3", n)
	}
	env, out, errb := testEnv("")
	if code := Run(context.Background(), env, []string{"messages", "--json", "--config", cfg}); code != 0 {
		t.Fatalf("messages exited %d: %s", code, errb)
	}
	var list []intake.Message
	if err := json.Unmarshal(out.Bytes(), &list); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if len(list) != 3 || list[0].MessageID != "<serve-0@kestmoor.example>" || list[0].State == "quarantined" { // processing may have moved it on from "stored"
		t.Fatalf("messages %+v", list)
	}
	if strings.Contains(out.String(), "body 0") {
		t.Error("messages printed a body")
	}
	env, out, _ = testEnv("")
	if code := Run(context.Background(), env, []string{"messages", "--state", "quarantined", "--config", cfg}); code != 0 || !strings.Contains(out.String(), "0 message(s)") {
		t.Errorf("messages --state quarantined: %d %s", code, out)
	}
}

func TestServeMissingPasswordFails(t *testing.T) {
	mb := loopmail.MustIMAP(t, demoIMAPOptions("referrals", "pw-not-secret"))
	cfg := ingestTestConfig(t, mb.Addr(), "referrals")
	env, _, errb := testEnv("")
	if code := Run(context.Background(), env, []string{"serve", "--once", "--config", cfg}); code != 1 || !strings.Contains(errb.String(), "INTAKE_IMAP_PASSWORD") {
		t.Fatalf("exit %d, stderr %s", code, errb)
	}
}

func TestCheckConfigConnect(t *testing.T) {
	mb := loopmail.MustIMAP(t, demoIMAPOptions("referrals", "pw-not-secret"))
	cfg := ingestTestConfig(t, mb.Addr(), "referrals")
	env, out, errb := testEnv("pw-not-secret")
	if code := Run(context.Background(), env, []string{"check-config", "--connect", "--config", cfg}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	for _, want := range []string{"valid", "imap: logged in", "IDLE yes, MOVE yes, UIDPLUS yes"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	env, _, errb = testEnv("wrong")
	if code := Run(context.Background(), env, []string{"check-config", "--connect", "--config", cfg}); code != 1 {
		t.Errorf("wrong password: exit %d, %s", code, errb)
	}
}

// fakeSMTP answers one SMTP greeting and EHLO (offering STARTTLS) on
// loopback and returns its address.
func fakeSMTP(t *testing.T) string {
	return fakeSMTPLines(t, "250-mail.kestmoor.example\r\n250-STARTTLS\r\n250 8BITMIME\r\n")
}

func TestGreetSMTP(t *testing.T) {
	host, port, _ := net.SplitHostPort(fakeSMTP(t))
	banner, exts, err := notify.Greet(context.Background(), host, atoi(t, port), notify.TLSPlaintext, 5*time.Second, nil)
	if err != nil || !strings.Contains(banner, "ESMTP") || len(exts) != 2 || exts[0] != "STARTTLS" {
		t.Fatalf("%q %q %v", banner, exts, err)
	}
}

// TestCheckSMTP greets a server over STARTTLS and checks its certificate.
func TestCheckSMTP(t *testing.T) {
	cert, _, err := testtls.SelfSigned()
	if err != nil {
		t.Fatal(err)
	}
	c := tlsSMTPConfig(t, cert, false)
	var out bytes.Buffer
	if err := checkSMTP(context.Background(), &out, c); err != nil || !strings.Contains(out.String(), "STARTTLS") ||
		!strings.Contains(out.String(), "TLS: STARTTLS; the certificate is valid for 127.0.0.1") {
		t.Fatalf("%v\n%s", err, out.String())
	}
}

// tlsSMTPConfig starts a recording SMTP server presenting cert (over
// STARTTLS, or at once with implicit) and returns an [smtp] section
// trusting that certificate.
func tlsSMTPConfig(t *testing.T, cert tls.Certificate, implicit bool) SMTPConfig {
	t.Helper()
	mode := loopmail.StartTLS
	if implicit {
		mode = loopmail.ImplicitTLS
	}
	srv := loopmail.MustSMTP(t, loopmail.SMTPOptions{TLS: mode, Cert: &cert})
	ca := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Leaf.Raw}), 0o644); err != nil {
		t.Fatal(err)
	}
	c := defaultSMTPConfig()
	c.Host, c.Port, c.CAFile, c.TLS = srv.Host(), srv.Port(), ca, "starttls"
	if implicit {
		c.TLS = "implicit"
	}
	c.Timeout = duration{5 * time.Second}
	return c
}

// TestCheckSMTPSaysWhatIsWrong (issue 14, points 13 and 14): a
// certificate without subjectAltName, implicit TLS to a plaintext port
// and a missing STARTTLS are each said in words with what to change.
func TestCheckSMTPSaysWhatIsWrong(t *testing.T) {
	ctx := context.Background()
	var out bytes.Buffer
	noSAN, _, err := testtls.WithoutSAN()
	if err != nil {
		t.Fatal(err)
	}
	for _, implicit := range []bool{false, true} {
		err := checkSMTP(ctx, &out, tlsSMTPConfig(t, noSAN, implicit))
		if err == nil || !strings.Contains(err.Error(), "has no subjectAltName") {
			t.Errorf("implicit %v, no subjectAltName: %v", implicit, err)
		}
	}
	host, port, _ := net.SplitHostPort(fakeSMTPLines(t, "250-mail.kestmoor.example\r\n250 8BITMIME\r\n"))
	c := defaultSMTPConfig()
	c.Host, c.Port, c.TLS, c.Timeout = host, atoi(t, port), "implicit", duration{5 * time.Second}
	if err := checkSMTP(ctx, &out, c); err == nil || !strings.Contains(err.Error(), "does not speak TLS at once") {
		t.Errorf("implicit TLS to a plaintext port: %v", err)
	}
	_, port, _ = net.SplitHostPort(fakeSMTPLines(t, "250-mail.kestmoor.example\r\n250 8BITMIME\r\n"))
	c.Port, c.TLS = atoi(t, port), "starttls"
	if err := checkSMTP(ctx, &out, c); err == nil || !strings.Contains(err.Error(), "does not offer STARTTLS") || !strings.Contains(err.Error(), "465") {
		t.Errorf("no STARTTLS: %v", err)
	}
}

func atoi(t *testing.T, s string) int {
	var n int
	if _, err := fmt.Sscan(s, &n); err != nil {
		t.Fatal(err)
	}
	return n
}

// fakeSMTPLines answers one SMTP greeting and EHLO on loopback with the
// given EHLO reply lines and returns its address.
func fakeSMTPLines(t *testing.T, ehlo string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		conn.Write([]byte("220 mail.kestmoor.example ESMTP\r\n"))
		buf := make([]byte, 512)
		conn.Read(buf)
		conn.Write([]byte(ehlo))
		conn.Read(buf)
		conn.Write([]byte("221 bye\r\n"))
	}()
	return ln.Addr().String()
}

// TestCheckSMTPBlankEHLOLine (issue 14, point 2): a server that sends a
// blank EHLO line and no STARTTLS made check-config --connect panic in
// hasExt; now it says STARTTLS is missing.
func TestCheckSMTPBlankEHLOLine(t *testing.T) {
	host, port, _ := net.SplitHostPort(fakeSMTPLines(t, "250-mail.kestmoor.example\r\n250- \r\n250 8BITMIME\r\n"))
	c := defaultSMTPConfig()
	c.Host, c.Port = host, atoi(t, port)
	var out bytes.Buffer
	err := checkSMTP(context.Background(), &out, c)
	if err == nil || !strings.Contains(err.Error(), "does not offer STARTTLS") {
		t.Fatalf("err %v\n%s", err, out.String())
	}
	if notify.Offers([]string{"", "  ", "8BITMIME"}, "STARTTLS") || !notify.Offers([]string{"", "starttls"}, "STARTTLS") {
		t.Error("notify.Offers is wrong about blank lines")
	}
}

// TestServeOnceSaysHowToFix (issue 14, point 13): a refused login says
// what to check, with the part named once ("ingest: ingest:" no more).
func TestServeOnceSaysHowToFix(t *testing.T) {
	mb := loopmail.MustIMAP(t, demoIMAPOptions("referrals", "pw-not-secret"))
	cfg := ingestTestConfig(t, mb.Addr(), "referrals")
	env, _, errb := testEnv("wrong")
	code := Run(context.Background(), env, []string{"serve", "--once", "--config", cfg})
	if code != 1 || !strings.Contains(errb.String(), "check imap.username and the password") || strings.Count(errb.String(), "ingest:") != 1 {
		t.Fatalf("exit %d: %s", code, errb)
	}
}

// TestCheckConfigConnectChecksFolders (issue 14, point 11): check-config
// --connect fails for a folder the mailbox does not have, listing the
// ones it has, and reports the processed and quarantine folders.
func TestCheckConfigConnectChecksFolders(t *testing.T) {
	mb := loopmail.MustIMAP(t, demoIMAPOptions("referrals", "pw-not-secret"))
	cfg := ingestTestConfig(t, mb.Addr(), "referrals")
	env, out, errb := testEnv("pw-not-secret")
	if code := Run(context.Background(), env, []string{"check-config", "--connect", "--config", cfg}); code != 0 ||
		!strings.Contains(out.String(), "folder INBOX (read): 0 message(s)") || !strings.Contains(out.String(), "folder Processed (processed)") {
		t.Fatalf("exit %d: %s %s", code, out, errb)
	}
	b, _ := os.ReadFile(cfg)
	if err := os.WriteFile(cfg, append(b, []byte("folders = [\"INBOXX\"]\n")...), 0o600); err != nil {
		t.Fatal(err)
	}
	env, out, errb = testEnv("pw-not-secret")
	code := Run(context.Background(), env, []string{"check-config", "--connect", "--config", cfg})
	if code != 1 || !strings.Contains(out.String(), "folder INBOXX (read): NOT FOUND") ||
		!strings.Contains(errb.String(), `no folder "INBOXX" in the mailbox (imap.folders); its folders are: "INBOX"`) {
		t.Fatalf("exit %d:\n%s\n%s", code, out, errb)
	}
}

// TestServeOnceExitsOneWhenASendFails (issue 14, point 11): serve --once
// exits 1, saying so, when the SMTP server refused an email, though
// every part's pass itself went through.
func TestServeOnceExitsOneWhenASendFails(t *testing.T) {
	mb := loopmail.MustIMAP(t, demoIMAPOptions("referrals", "pw-not-secret"))
	peer := loopmail.MustSMTP(t, loopmail.SMTPOptions{})
	peer.Reject(451)
	raw, err := renderDemoMail("referral-body.eml", newDemoMailData(time.Now(), 1))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := mb.Deliver(raw, time.Now()); err != nil {
		t.Fatal(err)
	}
	cfg := ingestTestConfig(t, mb.Addr(), "referrals")
	host, port, _ := net.SplitHostPort(peer.Addr())
	f, err := os.OpenFile(cfg, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(f, "[smtp]\nhost = %q\nport = %s\ntls = \"plaintext\"\nallow_plaintext_loopback = true\nauth = \"none\"\n[ops]\nlisten = \"\"\n", host, port)
	f.Close()
	env, _, errb := testEnv("pw-not-secret")
	if code := Run(context.Background(), env, []string{"serve", "--once", "--config", cfg}); code != 1 ||
		!strings.Contains(errb.String(), "email(s) could not be sent") || !strings.Contains(errb.String(), "451") {
		t.Fatalf("exit %d: %s", code, errb)
	}
}

// TestCheckConfigHidesTokenCommandStderr (issue 12): what a failing
// token_command writes to standard error (it may be a secret) reaches
// neither check-config's output nor the log; the exit status and the
// advice to run it by hand do.
func TestCheckConfigHidesTokenCommandStderr(t *testing.T) {
	mb := loopmail.MustIMAP(t, demoIMAPOptions("referrals", "pw-not-secret"))
	cfg := ingestTestConfig(t, mb.Addr(), "referrals")
	b, _ := os.ReadFile(cfg)
	b = bytes.Replace(b, []byte("idle = false\n"), []byte("idle = false\nauth = \"xoauth2\"\ntoken_command = \"echo 'refresh_token=rt-s3cr3t' >&2; exit 7\"\n"), 1)
	if err := os.WriteFile(cfg, b, 0o600); err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	env, out, errb := testEnv("")
	env.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	code := Run(context.Background(), env, []string{"check-config", "--connect", "--config", cfg})
	all := out.String() + errb.String() + logs.String()
	if code != 1 || strings.Contains(all, "rt-s3cr3t") || !strings.Contains(errb.String(), "exit status 7") || !strings.Contains(errb.String(), "run it by hand") {
		t.Fatalf("exit %d:\n%s", code, all)
	}
}
