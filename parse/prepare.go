package parse

import (
	"regexp"
	"sort"
	"strings"

	"github.com/kscmp/intake/parse/form"
	"github.com/kscmp/intake/parse/labels"
)

// prepareFields readies a form's raw fields for the label table:
//
//   - a label that names the partnership's area ("Does the child live in
//     Northmere?") also goes by the label with "the area" in its place,
//     which the table's wordings and word rules know;
//   - a field the table does not know whose value is a list of ticked and
//     unticked statements ("Please tick: ☒ A police investigation is
//     under way ☐ The child is looked after") becomes one field a
//     statement, the statement its label and its box its value.
func prepareFields(t *labels.Table, raws []form.RawField, area []string) []form.RawField {
	reArea := areaPattern(area)
	out := make([]form.RawField, 0, len(raws))
	withArea := func(rf form.RawField) form.RawField {
		if reArea != nil && len(rf.Labels) > 0 {
			if a := reArea.ReplaceAllString(rf.Labels[0], "the area"); a != rf.Labels[0] {
				rf.Labels = append([]string{rf.Labels[0], a}, rf.Labels[1:]...)
			}
		}
		return rf
	}
	for _, rf := range raws {
		rf = withArea(rf)
		if stmts := statements(t, rf); stmts != nil {
			for _, s := range stmts {
				out = append(out, withArea(s))
			}
			continue
		}
		out = append(out, rf)
	}
	return out
}

// areaPattern matches any of the area's names as whole words, longest
// first, or is nil. It is compiled once a process (compilePattern), not
// once a form candidate.
func areaPattern(area []string) *regexp.Regexp {
	var names []string
	for _, a := range area {
		if a = strings.TrimSpace(a); a != "" {
			names = append(names, regexp.QuoteMeta(a))
		}
	}
	if len(names) == 0 {
		return nil
	}
	sort.Slice(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	re, err := compilePattern(`(?i)\b(?:` + strings.Join(names, "|") + `)\b`)
	if err != nil {
		return nil
	}
	return re
}

// statements splits a field whose label the table does not know and
// whose value is ticked and unticked statements into one field a
// statement; nil when it is not such a field. Options that are yes/no
// answers ("☒ Yes ☐ No") are answers, not statements.
func statements(t *labels.Table, rf form.RawField) []form.RawField {
	// The printed label decides: a content control's tag may name the
	// first statement's key, not the list's.
	if !strings.ContainsAny(rf.Value, form.Checked+form.Unchecked) || len(rf.Labels) == 0 || t.Lookup(rf.Labels[0]) != nil {
		return nil
	}
	var out []form.RawField
	for _, line := range strings.Split(rf.Value, "\n") {
		for _, o := range splitOptions(line) {
			if !o.HasMark || o.Text == "" || yesNo(o.Text) != 0 {
				return nil
			}
			if o.Ticked { // an unticked statement says nothing
				out = append(out, form.RawField{Labels: []string{o.Text}, Value: form.Checked})
			}
		}
	}
	// At least one statement must be one the table knows.
	for _, s := range out {
		if lookupField(t, s) != nil {
			return out
		}
	}
	if len(out) == 0 {
		return []form.RawField{} // nothing ticked: nothing said
	}
	return nil
}
