package parse

import (
	"regexp"
	"strings"
)

// caseRefFinder finds the partnership's case reference in text.
type caseRefFinder struct{ re *regexp.Regexp }

func newCaseRefFinder(pattern string) (caseRefFinder, error) {
	re, err := regexp.Compile("(?i)" + pattern)
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
		if m := c.re.FindString(t); m != "" {
			s := strings.ToUpper(m)
			return &s
		}
	}
	return nil
}
