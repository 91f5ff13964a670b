package main

// PartnershipConfig holds the [partnership] settings.
type PartnershipConfig struct{}

func defaultPartnershipConfig() PartnershipConfig { return PartnershipConfig{} }

// Validate checks the [partnership] settings.
func (c PartnershipConfig) Validate() error { return nil }
