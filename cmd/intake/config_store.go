package main

import (
	"context"
	"strings"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/store"
)

// StoreConfig says where the database lives and how long raw mail is kept.
type StoreConfig struct {
	// Path of the SQLite database file (created 0600).
	Path string `toml:"path"`
	// RetainRawMessages is how long raw messages and attachments are kept
	// before `intake purge` may delete them; the case record and the audit
	// trail are kept regardless.
	RetainRawMessages duration `toml:"retain_raw_messages"`
}

func defaultStoreConfig() StoreConfig {
	return StoreConfig{Path: "intake.db", RetainRawMessages: duration{2 * 365 * 24 * time.Hour}}
}

// Validate checks the store settings.
func (c StoreConfig) Validate() error {
	if c.Path == "" {
		return fieldError("store.path", "required")
	}
	if c.RetainRawMessages.Duration < 0 {
		return fieldError("store.retain_raw_messages", "must not be negative")
	}
	return nil
}

// openStore opens the configured database on clock. The outbox's
// Message-IDs end in the domain of the partnership's From address, so
// that every part and command that queues an email gives it the same one.
func (c *Config) openStore(ctx context.Context, clock intake.Clock) (*store.Store, error) {
	opts := store.Options{Clock: clock}
	if from := c.FromAddress(); strings.Contains(from, "@") {
		opts.MessageIDDomain = from[strings.LastIndex(from, "@")+1:]
	}
	return store.Open(ctx, c.Store.Path, opts)
}
