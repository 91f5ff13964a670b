package intake

import (
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"unicode"
)

// Agency is one agency the partnership asks for summaries, with its
// single point of contact. Key is a short stable name used in idempotency
// keys ("police"); Aliases are the other names people write in forms
// ("Kestmoor Police", "police", "KP"). Core agencies (the three
// safeguarding partners) are asked on every case.
type Agency struct {
	Key     string   `json:"key"`
	Name    string   `json:"name"`
	SPOC    []string `json:"spoc"`
	Aliases []string `json:"aliases,omitempty"`
	Core    bool     `json:"core,omitempty"`
}

// Agencies is the configured list of agencies.
type Agencies []Agency

// NormalizeName folds a name as people write it in a form for comparison:
// lower case, punctuation dropped, "&" read as "and", spaces collapsed, a
// leading "the" dropped. "Kestmoor Police." and "the kestmoor  police"
// compare equal.
func NormalizeName(s string) string {
	s = strings.ReplaceAll(strings.ToLower(s), "&", " and ")
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case r == '\'' || r == '’' || r == '.':
			// dropped without a space: "children's" -> "childrens", "K.P." -> "kp"
		default:
			b.WriteRune(' ')
		}
	}
	out := strings.Join(strings.Fields(b.String()), " ")
	return strings.TrimPrefix(out, "the ")
}

// Match returns the agency a written name means, by its name, key or any
// alias, ignoring case and punctuation.
func (as Agencies) Match(name string) (Agency, bool) {
	n := NormalizeName(name)
	if n == "" {
		return Agency{}, false
	}
	for _, a := range as {
		if NormalizeName(a.Name) == n || NormalizeName(a.Key) == n {
			return a, true
		}
		for _, al := range a.Aliases {
			if NormalizeName(al) == n {
				return a, true
			}
		}
	}
	return Agency{}, false
}

// ForReferral returns the agencies to ask for summaries on a referral
// naming names: every core agency, then each named agency once, in
// configuration order; and the names that matched no agency, as written,
// for the business team.
func (as Agencies) ForReferral(names []string) (ask []Agency, unknown []string) {
	want := map[string]bool{}
	for _, a := range as {
		if a.Core {
			want[a.Key] = true
		}
	}
	for _, n := range names {
		if strings.TrimSpace(n) == "" {
			continue
		}
		if a, ok := as.Match(n); ok {
			want[a.Key] = true
		} else {
			unknown = append(unknown, strings.TrimSpace(n))
		}
	}
	for _, a := range as {
		if want[a.Key] {
			ask = append(ask, a)
		}
	}
	return ask, unknown
}

// ByKey returns the agency with the given key.
func (as Agencies) ByKey(key string) (Agency, bool) {
	for _, a := range as {
		if a.Key == key {
			return a, true
		}
	}
	return Agency{}, false
}

// BySender returns the agency whose SPOC sent from addr: an exact SPOC
// address first, then a SPOC address's domain.
func (as Agencies) BySender(addr string) (Agency, bool) {
	addr = bareAddress(addr)
	if addr == "" {
		return Agency{}, false
	}
	for _, a := range as {
		if a.IsSPOC(addr) {
			return a, true
		}
	}
	for _, a := range as {
		if a.SameDomain(addr) {
			return a, true
		}
	}
	return Agency{}, false
}

// IsSPOC reports whether addr is one of the agency's SPOC addresses.
func (a Agency) IsSPOC(addr string) bool {
	addr = bareAddress(addr)
	for _, s := range a.SPOC {
		if bareAddress(s) == addr {
			return true
		}
	}
	return false
}

// SameDomain reports whether addr is at the domain of one of the agency's
// SPOC addresses.
func (a Agency) SameDomain(addr string) bool {
	d := domainOf(bareAddress(addr))
	if d == "" {
		return false
	}
	for _, s := range a.SPOC {
		if domainOf(bareAddress(s)) == d {
			return true
		}
	}
	return false
}

// Validate checks that every agency has a key, a name and at least one
// valid SPOC address, and that keys and names are unique.
func (as Agencies) Validate() error {
	seen := map[string]string{}
	for i, a := range as {
		if a.Key == "" || a.Name == "" {
			return fmt.Errorf("intake: agency %d needs a key and a name", i+1)
		}
		if len(a.SPOC) == 0 {
			return fmt.Errorf("intake: agency %q has no SPOC address", a.Key)
		}
		for _, s := range a.SPOC {
			if _, err := mail.ParseAddress(s); err != nil {
				return fmt.Errorf("intake: agency %q: SPOC address %q: %v", a.Key, s, err)
			}
		}
		for _, n := range append([]string{a.Key, a.Name}, a.Aliases...) {
			nn := NormalizeName(n)
			if other, dup := seen[nn]; dup && other != a.Key {
				return fmt.Errorf("intake: agencies %q and %q both answer to %q", other, a.Key, n)
			}
			seen[nn] = a.Key
		}
	}
	if !slices.ContainsFunc(as, func(a Agency) bool { return a.Core }) {
		return fmt.Errorf("intake: no core agency: set core = true on the safeguarding partners")
	}
	return nil
}

// KeyFor makes an agency key from a name: lower case, words joined by "_".
func KeyFor(name string) string { return strings.ReplaceAll(NormalizeName(name), " ", "_") }

func bareAddress(s string) string {
	s = strings.TrimSpace(s)
	if a, err := mail.ParseAddress(s); err == nil {
		s = a.Address
	}
	return strings.ToLower(strings.Trim(s, "<>"))
}

func domainOf(addr string) string {
	_, d, ok := strings.Cut(addr, "@")
	if !ok {
		return ""
	}
	return d
}
