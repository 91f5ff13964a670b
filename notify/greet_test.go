package notify

import (
	"context"
	"crypto/tls"
	"testing"
	"time"

	"github.com/kscmp/intake/internal/loopmail"
)

func TestGreetReadsBannerAndExtensions(t *testing.T) {
	srv := loopmail.MustSMTP(t, loopmail.SMTPOptions{})
	banner, exts, err := Greet(context.Background(), srv.Host(), srv.Port(), TLSPlaintext, 5*time.Second, nil)
	if err != nil {
		t.Fatal(err)
	}
	if banner == "" || !Offers(exts, "8BITMIME") {
		t.Errorf("banner %q, extensions %v", banner, exts)
	}
	// STARTTLS is required but this server does not offer it.
	if _, _, err := Greet(context.Background(), srv.Host(), srv.Port(), TLSStartTLS, 5*time.Second, nil); err == nil {
		t.Error("STARTTLS to a server without it: no error")
	}
	if _, _, err := Greet(context.Background(), "kestmoor.example", 25, TLSPlaintext, time.Second, nil); err == nil {
		t.Error("plaintext to a non-loopback host: no error")
	}
}

func TestPlaintextRefusedUnlessLoopbackAndAllowed(t *testing.T) {
	for _, c := range []struct {
		s  SMTPSettings
		ok bool
	}{
		{SMTPSettings{Host: "127.0.0.1", TLS: TLSPlaintext, AllowPlaintextLoopback: true}, true},
		{SMTPSettings{Host: "::1", TLS: TLSPlaintext, AllowPlaintextLoopback: true}, true},
		{SMTPSettings{Host: "127.0.0.1", TLS: TLSPlaintext}, false},
		{SMTPSettings{Host: "smtp.kestmoor.example", TLS: TLSPlaintext, AllowPlaintextLoopback: true}, false},
		{SMTPSettings{Host: "smtp.kestmoor.example", TLS: TLSStartTLS}, true},
		{SMTPSettings{Host: "smtp.kestmoor.example", TLS: "opportunistic"}, false},
	} {
		if err := c.s.CheckTLS(); (err == nil) != c.ok {
			t.Errorf("%+v: %v", c.s, err)
		}
	}
}

func TestGreetOverTLS(t *testing.T) {
	for _, c := range []struct {
		mode   string
		server loopmail.TLSMode
	}{{TLSStartTLS, loopmail.StartTLS}, {TLSImplicit, loopmail.ImplicitTLS}} {
		srv := loopmail.MustSMTP(t, loopmail.SMTPOptions{TLS: c.server, User: "u", Secret: "p"})
		tc := &tls.Config{RootCAs: srv.RootCAs(), ServerName: srv.Host(), MinVersion: tls.VersionTLS12}
		banner, exts, err := Greet(context.Background(), srv.Host(), srv.Port(), c.mode, 5*time.Second, tc)
		if err != nil || banner == "" || !Offers(exts, "AUTH") {
			t.Errorf("%s: %q %v %v", c.mode, banner, exts, err)
		}
		// Without trusting the test CA the certificate is refused.
		if _, _, err := Greet(context.Background(), srv.Host(), srv.Port(), c.mode, 5*time.Second, nil); err == nil {
			t.Errorf("%s: an untrusted certificate was accepted", c.mode)
		}
	}
}
