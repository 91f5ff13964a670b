package pdf

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/kscmp/intake/parse/form"
)

// Bounds on what a text line may hold to count as a label.
const (
	maxPDFLabelRunes = 80
	maxPDFLabelWords = 12
)

// pdfPairLines finds labels and their values in the lines of a text PDF,
// after mergeTableRows has made each row of a two-column table one line:
//
//   - a line split into columns (a two-column table, or a tab) gives the
//     first column as the label and the rest as the value; a column ending
//     in ":" or "?" further along starts another pair;
//   - a line "Label: value" gives a pair;
//   - a line ending in ":" or "?" is a label whose value is on the lines
//     under it, if they look like a value (not a label, not a heading,
//     close below);
//   - a line close under a pair, in its value's column, continues the
//     value (kept as a new line); one in the label's column, under a
//     table row, continues the label.
//
// Headings (lines wholly in a bold font with no value) end a pair. Pages
// are read separately: a value never runs on to the next page.
func pdfPairLines(pages [][]pdfLine) []form.RawField {
	var fields []form.RawField
	for _, lines := range pages {
		p := pdfPairer{}
		for _, l := range mergeTableRows(lines) {
			p.line(l)
		}
		fields = append(fields, p.fields...)
	}
	return fields
}

// pdfPairer holds the state of pairing one page's lines.
type pdfPairer struct {
	fields []form.RawField
	open   int // index of the pair a following line may continue, or -1 when none
	valueX float64
	labelX float64
	table  bool    // the open pair came from a table row
	under  bool    // the open pair is a label still waiting for its value
	prev   pdfLine // the line before
	seen   bool
}

func (p *pdfPairer) line(l pdfLine) {
	defer func() { p.prev, p.seen = l, true }()
	if !p.seen {
		p.open = -1
	}
	gap := math.Inf(1)
	if p.seen {
		gap = p.prev.y - l.y
	}
	size := math.Max(l.size, p.prev.size)

	if len(l.cells) >= 2 {
		p.tableRow(l)
		return
	}
	text := l.cells[0].text
	if label, value, ok := pdfSplitLabelValue(text); ok && !l.bold {
		p.add(label, value)
		p.valueX, p.labelX, p.table, p.under = l.x(), l.x(), false, false
		return
	}
	if label, ok := pdfLabelOnly(text); ok {
		p.add(label, "")
		p.valueX, p.labelX, p.table, p.under = l.x(), l.x(), false, true
		return
	}
	if p.open >= 0 {
		f := &p.fields[p.open]
		switch {
		case !l.bold && p.under && f.Value == "" && gap < 2.5*size && l.x() >= p.labelX-size:
			f.Value = text
			p.valueX = l.x()
			return
		case !l.bold && gap < 1.6*size && math.Abs(l.x()-p.valueX) < size && (f.Value != "" || p.under):
			if f.Value == "" {
				f.Value = text
			} else {
				f.Value += "\n" + text
			}
			return
		case p.table && gap < 1.6*size && math.Abs(l.x()-p.labelX) < size:
			f.Labels[0] += " " + text
			return
		}
	}
	p.open = -1
}

// tableRow pairs the cells of a line split into columns.
func (p *pdfPairer) tableRow(l pdfLine) {
	cells := l.cells
	if l.bold {
		// A bold row is a table's header row, not a label and a value.
		p.open = -1
		return
	}
	for len(cells) > 0 {
		label := strings.TrimSpace(strings.TrimSuffix(cells[0].text, ":"))
		labelX := cells[0].x
		cells = cells[1:]
		var values []string
		valueX := labelX
		for len(cells) > 0 && !pdfEndsLikeLabel(cells[0].text) {
			if len(values) == 0 {
				valueX = cells[0].x
			}
			values = append(values, cells[0].text)
			cells = cells[1:]
		}
		p.add(label, strings.Join(values, " "))
		p.labelX, p.valueX, p.table, p.under = labelX, valueX, true, false
	}
}

func (p *pdfPairer) add(label, value string) {
	if label == "" {
		p.open = -1
		return
	}
	p.fields = append(p.fields, form.RawField{Labels: []string{label}, Value: value})
	p.open = len(p.fields) - 1
}

// pdfSplitLabelValue splits "Label: value" at its first ": ", when what comes
// before is short enough to be a label.
func pdfSplitLabelValue(s string) (label, value string, ok bool) {
	i := strings.Index(s, ": ")
	if i <= 0 {
		return "", "", false
	}
	label, value = strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+2:])
	if !pdfLabelSized(label) || value == "" {
		return "", "", false
	}
	return label, value, true
}

// pdfLabelOnly reports whether a line is a label on its own: short, ending
// in ":" or "?".
func pdfLabelOnly(s string) (string, bool) {
	if !pdfEndsLikeLabel(s) || !pdfLabelSized(s) {
		return "", false
	}
	return strings.TrimSpace(strings.TrimSuffix(s, ":")), true
}

func pdfEndsLikeLabel(s string) bool {
	return strings.HasSuffix(s, ":") || strings.HasSuffix(s, "?")
}

func pdfLabelSized(s string) bool {
	return s != "" && utf8.RuneCountInString(s) <= maxPDFLabelRunes && len(strings.Fields(s)) <= maxPDFLabelWords
}
