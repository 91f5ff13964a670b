package main

import (
	"github.com/kscmp/intake"
)

// AgencyConfig is one [[agency]]: an agency and its SPOC. Summary requests
// go to every core agency and to those a referral names; names written in
// forms are matched against name, key and aliases ignoring case and
// punctuation.
type AgencyConfig struct {
	Key     string   `toml:"key"` // short stable name used in email keys; default: from the name
	Name    string   `toml:"name"`
	SPOC    []string `toml:"spoc"`
	Aliases []string `toml:"aliases"`
	Core    bool     `toml:"core"`
}

// defaultAgencies is empty: the TOML decoder merges a file's [[agency]]
// tables into existing elements, so the built-in Kestmoor list
// (builtinAgencies) applies only when the file lists none, and a file that
// lists any replaces it entirely.
func defaultAgencies() []AgencyConfig { return nil }

// builtinAgencies are the invented Kestmoor agencies used when the
// configuration names none.
func builtinAgencies() []AgencyConfig {
	return []AgencyConfig{
		{Key: "social_care", Name: "Kestmoor County Council children's social care", SPOC: []string{"practice.reviews@kestmoor-cc.example"},
			Aliases: []string{"children's social care", "social care", "social services", "CSC", "KCC", "Kestmoor County Council", "local authority"}, Core: true},
		{Key: "police", Name: "Kestmoor Police", SPOC: []string{"review.spoc@kestmoor.police.example"},
			Aliases: []string{"police", "KP", "Kestmoor Constabulary"}, Core: true},
		{Key: "icb", Name: "NHS Kestmoor ICB", SPOC: []string{"safeguarding.reviews@kestmoor-icb.nhs.example"},
			Aliases: []string{"ICB", "Kestmoor ICB", "integrated care board", "GP", "health"}, Core: true},
		{Key: "hospitals", Name: "Kestmoor Hospitals NHS Foundation Trust", SPOC: []string{"safeguarding@kestmoor-hospitals.nhs.example"},
			Aliases: []string{"Kestmoor Hospitals", "hospital", "Kestmoor General Hospital", "A&E"}},
		{Key: "health_visiting", Name: "Kestmoor Community Health health visiting", SPOC: []string{"hv.safeguarding@kestmoor-community.nhs.example"},
			Aliases: []string{"health visiting", "health visitor", "school nursing", "0-19 service"}},
		{Key: "education", Name: "Kestmoor schools and education safeguarding", SPOC: []string{"education.safeguarding@kestmoor-cc.example"},
			Aliases: []string{"school", "schools", "education", "college", "nursery"}},
		{Key: "probation", Name: "Probation Service Kestmoor", SPOC: []string{"kestmoor.spoc@probation.example"},
			Aliases: []string{"probation"}},
	}
}

// AgencyList returns the configured agencies (the built-in list when none
// is configured) in domain form, keys filled in.
func (c *Config) AgencyList() intake.Agencies {
	list := c.Agencies
	if len(list) == 0 {
		list = builtinAgencies()
	}
	out := make(intake.Agencies, len(list))
	for i, a := range list {
		key := a.Key
		if key == "" {
			key = intake.KeyFor(a.Name)
		}
		out[i] = intake.Agency{Key: key, Name: a.Name, SPOC: a.SPOC, Aliases: a.Aliases, Core: a.Core}
	}
	return out
}

func validateAgencies(list []AgencyConfig) error {
	c := &Config{Agencies: list}
	as := c.AgencyList()
	if err := as.Validate(); err != nil {
		return fieldError("agency", "%v", err)
	}
	return nil
}
