package main

import (
	"errors"
	"fmt"
	"net/mail"
	"os"
	"time"

	"github.com/kscmp/intake/notify"
)

// NotifyConfig holds the [notify] settings: the templates, the agency
// summary form, how hard the outbox retries, the loop guard and the daily
// digest. (Whether SPOCs get receipts and agencies get the outcome are
// partnership settings: partnership.summary_receipts and
// partnership.outcome_to_agencies.)
type NotifyConfig struct {
	// TemplatesDir holds templates that replace the built-in ones of the
	// same name (KIND.txt, KIND.html); empty uses the built-in ones.
	TemplatesDir string `toml:"templates_dir"`
	// SummaryFormPath is the agency summary form attached to summary
	// requests and chasers: empty attaches the partnership form built into
	// intake, "none" attaches none (the emails then ask for the summary in
	// the reply).
	SummaryFormPath string `toml:"summary_form_path"`

	// A temporary failure is retried after BackoffMin, doubling up to
	// BackoffMax, until the email has been due for RetryMaxAge; then it is
	// marked failed and shown in the digest.
	RetryMaxAge duration `toml:"retry_max_age"`
	BackoffMin  duration `toml:"backoff_min"`
	BackoffMax  duration `toml:"backoff_max"`
	// SendLease is how long an email handed to the server waits, if intake
	// stops before recording it sent, before it is sent again (with the
	// same Message-ID).
	SendLease duration `toml:"send_lease"`
	// MaxPerRecipientPerDay caps the emails one address receives in a day
	// (a loop guard); the rest are held and shown in the digest. 0: no cap.
	// The business team is exempt.
	MaxPerRecipientPerDay int `toml:"max_per_recipient_per_day"`

	// DigestTime is the local time (Europe/London, "HH:MM") of the daily
	// digest on working days; DigestTo its recipients (empty:
	// partnership.business_team). DigestEnabled switches it off.
	DigestEnabled bool     `toml:"digest_enabled"`
	DigestTime    string   `toml:"digest_time"`
	DigestTo      []string `toml:"digest_to"`

	// FallbackInterval is the longest the outbox sleeps between passes.
	FallbackInterval duration `toml:"fallback_interval"`
}

func defaultNotifyConfig() NotifyConfig {
	return NotifyConfig{
		RetryMaxAge:           duration{48 * time.Hour},
		BackoffMin:            duration{time.Minute},
		BackoffMax:            duration{time.Hour},
		SendLease:             duration{15 * time.Minute},
		MaxPerRecipientPerDay: 20,
		DigestEnabled:         true,
		DigestTime:            "07:30",
		FallbackInterval:      duration{5 * time.Minute},
	}
}

// DigestClock returns the digest's hour and minute.
func (c NotifyConfig) DigestClock() (hour, minute int, err error) {
	t, err := time.Parse("15:04", c.DigestTime)
	if err != nil {
		return 0, 0, fmt.Errorf("%q: want a time like \"07:30\"", c.DigestTime)
	}
	return t.Hour(), t.Minute(), nil
}

// Validate checks the [notify] settings.
func (c NotifyConfig) Validate() error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, fieldError("notify."+field, format, args...))
	}
	if c.TemplatesDir != "" {
		if fi, err := os.Stat(c.TemplatesDir); err != nil || !fi.IsDir() {
			bad("templates_dir", "%q is not a directory", c.TemplatesDir)
		}
	}
	if c.SummaryFormPath != "" && c.SummaryFormPath != notify.NoSummaryForm {
		if _, err := os.Stat(c.SummaryFormPath); err != nil {
			bad("summary_form_path", "%v", err)
		}
	}
	for _, d := range []struct {
		name string
		v    duration
	}{{"retry_max_age", c.RetryMaxAge}, {"backoff_min", c.BackoffMin}, {"backoff_max", c.BackoffMax}, {"send_lease", c.SendLease}, {"fallback_interval", c.FallbackInterval}} {
		if d.v.Duration <= 0 {
			bad(d.name, "must be positive")
		}
	}
	if c.BackoffMax.Duration < c.BackoffMin.Duration {
		bad("backoff_max", "must not be below backoff_min")
	}
	if c.SendLease.Duration > 0 && c.SendLease.Duration < time.Minute {
		bad("send_lease", "must be at least 1m (longer than one SMTP session)")
	}
	if c.MaxPerRecipientPerDay < 0 {
		bad("max_per_recipient_per_day", "must not be negative")
	}
	if _, _, err := c.DigestClock(); err != nil {
		bad("digest_time", "%v", err)
	}
	for _, a := range c.DigestTo {
		if _, err := mail.ParseAddress(a); err != nil {
			bad("digest_to", "%q is not an email address", a)
		}
	}
	return errors.Join(errs...)
}
