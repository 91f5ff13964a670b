package main

import (
	"errors"
	"fmt"
	"net/mail"
	"regexp"
	"slices"
	"strings"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/casework"
)

// PartnershipConfig holds the [partnership] settings: who the partnership
// is, its own addresses, how case references look, and what its emails may
// say about a child.
type PartnershipConfig struct {
	Name string `toml:"name"`
	// Mailbox is the partnership's own address: mail from it is never
	// answered, and it is the Reply-To of everything intake sends.
	Mailbox string `toml:"mailbox"`
	// BusinessTeam receives linked-referral notices, escalations and the
	// digest.
	BusinessTeam []string `toml:"business_team"`
	// CaseRefPrefix starts every case reference: PREFIX-YEAR-NNNN.
	CaseRefPrefix string `toml:"case_ref_prefix"`
	// Areas are the places the partnership covers (screening's
	// "resident or occurred in the area").
	Areas []string `toml:"areas"`
	// SPOCIdentifiers are the identifiers of the child a summary request,
	// chaser or receipt may carry: any of "initials", "dob", "age",
	// "name". Empty: the case reference only.
	SPOCIdentifiers []string `toml:"spoc_identifiers"`
	// MaxAcknowledgementsPerDay caps the acknowledgements one sender gets
	// in a day (a loop guard); further referrals are still filed.
	MaxAcknowledgementsPerDay int `toml:"max_acknowledgements_per_day"`
	// SummaryReceipts sends a SPOC a receipt when their summary arrives.
	SummaryReceipts bool `toml:"summary_receipts"`
	// OutcomeToAgencies sends the outcome notice to the SPOCs of the
	// agencies asked for summaries too, not only to the referrer.
	OutcomeToAgencies bool `toml:"outcome_to_agencies"`
	// AutoAcceptFrom: a referral from one of these addresses (the local
	// authority's notification address), authenticated, meeting every
	// criterion with nothing flagged a person must weigh, is accepted by
	// intake itself, and records the local authority's notification.
	// Empty: a person accepts every referral.
	AutoAcceptFrom []string `toml:"auto_accept_from"`
	// Neighbours are the partnerships a referral can be redirected to.
	Neighbours []NeighbourConfig `toml:"neighbour"`
}

// NeighbourConfig is one [[partnership.neighbour]].
type NeighbourConfig struct {
	Key     string   `toml:"key"`
	Name    string   `toml:"name"`
	Address string   `toml:"address"`
	Areas   []string `toml:"areas"`
}

func defaultPartnershipConfig() PartnershipConfig {
	return PartnershipConfig{
		Name:                      "Kestmoor Safeguarding Children Multi-agency Partnership",
		Mailbox:                   "reviews@kscmp.example",
		BusinessTeam:              []string{"business.team@kscmp.example"},
		CaseRefPrefix:             "KSCMP",
		Areas:                     []string{"Kestmoor"},
		SPOCIdentifiers:           []string{"initials", "dob"},
		MaxAcknowledgementsPerDay: 5,
		SummaryReceipts:           true,
		OutcomeToAgencies:         false,
	}
}

var refPrefixRE = regexp.MustCompile(`^[A-Z][A-Z0-9]{1,15}$`)

// Validate checks the [partnership] settings.
func (c PartnershipConfig) Validate() error {
	var errs []error
	if strings.TrimSpace(c.Name) == "" {
		errs = append(errs, fieldError("partnership.name", "required"))
	}
	if _, err := mail.ParseAddress(c.Mailbox); err != nil {
		errs = append(errs, fieldError("partnership.mailbox", "%q is not an email address", c.Mailbox))
	}
	if len(c.BusinessTeam) == 0 {
		errs = append(errs, fieldError("partnership.business_team", "at least one address required"))
	}
	for _, a := range c.BusinessTeam {
		if _, err := mail.ParseAddress(a); err != nil {
			errs = append(errs, fieldError("partnership.business_team", "%q is not an email address", a))
		}
	}
	if !refPrefixRE.MatchString(c.CaseRefPrefix) {
		errs = append(errs, fieldError("partnership.case_ref_prefix", "%q: want 2-16 capital letters or digits, starting with a letter", c.CaseRefPrefix))
	}
	for _, id := range c.SPOCIdentifiers {
		if !slices.Contains(casework.ChildIdentifiers, id) {
			errs = append(errs, fieldError("partnership.spoc_identifiers", "%q: want %s", id, strings.Join(casework.ChildIdentifiers, ", ")))
		}
	}
	if c.MaxAcknowledgementsPerDay < 0 {
		errs = append(errs, fieldError("partnership.max_acknowledgements_per_day", "must not be negative"))
	}
	for _, a := range c.AutoAcceptFrom {
		if _, err := mail.ParseAddress(a); err != nil {
			errs = append(errs, fieldError("partnership.auto_accept_from", "%q is not an email address", a))
		}
	}
	errs = append(errs, neighbourErrors(c.neighbours().Validate())...)
	return errors.Join(errs...)
}

// neighbourErrors names the setting of each problem Neighbours.Validate
// found: partnership.neighbour[n], or partnership.neighbour[n].address.
func neighbourErrors(err error) []error {
	if err == nil {
		return nil
	}
	list := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		list = j.Unwrap()
	}
	var out []error
	for _, e := range list {
		var ne *intake.NeighbourError
		if !errors.As(e, &ne) {
			out = append(out, fieldError("partnership.neighbour", "%v", e))
			continue
		}
		field := fmt.Sprintf("partnership.neighbour[%d]", ne.Index)
		if ne.Field != "" {
			field += "." + ne.Field
		}
		out = append(out, fieldError(field, "%s", ne.Problem))
	}
	return out
}

// key is the neighbour's key, made from its name when not given.
func (n NeighbourConfig) key() string {
	if n.Key != "" {
		return n.Key
	}
	return intake.KeyFor(n.Name)
}

// neighbours maps the [[partnership.neighbour]] settings to a directory,
// each address as written (as Validate reports it).
func (c PartnershipConfig) neighbours() intake.Neighbours {
	var out intake.Neighbours
	for _, n := range c.Neighbours {
		out = append(out, intake.Neighbour{Key: n.key(), Name: n.Name, Address: n.Address, Areas: n.Areas})
	}
	return out
}

// NeighbourList returns the directory of neighbouring partnerships, each
// address lower-cased.
func (c PartnershipConfig) NeighbourList() intake.Neighbours {
	out := c.neighbours()
	for i := range out {
		out[i].Address = strings.ToLower(out[i].Address)
	}
	return out
}

// MailboxAddress returns the partnership's own address, lower-cased.
func (c PartnershipConfig) MailboxAddress() string {
	if a, err := mail.ParseAddress(c.Mailbox); err == nil {
		return strings.ToLower(a.Address)
	}
	return strings.ToLower(strings.TrimSpace(c.Mailbox))
}
