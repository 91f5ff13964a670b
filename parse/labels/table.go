package parse

import (
	_ "embed"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/BurntSushi/toml"
)

//go:embed labels_default.toml
var defaultLabelsTOML string

// Forms a canonical key belongs to.
const (
	formReferral = "referral"
	formSummary  = "agency_summary"
	formBoth     = "both"
)

// KeySpec is one canonical key of FORMS.md: which form carries it, how its
// value is normalised, and the wordings printed beside it on the forms.
type KeySpec struct {
	Key    string
	Form   string              // referral, agency_summary or both
	Type   string              // text, date, bool, age, email, harm_outcome, abuse_types, abuse_or_neglect, list
	Labels []string            // wordings, as written in the table
	Option map[string][]string // enumerations: option -> wordings of a row that ticks it
	Words  []string            // word rules of the fallback, as written in the table
	rules  []wordRule
}

// LabelTable maps the wordings of the partnerships' forms onto canonical
// keys. Matching tolerates case, punctuation, numbering ("3a.") and tails
// such as "(please specify)"; see normLabel.
type LabelTable struct {
	keys      map[string]*KeySpec
	byWording map[string][]LabelMatch
	ruleKeys  []string // keys with word rules, sorted
}

// LabelMatch is what one wording means: a canonical key, or one option of
// an enumerated key (Option is then set, e.g. abuse_types / neglect).
type LabelMatch struct {
	Key    string
	Option string
}

type tomlTable struct {
	Keys map[string]struct {
		Form    string              `toml:"form"`
		Type    string              `toml:"type"`
		Labels  []string            `toml:"labels"`
		Options map[string][]string `toml:"options"`
		Words   []string            `toml:"words"`
	} `toml:"keys"`
}

var defaultTable = mustDefaultTable()

func mustDefaultTable() *LabelTable {
	t := &LabelTable{keys: map[string]*KeySpec{}, byWording: map[string][]LabelMatch{}}
	if err := t.merge(strings.NewReader(defaultLabelsTOML), true); err != nil {
		panic(err)
	}
	return t
}

// DefaultLabelTable returns a copy of the embedded default table.
func DefaultLabelTable() *LabelTable { return defaultTable.clone() }

// LoadLabelTable reads a TOML label table and returns the default table
// with its wordings added. The file names canonical keys only:
//
//	[keys.incident_date]
//	labels = ["Date the young person was harmed"]
//	[keys.abuse_types.options]
//	neglect = ["Neglect / poor supervision"]
func LoadLabelTable(r io.Reader) (*LabelTable, error) {
	t := defaultTable.clone()
	if err := t.merge(r, false); err != nil {
		return nil, err
	}
	return t, nil
}

// AddWordings adds wordings for a canonical key (or, with option set, for
// one option of an enumerated key). An added wording that the table
// already gives another key of the same form is taken for the new key
// first: configuration overrides the defaults.
func (t *LabelTable) AddWordings(key, option string, wordings ...string) error {
	return t.addWordings(key, option, true, wordings...)
}

func (t *LabelTable) addWordings(key, option string, front bool, wordings ...string) error {
	ks, ok := t.keys[key]
	if !ok {
		return fmt.Errorf("parse: label table: unknown key %q", key)
	}
	for _, w := range wordings {
		if option == "" {
			ks.Labels = append(ks.Labels, w)
		} else {
			if ks.Option == nil {
				return fmt.Errorf("parse: label table: key %q has no options", key)
			}
			ks.Option[option] = append(ks.Option[option], w)
		}
		t.index(w, LabelMatch{Key: key, Option: option}, front)
	}
	return nil
}

func (t *LabelTable) merge(r io.Reader, define bool) error {
	var tt tomlTable
	md, err := toml.NewDecoder(r).Decode(&tt)
	if err != nil {
		return fmt.Errorf("parse: reading label table: %w", err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return fmt.Errorf("parse: reading label table: unknown setting %s", und[0])
	}
	names := make([]string, 0, len(tt.Keys))
	for k := range tt.Keys {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		e := tt.Keys[name]
		if define {
			ks := &KeySpec{Key: name, Form: e.Form, Type: e.Type}
			if ks.Type == "" {
				ks.Type = "text"
			}
			if len(e.Options) > 0 {
				ks.Option = map[string][]string{}
				for o := range e.Options {
					ks.Option[o] = nil
				}
			}
			t.keys[name] = ks
			t.index(strings.ReplaceAll(name, "_", " "), LabelMatch{Key: name}, false)
		} else if e.Form != "" || e.Type != "" {
			return fmt.Errorf("parse: label table: %s: form and type are fixed, only labels and options may be added", name)
		}
		if err := t.addWordings(name, "", !define, e.Labels...); err != nil {
			return err
		}
		if err := t.addRules(name, e.Words...); err != nil {
			return err
		}
		for o, ws := range e.Options {
			if ks := t.keys[name]; ks.Option != nil {
				if _, ok := ks.Option[o]; !ok {
					return fmt.Errorf("parse: label table: key %q has no option %q", name, o)
				}
			}
			if err := t.addWordings(name, o, !define, ws...); err != nil {
				return err
			}
		}
	}
	return nil
}

// notVetoed drops the matches whose key's word rules veto one of words.
func (t *LabelTable) notVetoed(ms []LabelMatch, words []string) []LabelMatch {
	var out []LabelMatch
	for _, m := range ms {
		vetoed := false
		for _, r := range t.keys[m.Key].rules {
			for _, w := range words {
				vetoed = vetoed || stemHit(w, r.veto)
			}
		}
		if !vetoed {
			out = append(out, m)
		}
	}
	return out
}

// addRules adds word rules (see wordRule) for a canonical key.
func (t *LabelTable) addRules(key string, rules ...string) error {
	ks, ok := t.keys[key]
	if !ok {
		return fmt.Errorf("parse: label table: unknown key %q", key)
	}
	for _, s := range rules {
		r, err := parseWordRule(s)
		if err != nil {
			return err
		}
		ks.Words = append(ks.Words, s)
		ks.rules = append(ks.rules, r)
	}
	if len(rules) > 0 && !containsString(t.ruleKeys, key) {
		t.ruleKeys = append(t.ruleKeys, key)
		sort.Strings(t.ruleKeys)
	}
	return nil
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (t *LabelTable) index(wording string, m LabelMatch, front bool) {
	n := normLabel(wording)
	if n == "" {
		return
	}
	var rest []LabelMatch
	for _, have := range t.byWording[n] {
		if have == m {
			if !front {
				return
			}
			continue
		}
		rest = append(rest, have)
	}
	if front {
		t.byWording[n] = append([]LabelMatch{m}, rest...)
	} else {
		t.byWording[n] = append(rest, m)
	}
}

func (t *LabelTable) clone() *LabelTable {
	c := &LabelTable{keys: map[string]*KeySpec{}, byWording: map[string][]LabelMatch{}}
	for k, ks := range t.keys {
		cp := *ks
		cp.Labels = append([]string(nil), ks.Labels...)
		cp.Words = append([]string(nil), ks.Words...)
		cp.rules = append([]wordRule(nil), ks.rules...)
		if ks.Option != nil {
			cp.Option = map[string][]string{}
			for o, ws := range ks.Option {
				cp.Option[o] = append([]string(nil), ws...)
			}
		}
		c.keys[k] = &cp
	}
	for w, ms := range t.byWording {
		c.byWording[w] = append([]LabelMatch(nil), ms...)
	}
	c.ruleKeys = append([]string(nil), t.ruleKeys...)
	return c
}

// Spec returns the specification of a canonical key.
func (t *LabelTable) Spec(key string) (*KeySpec, bool) {
	ks, ok := t.keys[key]
	return ks, ok
}

// Lookup returns what a printed label means: every key (or key option)
// whose wording matches it, or nil. An exact match (after normalisation)
// wins; otherwise the longest wording of two words or more that the label
// begins with ("Date of incident or death" begins with "date of incident");
// otherwise the keys whose word rules the label satisfies, best first
// ("Has the child died or suffered serious harm?"). A section heading
// ("Section 2: The incident") is matched only exactly.
func (t *LabelTable) Lookup(label string) []LabelMatch {
	if ms := t.lookupTable(label); ms != nil {
		return ms
	}
	return t.lookupWords(label)
}

// lookupTable is Lookup by the table's wordings only. "Criterion 3 – Has
// the child died…" is looked up by its text, which says which criterion
// it is whatever number this form gives it, and only then by its number.
func (t *LabelTable) lookupTable(label string) []LabelMatch {
	if n := normLabel(label); reCriterionHead.MatchString(n) {
		if rest := fuzzyNorm(label); rest != n {
			if ms := t.lookupExact(rest); ms != nil {
				return ms
			}
			if ms := t.fuzzyLookup(rest); ms != nil {
				return ms
			}
		}
	}
	return t.lookupExact(label)
}

// lookupWords is the word rules' part of Lookup.
func (t *LabelTable) lookupWords(label string) []LabelMatch {
	if reSectionHeading.MatchString(label) {
		return nil
	}
	if ms := t.fuzzyLookup(fuzzyNorm(label)); ms != nil {
		return ms
	}
	// "Child / young person (name or initials)": the bracket may hold
	// the words that say what the label asks.
	if strings.ContainsAny(label, "([") {
		return t.fuzzyLookup(fuzzyNorm(strings.NewReplacer("(", " ", ")", " ", "[", " ", "]", " ").Replace(label)))
	}
	return nil
}

// lookupExact is Lookup without the word rules: the table's wordings, or
// the longest of them that the label begins with.
func (t *LabelTable) lookupExact(label string) []LabelMatch {
	n := normLabel(label)
	if n == "" {
		return nil
	}
	if ms, ok := t.byWording[n]; ok {
		return ms
	}
	// n's words are separated by single spaces: each space ends a prefix.
	var ends []int
	for i := 0; i < len(n) && len(ends) < 40; i++ {
		if n[i] == ' ' {
			ends = append(ends, i)
		}
	}
	for k := len(ends) - 1; k >= 1; k-- { // at least two words
		if ms, ok := t.byWording[n[:ends[k]]]; ok {
			// "Date of notification to the National Panel" begins with
			// "date of notification" but its tail vetoes aware_date.
			if ms = t.notVetoed(ms, fuzzyWords(n[ends[k]:])); ms != nil {
				return ms
			}
		}
	}
	return nil
}

var (
	reBracketed    = regexp.MustCompile(`\([^()]*\)|\[[^\[\]]*\]`)
	reNumbering    = regexp.MustCompile(`^(?:(?:q|question|section|part|no)\s*)?(?:\d+(?:\.\d+)*[a-z]?|[a-z]|[ivx]+)(?:[.):]\s*|\s+)`)
	reDotted       = regexp.MustCompile(`^(?:[a-z]\.\s*){2,}[a-z]?$`) // "d.o.b.": letters, not numbering
	reNumOnly      = regexp.MustCompile(`^(?:q|question)?\d+(?:\.\d+)*[a-z]?\s`)
	labelTails     = []string{"please specify", "if known", "if applicable", "please tick", "tick as appropriate", "tick all that apply", "please give details", "please provide details", "please state", "please explain", "please describe", "yes no", "y n", "yes or no", "y or n", "dd mm yyyy", "dd mm yy", "tick one", "tick", "please select", "select one", "delete as appropriate", "please confirm", "please circle", "circle as appropriate", "if yes please give details", "if so please give details"}
	numberingPunct = strings.NewReplacer(".", " ", ")", " ")
	fieldPrefix    = map[string]bool{"txt": true, "chk": true, "cb": true, "fld": true, "dd": true, "tb": true, "text": true, "check": true, "checkbox": true, "field": true}
)

// normLabel reduces a printed label, a content control's tag or a PDF field
// name to the words that identify it: lower case, apostrophes dropped
// ("child's" is "childs"), camelCase and snake_case split, numbering,
// bracketed remarks and tails such as "please specify" removed, every
// other punctuation mark a space.
func normLabel(s string) string {
	if len(s) > 400 {
		s = s[:400]
	}
	s = splitCamel(s)
	if strings.ContainsAny(s, "([") {
		s = reBracketed.ReplaceAllString(s, " ")
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
