package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/internal/connproblem"
	"github.com/wneessen/go-mail"
)

// Watch is the outbox's SMTP transport seen from outside: it passes
// every email on to the real transport and keeps how sending goes, for
// the daemon's /healthz, /metrics and `serve --once`. A failure a person must fix (the
// server refused the login, offers no STARTTLS, presents a certificate
// that is not trusted) is logged once as an error with what to change,
// and the change is added to the error, so that the outbox row, `intake
// outbox` and the digest say it too. Notify still decides what is
// retried: this only watches.
type Watch struct {
	next   Transport
	cfg    SMTPSettings
	clock  intake.Clock
	logger *slog.Logger

	mu sync.Mutex
	h  SendHealth
}

// SendHealth is how sending has gone since the daemon started.
type SendHealth struct {
	Attempts, Failures int64
	Consecutive        int       // failed attempts since the last success
	Since              time.Time // the first of those failures
	LastErr            string
	Problem, Fix       string // a failure a person must fix; "" if none
	LastSuccess        time.Time
}

// NewWatch watches next, a transport to the server cfg describes.
func NewWatch(next Transport, cfg SMTPSettings, clock intake.Clock, logger *slog.Logger) *Watch {
	return &Watch{next: next, cfg: cfg, clock: clock, logger: logger.With("part", "outbox")}
}

// Send sends m with the real transport and records how it went.
func (w *Watch) Send(ctx context.Context, m *mail.Msg) error {
	err := w.next.Send(ctx, m)
	if ctx.Err() != nil && err != nil {
		return err // stopping: says nothing about the server
	}
	kind, fix := "", ""
	if err != nil {
		kind, fix = SendProblem(err, w.cfg)
		if fix != "" {
			err = fmt.Errorf("%w (%s)", err, fix)
		}
	}
	now := w.clock.Now()
	w.mu.Lock()
	defer w.mu.Unlock()
	w.h.Attempts++
	if err == nil {
		if w.h.Consecutive > 0 {
			w.logger.Info("sending works again", "failed_attempts", w.h.Consecutive)
		}
		w.h.Consecutive, w.h.Since, w.h.LastErr, w.h.Problem, w.h.Fix, w.h.LastSuccess = 0, time.Time{}, "", "", "", now
		return nil
	}
	w.h.Failures++
	if w.h.Consecutive == 0 {
		w.h.Since = now
	}
	w.h.Consecutive++
	w.h.LastErr = err.Error()
	if kind != "" && (kind != w.h.Problem || fix != w.h.Fix) {
		w.logger.Error("emails cannot be sent until the configuration or the server is fixed", "problem", kind, "fix", fix)
	}
	w.h.Problem, w.h.Fix = kind, fix
	return err
}

// Health returns how sending has gone.
func (w *Watch) Health() SendHealth {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.h
}

// authRefused finds the SMTP reply code of a refused login (RFC 4954
// section 6: 535 5.7.8).
var authRefused = regexp.MustCompile(`(^|\D)535(\D|$)`)

// SendProblem says whether err, from sending to the server c describes, is a
// failure a person must fix, and what to change; kind (a connproblem
// Kind) is "" for anything a retry may mend.
func SendProblem(err error, c SMTPSettings) (kind, fix string) {
	addr := net.JoinHostPort(c.Host, strconv.Itoa(c.Port))
	if kind, fix := connproblem.TLSHint(err, "smtp", addr); kind != "" {
		return kind, fix
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "SMTP AUTH failed") || authRefused.MatchString(msg):
		if c.Auth == AuthXOAUTH2 {
			return connproblem.KindAuth, "the SMTP server refused the OAuth token (535): check that the token helper is running and that the application may send as this mailbox (SMTP.SendAsApp)"
		}
		return connproblem.KindAuth, "the SMTP server refused the login (535): check smtp.username and the password ($INTAKE_SMTP_PASSWORD or smtp.password_file)"
	case strings.Contains(msg, "does not support SMTP AUTH"):
		return connproblem.KindAuth, `the SMTP server offers no login on this port: for a relay that needs none set smtp.auth = "none"; otherwise use its submission port, 587`
	case strings.Contains(msg, "does not support STARTTLS") || errors.Is(err, ErrNoStartTLS):
		return connproblem.KindStartTLS, fmt.Sprintf(`%s does not offer STARTTLS: use its TLS port, 465, with smtp.tls = "implicit"`, addr)
	}
	return "", ""
}
