package main

import (
	"errors"
	"strings"

	"github.com/kscmp/intake/casework"
)

// TrustConfig holds the [trust] settings: which receiving server's
// Authentication-Results intake believes, so that only an authenticated
// SPOC or referrer changes a case by email.
type TrustConfig struct {
	// AuthservIDs are the authserv-ids of the servers that receive the
	// partnership's mail and add Authentication-Results (Exchange Online
	// writes the tenant's domain, e.g. "kestmoor.gov.example"; a gateway
	// writes its host name). Only their results count.
	AuthservIDs []string `toml:"authserv_ids"`
	// UnauthenticatedDomains: for a mail system that adds no
	// Authentication-Results, the agency domains whose mail intake
	// believes by its From address alone. A weaker policy: use it only
	// where the partnership's gateway rejects forged mail from them.
	UnauthenticatedDomains []string `toml:"unauthenticated_domains"`
}

func defaultTrustConfig() TrustConfig { return TrustConfig{} }

// Validate checks the [trust] settings.
func (c TrustConfig) Validate() error {
	var errs []error
	for _, id := range c.AuthservIDs {
		if strings.TrimSpace(id) == "" || strings.ContainsAny(id, " ;") {
			errs = append(errs, fieldError("trust.authserv_ids", "%q is not an authserv-id (a host or domain name)", id))
		}
	}
	for _, d := range c.UnauthenticatedDomains {
		if !strings.Contains(d, ".") || strings.ContainsAny(d, "@ ") {
			errs = append(errs, fieldError("trust.unauthenticated_domains", "%q is not a domain", d))
		}
	}
	return errors.Join(errs...)
}

// Trust is casework's trust policy.
func (c TrustConfig) Trust() casework.Trust {
	return casework.Trust{AuthservIDs: c.AuthservIDs, UnauthenticatedDomains: c.UnauthenticatedDomains}
}
