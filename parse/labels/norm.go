package labels

import (
	"regexp"
	"strings"
	"unicode"
)

var (
	reBracketed    = regexp.MustCompile(`\([^()]*\)|\[[^\[\]]*\]`)
	reNumbering    = regexp.MustCompile(`^(?:(?:q|question|section|part|no)\s*)?(?:\d+(?:\.\d+)*[a-z]?|[a-z]|[ivx]+)(?:[.):]\s*|\s+)`)
	reDotted       = regexp.MustCompile(`^(?:[a-z]\.\s*){2,}[a-z]?$`) // "d.o.b.": letters, not numbering
	reNumOnly      = regexp.MustCompile(`^(?:q|question)?\d+(?:\.\d+)*[a-z]?\s`)
	labelTails     = []string{"please specify", "if known", "if applicable", "please tick", "tick as appropriate", "tick all that apply", "please give details", "please provide details", "please state", "please explain", "please describe", "yes no", "y n", "yes or no", "y or n", "dd mm yyyy", "dd mm yy", "tick one", "tick", "please select", "select one", "delete as appropriate", "please confirm", "please circle", "circle as appropriate", "if yes please give details", "if so please give details"}
	numberingPunct = strings.NewReplacer(".", " ", ")", " ")
	fieldPrefix    = map[string]bool{"txt": true, "chk": true, "cb": true, "fld": true, "dd": true, "tb": true, "text": true, "check": true, "checkbox": true, "field": true}
)

// Norm reduces a printed label, a content control's tag or a PDF field
// name to the words that identify it: lower case, apostrophes dropped
// ("child's" is "childs"), camelCase and snake_case split, numbering,
// bracketed remarks and tails such as "please specify" removed, every
// other punctuation mark a space.
func Norm(s string) string {
	if len(s) > 400 {
		s = s[:400]
	}
	s = splitCamel(s)
	if strings.ContainsAny(s, "([") {
		// A remark in brackets is dropped, unless it is what the label
		// asks: "This is (your name)", "from (organisation)".
		if out := reBracketed.ReplaceAllString(s, " "); !onlyStopWords(out) {
			s = out
		}
	}
	s = strings.ToLower(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\'' || r == '’' || r == '‘' || r == '`' || r == '´':
			// dropped: child's -> childs
		case r == '.' || r == ')':
			b.WriteRune(r) // kept for numbering, removed below
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	s = strings.TrimSpace(b.String())
	for i := 0; i < 3 && mayBeNumbered(s) && !reDotted.MatchString(s); i++ {
		loc := reNumbering.FindStringIndex(s)
		if loc == nil {
			break
		}
		head := s[:loc[1]]
		// A bare single letter followed by a space is a word ("a"), not a
		// number, unless it is "a." or "a)".
		if !strings.ContainsAny(head, ".):") && !reNumOnly.MatchString(s) {
			break
		}
		rest := strings.TrimSpace(s[loc[1]:])
		if rest == "" {
			break
		}
		s = rest
	}
	s = numberingPunct.Replace(s)
	words := strings.Fields(s)
	if len(words) > 1 && fieldPrefix[words[0]] {
		words = words[1:]
	}
	s = strings.Join(words, " ")
	for changed := true; changed; {
		changed = false
		for _, tail := range labelTails {
			if strings.HasSuffix(s, " "+tail) {
				s = strings.TrimSpace(strings.TrimSuffix(s, tail))
				changed = true
			}
		}
	}
	return s
}

// splitCamel puts spaces into a PDF field name such as "txtChildDOB" or
// "child_name"; text with spaces in it is left alone.
func splitCamel(s string) string {
	if strings.ContainsAny(s, " \t\n") {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if i > 0 && unicode.IsUpper(r) && (unicode.IsLower(rs[i-1]) || (i+1 < len(rs) && unicode.IsLower(rs[i+1]) && unicode.IsUpper(rs[i-1]))) {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mayBeNumbered is a quick test before reNumbering: a label that starts
// with a digit, a letter followed by "." or ")", or a word such as "q",
// "question", "section", "part", "no" or a roman numeral.
func mayBeNumbered(s string) bool {
	if s == "" {
		return false
	}
	if c := s[0]; c >= '0' && c <= '9' {
		return true
	}
	if len(s) > 1 && (s[1] == '.' || s[1] == ')' || s[1] == ':') {
		return true
	}
	for _, p := range []string{"q", "section", "part", "no", "i", "v", "x"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// onlyStopWords reports whether a text has no word but stop words (and
// numbering).
func onlyStopWords(s string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if !stopWords[w] && len(w) > 1 {
			return false
		}
	}
	return true
}
