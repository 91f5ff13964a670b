package main

// AgencyConfig is one [[agency]]: an agency and its SPOC.
type AgencyConfig struct{}

func defaultAgencies() []AgencyConfig { return nil }

func validateAgencies([]AgencyConfig) error { return nil }
