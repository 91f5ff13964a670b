package main

// NotifyConfig holds the [notify] settings.
type NotifyConfig struct{}

func defaultNotifyConfig() NotifyConfig { return NotifyConfig{} }

// Validate checks the [notify] settings.
func (c NotifyConfig) Validate() error { return nil }
