package layout

import "strings"

// table reads a table: rows of label and value cells, rows of four cells
// as two pairs, options with an "X" or a box beside them, and rows that
// span the table (a section title, a question whose answer is the next
// row, or "Label: value" text) read as paragraphs.
func (x *extractor) table(t *Table) {
	if x.grid(t) {
		return
	}
	s := newStream(x)
	above := -1 // the field of the label cell a vertical merge continues
	for ri, r := range t.Rows {
		if len(r.Cells) == 0 || r.Deleted {
			continue
		}
		if len(r.Cells) == 1 {
			above = -1
			x.spanningRow(s, r.Cells[0], ri == 0 && len(t.Rows) > 1)
			continue
		}
		if s.option(r.Cells) {
			continue
		}
		s.reset()
		above = x.row(r.Cells, above)
		for _, c := range r.Cells {
			for _, nt := range c.tables() {
				x.table(nt)
			}
		}
	}
	s.reset()
}

// spanningRow reads a row of one cell as paragraphs. The first row of a
// table, when it holds plain text that asks nothing, is a section title: it
// labels only the options that may follow.
func (x *extractor) spanningRow(s *stream, c *Cell, first bool) {
	if first && !c.hasControls() && len(c.tables()) == 0 {
		text := TrimSpace(c.value())
		if text != "" && !isQuestion(text) {
			if _, _, ok := splitColon(text); !ok {
				s.setPending(text, false)
				s.title = true
				return
			}
		}
	}
	if s.pending != "" && !s.title && !c.hasControls() && len(c.tables()) == 0 {
		// The row under a question answers it, all of it: "Good
		// practice: ..." inside the answer is not a label.
		if v := c.value(); TrimSpace(v) != "" {
			s.open, s.openBox = s.x.emit(s.pending, nil, v), false
			s.pending, s.explicit = "", false
			return
		}
	}
	if TrimSpace(c.value()) == "" && !c.hasControls() && len(c.tables()) == 0 {
		if s.pending != "" { // the answer box was left blank
			s.x.emit(s.pending, nil, "")
			s.pending, s.explicit = "", false
		}
		return
	}
	for _, b := range c.Blocks {
		if b.T != nil {
			s.reset()
			x.table(b.T)
			continue
		}
		s.para(b.P)
	}
}

// option reads a row of two cells that is one option of the question
// before it: a mark ("X", a box, or nothing) beside the option's text.
func (s *stream) option(cells []*Cell) bool {
	if len(cells) != 2 || s.pending == "" && !s.openBox {
		return false
	}
	checked, markFirst, ok := optionPair(cells[0], cells[1], s.openBox)
	if !ok {
		return false
	}
	text := cells[1].value()
	if !markFirst {
		text = cells[0].value()
	}
	v := RenderSegs([]Seg{{Kind: SegBox, Checked: checked}, {Text: text}})
	if s.pending != "" {
		s.open = s.x.emit(s.pending, nil, v)
		s.openBox = true
		s.pending, s.explicit = "", false
		return true
	}
	s.x.extend(s.open, v)
	return true
}

// optionPair reports whether two cells are a mark and an option's text,
// in either order. An empty cell counts as an unticked mark before the
// option, or after it once options have begun.
func optionPair(a, b *Cell, inOptions bool) (checked, markFirst, ok bool) {
	if c, isMark, empty := mark(a); (isMark || empty) && isOptionText(b) {
		return c, true, true
	}
	if c, isMark, empty := mark(b); (isMark || empty && inOptions) && isOptionText(a) {
		return c, false, true
	}
	return false, false, false
}

// mark reads a cell that holds only a tick: "X", a box or a tick glyph.
func mark(c *Cell) (checked, isMark, empty bool) {
	if len(c.tables()) > 0 {
		return false, false, false
	}
	var segs []Seg
	for _, p := range c.paras() {
		for _, s := range p.Segs {
			if s.Kind == SegText && TrimSpace(s.Text) == "" {
				continue
			}
			segs = append(segs, s)
		}
	}
	switch {
	case len(segs) == 0:
		return false, false, true
	case len(segs) != 1:
		return false, false, false
	case segs[0].Kind == SegBox:
		return segs[0].Checked, true, false
	case segs[0].Kind == SegText:
		switch TrimSpace(segs[0].Text) {
		case "X", "x", "✗", "✘", "✓", "✔":
			return true, true, false
		}
	}
	return false, false, false
}

// isOptionText reports a cell of plain text that is not itself a mark.
func isOptionText(c *Cell) bool {
	if c.hasControls() || len(c.tables()) > 0 {
		return false
	}
	_, isMark, empty := mark(c)
	return !isMark && !empty
}

// row reads a row of two or more cells and returns the field its first
// cell labels, for a vertically merged label below it.
func (x *extractor) row(cells []*Cell, above int) int {
	n := len(cells)
	if cells[0].VMerge == VMergeContinue {
		// Under a label merged down the rows: either more of its value,
		// or (a group title such as "Incident details") rows of label
		// and value pairs of their own.
		var rest []*Cell
		for _, c := range cells[1:] {
			if c.VMerge != VMergeContinue {
				rest = append(rest, c)
			}
		}
		if len(rest) >= 2 && len(rest)%2 == 0 && isOptionText(rest[0]) && !optionsRow(rest) && rest[0].label() != "" {
			for i := 0; i+1 < len(rest); i += 2 {
				x.pair(rest[i], rest[i+1])
			}
			return above
		}
		var vals []string
		for _, c := range cells[1:] {
			if v := c.value(); v != "" && c.VMerge != VMergeContinue {
				vals = append(vals, v)
			}
		}
		x.extend(above, strings.Join(vals, " "))
		return above
	}
	switch {
	case n == 4 && isOptionText(cells[0]) && isOptionText(cells[2]) && !optionsRow(cells):
		first := x.pair(cells[0], cells[1])
		x.pair(cells[2], cells[3])
		return first
	case n%2 == 1 && optionsRow(cells[1:]):
		return x.emit(cells[0].label(), nil, optionsValue(cells[1:]))
	case n == 2:
		return x.pair(cells[0], cells[1])
	case n%2 == 0:
		first := x.pair(cells[0], cells[1])
		for i := 2; i+1 < n; i += 2 {
			x.pair(cells[i], cells[i+1])
		}
		return first
	}
	var vals []string
	for _, c := range cells[1:] {
		if v := c.value(); v != "" {
			vals = append(vals, v)
		}
	}
	return x.emit(cells[0].label(), nil, strings.Join(vals, " "))
}

// pair reads a label cell and its value cell.
func (x *extractor) pair(lc, vc *Cell) int {
	if vc.VMerge == VMergeContinue {
		return -1 // the value was read in the row above
	}
	label := lc.label()
	if f, ok := vc.onlyField(); ok {
		return x.emit(label, f.Labels, f.Text)
	}
	v := vc.value()
	if v == "" && len(vc.tables()) > 0 {
		return -1 // the nested table carries the fields
	}
	return x.emit(label, boxLabels(vc), v)
}

// boxLabels returns the names of a cell's one box, if it has exactly one.
func boxLabels(c *Cell) []string {
	var labels []string
	n := 0
	for _, p := range c.paras() {
		for _, s := range p.Segs {
			if s.Kind == SegBox {
				labels = s.Labels
				n++
			}
		}
	}
	if n != 1 {
		return nil
	}
	return labels
}

// optionsRow reports cells that alternate option text and marks ("Yes",
// "X", "No", ""), either way round, with at least one mark.
func optionsRow(cells []*Cell) bool {
	if len(cells) < 2 || len(cells)%2 != 0 {
		return false
	}
	for _, markFirst := range []bool{true, false} {
		ok, marks := true, 0
		for i := 0; i+1 < len(cells) && ok; i += 2 {
			m, o := cells[i], cells[i+1]
			if !markFirst {
				m, o = o, m
			}
			_, isMark, empty := mark(m)
			ok = (isMark || empty) && isOptionText(o)
			if isMark {
				marks++
			}
		}
		if ok && marks > 0 {
			return true
		}
	}
	return false
}

// optionsValue renders an options row as "☒ Yes ☐ No".
func optionsValue(cells []*Cell) string {
	var parts []string
	for i := 0; i+1 < len(cells); i += 2 {
		m, o := cells[i], cells[i+1]
		if !isOptionText(o) {
			m, o = o, m
		}
		checked, _, _ := mark(m)
		parts = append(parts, RenderSegs([]Seg{{Kind: SegBox, Checked: checked}, {Text: o.value()}}))
	}
	return strings.Join(parts, " ")
}
