package main

import (
	"context"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake/internal/loopmail"
)

// unreadableReferral is a referral whose Word form is damaged; body is
// the email's own text.
func unreadableReferral(id, body string) string {
	broken := base64.StdEncoding.EncodeToString([]byte("PK\x03\x04 this is not really a Word document"))
	return "From: GP Surgery <gp@kestmoor-surgery.example>\r\nTo: reviews@kscmp.example\r\nSubject: Referral form attached\r\n" +
		"Message-ID: <" + id + "@kestmoor-surgery.example>\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n" + body + "\r\n" +
		"--b\r\nContent-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document; name=\"referral.docx\"\r\n" +
		"Content-Disposition: attachment; filename=\"referral.docx\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + broken + "\r\n--b--\r\n"
}

// filedMailbox delivers raws to an in-process mailbox, files them with
// `intake serve --once`, and returns a runner of intake commands on it.
func filedMailbox(t *testing.T, raws ...string) func(args ...string) (int, string) {
	t.Helper()
	mb := loopmail.MustIMAP(t, demoIMAPOptions("referrals", "pw-not-secret"))
	for _, raw := range raws {
		if _, err := mb.Deliver([]byte(raw), time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	cfg := ingestTestConfig(t, mb.Addr(), "referrals")
	run := func(args ...string) (int, string) {
		t.Helper()
		env, out, errb := testEnv("pw-not-secret")
		code := Run(context.Background(), env, append([]string{args[0], "--config", cfg}, args[1:]...))
		return code, out.String() + errb.String()
	}
	if code, out := run("serve", "--once"); code != 0 {
		t.Fatalf("serve --once: %d %s", code, out)
	}
	return run
}

// TestUnreadableMailShownAndReprocessed (issue 14, point 12): a referral
// whose form cannot be read is in the queue, `intake messages show`
// gives its sender, subject and the reason (never the body), the digest
// names the reason, the sender and the subject, and `intake messages
// reprocess` files it again.
func TestUnreadableMailShownAndReprocessed(t *testing.T) {
	run := filedMailbox(t, unreadableReferral("broken-1", "BODY-TEXT-NOT-TO-SHOW"))
	code, out := run("messages", "--queue")
	if code != 0 || !strings.Contains(out, "unreadable") && !strings.Contains(out, "needs_person") {
		t.Fatalf("messages --queue: %d\n%s", code, out)
	}
	code, out = run("messages", "show", "1", "--by", "A. Operator")
	if code != 0 || !strings.Contains(out, "gp@kestmoor-surgery.example") || !strings.Contains(out, "Subject: Referral form attached") ||
		!strings.Contains(out, "referral.docx") || strings.Contains(out, "BODY-TEXT-NOT-TO-SHOW") {
		t.Fatalf("messages show 1: %d\n%s", code, out)
	}
	reason := ""
	for _, l := range strings.Split(out, "\n") {
		if r, ok := strings.CutPrefix(l, "State:   "); ok {
			_, reason, _ = strings.Cut(r, ": ")
		}
	}
	if reason == "" {
		t.Fatalf("messages show gives no reason:\n%s", out)
	}
	rawFile := filepath.Join(t.TempDir(), "m1.eml")
	if code, out = run("messages", "show", "1", "--by", "A. Operator", "--raw", rawFile); code != 0 {
		t.Fatalf("messages show --raw: %d %s", code, out)
	}
	if b, err := os.ReadFile(rawFile); err != nil || !strings.Contains(string(b), "BODY-TEXT-NOT-TO-SHOW") {
		t.Fatalf("--raw wrote %d bytes: %v", len(b), err)
	}
	code, out = run("digest", "--preview")
	if code != 0 || !strings.Contains(out, "message 1") || !strings.Contains(out, "from: gp@kestmoor-surgery.example") ||
		!strings.Contains(out, "subject: Referral form attached") || !strings.Contains(out, "why: "+reason) {
		t.Fatalf("digest --preview does not name the sender, subject and reason %q:\n%s", reason, out)
	}
	if code, out = run("messages", "reprocess", "1", "--by", "A. Operator"); code != 0 || !strings.Contains(out, "Message 1 filed again") {
		t.Fatalf("messages reprocess 1: %d\n%s", code, out)
	}
}

// TestMessagesQueueLimit: the queue spans several states, in the order
// the messages came, and --limit bounds the whole list, not each state.
func TestMessagesQueueLimit(t *testing.T) {
	question := "From: A Parent <parent@example.org>\r\nTo: reviews@kscmp.example\r\nSubject: A question\r\n" +
		"Message-ID: <question-1@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nWho do I speak to about a review?\r\n"
	run := filedMailbox(t, unreadableReferral("broken-2", "Please see attached."), question)
	code, out := run("messages", "--queue")
	if code != 0 || !strings.Contains(out, "2 message(s)") || strings.Index(out, "\n1 ") > strings.Index(out, "\n2 ") {
		t.Fatalf("messages --queue: want both, in order: %d\n%s", code, out)
	}
	code, out = run("messages", "--queue", "--limit", "1")
	if code != 0 || !strings.Contains(out, "1 message(s)") || !strings.Contains(out, "\n1 ") {
		t.Fatalf("messages --queue --limit 1: want message 1 only: %d\n%s", code, out)
	}
}
