package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/BurntSushi/toml"
)

// Config is the whole of intake's configuration: one TOML file, every
// section with safe defaults (DefaultConfig), checked by Validate. Secrets
// never live in the file: each is read from an environment variable or a
// *_file path (see secret).
type Config struct {
	Partnership PartnershipConfig `toml:"partnership"`
	Store       StoreConfig       `toml:"store"`
	IMAP        IMAPConfig        `toml:"imap"`
	SMTP        SMTPConfig        `toml:"smtp"`
	Parse       ParseConfig       `toml:"parse"`
	Calendar    CalendarConfig    `toml:"calendar"`
	Timetable   TimetableConfig   `toml:"timetable"`
	Agencies    []AgencyConfig    `toml:"agency"`
	Notify      NotifyConfig      `toml:"notify"`
	Ops         OpsConfig         `toml:"ops"`
	Trust       TrustConfig       `toml:"trust"`
	Web         WebConfig         `toml:"web"`
	Log         LogConfig         `toml:"log"`

	source string // the file it was read from; "" for the built-in defaults
}

// DefaultConfig returns the configuration used where the file says nothing.
func DefaultConfig() *Config {
	return &Config{
		Partnership: defaultPartnershipConfig(),
		Store:       defaultStoreConfig(),
		IMAP:        defaultIMAPConfig(),
		SMTP:        defaultSMTPConfig(),
		Parse:       defaultParseConfig(),
		Calendar:    defaultCalendarConfig(),
		Timetable:   defaultTimetableConfig(),
		Agencies:    defaultAgencies(),
		Notify:      defaultNotifyConfig(),
		Ops:         defaultOpsConfig(),
		Trust:       defaultTrustConfig(),
		Web:         defaultWebConfig(),
		Log:         defaultLogConfig(),
	}
}

// ParseConfigFile reads a TOML configuration over the defaults. Keys the
// file does not know are an error, with the nearest known one, so that a
// misspelt setting is not silently ignored.
func ParseConfigFile(r io.Reader) (*Config, error) {
	c := DefaultConfig()
	md, err := toml.NewDecoder(r).Decode(c)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, unknownSettings(und)
	}
	return c, nil
}

// Validate checks every section and returns all problems at once, each
// naming its setting ("imap.host: required").
func (c *Config) Validate() error {
	errs := []error{
		c.Partnership.Validate(),
		c.Store.Validate(),
		c.IMAP.Validate(),
		c.SMTP.Validate(),
		c.Parse.Validate(),
		c.Calendar.Validate(),
		c.Timetable.Validate(),
		validateAgencies(c.Agencies),
		c.Notify.Validate(),
		c.Ops.Validate(),
		c.Trust.Validate(),
		c.Web.Validate(),
		c.Log.Validate(),
		c.validateCaseRefs(),
	}
	return errors.Join(errs...)
}

// LoadConfig reads the configuration at path, or at $INTAKE_CONFIG when
// path is empty; with neither it returns the defaults. The result is
// validated. When env.LogOutput is set (the process's own Env), the
// logger becomes the one [log] asks for, writing there.
func (env *Env) LoadConfig(path string) (*Config, error) {
	if path == "" && env.Getenv != nil {
		path = env.Getenv("INTAKE_CONFIG")
	}
	c := DefaultConfig()
	if path != "" {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("config: %w", err)
		}
		defer f.Close()
		if c, err = ParseConfigFile(f); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	c.source = path
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("config %s:\n%w", displayPath(path), err)
	}
	if env.LogOutput != nil {
		env.Logger = newLogger(env.LogOutput, c.Log)
	}
	return c, nil
}

func displayPath(p string) string {
	if p == "" {
		return "(built-in defaults)"
	}
	return p
}

// fieldError names the setting a problem is about.
func fieldError(field, format string, args ...any) error {
	return fmt.Errorf("%s: %s", field, fmt.Sprintf(format, args...))
}

// secret returns a secret from the environment variable envVar if set,
// else from the file at path (trailing newline trimmed), else "". The file
// is read each time, so that an external helper can rotate it.
func secret(getenv func(string) string, envVar, path string) (string, error) {
	if envVar != "" && getenv != nil {
		if v := getenv(envVar); v != "" {
			return v, nil
		}
	}
	if path == "" {
		return "", nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("reading secret file: %w", err)
	}
	return strings.TrimRight(string(b), "\r\n"), nil
}
