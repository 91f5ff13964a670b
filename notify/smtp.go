package notify

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/wneessen/go-mail"
)

// TLS modes for SMTPSettings.TLS.
const (
	TLSImplicit  = "implicit"  // TLS from the first byte (port 465)
	TLSStartTLS  = "starttls"  // STARTTLS, mandatory (port 587)
	TLSPlaintext = "plaintext" // no TLS: loopback only, and only when allowed
)

// Auth mechanisms for SMTPSettings.Auth.
const (
	AuthNone    = "none"
	AuthPlain   = "plain"
	AuthLogin   = "login"
	AuthXOAUTH2 = "xoauth2"
)

// SMTPSettings says how to reach the SMTP submission server.
type SMTPSettings struct {
	Host                   string
	Port                   int
	TLS                    string // TLSImplicit, TLSStartTLS or TLSPlaintext
	AllowPlaintextLoopback bool
	TLSConfig              *tls.Config // nil: system roots, ServerName Host
	HELO                   string      // "" for the machine's host name

	Username string
	Auth     string // AuthNone, AuthPlain, AuthLogin or AuthXOAUTH2
	// Secret returns the password (or, for xoauth2, the access token); it
	// is called at each connection so that a rotated token is picked up.
	Secret func() (string, error)

	Timeout time.Duration // per connection and per command; 30s when zero
}

// Transport delivers one message.
type Transport interface {
	Send(ctx context.Context, m *mail.Msg) error
}

// SMTPTransport delivers over SMTP with go-mail, one connection per
// message (intake sends tens of emails a day, not thousands).
type SMTPTransport struct {
	Settings SMTPSettings
}

// isLoopback reports whether host names or is a loopback address.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// CheckTLS returns an error when the settings would send in plaintext to a
// server that is not on loopback, or without the permission to.
func (s SMTPSettings) CheckTLS() error {
	switch s.TLS {
	case TLSImplicit, TLSStartTLS:
		return nil
	case TLSPlaintext:
		if !s.AllowPlaintextLoopback {
			return errors.New("notify: plaintext SMTP is not allowed (allow_plaintext_loopback is off)")
		}
		if !isLoopback(s.Host) {
			return fmt.Errorf("notify: plaintext SMTP to %s refused: only loopback may be plaintext", s.Host)
		}
		return nil
	}
	return fmt.Errorf("notify: unknown SMTP TLS mode %q", s.TLS)
}

func (s SMTPSettings) timeout() time.Duration {
	if s.Timeout <= 0 {
		return 30 * time.Second
	}
	return s.Timeout
}

// client builds a go-mail client for one connection.
func (s SMTPSettings) client() (*mail.Client, error) {
	if err := s.CheckTLS(); err != nil {
		return nil, err
	}
	opts := []mail.Option{mail.WithPort(s.Port), mail.WithTimeout(s.timeout())}
	switch s.TLS {
	case TLSImplicit:
		opts = append(opts, mail.WithSSL(), mail.WithTLSPolicy(mail.TLSMandatory))
	case TLSStartTLS:
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	case TLSPlaintext:
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	}
	tc := s.TLSConfig
	if tc == nil {
		tc = &tls.Config{ServerName: s.Host, MinVersion: tls.VersionTLS12}
	}
	opts = append(opts, mail.WithTLSConfig(tc))
	if s.HELO != "" {
		opts = append(opts, mail.WithHELO(s.HELO))
	}
	if s.Auth != "" && s.Auth != AuthNone && s.Username != "" {
		secret := ""
		if s.Secret != nil {
			var err error
			if secret, err = s.Secret(); err != nil {
				return nil, fmt.Errorf("notify: reading the SMTP secret: %w", err)
			}
		}
		var t mail.SMTPAuthType
		switch s.Auth {
		case AuthPlain:
			t = mail.SMTPAuthPlain
			if s.TLS == TLSPlaintext {
				t = mail.SMTPAuthPlainNoEnc
			}
		case AuthLogin:
			t = mail.SMTPAuthLogin
			if s.TLS == TLSPlaintext {
				t = mail.SMTPAuthLoginNoEnc
			}
		case AuthXOAUTH2:
			t = mail.SMTPAuthXOAUTH2
		default:
			return nil, fmt.Errorf("notify: unknown SMTP auth %q", s.Auth)
		}
		opts = append(opts, mail.WithSMTPAuth(t), mail.WithUsername(s.Username), mail.WithPassword(secret))
	}
	c, err := mail.NewClient(s.Host, opts...)
	if err != nil {
		return nil, fmt.Errorf("notify: configuring SMTP client for %s: %w", net.JoinHostPort(s.Host, strconv.Itoa(s.Port)), err)
	}
	return c, nil
}

// Send delivers m in one SMTP session.
func (t *SMTPTransport) Send(ctx context.Context, m *mail.Msg) error {
	c, err := t.Settings.client()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 4*t.Settings.timeout())
	defer cancel()
	return c.DialAndSendWithContext(ctx, m)
}
