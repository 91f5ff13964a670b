package ingest

import (
	"context"
	"crypto/tls"
	"log/slog"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/internal/connproblem"
	"github.com/kscmp/intake/internal/loopmail"
	"github.com/kscmp/intake/internal/testtls"
)

// smtpGreeter answers every connection with an SMTP greeting, as a
// mail server on a port meant for IMAP would.
func smtpGreeter(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				c.Write([]byte("220 mail.kestmoor.example ESMTP ready\r\n"))
				buf := make([]byte, 512)
				for {
					if _, err := c.Read(buf); err != nil {
						return
					}
					c.Write([]byte("500 5.5.1 unknown command\r\n"))
				}
			}()
		}
	}()
	return ln.Addr().String()
}

// TestProblemsSayHowToFixThem (issue 14, points 13 and 14; issue 12):
// the failures a person must fix come back as a Problem of the right
// kind, saying what to change; a certificate without subjectAltName says
// so plainly.
func TestProblemsSayHowToFixThem(t *testing.T) {
	srv := memServer(t, loopmail.IMAPOptions{})
	noSAN, noSANPool, err := testtls.WithoutSAN()
	if err != nil {
		t.Fatal(err)
	}
	noSANAddr := memServer(t, loopmail.IMAPOptions{TLS: loopmail.ImplicitTLS, Cert: &noSAN}).Addr()
	for _, c := range []struct {
		name, addr string
		edit       func(*Config)
		kind, fix  string
	}{
		{"wrong password", srv.Addr(), func(c *Config) {
			c.Secret = func(context.Context) (string, error) { return "wrong", nil }
		}, connproblem.KindAuth, "check imap.username and the password"},
		{"missing folder", srv.Addr(), func(c *Config) { c.Folders = []string{"INBOX", "INBOXX"} }, connproblem.KindFolder, `there is no folder "INBOXX"`},
		{"implicit TLS to a plaintext port", srv.Addr(), func(c *Config) { c.TLS = TLSImplicit }, connproblem.KindTLS, `set imap.tls = "starttls"`},
		{"STARTTLS not offered", srv.Addr(), func(c *Config) { c.TLS = TLSStartTLS }, connproblem.KindStartTLS, "does not offer STARTTLS"},
		{"an SMTP port", smtpGreeter(t), nil, connproblem.KindProtocol, "answered like an SMTP server"},
		{"a certificate without subjectAltName", noSANAddr, func(c *Config) {
			c.TLS, c.TLSConfig = TLSImplicit, &tls.Config{RootCAs: noSANPool}
		}, connproblem.KindCertificate, "has no subjectAltName"},
		{"an unreadable token", srv.Addr(), func(c *Config) { c.Secret = CommandSecret("exit 4") }, connproblem.KindCredentials, "run the token command"},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := newTestIngester(t, c.addr, openStore(t), c.edit)
			err := in.PollOnce(context.Background())
			p, ok := AsProblem(err)
			if !ok || p.Kind != c.kind || !strings.Contains(err.Error(), c.fix) {
				t.Fatalf("err %v (problem %v), want kind %s saying %q", err, ok, c.kind, c.fix)
			}
			if strings.Count(err.Error(), "ingest:") != 1 {
				t.Errorf("the prefix is doubled: %v", err)
			}
			if st := in.Status(); !st.Failing || st.Kind != c.kind || st.Attempts != 1 {
				t.Errorf("status %+v", st)
			}
		})
	}
}

// lockedLog is a log sink a test may read while the ingester writes.
type lockedLog struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestRunRetriesAProblemSlowly (issue 12): a refused login is logged
// once as an error with the fix, retried only every BackoffMax, shown in
// Status, and noticed as soon as it is fixed.
func TestRunRetriesAProblemSlowly(t *testing.T) {
	srv := memServer(t, loopmail.IMAPOptions{})
	var password atomic.Value
	password.Store("wrong")
	clock := intake.NewManualClock(time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC))
	logs := &lockedLog{}
	cfg := Config{
		Addr: srv.Addr(), TLS: TLSPlaintext, AllowPlaintext: true, Username: memUser, Auth: AuthPlain,
		Secret:         func(context.Context) (string, error) { return password.Load().(string), nil },
		CommandTimeout: 5 * time.Second, ConnectTimeout: 5 * time.Second,
		BackoffMin: time.Millisecond, BackoffMax: 10 * time.Minute, PollInterval: time.Hour,
	}
	in := New(cfg, openStore(t), clock, slog.New(slog.NewTextHandler(logs, nil)))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- in.Run(ctx) }()
	defer func() { cancel(); <-done; in.Close() }()

	// waitAsleep waits until Run sleeps on the clock, after attempts.
	waitAsleep := func(attempts int) {
		t.Helper()
		deadline := time.Now().Add(time.Minute)
		for clock.Waiters() == 0 || (attempts > 0 && in.Status().Attempts < attempts) {
			if time.Now().After(deadline) {
				t.Fatalf("Run never slept after %d attempts: %+v", attempts, in.Status())
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	waitAsleep(1)
	for i := 2; i <= 3; i++ {
		clock.Advance(9 * time.Minute) // not yet BackoffMax: no attempt
		time.Sleep(20 * time.Millisecond)
		if n := in.Status().Attempts; n != i-1 {
			t.Fatalf("attempt %d came before BackoffMax", n)
		}
		clock.Advance(time.Minute)
		waitAsleep(i)
	}
	st := in.Status()
	if !st.Failing || st.Kind != connproblem.KindAuth || !strings.Contains(st.Err, "check imap.username") {
		t.Errorf("status %+v", st)
	}
	if n := strings.Count(logs.String(), "level=ERROR"); n != 1 || !strings.Contains(logs.String(), "fix=") {
		t.Errorf("%d errors logged for three refusals, want 1 with the fix:\n%s", n, logs)
	}
	password.Store(memPass)
	clock.Advance(10 * time.Minute)
	// The status turns healthy inside the pass; the recovery is logged
	// just after it, so wait for both.
	deadline := time.Now().Add(time.Minute)
	for in.Status().Failing || !strings.Contains(logs.String(), "mailbox available again") {
		if time.Now().After(deadline) {
			t.Fatalf("recovery not seen or not logged: %+v\n%s", in.Status(), logs)
		}
		time.Sleep(5 * time.Millisecond)
	}
	if !strings.Contains(logs.String(), "connected and logged in") {
		t.Errorf("reconnection not logged:\n%s", logs)
	}
}
