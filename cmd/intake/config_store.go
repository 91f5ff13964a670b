package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
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

// storeOptions are the options every part and command opens the store
// with. The outbox's Message-IDs end in the domain of the partnership's
// From address, so that every part and command that queues an email
// gives it the same one.
func (c *Config) storeOptions(clock intake.Clock) store.Options {
	opts := store.Options{Clock: clock}
	if from := c.FromAddress(); strings.Contains(from, "@") {
		opts.MessageIDDomain = from[strings.LastIndex(from, "@")+1:]
	}
	return opts
}

// createStore opens the configured database on clock, creating it (and
// its directory) when it is not there: only `intake serve` and the demo
// do that.
func (c *Config) createStore(ctx context.Context, clock intake.Clock) (*store.Store, error) {
	return store.Open(ctx, c.Store.Path, c.storeOptions(clock))
}

// openStore opens the configured database on clock; every command but
// serve uses it. It never creates one: a command run in the wrong
// directory, or with a mistyped --config, says where it looked instead
// of printing "No cases." from an empty database it just made.
func (c *Config) openStore(ctx context.Context, clock intake.Clock) (*store.Store, error) {
	st, err := store.OpenExisting(ctx, c.Store.Path, c.storeOptions(clock))
	if errors.Is(err, store.ErrNoDatabase) {
		path := c.Store.Path
		if abs, aerr := filepath.Abs(path); aerr == nil {
			path = abs
		}
		from := "store.path in config " + c.source
		if c.source == "" {
			from = "the default store.path: no --config or $INTAKE_CONFIG given"
		}
		return nil, fmt.Errorf("no database at %s (%s); `intake serve` creates it", path, from)
	}
	return st, err
}
