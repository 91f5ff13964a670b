package main

import (
	"errors"
	"io"
	"log/slog"
)

// LogConfig holds the [log] settings: how much the daemon and the
// commands log, and in what form. Logs carry case references, message
// and outbox numbers, never names, addresses, dates of birth or form text.
type LogConfig struct {
	// Level is "debug", "info" (the default: connections, logins, IDLE,
	// messages stored, emails sent), "warn" or "error".
	Level string `toml:"level"`
	// Format is "text" (key=value lines, the default) or "json" (one
	// object a line, for a log store).
	Format string `toml:"format"`
}

func defaultLogConfig() LogConfig { return LogConfig{Level: "info", Format: "text"} }

// Validate checks the [log] settings.
func (c LogConfig) Validate() error {
	var errs []error
	var l slog.Level
	if err := l.UnmarshalText([]byte(c.Level)); err != nil {
		errs = append(errs, fieldError("log.level", "%q: want debug, info, warn or error", c.Level))
	}
	if c.Format != "text" && c.Format != "json" {
		errs = append(errs, fieldError("log.format", "%q: want \"text\" or \"json\"", c.Format))
	}
	return errors.Join(errs...)
}

// newLogger returns the logger [log] asks for, writing to w.
func newLogger(w io.Writer, c LogConfig) *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.Level)); err != nil {
		level = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: level}
	if c.Format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
