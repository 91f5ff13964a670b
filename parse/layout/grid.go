package layout

import "strings"

// grid reads a table laid out as a list: a header row of bold column names
// ("Agency", "Contact", "Involvement") over rows of plain entries, under an
// optional title row spanning the table. Each column becomes one field,
// labelled by its column name, its entries one a line; the first column
// also goes by the title. It reports false for any other table.
func (x *extractor) grid(t *Table) bool {
	rows := t.Rows
	title := ""
	if len(rows) > 0 && len(rows[0].Cells) == 1 && !rows[0].Cells[0].hasControls() {
		title = rows[0].Cells[0].label()
		rows = rows[1:]
	}
	if x.tickGrid(rows) {
		return true
	}
	if len(rows) < 2 || !isHeaderRow(rows[0]) {
		return false
	}
	n := len(rows[0].Cells)
	for _, r := range rows[1:] {
		if r.Deleted {
			continue
		}
		if len(r.Cells) != n || allBold(r.Cells[0]) {
			return false
		}
	}
	for j, hc := range rows[0].Cells {
		var vals []string
		for _, r := range rows[1:] {
			if v := r.Cells[j].value(); v != "" && !r.Deleted {
				vals = append(vals, v)
			}
		}
		var extra []string
		if j == 0 {
			extra = []string{title}
		}
		x.emit(hc.label(), extra, strings.Join(vals, "\n"))
	}
	return true
}

// isHeaderRow reports a row of two or more cells, each a bold name.
func isHeaderRow(r *Row) bool {
	if len(r.Cells) < 2 {
		return false
	}
	for _, c := range r.Cells {
		if c.label() == "" || c.hasControls() || len(c.tables()) > 0 || !allBold(c) {
			return false
		}
	}
	return true
}

// allBold reports a cell whose text is all bold.
func allBold(c *Cell) bool {
	bold := false
	for _, p := range c.paras() {
		if p.Plain {
			return false
		}
		bold = bold || p.Bold
	}
	return bold
}

// tickGrid reads a table of questions ticked under option columns:
//
//	Criteria                           Yes   No
//	Does the child live in Kestmoor?   X
//
// as one field a row, "☒ Yes ☐ No" (a header row repeated further down,
// where two such tables follow one another, starts the columns again);
// and a list of options ticked in one column,
//
//	Type of abuse        Tick
//	Physical abuse       X
//	Neglect
//
// as one field, "☒ Physical abuse ☐ Neglect". It reports false for any
// other table.
func (x *extractor) tickGrid(rows []*Row) bool {
	if len(rows) < 2 || len(rows[0].Cells) < 2 {
		return false
	}
	head := rows[0].Cells
	for _, c := range head[1:] {
		if !isOptionText(c) {
			return false
		}
	}
	if len(head) == 2 && !isOptionText(head[0]) {
		return false
	}
	marks := 0
	for _, r := range rows[1:] {
		if r.Deleted {
			continue
		}
		if len(r.Cells) != len(head) || !isOptionText(r.Cells[0]) {
			return false
		}
		if len(head) > 2 && repeatedHeader(r) {
			continue
		}
		for _, c := range r.Cells[1:] {
			_, isMark, empty := mark(c)
			if !isMark && !empty {
				return false
			}
			if isMark {
				marks++
			}
		}
	}
	if marks == 0 {
		return false
	}
	if len(head) == 2 {
		var opts []string
		for _, r := range rows[1:] {
			if r.Deleted {
				continue
			}
			checked, _, _ := mark(r.Cells[1])
			opts = append(opts, RenderSegs([]Seg{{Kind: SegBox, Checked: checked}, {Text: r.Cells[0].value()}}))
		}
		x.emit(head[0].label(), nil, strings.Join(opts, "\n"))
		return true
	}
	for _, r := range rows[1:] {
		if r.Deleted {
			continue
		}
		if repeatedHeader(r) {
			head = r.Cells
			continue
		}
		var parts []string
		for j, c := range r.Cells[1:] {
			checked, _, _ := mark(c)
			parts = append(parts, RenderSegs([]Seg{{Kind: SegBox, Checked: checked}, {Text: head[j+1].label()}}))
		}
		x.emit(r.Cells[0].label(), nil, strings.Join(parts, " "))
	}
	return true
}

// repeatedHeader reports a row of option names and nothing ticked: the
// header row of a second Yes/No table run together with the first.
func repeatedHeader(r *Row) bool {
	for _, c := range r.Cells[1:] {
		if !isOptionText(c) {
			return false
		}
	}
	return true
}
