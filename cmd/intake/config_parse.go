package main

// ParseConfig holds the [parse] settings. (Placeholder: the parse work
// replaces this file.)
type ParseConfig struct{}

func defaultParseConfig() ParseConfig { return ParseConfig{} }

// Validate checks the [parse] settings.
func (c ParseConfig) Validate() error { return nil }
