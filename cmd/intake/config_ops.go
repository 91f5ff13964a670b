package main

// OpsConfig holds the [ops] settings.
type OpsConfig struct{}

func defaultOpsConfig() OpsConfig { return OpsConfig{} }

// Validate checks the [ops] settings.
func (c OpsConfig) Validate() error { return nil }
