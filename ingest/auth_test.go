package ingest

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-sasl"
	"github.com/kscmp/intake/internal/loopmail"
)

// xoauthSession adds XOAUTH2 (accepting only token) to a memory session.
type xoauthSession struct {
	imapserver.SessionIMAP4rev2
	token string
}

func (s *xoauthSession) AuthenticateMechanisms() []string { return []string{"XOAUTH2"} }

func (s *xoauthSession) Authenticate(mech string) (sasl.Server, error) {
	return &xoauthServer{s: s}, nil
}

type xoauthServer struct {
	s      *xoauthSession
	failed bool
}

// Next follows Google's XOAUTH2: a bad token gets a JSON challenge, whose
// (empty) answer ends the exchange with NO.
func (x *xoauthServer) Next(resp []byte) ([]byte, bool, error) {
	if x.failed {
		return nil, true, imapserver.ErrAuthFailed
	}
	if resp == nil {
		return []byte{}, false, nil
	}
	user, rest, _ := strings.Cut(strings.TrimPrefix(string(resp), "user="), "\x01auth=Bearer ")
	if strings.TrimSuffix(rest, "\x01\x01") != x.s.token {
		x.failed = true
		return []byte(`{"status":"401","schemes":"bearer"}`), false, nil
	}
	return nil, true, x.s.Login(user, memPass)
}

// startTLSServer starts a memory server with TLS: implicit (the listener
// speaks TLS) or STARTTLS; with token set, it offers XOAUTH2 only.
func startTLSServer(t *testing.T, implicit bool, token string) (addr string, pool *x509.CertPool) {
	t.Helper()
	o := loopmail.IMAPOptions{TLS: loopmail.StartTLS}
	if implicit {
		o.TLS = loopmail.ImplicitTLS
	}
	if token != "" {
		o.Wrap = func(s imapserver.Session) imapserver.Session {
			return &xoauthSession{s.(imapserver.SessionIMAP4rev2), token}
		}
	}
	srv := memServer(t, o)
	if _, err := srv.Deliver([]byte(referral("<tls@kestmoor.example>", "over TLS")), time.Now()); err != nil {
		t.Fatal(err)
	}
	return srv.Addr(), srv.RootCAs()
}

func TestImplicitTLSAndStartTLS(t *testing.T) {
	for _, mode := range []string{TLSImplicit, TLSStartTLS} {
		t.Run(mode, func(t *testing.T) {
			addr, pool := startTLSServer(t, mode == TLSImplicit, "")
			st := openStore(t)
			in := newTestIngester(t, addr, st, func(c *Config) {
				c.TLS, c.AllowPlaintext = mode, false
				c.TLSConfig = &tls.Config{RootCAs: pool}
			})
			mustPoll(t, in)
			if got := messages(t, st); len(got) != 1 || got[0].MessageID != "<tls@kestmoor.example>" {
				t.Fatalf("stored %+v", got)
			}
		})
	}
	// An untrusted certificate is refused.
	addr, _ := startTLSServer(t, true, "")
	in := newTestIngester(t, addr, openStore(t), func(c *Config) { c.TLS = TLSImplicit })
	if err := in.PollOnce(context.Background()); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("untrusted certificate: %v", err)
	}
}

func TestXOAuth2TokenReadAtEachConnect(t *testing.T) {
	addr, pool := startTLSServer(t, true, "token-2")
	tokenFile := filepath.Join(t.TempDir(), "token")
	os.WriteFile(tokenFile, []byte("token-1\n"), 0o600)
	st := openStore(t)
	in := newTestIngester(t, addr, st, func(c *Config) {
		c.TLS, c.TLSConfig, c.Auth = TLSImplicit, &tls.Config{RootCAs: pool}, AuthXOAUTH2
		c.Secret = FileSecret(tokenFile)
	})
	if err := in.PollOnce(context.Background()); err == nil {
		t.Fatal("an expired token was accepted")
	}
	// An external refresher rotates the token; the next connection reads it.
	os.WriteFile(tokenFile, []byte("token-2\n"), 0o600)
	mustPoll(t, in)
	if n := len(messages(t, st)); n != 1 {
		t.Fatalf("stored %d", n)
	}
}

func TestCommandSecret(t *testing.T) {
	tok, err := CommandSecret("echo '  tok-from-helper  '")(context.Background())
	if err != nil || tok != "tok-from-helper" {
		t.Fatalf("%q %v", tok, err)
	}
	// Issue 12: a helper's standard error may hold a secret; the error
	// gives the exit status and says to run it by hand, never the text.
	_, err = CommandSecret("echo 'client_secret=s3cr3t-value' >&2; exit 3")(context.Background())
	if err == nil || strings.Contains(err.Error(), "s3cr3t") || !strings.Contains(err.Error(), "exit status 3") || !strings.Contains(err.Error(), "run it by hand") {
		t.Fatalf("failing command: %v", err)
	}
	if _, err := CommandSecret("true")(context.Background()); err == nil {
		t.Fatal("empty output accepted")
	}
}
