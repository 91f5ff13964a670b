package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/store"
)

// StoreConfig says where the database lives and how long raw mail is kept.
type StoreConfig struct {
	// Path of the SQLite database file (created 0600).
	Path string `toml:"path"`
	// RetainRawMessages is how long raw messages and attachments are kept
	// before `intake purge` may delete them; the case record and the audit
	// trail are kept regardless. Days, weeks, months or years: "730d",
	// "104w", "24mo", "2y".
	RetainRawMessages intake.Retention `toml:"retain_raw_messages"`
	// MinRetention is the shortest period `intake purge --older-than`
	// accepts, so that a slip of the keyboard cannot delete recent mail.
	MinRetention intake.Retention `toml:"min_retention"`
}

func defaultStoreConfig() StoreConfig {
	return StoreConfig{Path: "intake.db", RetainRawMessages: intake.Retention{N: 730, Unit: "d"}, MinRetention: intake.Retention{N: 1, Unit: "y"}}
}

// Validate checks the store settings.
func (c StoreConfig) Validate() error {
	var errs []error
	if c.Path == "" {
		errs = append(errs, fieldError("store.path", "required"))
	}
	if c.RetainRawMessages.IsZero() {
		errs = append(errs, fieldError("store.retain_raw_messages", "required: days, weeks, months or years, like \"730d\" or \"2y\""))
	}
	if c.MinRetention.IsZero() {
		errs = append(errs, fieldError("store.min_retention", "required: days, weeks, months or years, like \"1y\""))
	}
	if !c.RetainRawMessages.IsZero() && !c.MinRetention.IsZero() && c.RetainRawMessages.ShorterThan(c.MinRetention) {
		errs = append(errs, fieldError("store.retain_raw_messages", "%s is shorter than store.min_retention (%s)",
			c.RetainRawMessages.Words(), c.MinRetention.Words()))
	}
	return errors.Join(errs...)
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
