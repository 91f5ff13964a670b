package parse

import (
	"regexp"
	"strings"
)

// caseRefFinder finds the partnership's case reference in text, as
// written or in capitals ("kscmp-2026-0042" is KSCMP-2026-0042). A
// case-folding regexp is avoided: it is many times slower on long bodies.
type caseRefFinder struct{ re *regexp.Regexp }

// newCaseRefFinder finds pattern; it is compiled once a process
// (compilePattern), not once a message.
func newCaseRefFinder(pattern string) (caseRefFinder, error) {
	re, err := compilePattern(pattern)
	if err != nil {
		return caseRefFinder{}, err
	}
	return caseRefFinder{re}, nil
}

// find returns the first case reference in the texts, in the order given
// (subject, In-Reply-To, References, the form, the body), upper-cased, or
// nil.
func (c caseRefFinder) find(texts ...string) *string {
	if c.re == nil {
		return nil
	}
	for _, t := range texts {
		m := c.re.FindString(t)
		if m == "" {
			m = c.re.FindString(strings.ToUpper(t))
		}
		if m != "" {
			s := strings.ToUpper(m)
			return &s
		}
	}
	return nil
}
