package notify

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/internal/smtpsink"
)

// smtpSink starts Postfix's smtp-sink (internal/smtpsink) and returns its
// port and dump directory.
func smtpSink(t *testing.T, extra ...string) (port int, dir string) {
	t.Helper()
	s := smtpsink.Start(t, extra...)
	return s.Port, s.Dir
}

func sinkSender(t *testing.T, port int) *harness {
	h := newHarness(t)
	h.sender.Transport = &SMTPTransport{Settings: SMTPSettings{Host: "127.0.0.1", Port: port, TLS: TLSPlaintext,
		AllowPlaintextLoopback: true, Timeout: 5 * time.Second}}
	return h
}

// TestSMTPSinkReceivesEachNoticeOnce delivers to a real SMTP server.
func TestSMTPSinkReceivesEachNoticeOnce(t *testing.T) {
	port, dir := smtpSink(t)
	banner, exts, err := Greet(context.Background(), "127.0.0.1", port, TLSPlaintext, 5*time.Second, nil)
	if err != nil || banner == "" || len(exts) == 0 {
		t.Fatalf("Greet: %q %v %v", banner, exts, err)
	}
	h := sinkSender(t, port)
	h.sender.SummaryForm = "testdata/agency-summary-form.docx"
	h.enqueue(ackNotice())
	h.enqueue(intake.Notice{Key: "summary_request:" + testRef + ":police", Kind: intake.NoticeSummaryRequest, CaseRef: testRef,
		To: []string{"spoc@kestmoor-police.example"}, Agency: "police", DueDate: intake.Date(2026, 3, 13)})
	if n := h.sendOnce(); n != 2 {
		t.Fatalf("sent %d, want 2", n)
	}
	h.sendOnce()
	var got []string
	deadline := time.Now().Add(time.Minute) // only ends a hang: a loaded machine is slow
	for len(got) < 2 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		got, _ = filepath.Glob(filepath.Join(dir, "*"))
	}
	if len(got) != 2 {
		t.Fatalf("smtp-sink dumped %d messages, want 2", len(got))
	}
	all := ""
	for _, f := range got {
		b, _ := os.ReadFile(f)
		all += string(b)
	}
	for _, r := range h.rows() {
		if r.State != intake.OutboxSent {
			t.Errorf("row %d %s", r.ID, r.State)
		}
		if c := strings.Count(all, "<"+r.MessageID+">"); c != 1 {
			t.Errorf("Message-ID of row %d appears %d times", r.ID, c)
		}
	}
}

// TestSMTPSinkHardRejectIsFailed has smtp-sink refuse every recipient
// with a 5xx reply.
func TestSMTPSinkHardRejectIsFailed(t *testing.T) {
	port, _ := smtpSink(t, "-f", "RCPT")
	h := sinkSender(t, port)
	h.enqueue(ackNotice())
	h.sendOnce()
	if row := h.rows()[0]; row.State != intake.OutboxFailed || !strings.Contains(row.LastError, "5") {
		t.Fatalf("row %+v", row)
	}
}

// TestSMTPSinkSoftRejectAndDisconnectAreRetried has smtp-sink refuse
// recipients with a 4xx reply, then drop the connection after DATA.
func TestSMTPSinkSoftRejectAndDisconnectAreRetried(t *testing.T) {
	for _, opts := range [][]string{{"-r", "RCPT"}, {"-q", "DATA"}} {
		port, _ := smtpSink(t, opts...)
		h := sinkSender(t, port)
		h.enqueue(ackNotice())
		h.sendOnce()
		row := h.rows()[0]
		if row.State != intake.OutboxPending || row.Attempts != 1 || !row.NextAttemptAt.Equal(t0.Add(time.Minute)) {
			t.Errorf("%v: row %+v", opts, row)
		}
	}
}
