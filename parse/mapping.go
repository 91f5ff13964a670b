package parse

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/parse/form"
	"github.com/kscmp/intake/parse/labels"
)

// formMatch is a form read through the label table.
type formMatch struct {
	Kind     string         // referral or agency_summary
	Fields   map[string]any // canonical key -> normalised value
	Keys     int            // canonical keys found
	Warnings []string
}

var reSummaryTitle = regexp.MustCompile(`(?i)agency summary|agency information|information sharing template|scoping and information|agency report|rapid review agency|agency return`)
var reReferralTitle = regexp.MustCompile(`(?i)referral|serious incident notification|lcspr|cspr`)

// formKind decides whether raw fields are a referral or an agency summary:
// the form whose own keys (those the other form lacks) match more labels,
// with a title ("Rapid Review Agency Information Form", a file named
// agency-summary.docx) as the tie-breaker.
func formKind(t *labels.Table, raws []form.RawField, hint string) string {
	ref, sum := map[string]bool{}, map[string]bool{}
	for _, rf := range raws {
		ms := lookupField(t, rf)
		forms := map[string]bool{}
		for _, m := range ms {
			forms[t.Key(m.Key).Form] = true
		}
		// Wordings shared by both forms ("Agency", "Email") count for
		// neither.
		if len(forms) != 1 {
			continue
		}
		for _, m := range ms {
			switch t.Key(m.Key).Form {
			case labels.FormReferral:
				ref[m.Key] = true
			case labels.FormSummary:
				sum[m.Key] = true
			}
		}
	}
	// A title counts as two keys of its form: enough to decide between
	// forms that share most of their wordings, not to overrule a form
	// that is plainly the other.
	rs, ss := len(ref), len(sum)
	if reSummaryTitle.MatchString(hint) {
		ss += 2
	} else if reReferralTitle.MatchString(hint) {
		rs += 2
	}
	if ss > rs {
		return labels.FormSummary
	}
	return labels.FormReferral
}

// lookupField returns the table's matches for the first of a field's
// labels that the table knows.
func lookupField(t *labels.Table, rf form.RawField) []labels.Match {
	ms, _ := lookupFieldWords(t, rf)
	return ms
}

// lookupFieldWords is lookupField, saying whether the matches came from
// the word rules: the table's wordings of any of a field's labels (a
// content control's tag "child_name") come before the word rules' reading
// of the first.
func lookupFieldWords(t *labels.Table, rf form.RawField) ([]labels.Match, bool) {
	for _, l := range rf.Labels {
		if ms := t.LookupTable(l); ms != nil {
			return ms, false
		}
	}
	for _, l := range rf.Labels {
		if ms := t.LookupWords(l); ms != nil {
			return ms, true
		}
	}
	return nil, false
}

// mapper maps a form's raw fields onto canonical keys with the
// partnership's label table and agencies.
type mapper struct {
	t        *labels.Table
	agencies intake.Agencies
}

// mapFields maps raw fields onto the canonical keys of one kind of form
// and normalises their values. The first field to give a key its value
// wins; later ones only fill a key still blank. Labels that match nothing
// and values that cannot be read are reported in warnings, by label or
// key only, never by value.
func (mp mapper) mapFields(raws []form.RawField, kind string) formMatch {
	t := mp.t
	fm := formMatch{Kind: kind, Fields: map[string]any{}}
	agreedLabel := ""
	warned := map[string]bool{}
	warn := func(s string) {
		if !warned[s] {
			warned[s] = true
			fm.Warnings = append(fm.Warnings, s)
		}
	}
	for i, rf := range raws {
		ms, words := lookupFieldWords(t, rf)
		m := pickMatch(t, rf, ms, words, kind)
		if m == nil {
			m = contextualName(t, raws, i, kind)
		}
		if m != nil && m.Key == "aware_date" {
			m = notificationDate(t, raws, i, m)
		}
		if m == nil {
			// A label of the other form ("Case reference" on a referral)
			// is known, just not wanted here.
			if len(ms) == 0 && strings.TrimSpace(rf.Value) != "" && len(rf.Labels) > 0 && !reSectionLabel.MatchString(rf.Labels[0]) {
				warn(fmt.Sprintf("unrecognised label %q", shorten(rf.Labels[0], 60)))
			}
			continue
		}
		ks := t.Key(m.Key)
		if m.Option != "" {
			setOption(fm.Fields, ks, m.Option, rf.Value)
			continue
		}
		if ks.Type == "period" {
			setPeriod(fm.Fields, rf.Value)
			continue
		}
		if v, ok := fm.Fields[m.Key]; ok && !blankValue(v) {
			continue
		}
		v, ok, problem := mp.normValue(ks, rf.Value)
		// "DOB: 14 years" gives an age where a date was asked for.
		if !ok && m.Key == "child_dob" && reAgeWords.MatchString(rf.Value) {
			if a, aok := normAge(rf.Value); aok {
				if _, have := fm.Fields["child_age"]; !have {
					fm.Fields["child_age"] = a
				}
				continue
			}
		}
		if problem != "" {
			warn(m.Key + ": " + problem)
		}
		if ok {
			fm.Fields[m.Key] = v
			if m.Key == "agreement_by" {
				agreedLabel = rf.Labels[0]
			}
		}
	}
	if kind == labels.FormReferral {
		deriveCriteria(fm.Fields, agreedLabel)
	}
	fm.Keys = len(fm.Fields)
	return fm
}

var reAgeWords = regexp.MustCompile(`(?i)\d\s*(years?|yrs?|months?|mths?|weeks?|wks?)\b|\b(aged?)\s*\d`)

var reSectionLabel = regexp.MustCompile(`(?i)^\s*(section|part|question|q)\s*\d+[a-z]?\s*$`)

func blankValue(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case []string:
		return len(x) == 0
	}
	return false
}

// setOption records a row that names one option of an enumerated key
// ("Physical abuse: X", "☒ Died"): a ticked or "yes" value chooses it.
func setOption(fields map[string]any, ks *labels.KeySpec, opt, value string) {
	v := strings.TrimSpace(value)
	if v == "" {
		return
	}
	if b := normBool(v); b == nil || !*b {
		return
	}
	switch ks.Type {
	case "abuse_types":
		have, _ := fields[ks.Key].([]string)
		for _, h := range have {
			if h == opt {
				return
			}
		}
		have = append(have, opt)
		sort.SliceStable(have, func(i, j int) bool { return indexOf(abuseOrder, have[i]) < indexOf(abuseOrder, have[j]) })
		fields[ks.Key] = have
	default:
		if _, ok := fields[ks.Key]; !ok {
			fields[ks.Key] = opt
		}
	}
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return len(list)
}

// normValue normalises a value by its key's type. ok is false when the key
// is to be left out (a blank text, an unreadable date); problem says what
// could not be read.
func (mp mapper) normValue(ks *labels.KeySpec, raw string) (v any, ok bool, problem string) {
	s := normText(raw)
	if personKeys[ks.Key] {
		s = firstLine(s)
	}
	switch ks.Type {
	case "bool":
		if b := normBool(s); b != nil {
			return *b, true, ""
		}
		return nil, true, ""
	}
	if s == "" {
		return nil, false, ""
	}
	switch ks.Type {
	case "date":
		if d, ok := normDate(s); ok {
			return d, true, ""
		}
		return nil, false, "could not read a date"
	case "age":
		if a, ok := normAge(s); ok {
			return a, true, ""
		}
		return nil, false, "could not read an age"
	case "email":
		if e, ok := normEmail(s); ok {
			return e, true, ""
		}
		return nil, false, "could not read an email address"
	case "harm_outcome":
		if h, ok := normHarm(s); ok {
			return h, true, ""
		}
		return nil, false, ""
	case "abuse_or_neglect":
		if a, ok := normAbuseOrNeglect(s); ok {
			return a, true, ""
		}
		return nil, false, "could not read the answer"
	case "abuse_types":
		if a := normAbuseTypes(s); len(a) > 0 {
			return a, true, ""
		}
		return nil, false, ""
	case "list":
		if l := normList(s, mp.agencies); len(l) > 0 {
			return l, true, ""
		}
		return nil, false, ""
	}
	if len(s) > 20000 {
		s = s[:20000]
	}
	return s, true, ""
}

func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
