package pdf

import (
	"math"
)

// Geometry of two-column tables, in points and ems.
const (
	pdfColumnSlack = 3.0  // a cell starts within this of its column's x
	pdfSameCellGap = 1.45 // lines of one cell are closer than this, in ems
	pdfNextParaGap = 1.9  // paragraphs of one cell are closer than this
)

// tableColumns finds the x of the label and value columns: the x of the
// first and second cells of two-cell lines, where at least two such lines
// agree on the second.
func tableColumns(lines []pdfLine) (labelXs, valueXs []float64) {
	count := map[int]int{}
	for _, l := range lines {
		if len(l.cells) == 2 {
			count[int(math.Round(l.cells[1].x))]++
		}
	}
	for _, l := range lines {
		if len(l.cells) != 2 || !nearAny(l.cells[1].x, valueXs) && count[int(math.Round(l.cells[1].x))] < 2 {
			continue
		}
		if !nearAny(l.cells[1].x, valueXs) {
			valueXs = append(valueXs, l.cells[1].x)
		}
		if !nearAny(l.cells[0].x, labelXs) {
			labelXs = append(labelXs, l.cells[0].x)
		}
	}
	return labelXs, valueXs
}

func nearAny(x float64, xs []float64) bool {
	for _, c := range xs {
		if math.Abs(x-c) < pdfColumnSlack {
			return true
		}
	}
	return false
}

// splitTableLine says which of a line's cells is a label and which a
// value, when every cell starts at a column: a two-cell line (label,
// value), or one cell in either column.
func splitTableLine(l pdfLine, labelXs, valueXs []float64) (label, value *pdfCell, ok bool) {
	switch len(l.cells) {
	case 1:
		c := &l.cells[0]
		switch {
		case nearAny(c.x, valueXs):
			return nil, c, true
		case nearAny(c.x, labelXs):
			return c, nil, true
		}
	case 2:
		if nearAny(l.cells[0].x, labelXs) && nearAny(l.cells[1].x, valueXs) {
			return &l.cells[0], &l.cells[1], true
		}
	}
	return nil, nil, false
}

// tableRow gathers the lines of one table row.
type tableRow struct {
	top                  float64
	src                  []pdfLine
	label, value         []string
	labelX, valueX, size float64
	lastLabel, lastValue float64 // y of the last line in each column
}

// takes reports whether a line continues the row.
func (r *tableRow) takes(l pdfLine, label, value *pdfCell) bool {
	if math.Abs(l.size-r.size) > 0.15*r.size {
		return false // a heading above the table, or a footnote below it
	}
	limit := pdfSameCellGap * math.Max(l.size, r.size)
	if label == nil && len(r.value) > 0 {
		// A further paragraph of the value, under a row's label: the
		// space between paragraphs is wider than between lines.
		limit = pdfNextParaGap * math.Max(l.size, r.size)
	}
	near := func(cell *pdfCell, seen []string, last float64) bool {
		if cell == nil {
			return true
		}
		if len(seen) == 0 {
			return math.Abs(r.top-l.y) < limit
		}
		return last-l.y < limit
	}
	return near(label, r.label, r.lastLabel) && near(value, r.value, r.lastValue)
}

func (r *tableRow) add(l pdfLine, label, value *pdfCell) {
	r.src = append(r.src, l)
	r.size = math.Max(r.size, l.size)
	if label != nil {
		if len(r.label) == 0 {
			r.labelX = label.x
		}
		r.label = append(r.label, label.text)
		r.lastLabel = l.y
	}
	if value != nil {
		if len(r.value) == 0 {
			r.valueX = value.x
		}
		r.value = append(r.value, value.text)
		r.lastValue = l.y
	}
}
