package notify

import (
	"crypto/tls"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/internal/loopmail"
)

func TestTLSModesAndAuthMechanisms(t *testing.T) {
	for _, c := range []struct {
		name, tlsMode, auth, wantMech string
		server                        loopmail.TLSMode
	}{
		{"starttls plain", TLSStartTLS, AuthPlain, "PLAIN", loopmail.StartTLS},
		{"starttls login", TLSStartTLS, AuthLogin, "LOGIN", loopmail.StartTLS},
		{"implicit xoauth2", TLSImplicit, AuthXOAUTH2, "XOAUTH2", loopmail.ImplicitTLS},
		{"plaintext loopback plain", TLSPlaintext, AuthPlain, "PLAIN", loopmail.Plaintext},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			srv := loopmail.MustSMTP(t, loopmail.SMTPOptions{TLS: c.server, User: "intake@kestmoor.example", Secret: "s3cret"})
			settings := SMTPSettings{Host: srv.Host(), Port: srv.Port(), TLS: c.tlsMode, AllowPlaintextLoopback: true,
				Username: "intake@kestmoor.example", Auth: c.auth, Secret: func() (string, error) { return "s3cret", nil },
				Timeout: 5 * time.Second}
			if srv.RootCAs() != nil {
				settings.TLSConfig = &tls.Config{RootCAs: srv.RootCAs(), ServerName: srv.Host(), MinVersion: tls.VersionTLS12}
			}
			h.sender.Transport = &SMTPTransport{Settings: settings}
			h.enqueue(ackNotice())
			if n := h.sendOnce(); n != 1 {
				t.Fatalf("sent %d: %+v", n, h.rows()[0])
			}
			msgs := srv.Messages()
			if len(msgs) != 1 || msgs[0].AuthMech != c.wantMech || msgs[0].TLS != (c.tlsMode != TLSPlaintext) {
				t.Fatalf("messages %+v", msgs)
			}
		})
	}
}

func TestMandatoryTLSAndBadCredentialsAreRetried(t *testing.T) {
	h := newHarness(t) // h.server offers no STARTTLS
	h.sender.Transport = &SMTPTransport{Settings: SMTPSettings{Host: h.server.Host(), Port: h.server.Port(), TLS: TLSStartTLS, Timeout: 5 * time.Second}}
	h.enqueue(ackNotice())
	h.sendOnce()
	row := h.rows()[0]
	if row.State != intake.OutboxPending || !strings.Contains(row.LastError, "STARTTLS") || len(h.server.Messages()) != 0 {
		t.Fatalf("STARTTLS missing: %+v", row)
	}

	srv := loopmail.MustSMTP(t, loopmail.SMTPOptions{User: "intake@kestmoor.example", Secret: "s3cret"})
	h.sender.Transport = &SMTPTransport{Settings: SMTPSettings{Host: srv.Host(), Port: srv.Port(), TLS: TLSPlaintext,
		AllowPlaintextLoopback: true, Username: "intake@kestmoor.example", Auth: AuthPlain,
		Secret: func() (string, error) { return "wrong", nil }, Timeout: 5 * time.Second}}
	h.clock.Set(row.NextAttemptAt)
	h.sendOnce()
	row = h.rows()[0]
	if row.State != intake.OutboxPending || !strings.Contains(row.LastError, "AUTH") || len(srv.Messages()) != 0 {
		t.Fatalf("bad password: %+v", row)
	}
}
