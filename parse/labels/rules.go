package labels

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// wordRule is a scored fallback for a label the table does not know word
// for word: every group must be hit by one of the label's words, and no
// veto word may appear. A group is a set of alternative stems; a stem of
// four letters or more matches any word it begins ("harm" matches
// "harmed"), a shorter one only itself ("age" is not "agency").
type wordRule struct {
	groups [][]string
	veto   []string
}

// parseWordRule reads a rule as the label table writes it: groups
// separated by spaces, alternatives by "|", a veto group begun by "!":
//
//	"died|death harm|injur !birth"
func parseWordRule(s string) (wordRule, error) {
	var r wordRule
	for _, g := range strings.Fields(strings.ToLower(s)) {
		veto := strings.HasPrefix(g, "!")
		alts := strings.Split(strings.TrimPrefix(g, "!"), "|")
		for _, a := range alts {
			if a == "" {
				return r, fmt.Errorf("parse: label table: empty word in rule %q", s)
			}
		}
		if veto {
			r.veto = append(r.veto, alts...)
		} else {
			r.groups = append(r.groups, alts)
		}
	}
	if len(r.groups) == 0 {
		return r, fmt.Errorf("parse: label table: rule %q has no words", s)
	}
	return r, nil
}

// stemHit says whether a label's word is one of a group's stems.
func stemHit(word string, alts []string) bool {
	for _, a := range alts {
		if word == a || (len(a) >= 4 && strings.HasPrefix(word, a)) {
			return true
		}
	}
	return false
}

// stopWords carry no meaning of their own in a label.
var stopWords = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "to": true, "in": true, "or": true, "and": true,
	"is": true, "was": true, "are": true, "were": true, "has": true, "have": true, "had": true, "been": true,
	"be": true, "did": true, "does": true, "do": true, "for": true, "your": true, "you": true, "this": true,
	"that": true, "with": true, "please": true, "any": true, "by": true, "on": true, "at": true, "if": true,
	"there": true, "what": true, "when": true, "where": true, "who": true, "which": true, "how": true,
	"it": true, "its": true, "as": true, "from": true, "their": true, "they": true, "we": true, "our": true,
	"us": true, "i": true, "am": true, "my": true, "not": true, "yes": true, "no": true, "y": true, "n": true,
	"tick": true, "select": true, "state": true, "give": true, "provide": true, "details": true,
	"whether": true, "so": true, "any other": true, "s": true, "e": true, "g": true, "eg": true, "etc": true,
}

// reSectionHeading is a heading such as "Section 2: The incident": never
// matched by words, only by the table's exact wordings.
var reSectionHeading = regexp.MustCompile(`(?i)^\s*(section|part)\s*([0-9]+|[ivx]+|[a-z])\b`)

// abbreviations are what runs of short words spell when a label is
// written "D.O.B.", "DoB" or "L.A.".
var abbreviations = map[string]bool{"dob": true, "la": true, "yp": true, "cyp": true, "cla": true, "lac": true, "dsl": true, "gp": true}

// fuzzyWords splits a normalised label into words, joining runs of single
// letters ("d o b" is "dob", "l a" is "la") and short words that spell an
// abbreviation ("do b" is "dob").
func fuzzyWords(n string) []string {
	in := strings.Fields(n)
	var out []string
	for i := 0; i < len(in); i++ {
		w := in[i]
		if len(w) <= 2 {
			// The longest run of short words from here that spells an
			// abbreviation, or a run of single letters.
			joined, end := "", i
			for j := i; j < len(in) && j < i+4 && len(in[j]) <= 2; j++ {
				joined += in[j]
				if abbreviations[joined] {
					end = j + 1
				}
			}
			if end > i+1 {
				out = append(out, strings.Join(in[i:end], ""))
				i = end - 1
				continue
			}
			if len(w) == 1 && w[0] >= 'a' && w[0] <= 'z' {
				j := i
				for j < len(in) && len(in[j]) == 1 && in[j][0] >= 'a' && in[j][0] <= 'z' {
					j++
				}
				out = append(out, strings.Join(in[i:j], ""))
				i = j - 1
				continue
			}
		}
		out = append(out, w)
	}
	return out
}

// scored is one candidate of the word fallback.
type scored struct {
	m     Match
	score int
}

// maxFuzzyWords bounds the labels the fallback looks at: a longer text is
// a sentence, not a label.
const maxFuzzyWords = 30

// fuzzyLookup scores every key's rules against a normalised label and
// returns the keys whose rule matched, best first. A rule scores ten a
// group hit, less one for each of the label's words that no group
// explains; a key scores its best rule.
func (t *Table) fuzzyLookup(n string) []Match {
	words := fuzzyWords(n)
	if len(words) == 0 || len(words) > maxFuzzyWords {
		return nil
	}
	var content []string
	for _, w := range words {
		if !stopWords[w] && !isDigits(w) {
			content = append(content, w)
		}
	}
	var cands []scored
	for _, key := range t.ruleKeys {
		ks := t.keys[key]
		best, found := 0, false
		for _, r := range ks.rules {
			if s, ok := r.score(words, content); ok && (!found || s > best) {
				best, found = s, true
			}
		}
		if found {
			cands = append(cands, scored{Match{Key: key}, best})
		}
	}
	if len(cands) == 0 {
		return nil
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	out := make([]Match, len(cands))
	for i, c := range cands {
		out[i] = c.m
	}
	return out
}

func (r wordRule) score(words, content []string) (int, bool) {
	for _, w := range words {
		if stemHit(w, r.veto) {
			return 0, false
		}
	}
	used := map[string]bool{}
	for _, g := range r.groups {
		hit := false
		for _, w := range words {
			if stemHit(w, g) {
				hit = true
				used[w] = true
			}
		}
		if !hit {
			return 0, false
		}
	}
	s := 10 * len(r.groups)
	for _, w := range content {
		if !used[w] {
			s--
		}
	}
	return s, true
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// reCriterionHead is the "Criterion 1 –" or "Criteria 3:" a form prints
// before a criterion's text.
var reCriterionHead = regexp.MustCompile(`^(criterion|criteria|question|q)\s*\d+[a-z]?\s+`)

// fuzzyNorm is Norm with a leading "criterion 1" removed: the words
// after it say which criterion it is.
func fuzzyNorm(label string) string {
	n := Norm(label)
	if loc := reCriterionHead.FindStringIndex(n); loc != nil && loc[1] < len(n) {
		n = n[loc[1]:]
	}
	return n
}
