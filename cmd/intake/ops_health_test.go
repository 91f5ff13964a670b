package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/kscmp/intake"
	"github.com/kscmp/intake/internal/loopmail"
)

// healthRig is the real daemon on a manual clock, reading the
// in-process IMAP server and sending through the recording SMTP server,
// whose password and answers a test can change between passes.
type healthRig struct {
	t     *testing.T
	ctx   context.Context
	imap  *loopmail.IMAP
	smtp  *loopmail.SMTP
	clock *intake.ManualClock
	m     *Main

	mu           sync.Mutex
	password     string
	smtpPassword string
	n            int
}

// newHealthRig starts the peers and the daemon with its database in dir
// ("" for a temporary directory); edit changes the configuration.
func newHealthRig(t *testing.T, dir string, edit func(*Config)) *healthRig {
	t.Helper()
	r := &healthRig{t: t, ctx: context.Background(), clock: intake.NewManualClock(demoStart), password: demoIMAPPassword}
	r.imap = loopmail.MustIMAP(t, demoIMAPOptions(demoIMAPUser, demoIMAPPassword))
	r.smtp = loopmail.MustSMTP(t, loopmail.SMTPOptions{Now: r.clock.Now, Login: func(_, password string) error {
		if password != "smtp-pw-not-secret" {
			return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "authentication credentials invalid"}
		}
		return nil
	}})
	if dir == "" {
		dir = t.TempDir()
	}
	cfg := demoConfig(filepath.Join(dir, "intake.db"), r.imap.Addr(), r.smtp.Addr())
	cfg.IMAP.ConnectTimeout = duration{5 * time.Second}
	if edit != nil {
		edit(cfg)
	}
	env := opsTestEnv(nil)
	env.Getenv = func(k string) string {
		r.mu.Lock()
		defer r.mu.Unlock()
		switch k {
		case imapPasswordEnv:
			return r.password
		case smtpPasswordEnv:
			return r.smtpPassword
		}
		return ""
	}
	var err error
	if r.m, err = NewMain(r.ctx, cfg, env, r.clock); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.m.Close() })
	return r
}

func (r *healthRig) set(f func()) {
	r.mu.Lock()
	defer r.mu.Unlock()
	f()
}

// step moves the clock on by d and runs one pass of every part.
func (r *healthRig) step(d time.Duration) error {
	r.clock.Advance(d)
	return r.m.RunOnce(r.ctx)
}

// get answers path as the ops listener would.
func (r *healthRig) get(path string) (int, string) {
	rec := httptest.NewRecorder()
	opsHandler(r.m).ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	return rec.Code, rec.Body.String()
}

// healthy fails the test unless /healthz is 200 and intake_healthy 1.
func (r *healthRig) healthy(when string) {
	r.t.Helper()
	if code, body := r.get("/healthz"); code != 200 {
		r.t.Fatalf("%s: /healthz %d %q, want 200", when, code, body)
	}
	if _, m := r.get("/metrics"); !strings.Contains(m, "intake_healthy 1") {
		r.t.Errorf("%s: /metrics lacks intake_healthy 1", when)
	}
}

// unhealthy fails the test unless /healthz is 503 saying want, and
// /metrics says intake_healthy 0 and each of metrics.
func (r *healthRig) unhealthy(when, want string, metrics ...string) {
	r.t.Helper()
	code, body := r.get("/healthz")
	if code != 503 || !strings.Contains(body, want) {
		r.t.Fatalf("%s: /healthz %d %q, want 503 saying %q", when, code, body, want)
	}
	_, m := r.get("/metrics")
	for _, w := range append([]string{"intake_healthy 0"}, metrics...) {
		if !strings.Contains(m, w) {
			r.t.Errorf("%s: /metrics lacks %q", when, w)
		}
	}
}

// deliverReferral puts an invented referral from the same referrer in
// the inbox.
func (r *healthRig) deliverReferral() {
	r.t.Helper()
	r.n++
	raw, err := renderDemoMail("referral-body.eml", newDemoMailData(r.clock.Now(), r.n))
	if err != nil {
		r.t.Fatal(err)
	}
	if _, err := r.imap.Deliver(raw, r.clock.Now()); err != nil {
		r.t.Fatal(err)
	}
}

// TestHealthzWrongPassword (issue 12): a refused IMAP login makes
// /healthz fail at once, naming the problem and the fix, and it is
// healthy again once the password is right.
func TestHealthzWrongPassword(t *testing.T) {
	r := newHealthRig(t, "", nil)
	if err := r.step(time.Minute); err != nil {
		t.Fatal(err)
	}
	r.healthy("after a good pass")
	r.m.Ingester.Close() // the next pass logs in afresh
	r.set(func() { r.password = "changed-by-someone" })
	if err := r.step(time.Minute); err == nil {
		t.Fatal("a pass with the wrong password reported no error")
	}
	r.unhealthy("wrong password", "mailbox: auth problem", `intake_mailbox_problem{kind="auth"} 1`, "intake_mailbox_failing 1")
	if _, body := r.get("/healthz"); !strings.Contains(body, "check imap.username and the password") {
		t.Errorf("/healthz does not say what to check: %q", body)
	}
	r.set(func() { r.password = demoIMAPPassword })
	if err := r.step(time.Minute); err != nil {
		t.Fatalf("after the password was put right: %v", err)
	}
	r.healthy("after the password was put right")
}

// TestHealthzFailingSMTPPeer (issue 12): when the SMTP server refuses
// every email, /healthz fails once healthz_max_send_failures attempts in
// a row have failed, and serve's pass reports the failure; it is healthy
// again once an email goes through.
func TestHealthzFailingSMTPPeer(t *testing.T) {
	r := newHealthRig(t, "", func(c *Config) { c.Ops.HealthzMaxSendFailures = 2 })
	r.smtp.Reject(451)
	r.deliverReferral()
	err := r.step(time.Minute)
	if err == nil || !strings.Contains(err.Error(), "email(s) could not be sent") {
		t.Fatalf("a pass whose acknowledgement was refused: %v", err)
	}
	if code, body := r.get("/healthz"); code != 200 {
		t.Fatalf("one failure, limit 2: %d %q", code, body)
	}
	r.deliverReferral()
	r.step(time.Hour) // both due again: two more refusals
	r.unhealthy("every send refused", "sending: the last", "intake_smtp_send_failures_total")
	if _, m := r.get("/metrics"); strings.Contains(m, "intake_outbox_retrying 0") || strings.Contains(m, "intake_smtp_consecutive_failures 0") {
		t.Errorf("/metrics does not count the emails waiting to retry:\n%s", m)
	}
	r.smtp.Accept()
	if err := r.step(2 * time.Hour); err != nil {
		t.Fatalf("after the server recovered: %v", err)
	}
	r.healthy("after the server recovered")
	if len(r.smtp.Messages()) == 0 {
		t.Fatal("nothing was sent after the server recovered")
	}
}

// TestHealthzHeldEmails (issue 12): an email held by the daily cap makes
// /healthz fail, saying how to release it, until a person does.
func TestHealthzHeldEmails(t *testing.T) {
	r := newHealthRig(t, "", func(c *Config) { c.Notify.MaxPerRecipientPerDay = 1 })
	r.deliverReferral()
	r.deliverReferral()
	if err := r.step(time.Minute); err != nil {
		t.Fatal(err)
	}
	r.unhealthy("the second acknowledgement held", "held by the daily cap", "intake_outbox_held 1")
	var held int64
	err := r.m.Store.View(r.ctx, func(tx intake.Tx) error {
		rows, err := tx.ListOutbox(intake.OutboxFilter{States: []string{intake.OutboxHeld}})
		if len(rows) == 1 {
			held = rows[0].ID
		}
		return err
	})
	if err != nil || held == 0 {
		t.Fatalf("the held email: %d %v", held, err)
	}
	if err := r.m.Casework.RetryEmail(r.ctx, "A. Operator", held, "the referrer's second referral"); err != nil {
		t.Fatal(err)
	}
	if err := r.step(time.Minute); err != nil {
		t.Fatal(err)
	}
	r.healthy("after a person released the held email")
}

// TestHealthzFullDisk (issue 12): with the database on a full disk
// (a small tmpfs, mounted as root), a pass that must store mail fails
// and /healthz says the database cannot be written; once space is
// freed the next pass stores it and /healthz is healthy again.
func TestHealthzFullDisk(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=16m,mode=0700"); err != nil {
		if os.Getenv("INTAKE_REQUIRE_REAL") == "1" {
			t.Fatalf("mounting a tmpfs to fill (needs root): %v", err)
		}
		t.Skipf("mounting a tmpfs to fill needs root: %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
	r := newHealthRig(t, dir, nil)
	if err := r.step(time.Minute); err != nil {
		t.Fatal(err)
	}
	r.healthy("before the disk filled")

	filler := filepath.Join(dir, "filler")
	f, err := os.Create(filler)
	if err != nil {
		t.Fatal(err)
	}
	for chunk := bytes.Repeat([]byte{'x'}, 64<<10); ; {
		if _, err := f.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			break
		}
	}
	f.Close()
	big := fmt.Sprintf("From: someone@kestmoor.example\r\nMessage-ID: <big@kestmoor.example>\r\nSubject: scans\r\n\r\n%s\r\n",
		strings.Repeat("0123456789abcdef\r\n", 2<<20/18))
	if _, err := r.imap.Deliver([]byte(big), r.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if err := r.step(time.Minute); err == nil {
		t.Fatal("a pass storing 2 MB on a full disk reported no error")
	}
	r.unhealthy("disk full", "database writes failing since", "intake_store_write_failing 1")
	if _, body := r.get("/healthz"); !strings.Contains(body, "new mail cannot be stored") {
		t.Errorf("/healthz does not say mail cannot be stored: %q", body)
	}

	os.Remove(filler)
	if err := r.step(time.Minute); err != nil {
		t.Fatalf("after space was freed: %v", err)
	}
	r.healthy("after space was freed")
	if n, _ := r.imap.Count("Processed"); n != 1 {
		t.Errorf("Processed holds %d, want the big message", n)
	}
}

// TestHealthzSMTPLoginRefused (issue 12): a refused SMTP login (535) is
// a failure a person must fix: /healthz fails at the first one, saying
// what to check, and the outbox row says it too; healthy again once the
// password is right and an email goes through.
func TestHealthzSMTPLoginRefused(t *testing.T) {
	r := newHealthRig(t, "", func(c *Config) {
		c.SMTP.Auth, c.SMTP.Username = "plain", "reviews"
		c.Ops.HealthzMaxSendFailures = 100
	})
	r.set(func() { r.smtpPassword = "wrong" })
	r.deliverReferral()
	if err := r.step(time.Minute); err == nil {
		t.Fatal("a pass whose login was refused reported no error")
	}
	r.unhealthy("login refused", "sending: auth problem", `intake_smtp_problem{kind="auth"} 1`)
	if _, body := r.get("/healthz"); !strings.Contains(body, "check smtp.username and the password") {
		t.Errorf("/healthz does not say what to check: %q", body)
	}
	r.set(func() { r.smtpPassword = "smtp-pw-not-secret" })
	if err := r.step(2 * time.Hour); err != nil {
		t.Fatalf("after the password was put right: %v", err)
	}
	r.healthy("after the password was put right")
}
