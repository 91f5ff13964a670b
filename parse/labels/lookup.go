package labels

import "strings"

// Spec returns the specification of a canonical key.
func (t *Table) Spec(key string) (*KeySpec, bool) {
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
func (t *Table) Lookup(label string) []Match {
	if ms := t.LookupTable(label); ms != nil {
		return ms
	}
	return t.LookupWords(label)
}

// LookupTable is Lookup by the table's wordings only. "Criterion 3 – Has
// the child died…" is looked up by its text, which says which criterion
// it is whatever number this form gives it, and only then by its number.
func (t *Table) LookupTable(label string) []Match {
	return t.cache.get(&t.cache.table, label, t.lookupTable)
}

func (t *Table) lookupTable(label string) []Match {
	if n := Norm(label); reCriterionHead.MatchString(n) {
		if rest := fuzzyNorm(label); rest != n {
			if ms := t.LookupExact(rest); ms != nil {
				return ms
			}
			if ms := t.fuzzyLookup(rest); ms != nil {
				return ms
			}
		}
	}
	return t.LookupExact(label)
}

// LookupWords is the word rules' part of Lookup.
func (t *Table) LookupWords(label string) []Match {
	return t.cache.get(&t.cache.words, label, t.lookupWords)
}

func (t *Table) lookupWords(label string) []Match {
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

// LookupExact is Lookup without the word rules: the table's wordings, or
// the longest of them that the label begins with.
func (t *Table) LookupExact(label string) []Match {
	n := Norm(label)
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

// IsWording says whether label, as a whole, is a wording of the table
// (not merely begins with one).
func (t *Table) IsWording(label string) bool {
	_, ok := t.byWording[Norm(label)]
	return ok
}

// Key returns the specification of a canonical key, or nil.
func (t *Table) Key(key string) *KeySpec { return t.keys[key] }

// IsSectionHeading says whether a label is a heading such as "Section 2:
// The incident" or "Part B", which the word rules never read.
func IsSectionHeading(label string) bool { return reSectionHeading.MatchString(label) }

// IsCriterionHead says whether a normalised label (Norm) opens with the
// "Criterion 1" or "Q3" a form prints before a criterion's text.
func IsCriterionHead(n string) bool { return reCriterionHead.MatchString(n) }

// StartsNumbered says whether a label opens with numbering ("3a.",
// "Q4)", "ii.").
func StartsNumbered(label string) bool { return reNumbering.MatchString(strings.ToLower(label)) }
