package main

import (
	"errors"
	"net"
	"strings"
	"time"
)

// IMAPConfig holds the [imap] settings: where the partnership mailbox is,
// how to log in, which folders to read and what to do with a message once
// it is stored. An empty host switches ingestion off.
type IMAPConfig struct {
	Host string `toml:"host"`
	Port int    `toml:"port"` // 0: 993 for implicit TLS, 143 otherwise
	// TLS is "implicit" (port 993), "starttls" or "plaintext"; plaintext
	// is refused unless AllowPlaintextLoopback is set and Host is loopback.
	TLS                    string `toml:"tls"`
	AllowPlaintextLoopback bool   `toml:"allow_plaintext_loopback"`
	// CAFile is a PEM bundle to trust instead of the system roots (a
	// private CA); ServerName overrides the name checked in the
	// certificate.
	CAFile     string `toml:"ca_file"`
	ServerName string `toml:"server_name"`

	Username string `toml:"username"`
	// Auth is "plain" (AUTHENTICATE PLAIN), "login" (the LOGIN command) or
	// "xoauth2". The password comes from $INTAKE_IMAP_PASSWORD or
	// PasswordFile; the OAuth token from TokenFile or the output of
	// TokenCommand, read afresh at each connection.
	Auth         string `toml:"auth"`
	PasswordFile string `toml:"password_file"`
	TokenFile    string `toml:"token_file"`
	TokenCommand string `toml:"token_command"`

	Folders []string `toml:"folders"`
	// Action is what happens on the server once a message is stored:
	// "move" (to ProcessedFolder; oversize to QuarantineFolder), "flag"
	// (set FlagKeyword) or "none".
	Action           string `toml:"action"`
	ProcessedFolder  string `toml:"processed_folder"`
	QuarantineFolder string `toml:"quarantine_folder"`
	FlagKeyword      string `toml:"flag_keyword"`

	BatchSize      int      `toml:"batch_size"`
	BatchBytes     int64    `toml:"batch_bytes"`
	MaxMessageSize int64    `toml:"max_message_size"`
	PollInterval   duration `toml:"poll_interval"`
	IDLE           bool     `toml:"idle"`

	ConnectTimeout duration `toml:"connect_timeout"`
	CommandTimeout duration `toml:"command_timeout"`
	BackoffMin     duration `toml:"backoff_min"`
	BackoffMax     duration `toml:"backoff_max"`
}

// imapPasswordEnv is the environment variable holding the IMAP password.
const imapPasswordEnv = "INTAKE_IMAP_PASSWORD"

func defaultIMAPConfig() IMAPConfig {
	return IMAPConfig{
		TLS:              "implicit",
		Auth:             "plain",
		Folders:          []string{"INBOX"},
		Action:           "move",
		ProcessedFolder:  "Processed",
		QuarantineFolder: "Quarantine",
		FlagKeyword:      "$IntakeStored",
		BatchSize:        200,
		BatchBytes:       16 << 20,
		MaxMessageSize:   50 << 20,
		PollInterval:     duration{time.Minute},
		IDLE:             true,
		ConnectTimeout:   duration{30 * time.Second},
		CommandTimeout:   duration{60 * time.Second},
		BackoffMin:       duration{time.Second},
		BackoffMax:       duration{5 * time.Minute},
	}
}

// Enabled reports whether ingestion is configured.
func (c IMAPConfig) Enabled() bool { return c.Host != "" }

// EffectivePort returns Port, or the protocol default for the TLS mode.
func (c IMAPConfig) EffectivePort() int {
	if c.Port != 0 {
		return c.Port
	}
	if c.TLS == "implicit" {
		return 993
	}
	return 143
}

// isLoopback reports whether host names this machine only.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// validateTransport checks the settings IMAP and SMTP share: the port,
// and a TLS mode that allows plaintext only when asked for and only to a
// loopback host.
func validateTransport(section, host string, port int, tls string, allowPlaintextLoopback bool) []error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, fieldError(section+"."+field, format, args...))
	}
	if port < 0 || port > 65535 {
		bad("port", "must be 1-65535")
	}
	switch tls {
	case "implicit", "starttls":
	case "plaintext":
		if !allowPlaintextLoopback {
			bad("tls", `"plaintext" needs allow_plaintext_loopback = true`)
		} else if host != "" && !isLoopback(host) {
			bad("tls", `"plaintext" is allowed only to a loopback host, not %q`, host)
		}
	default:
		bad("tls", `must be "implicit", "starttls" or "plaintext", not %q`, tls)
	}
	return errs
}

// Validate checks the [imap] settings.
func (c IMAPConfig) Validate() error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, fieldError("imap."+field, format, args...))
	}
	errs = append(errs, validateTransport("imap", c.Host, c.Port, c.TLS, c.AllowPlaintextLoopback)...)
	switch c.Auth {
	case "plain", "login":
		if c.TokenFile != "" || c.TokenCommand != "" {
			bad("auth", `token_file and token_command need auth = "xoauth2"`)
		}
	case "xoauth2":
		if (c.TokenFile == "") == (c.TokenCommand == "") {
			bad("token_file", `auth = "xoauth2" needs exactly one of token_file and token_command`)
		}
		if c.PasswordFile != "" {
			bad("password_file", `not used with auth = "xoauth2"`)
		}
	default:
		bad("auth", `must be "plain", "login" or "xoauth2", not %q`, c.Auth)
	}
	if c.Host != "" && c.Username == "" {
		bad("username", "required when imap.host is set")
	}
	if len(c.Folders) == 0 {
		bad("folders", "at least one folder")
	}
	for i, f := range c.Folders {
		if strings.TrimSpace(f) == "" {
			bad("folders", "entry %d is empty", i+1)
		}
	}
	switch c.Action {
	case "move":
		if c.ProcessedFolder == "" {
			bad("processed_folder", `required with action = "move"`)
		}
		for _, f := range c.Folders {
			if f == c.ProcessedFolder || f == c.QuarantineFolder {
				bad("folders", "%q is also where messages are moved to", f)
			}
		}
	case "flag", "none":
	default:
		bad("action", `must be "move", "flag" or "none", not %q`, c.Action)
	}
	if c.QuarantineFolder == "" && c.Action == "move" {
		bad("quarantine_folder", `required with action = "move"`)
	}
	if c.Action == "flag" && (c.FlagKeyword == "" || strings.ContainsAny(c.FlagKeyword, " ()\\{%*\"]")) {
		bad("flag_keyword", "must be one IMAP keyword without spaces or specials (e.g. $IntakeStored)")
	}
	if c.BatchSize < 1 || c.BatchSize > 5000 {
		bad("batch_size", "must be 1-5000")
	}
	if c.BatchBytes < 1<<20 {
		bad("batch_bytes", "must be at least 1 MB (1048576)")
	}
	if c.MaxMessageSize < 1024 {
		bad("max_message_size", "must be at least 1024 bytes")
	}
	if c.PollInterval.Duration < time.Second {
		bad("poll_interval", "must be at least 1s")
	}
	for _, d := range []struct {
		name string
		v    duration
	}{{"connect_timeout", c.ConnectTimeout}, {"command_timeout", c.CommandTimeout}, {"backoff_min", c.BackoffMin}, {"backoff_max", c.BackoffMax}} {
		if d.v.Duration <= 0 {
			bad(d.name, "must be positive")
		}
	}
	if c.BackoffMax.Duration < c.BackoffMin.Duration {
		bad("backoff_max", "must not be below backoff_min")
	}
	return errors.Join(errs...)
}
