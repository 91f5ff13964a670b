package main

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/mail"
	"os"
	"strings"
	"time"

	"github.com/kscmp/intake/notify"
)

// SMTPConfig holds the [smtp] settings: the submission server intake
// sends through, and how it logs in. An empty host switches sending off:
// the outbox fills, and `intake outbox` shows it.
type SMTPConfig struct {
	Host string `toml:"host"`
	Port int    `toml:"port"` // 0: 465 for implicit TLS, 587 for STARTTLS, 25 for plaintext
	// TLS is "implicit" (port 465), "starttls" (mandatory) or "plaintext";
	// plaintext is refused unless AllowPlaintextLoopback is set and Host
	// is loopback.
	TLS                    string `toml:"tls"`
	AllowPlaintextLoopback bool   `toml:"allow_plaintext_loopback"`
	// CAFile is a PEM bundle to trust instead of the system roots;
	// ServerName overrides the name checked in the certificate.
	CAFile     string `toml:"ca_file"`
	ServerName string `toml:"server_name"`
	HELO       string `toml:"helo"`

	// Auth is "plain", "login", "xoauth2" or "none". The password comes
	// from $INTAKE_SMTP_PASSWORD or PasswordFile; the OAuth access token
	// from TokenFile, read afresh at each connection.
	Auth         string `toml:"auth"`
	Username     string `toml:"username"`
	PasswordFile string `toml:"password_file"`
	TokenFile    string `toml:"token_file"`

	// From is the sender address; empty means partnership.mailbox.
	From string `toml:"from"`

	Timeout duration `toml:"timeout"` // per connection and per command
}

// smtpPasswordEnv is the environment variable holding the SMTP password.
const smtpPasswordEnv = "INTAKE_SMTP_PASSWORD"

func defaultSMTPConfig() SMTPConfig {
	return SMTPConfig{TLS: "starttls", Auth: "plain", Timeout: duration{30 * time.Second}}
}

// Enabled reports whether sending is configured.
func (c SMTPConfig) Enabled() bool { return c.Host != "" }

// EffectivePort returns Port, or the default for the TLS mode.
func (c SMTPConfig) EffectivePort() int {
	switch {
	case c.Port != 0:
		return c.Port
	case c.TLS == "implicit":
		return 465
	case c.TLS == "plaintext":
		return 25
	}
	return 587
}

// Validate checks the [smtp] settings.
func (c SMTPConfig) Validate() error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, fieldError("smtp."+field, format, args...))
	}
	errs = append(errs, validateTransport("smtp", c.Host, c.Port, c.TLS, c.AllowPlaintextLoopback)...)
	switch c.Auth {
	case "none":
	case "plain", "login":
		if c.TokenFile != "" {
			bad("token_file", `needs auth = "xoauth2"`)
		}
		if c.Host != "" && c.Username == "" {
			bad("username", `required with auth = %q`, c.Auth)
		}
	case "xoauth2":
		if c.TokenFile == "" {
			bad("token_file", `required with auth = "xoauth2"`)
		}
		if c.PasswordFile != "" {
			bad("password_file", `not used with auth = "xoauth2"`)
		}
		if c.Host != "" && c.Username == "" {
			bad("username", `required with auth = "xoauth2"`)
		}
	default:
		bad("auth", `must be "plain", "login", "xoauth2" or "none", not %q`, c.Auth)
	}
	if c.From != "" {
		if _, err := mail.ParseAddress(c.From); err != nil {
			bad("from", "%q is not an email address", c.From)
		}
	}
	if c.Timeout.Duration <= 0 {
		bad("timeout", "must be positive")
	}
	return errors.Join(errs...)
}

// Settings turns the [smtp] section into notify's settings; secrets are
// read from getenv or the files at each connection.
func (c SMTPConfig) Settings(getenv func(string) string) (notify.SMTPSettings, error) {
	s := notify.SMTPSettings{
		Host: c.Host, Port: c.EffectivePort(), TLS: c.TLS, AllowPlaintextLoopback: c.AllowPlaintextLoopback,
		HELO: c.HELO, Username: c.Username, Auth: c.Auth, Timeout: c.Timeout.Duration,
	}
	tc, err := c.tlsConfig()
	if err != nil {
		return s, err
	}
	s.TLSConfig = tc
	switch c.Auth {
	case "plain", "login":
		s.Secret = func() (string, error) { return secret(getenv, smtpPasswordEnv, c.PasswordFile) }
	case "xoauth2":
		s.Secret = func() (string, error) { return secret(nil, "", c.TokenFile) }
	}
	return s, nil
}

// tlsConfig builds the TLS configuration: the system roots or CAFile, and
// the server name to check.
func (c SMTPConfig) tlsConfig() (*tls.Config, error) {
	tc := &tls.Config{ServerName: c.Host, MinVersion: tls.VersionTLS12}
	if c.ServerName != "" {
		tc.ServerName = c.ServerName
	}
	if c.CAFile != "" {
		pem, err := os.ReadFile(c.CAFile)
		if err != nil {
			return nil, fmt.Errorf("smtp.ca_file: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("smtp.ca_file: no PEM certificates in %s", c.CAFile)
		}
		tc.RootCAs = pool
	}
	return tc, nil
}

// FromAddress returns the sender address: smtp.from, else the
// partnership mailbox.
func (c *Config) FromAddress() string {
	if c.SMTP.From != "" {
		if a, err := mail.ParseAddress(c.SMTP.From); err == nil {
			return strings.ToLower(a.Address)
		}
	}
	return c.Partnership.MailboxAddress()
}
