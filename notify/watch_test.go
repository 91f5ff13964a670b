package notify

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/internal/connproblem"
	"github.com/wneessen/go-mail"
)

// TestSendProblem: the SMTP failures a person must fix are named, with the
// setting to change; anything a retry may mend is not.
func TestSendProblem(t *testing.T) {
	plain := SMTPSettings{Host: "smtp.example", Port: 587, Auth: AuthPlain}
	oauth := SMTPSettings{Host: "smtp.example", Port: 587, Auth: AuthXOAUTH2}
	for _, c := range []struct {
		name     string
		err      error
		s        SMTPSettings
		kind, in string
	}{
		{"login refused", errors.New("535 5.7.8 Authentication credentials invalid"), plain, connproblem.KindAuth, "smtp.username"},
		{"token refused", errors.New("SMTP AUTH failed: 535"), oauth, connproblem.KindAuth, "SMTP.SendAsApp"},
		{"no login offered", errors.New("server does not support SMTP AUTH"), plain, connproblem.KindAuth, `smtp.auth = "none"`},
		{"no STARTTLS", fmt.Errorf("greeting: %w", ErrNoStartTLS), plain, connproblem.KindStartTLS, "smtp.example:587 does not offer STARTTLS"},
		{"TLS to a plaintext port", tls.RecordHeaderError{Msg: "first record does not look like a TLS handshake"}, plain, connproblem.KindTLS, `smtp.tls = "starttls"`},
		{"a 4xx to retry", errors.New("421 4.7.0 try again later"), plain, "", ""},
		{"a dropped connection", errors.New("connection reset by peer"), plain, "", ""},
	} {
		kind, fix := SendProblem(c.err, c.s)
		if kind != c.kind || !strings.Contains(fix, c.in) {
			t.Errorf("%s: SendProblem = %q, %q; want %q with %q", c.name, kind, fix, c.kind, c.in)
		}
	}
}

type scriptedTransport []error

func (s *scriptedTransport) Send(context.Context, *mail.Msg) error {
	err := (*s)[0]
	*s = (*s)[1:]
	return err
}

// TestWatchCountsAndClears: failures are counted, a problem's fix is added
// to the error (so the outbox row says it), and a success clears it.
func TestWatchCountsAndClears(t *testing.T) {
	clock := intake.NewManualClock(time.Date(2026, 11, 9, 9, 0, 0, 0, intake.London))
	next := &scriptedTransport{errors.New("535 5.7.8 refused"), errors.New("421 busy"), nil}
	w := NewWatch(next, SMTPSettings{Host: "smtp.example", Port: 587, Auth: AuthPlain}, clock, slog.New(slog.NewTextHandler(io.Discard, nil)))
	err := w.Send(context.Background(), mail.NewMsg())
	if err == nil || !strings.Contains(err.Error(), "smtp.username") {
		t.Fatalf("first send: %v, want the fix added", err)
	}
	if h := w.Health(); h.Problem != connproblem.KindAuth || h.Consecutive != 1 || h.Failures != 1 {
		t.Errorf("after a refused login: %+v", h)
	}
	w.Send(context.Background(), mail.NewMsg())
	if h := w.Health(); h.Problem != "" || h.Consecutive != 2 {
		t.Errorf("after a 4xx: %+v", h)
	}
	if err := w.Send(context.Background(), mail.NewMsg()); err != nil {
		t.Fatal(err)
	}
	if h := w.Health(); h.Consecutive != 0 || h.Attempts != 3 || h.Failures != 2 || !h.LastSuccess.Equal(clock.Now()) {
		t.Errorf("after a success: %+v", h)
	}
}
