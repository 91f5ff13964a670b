package main

import "time"

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
