package main

// SMTPConfig holds the [smtp] settings.
type SMTPConfig struct{}

func defaultSMTPConfig() SMTPConfig { return SMTPConfig{} }

// Validate checks the [smtp] settings.
func (c SMTPConfig) Validate() error { return nil }
