package parse

import (
	"sort"
	"strings"
	"unicode"

	"github.com/kscmp/intake/parse/form"
	"github.com/kscmp/intake/parse/labels"
)

// Bounds on the work of reading one body: its lines, and where a label
// may end on a line (a label is never longer than a few hundred bytes).
const (
	maxBodyLines   = 5000
	maxBodyBytes   = 512 << 10
	maxLabelBytes  = 300
	maxLabelColons = 6
)

// bodyFields reads "Label: value" lines from a plain-text body (or an HTML
// body rendered by htmlToText). A label is recognised when the label table
// knows it; a line that only looks like a label ("NHS number: …") starts
// an unrecognised field, so that its value does not run into the one
// before. A value continues on the following lines until the next label,
// keeping its line breaks; a label alone on its line takes its value from
// the lines below. "Label<TAB>value" and "Question? answer" read too.
func bodyFields(text string, t *labels.Table) []form.RawField {
	if len(text) > maxBodyBytes {
		text = text[:maxBodyBytes]
	}
	lines := strings.Split(text, "\n")
	if len(lines) > maxBodyLines {
		lines = lines[:maxBodyLines]
	}
	var fields []form.RawField
	var cur *form.RawField
	var val []string
	flush := func() {
		if cur != nil {
			if !narrative(cur.Labels[0], t) {
				val = firstParagraph(val)
			}
			cur.Value = normText(strings.Join(val, "\n"))
			fields = append(fields, *cur)
		}
		cur, val = nil, nil
	}
	for _, line := range lines {
		label, value, ok := splitLabelLine(line, t)
		// Inside a narrative answer ("Summary of incident"), a line that
		// merely looks like a label ("Mum said: ...") is part of the text:
		// cutting there would lose the rest of the answer.
		if ok && cur != nil && narrative(cur.Labels[0], t) && t.LookupExact(label) == nil && !narrativeCut(label, value, t) {
			ok = false
		}
		if ok {
			flush()
			cur = &form.RawField{Labels: []string{label}}
			val = []string{value}
			continue
		}
		if cur != nil {
			val = append(val, line)
		}
	}
	flush()
	return fields
}

// isLabelLine says whether a line starts a field the table knows.
func isLabelLine(line string, t *labels.Table) bool {
	label, _, ok := splitLabelLine(line, t)
	return ok && t.Lookup(label) != nil
}

// signatureKeys are the keys a signature's lines also match ("Tel:",
// "Email:"): after a sign-off they are the signature, not the form.
var signatureKeys = map[string]bool{"referrer_phone": true, "referrer_email": true, "author_email": true}

// isFormLine says whether a line starts a form field other than the
// contact details a signature also carries.
func isFormLine(line string, t *labels.Table) bool {
	label, _, ok := splitLabelLine(line, t)
	if !ok {
		return false
	}
	for _, m := range t.Lookup(label) {
		if !signatureKeys[m.Key] {
			return true
		}
	}
	return false
}

// splitLabelLine finds the label at the start of a line, if any.
func splitLabelLine(line string, t *labels.Table) (label, value string, ok bool) {
	s := strings.TrimSpace(line)
	if s == "" {
		return "", "", false
	}
	// "Label: value": the longest known label ending at a colon, else the
	// text before the first colon if it looks like a label.
	var colons []int
	for i, r := range s {
		if i >= maxLabelBytes || len(colons) == maxLabelColons {
			break
		}
		if r == ':' {
			colons = append(colons, i)
		}
	}
	for k := len(colons) - 1; k >= 0; k-- {
		c := colons[k]
		if t.Lookup(s[:c]) != nil {
			return strings.TrimSpace(s[:c]), strings.TrimSpace(s[c+1:]), true
		}
	}
	// "Label<TAB>value", "Label - value" and "Question? answer".
	// The earliest separator that ends a known label wins.
	type cut struct{ at, skip int }
	var cuts []cut
	for _, sep := range []string{"\t", " – ", " - ", "?"} {
		if i := strings.Index(s, sep); i > 0 && i < maxLabelBytes {
			if sep == "?" {
				cuts = append(cuts, cut{i + 1, 0})
			} else {
				cuts = append(cuts, cut{i, len(sep)})
			}
		}
	}
	sort.Slice(cuts, func(i, j int) bool { return cuts[i].at < cuts[j].at })
	for i, c := range cuts {
		if t.Lookup(s[:c.at]) != nil {
			// "Criterion 2 – Is the harm linked…? N": the question, not
			// the bare number, is the label when the table knows it.
			if labels.IsCriterionHead(labels.Norm(s[:c.at]) + " ") {
				for _, later := range cuts[i+1:] {
					if t.Lookup(s[:later.at]) != nil {
						return strings.TrimSpace(s[:later.at]), strings.TrimSpace(s[later.at+later.skip:]), true
					}
				}
			}
			return strings.TrimSpace(s[:c.at]), strings.TrimSpace(s[c.at+c.skip:]), true
		}
	}
	// A known label alone on its line.
	if len(strings.Fields(s)) <= 20 && t.Lookup(strings.TrimRight(s, ":?* ")) != nil && exactLabel(s, t) {
		return strings.TrimRight(s, ": "), "", true
	}
	if len(colons) > 0 && looksLikeLabel(s[:colons[0]]) {
		return strings.TrimSpace(s[:colons[0]]), strings.TrimSpace(s[colons[0]+1:]), true
	}
	return "", "", false
}

// exactLabel says whether s, as a whole, is a wording of the table (not
// merely begins with one): a line of free text must not become a label.
func exactLabel(s string, t *labels.Table) bool {
	return t.IsWording(s)
}

// looksLikeLabel says whether text before a colon is shaped like a form's
// label: short, starting with a capital or a number, no sentence inside.
func looksLikeLabel(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 80 || strings.Contains(s, "http") || strings.Contains(s, "@") {
		return false
	}
	words := strings.Fields(s)
	if len(words) > 8 {
		return false
	}
	r := []rune(s)[0]
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return false
	}
	if strings.ContainsAny(s, ".,;!<>\"") && !labels.StartsNumbered(s) {
		return false
	}
	// Times such as "10:30" are not labels.
	last := r
	for _, c := range s {
		last = c
	}
	return !unicode.IsDigit(last) || len(words) > 1
}

// narrativeKeys are the free-text answers that run over many lines.
var narrativeKeys = map[string]bool{
	"incident_summary": true, "learning": true, "immediate_actions": true, "summary": true,
	"analysis": true, "actions_taken": true, "recommendations": true,
}

// narrative says whether a label names a free-text answer.
func narrative(label string, t *labels.Table) bool {
	for _, m := range t.Lookup(label) {
		if narrativeKeys[m.Key] {
			return true
		}
	}
	return false
}

// narrativeCut says whether a line inside a free-text answer starts the
// next field although the table does not know its label word for word: a
// section heading, or a short label that the word rules give a key other
// than a narrative, with a value that key takes ("Professionals working
// with the child: Police", "Agencies that know the family:"). "Mum said:
// he fell" stays in the answer.
func narrativeCut(label, value string, t *labels.Table) bool {
	if labels.IsSectionHeading(label) {
		return true
	}
	if label == "" || len(strings.Fields(label)) > 12 {
		return false
	}
	if r := []rune(label)[0]; !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return false
	}
	for _, m := range t.LookupWords(label) {
		if narrativeKeys[m.Key] {
			continue
		}
		if strings.TrimSpace(value) == "" || valueFit(t.Key(m.Key), m.Option, value) >= 1 {
			return true
		}
	}
	return false
}

// firstParagraph cuts a short answer's lines at the first blank line after
// its text: what follows ("Chief Executive", a blank line, "Tamsin") is a
// signature, not the answer.
func firstParagraph(lines []string) []string {
	seen := false
	for i, l := range lines {
		switch {
		case strings.TrimSpace(l) != "":
			seen = true
		case seen:
			return lines[:i]
		}
	}
	return lines
}
