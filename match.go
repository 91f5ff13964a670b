package intake

import (
	"fmt"
	"strings"
)

// IncomingSummary is what matching needs of an agency summary that
// arrived: the case reference parse found (subject, headers or form), the
// thread headers, the sender, and the agency the form names.
type IncomingSummary struct {
	CaseRef    string   // from the subject, the thread or the form; "" if none
	InReplyTo  string   // Message-ID
	References []string // Message-IDs
	From       string   // sender address
	FormAgency string   // the form's "agency" field, as written
}

// Routes by which a summary is matched to its case.
const (
	MatchedByThread  = "thread"   // In-Reply-To/References name our summary request
	MatchedByCaseRef = "case_ref" // the case reference in the subject or the form
)

// SummaryMatch is the case and agency a summary belongs to.
type SummaryMatch struct {
	CaseRef  string
	Agency   string // agency key
	Route    string
	Verified bool // sent by the agency's SPOC (or from its domain)
}

// MatchSummary matches an incoming summary to its case and agency.
//
// First by thread: a Message-ID in In-Reply-To or References that is one
// of our summary requests (byMessageID looks requests up by Message-ID
// without angle brackets) gives both the case and the agency. Otherwise by
// case reference: the agency is the one whose SPOC (address, then domain)
// sent it, else the one the form names. The sender is verified when it is
// that agency's SPOC or at its domain; an unexpected sender is accepted,
// unverified, for the business team to check. A summary naming a case
// that has no request for the agency still matches (the caller adds the
// agency to the case).
func MatchSummary(in IncomingSummary, agencies Agencies, byMessageID func(id string) (SummaryRequest, bool)) (SummaryMatch, error) {
	ids := append([]string{in.InReplyTo}, in.References...)
	for _, id := range ids {
		if BareID(id) == "" || byMessageID == nil {
			continue
		}
		if r, ok := byMessageID(BareID(id)); ok {
			m := SummaryMatch{CaseRef: r.CaseRef, Agency: r.Agency, Route: MatchedByThread}
			if a, ok := agencies.ByKey(r.Agency); ok {
				m.Verified = a.IsSPOC(in.From) || a.SameDomain(in.From)
			}
			return m, nil
		}
	}
	ref := strings.TrimSpace(in.CaseRef)
	if ref == "" {
		return SummaryMatch{}, fmt.Errorf("intake: matching summary: no case reference in the subject, thread or form")
	}
	a, ok := agencies.BySender(in.From)
	if !ok {
		a, ok = agencies.Match(in.FormAgency)
	}
	if !ok {
		return SummaryMatch{}, fmt.Errorf("intake: matching summary for %s: the sender and the form's agency match no configured agency", ref)
	}
	return SummaryMatch{CaseRef: ref, Agency: a.Key, Route: MatchedByCaseRef, Verified: a.IsSPOC(in.From) || a.SameDomain(in.From)}, nil
}
