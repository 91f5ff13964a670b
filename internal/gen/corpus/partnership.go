package main

import (
	"fmt"
	"strings"
)

// partnership is one invented safeguarding partnership: its area, its
// case references, its agencies, and its two forms in its own wording and
// layout (each file p_NAME.go writes one partnership's forms).
type partnership struct {
	key, name, short string
	area             []string
	refPattern       string // the case reference pattern its deployment is configured with
	caseRef          func(n int) string
	mailbox          string
	towns            []string
	postcodeArea     string
	hospital         string
	agencies         []agency // agencies the partnership asks for summaries
	referrerAgencies []refAgency

	referralForm func(f *form, r *referral) // Word
	referralText func(f *form, r *referral) // pasted into an email; nil if never
	summaryForm  func(f *form, m *summary)
	summaryText  func(f *form, m *summary)

	referralFormats []string // docx, pdf, doc, text, html
	summaryFormats  []string
}

type agency struct {
	name, domain string
	aliases      []string
}

type refAgency struct {
	name, domain string
	roles        []string
}

// refPatternFor is the pattern of references like "NSCP-2026-0142".
func dashedRefs(prefix string) (string, func(int) string) {
	return prefix + `-\d{4}-\d{4}`, func(n int) string { return fmt.Sprintf("%s-2026-%04d", prefix, n) }
}

// config is what a deployment for the partnership is configured with:
// the parse options the corpus test reads each message with.
type config struct {
	Key            string              `json:"key"`
	Name           string              `json:"name"`
	AreaNames      []string            `json:"area_names"`
	CaseRefPattern string              `json:"case_ref_pattern"`
	Agencies       map[string][]string `json:"agencies"` // name -> aliases
}

func (p *partnership) config() config {
	c := config{Key: p.key, Name: p.name, AreaNames: p.area, CaseRefPattern: p.refPattern, Agencies: map[string][]string{}}
	for _, a := range p.agencies {
		c.Agencies[a.name] = append([]string{}, a.aliases...)
	}
	return c
}

// domainOf is a partnership's mail domain.
func (p *partnership) domain() string { return strings.ToLower(p.short) + ".example" }

var partnerships = []*partnership{northmere(), easthaven(), wexcombe(), brackwater(), southmoor(), pellingford(), carrowfield(), ashby(), fenwick()}
