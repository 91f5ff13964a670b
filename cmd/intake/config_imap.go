package main

// IMAPConfig holds the [imap] settings.
type IMAPConfig struct{}

func defaultIMAPConfig() IMAPConfig { return IMAPConfig{} }

// Validate checks the [imap] settings.
func (c IMAPConfig) Validate() error { return nil }
