package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/store"
)

// notifyTestEnv writes a configuration with its database in a temporary
// directory and returns it with the path of the config.
func notifyTestEnv(t *testing.T, extra string) (cfgPath string, st *store.Store, out *bytes.Buffer, env *Env) {
	t.Helper()
	dir := t.TempDir()
	db := filepath.Join(dir, "intake.db")
	cfgPath = filepath.Join(dir, "intake.toml")
	if err := os.WriteFile(cfgPath, []byte("[store]\npath = \""+db+"\"\n"+extra), 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	out = &bytes.Buffer{}
	env = &Env{Stdin: strings.NewReader(""), Stdout: out, Stderr: out, Getenv: func(string) string { return "" }, Logger: nil}
	return cfgPath, st, out, env
}

func TestOutboxListFailedAndRetry(t *testing.T) {
	cfg, st, out, env := notifyTestEnv(t, "")
	ctx := context.Background()
	err := st.Update(ctx, func(tx intake.Tx) error {
		for _, k := range []string{"ack:KSCMP-2026-0042", "chaser:KSCMP-2026-0042:police:1"} {
			if _, err := tx.Enqueue(intake.Notice{Key: k, Kind: intake.NoticeChaser, CaseRef: "KSCMP-2026-0042",
				To: []string{"spoc@kestmoor.police.example"}}); err != nil {
				return err
			}
		}
		return tx.MarkFailed(2, "permanent failure: sending SMTP RCPT TO command: 550 5.1.1")
	})
	if err != nil {
		t.Fatal(err)
	}
	if code := Run(ctx, env, []string{"outbox", "--config", cfg, "--failed", "--json"}); code != 0 {
		t.Fatalf("outbox --failed: %d %s", code, out)
	}
	var rows []intake.OutboxRow
	if err := json.Unmarshal(out.Bytes(), &rows); err != nil || len(rows) != 1 || rows[0].ID != 2 {
		t.Fatalf("outbox --failed --json: %v %s", err, out)
	}
	if strings.Contains(out.String(), "spoc@") {
		t.Error("the listing shows a recipient")
	}
	out.Reset()
	if code := Run(ctx, env, []string{"outbox", "--config", cfg}); code != 0 || !strings.Contains(out.String(), "550 5.1.1") {
		t.Fatalf("outbox: %d %s", code, out)
	}
	out.Reset()
	if code := Run(ctx, env, []string{"outbox", "retry", "2", "--config", cfg}); code != 0 {
		t.Fatalf("retry: %d %s", code, out)
	}
	var r intake.OutboxRow
	st.View(ctx, func(tx intake.Tx) (err error) {
		r, err = tx.OutboxByID(2)
		return err
	})
	if r.State != intake.OutboxPending {
		t.Fatalf("after retry: %s", r.State)
	}
	if code := Run(ctx, env, []string{"outbox", "retry", "1", "--config", cfg}); code != 1 {
		t.Errorf("retrying a pending row: exit %d, want 1", code)
	}
	if code := Run(ctx, env, []string{"outbox", "retry", "x", "--config", cfg}); code != 2 {
		t.Errorf("retry x: exit %d, want 2", code)
	}
}

func TestDigestPreview(t *testing.T) {
	cfg, _, out, env := notifyTestEnv(t, "")
	ctx := context.Background()
	if code := Run(ctx, env, []string{"digest", "--preview", "--date", "2026-03-02", "--config", cfg}); code != 0 {
		t.Fatalf("digest --preview: %d %s", code, out)
	}
	if !strings.HasPrefix(out.String(), "Subject: Intake digest for Monday 2 March 2026\n") {
		t.Errorf("preview:\n%s", out)
	}
	out.Reset()
	if code := Run(ctx, env, []string{"digest", "--preview", "--ics", "--date", "2026-03-02", "--config", cfg}); code != 0 ||
		!strings.HasPrefix(out.String(), "BEGIN:VCALENDAR\r\n") {
		t.Fatalf("--ics: %d %q", code, out)
	}
	if code := Run(ctx, env, []string{"digest", "--config", cfg}); code != 2 {
		t.Errorf("digest without --preview: exit %d, want 2", code)
	}
}

// TestSMTPAndNotifyFragmentsParse checks the example fragments on their
// own: every setting known, the defaults valid, and the values the
// defaults.
func TestSMTPAndNotifyFragmentsParse(t *testing.T) {
	var b bytes.Buffer
	for _, f := range []string{"example/60_smtp.toml", "example/70_notify.toml"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(data)
		b.WriteString("\n")
	}
	c, err := ParseConfigFile(&b)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	d := DefaultConfig()
	if c.SMTP != d.SMTP || c.Notify.DigestTime != d.Notify.DigestTime || c.Notify.RetryMaxAge != d.Notify.RetryMaxAge ||
		c.Notify.MaxPerRecipientPerDay != d.Notify.MaxPerRecipientPerDay || c.Notify.SendLease != d.Notify.SendLease {
		t.Errorf("the fragments' values differ from the defaults:\n%+v\n%+v", c.SMTP, d.SMTP)
	}
}

func TestSMTPValidation(t *testing.T) {
	for _, c := range []struct {
		edit func(*SMTPConfig)
		want string
	}{
		{func(c *SMTPConfig) {
			c.Host, c.TLS = "smtp.kestmoor.example", "plaintext"
			c.AllowPlaintextLoopback = true
		}, "smtp.tls"},
		{func(c *SMTPConfig) { c.TLS = "opportunistic" }, "smtp.tls"},
		{func(c *SMTPConfig) { c.Host, c.Username = "smtp.kestmoor.example", "" }, "smtp.username"},
		{func(c *SMTPConfig) { c.Auth, c.Username = "xoauth2", "u" }, "smtp.token_file"},
		{func(c *SMTPConfig) { c.From = "not an address" }, "smtp.from"},
	} {
		s := defaultSMTPConfig()
		c.edit(&s)
		if err := s.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want an error about %s", s, err, c.want)
		}
	}
	n := defaultNotifyConfig()
	n.DigestTime = "7.30"
	n.BackoffMax = duration{time.Second}
	err := n.Validate()
	if err == nil || !strings.Contains(err.Error(), "notify.digest_time") || !strings.Contains(err.Error(), "notify.backoff_max") {
		t.Errorf("notify: %v", err)
	}
}
