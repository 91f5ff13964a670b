package pdf

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"

	"github.com/kscmp/intake/parse/layout"
)

// A page of a text PDF as the paragraphs and tables of the document it
// was made from, so that package layout reads it by the same rules as
// the Word form: the ruled tables from their lines, the rest from where
// the text sits (a borderless two-column table from its aligned columns,
// paragraphs from lines that wrap into one another).

// cellPadding is how far inside a cell's border its text ends, at most.
const cellPadding = 6.0

// placed is a block and the y of its top, for putting blocks in order.
type placed struct {
	top float64
	b   layout.Block
}

// pageBlocks rebuilds one page. bodySize is the size of the document's
// body text, against which headings are told.
func pageBlocks(gs []glyph, lines *rulings, width, bodySize float64) []placed {
	tables := findTables(lines)
	var free []glyph
	// A run of glyphs drawn one after another goes where it starts: text
	// that overflows a narrow cell ("03.11.26" in a cell "03" wide) is
	// still that cell's.
	for start := 0; start < len(gs); {
		end := start + 1
		for end < len(gs) && continuesRun(gs[end-1], gs[end]) {
			end++
		}
		in := false
		for _, t := range tables {
			if t.placeRun(gs[start:end]) {
				in = true
				break
			}
		}
		if !in {
			free = append(free, gs[start:end]...)
		}
		start = end
	}
	freeLines := dropFooters(linesOf(free))
	var cellLines [][]*gLine
	for _, t := range tables {
		for _, g := range t.groups {
			g.lines = linesOf(g.glyphs)
			cellLines = append(cellLines, g.lines)
		}
	}
	cellGap := paragraphLineGap(cellLines)
	var out []placed
	for _, t := range tables {
		t.lineGap = cellGap
		out = append(out, t.layoutTables()...)
	}
	out = append(out, freeBlocks(freeLines, width, bodySize, paragraphLineGap([][]*gLine{freeLines}))...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].top > out[j].top })
	return out
}

// layoutTables turns a ruled table into layout tables: a row per grid
// row, a cell per cell starting in it (spanning its columns), and an
// empty continuing cell where a cell from a row above reaches down. Word
// and LibreOffice draw tables that follow one another with their borders
// touching, so the ruled lines make one grid of them: a new table starts
// where the rows' columns change (a row spanning the whole width goes
// with either).
func (t *ruledTable) layoutTables() []placed {
	var out []placed
	var tb *placedTable
	var prevCols string
	any := false
	flush := func() {
		if tb != nil && any {
			out = append(out, placed{tb.top, layout.Block{T: tb.Table}})
		}
		tb, any = nil, false
	}
	for ri := range t.at {
		r := &layout.Row{}
		var cols strings.Builder
		var prev *cellGroup
		for ci := range t.at[ri] {
			g := t.at[ri][ci]
			if g == prev {
				continue
			}
			prev = g
			fmt.Fprintf(&cols, "%d-%d ", g.c0, g.c1)
			c := &layout.Cell{Span: g.c1 - g.c0 + 1}
			switch {
			case g.r0 < ri:
				c.VMerge = layout.VMergeContinue
			case g.r1 > ri:
				c.VMerge = layout.VMergeRestart
			}
			if g.r0 == ri {
				c.Blocks = cellParagraphs(g.lines, t.xs[g.c1+1]-cellPadding, t.lineGap)
			}
			r.Cells = append(r.Cells, c)
		}
		whole := len(r.Cells) == 1
		if tb != nil && !whole && prevCols != "" && cols.String() != prevCols {
			flush()
		}
		if tb == nil {
			tb = &placedTable{Table: &layout.Table{}, top: t.ys[ri]}
		}
		tb.Rows = append(tb.Rows, r)
		for _, c := range r.Cells {
			any = any || len(c.Blocks) > 0
		}
		if !whole {
			prevCols = cols.String()
		}
	}
	flush()
	return out
}

// placedTable is a layout table being built and where it starts.
type placedTable struct {
	*layout.Table
	top float64
}

// cellBlocks makes the paragraphs of a cell: a line joins the one above
// when that one was filled to the cell's right edge, or (where the
// document spaces its paragraphs apart, lineGap > 0) when it is no further
// below than a line of the same paragraph.
func cellBlocks(gs []glyph, right, lineGap float64) []layout.Block {
	return cellParagraphs(linesOf(gs), right, lineGap)
}

// cellParagraphs is cellBlocks of lines already made.
func cellParagraphs(lines []*gLine, right, lineGap float64) []layout.Block {
	var out []layout.Block
	var cur []*gLine
	for _, l := range lines {
		if n := len(cur); n > 0 {
			last := cur[n-1]
			near := lineGap > 0 && last.y-l.y <= lineGap+1.5
			switch {
			case lineGap > 0 && !near:
				out = append(out, layout.Block{P: paraOf(cur)})
				cur = nil
			case wraps(last, l, right):
			case near:
				l.hardBreak = true
			default:
				out = append(out, layout.Block{P: paraOf(cur)})
				cur = nil
			}
		}
		cur = append(cur, l)
	}
	if len(cur) > 0 {
		out = append(out, layout.Block{P: paraOf(cur)})
	}
	return out
}

// freeBlocks makes the blocks of the text outside ruled tables: runs of
// lines split into two aligned columns become a borderless table, the
// rest paragraphs.
func freeBlocks(lines []*gLine, width, bodySize, lineGap float64) []placed {
	if len(lines) == 0 {
		return nil
	}
	// The right margin: as far from the page's right edge as the text's
	// left margin is from its left (forms have even margins), else the
	// end of the longest line.
	right, left := 0.0, math.Inf(1)
	for _, l := range lines {
		right = math.Max(right, l.x1())
		left = math.Min(left, l.x0())
	}
	if width > 0 && width-left > right {
		right = width - left
	}
	pl := make([]pdfLine, len(lines))
	for i, l := range lines {
		pl[i] = pdfLine{y: l.y, size: l.size, bold: l.bold()}
		for _, p := range l.pieces() {
			pl[i].cells = append(pl[i].cells, pdfCell{x: p[0].x, end: (&gLine{gs: p}).x1(), text: text(p), glyphs: p})
		}
	}
	labelXs, valueXs := tableColumns(pl)
	for i := range pl {
		splitAtColumn(&pl[i], labelXs, valueXs)
	}

	var out []placed
	var para []*gLine
	var tb *layout.Table
	tbTop := 0.0
	flushPara := func() {
		if len(para) > 0 {
			p := paraOf(para)
			markHeading(p, para, bodySize)
			out = append(out, placed{para[0].y, layout.Block{P: p}})
			para = nil
		}
	}
	flushTable := func() {
		if tb != nil {
			out = append(out, placed{tbTop, layout.Block{T: tb}})
			tb = nil
		}
	}
	// A wide gap above a line (more than two blank lines) ends what came
	// before: the question above it was left unanswered.
	prevY, prevSize := math.Inf(1), 0.0
	for _, row := range groupRows(pl, labelXs, valueXs) {
		if row.label != nil || row.value != nil {
			flushPara()
			if tb == nil {
				tb, tbTop = &layout.Table{}, row.top
			}
			prevY, prevSize = row.top, bodySize
			tb.Rows = append(tb.Rows, &layout.Row{Cells: []*layout.Cell{
				{Span: 1, Blocks: cellBlocks(row.label, row.labelRight, lineGap)},
				{Span: 1, Blocks: cellBlocks(row.value, right, lineGap)},
			}})
			continue
		}
		flushTable()
		l := lines[row.line]
		if prevY-l.y > 3.2*math.Max(prevSize, l.size) && !math.IsInf(prevY, 1) {
			flushPara()
			out = append(out, placed{prevY - 0.1, layout.Block{T: &layout.Table{}}})
		}
		prevY, prevSize = l.y, l.size
		if n := len(para); n > 0 {
			last := para[n-1]
			gap := last.y - l.y
			l.hardBreak = false
			if gap > 1.6*math.Max(last.size, l.size) || last.bold() != l.bold() || len(pl[row.line].cells) > 1 ||
				math.Abs(l.size-last.size) > 0.5 {
				flushPara()
			} else if !wraps(last, l, right) {
				if lineGap > 0 && gap <= lineGap+1.5 {
					l.hardBreak = true // a line break inside the paragraph
				} else {
					flushPara()
				}
			}
		}
		if len(pl[row.line].cells) > 1 {
			// Columns that are no table: text after tabs.
			p := paraOf([]*gLine{{y: l.y, size: l.size, gs: tabbed(pl[row.line].cells)}})
			out = append(out, placed{l.y, layout.Block{P: p}})
			continue
		}
		para = append(para, l)
	}
	flushPara()
	flushTable()
	return out
}

// tabbed joins the pieces of a line with a tab glyph between them.
func tabbed(cells []pdfCell) []glyph {
	var gs []glyph
	for i, c := range cells {
		if i > 0 {
			last := gs[len(gs)-1]
			gs = append(gs, glyph{x: last.end(), y: last.y, w: 0, size: last.size, s: "\t", bold: true})
		}
		gs = append(gs, c.glyphs...)
	}
	return gs
}

// markHeading marks a paragraph in a larger font than the body: a title
// (much larger) or a heading.
func markHeading(p *layout.Para, lines []*gLine, bodySize float64) {
	size := lines[0].size
	switch {
	case bodySize <= 0:
	case size >= 1.35*bodySize:
		p.Title = true
	case size >= 1.08*bodySize && p.Bold && !p.Plain:
		p.Heading = true
	}
}

// frow is a row of the text outside ruled tables: a borderless table's
// row (its label and value glyphs), or a line index.
type frow struct {
	top          float64
	label, value []glyph
	labelRight   float64
	line         int
	srcs         []int // a table row's lines
}

// groupRows finds the rows of borderless two-column tables among the
// lines (see mergeTableRows for the geometry) and leaves the other lines
// as they are.
func groupRows(pl []pdfLine, labelXs, valueXs []float64) []frow {
	var out []frow
	var cur *tableRow
	var curRow *frow
	flush := func() {
		if curRow != nil {
			if len(cur.label) == 0 || len(cur.value) == 0 {
				for _, i := range curRow.srcs {
					out = append(out, frow{top: pl[i].y, line: i})
				}
			} else {
				out = append(out, *curRow)
			}
		}
		cur, curRow = nil, nil
	}
	for i, l := range pl {
		label, value, ok := splitTableLine(l, labelXs, valueXs)
		if !ok || len(valueXs) == 0 {
			flush()
			out = append(out, frow{top: l.y, line: i})
			continue
		}
		if cur == nil || !cur.takes(l, label, value) {
			flush()
			cur = &tableRow{top: l.y}
			curRow = &frow{top: l.y, labelRight: minOf(valueXs) - cellPadding}
		}
		cur.add(l, label, value)
		curRow.srcs = append(curRow.srcs, i)
		if label != nil {
			curRow.label = append(curRow.label, label.glyphs...)
		}
		if value != nil {
			curRow.value = append(curRow.value, value.glyphs...)
		}
	}
	flush()
	return out
}

func minOf(xs []float64) float64 {
	m := math.Inf(1)
	for _, x := range xs {
		m = math.Min(m, x)
	}
	return m
}

// documentBlocks rebuilds every page and joins them, in order.
func documentBlocks(pages []pdfPage) []layout.Block {
	sizes := map[float64]int{}
	for _, p := range pages {
		for _, g := range p.glyphs {
			sizes[math.Round(g.size*2)/2]++
		}
	}
	body, most := 0.0, 0
	for s, n := range sizes {
		if n > most || n == most && s < body {
			body, most = s, n
		}
	}
	var out []layout.Block
	for _, p := range pages {
		for i, pb := range pageBlocks(p.glyphs, p.lines, p.width, body) {
			// A table that runs on over a page break is one table: the
			// question at the foot of a page, its answer at the head of
			// the next.
			if n := len(out); i == 0 && n > 0 && out[n-1].T != nil && pb.b.T != nil && len(out[n-1].T.Rows) > 0 {
				out[n-1].T.Rows = append(out[n-1].T.Rows, pb.b.T.Rows...)
				continue
			}
			out = append(out, pb.b)
		}
	}
	return out
}

// rePageNumber is a page's number printed in its header or footer.
var rePageNumber = regexp.MustCompile(`(?i)^(page\s*)?\d+\s*(of|/)\s*\d+$|^page \d+$|^- ?\d+ ?-$`)

// dropFooters leaves out page numbers ("Page 1 of 2"): they are not part
// of any answer.
func dropFooters(lines []*gLine) []*gLine {
	out := lines[:0:0]
	for _, l := range lines {
		if rePageNumber.MatchString(text(l.gs)) {
			continue
		}
		out = append(out, l)
	}
	return out
}

// splitAtColumn splits a line that runs from the label column into the
// value column with no wide gap between them (a label that fills its
// column): at a word that starts where the value column does.
func splitAtColumn(l *pdfLine, labelXs, valueXs []float64) {
	if len(l.cells) != 1 || len(valueXs) == 0 || !nearAny(l.cells[0].x, labelXs) {
		return
	}
	gs := l.cells[0].glyphs
	for i := 1; i < len(gs); i++ {
		g := gs[i]
		if !nearAny(g.x, valueXs) || g.x-gs[i-1].end() < 0.12*g.size || strings.TrimSpace(g.s) == "" {
			continue
		}
		a, b := gs[:i], gs[i:]
		l.cells = []pdfCell{
			{x: a[0].x, end: (&gLine{gs: a}).x1(), text: text(a), glyphs: a},
			{x: b[0].x, end: (&gLine{gs: b}).x1(), text: text(b), glyphs: b},
		}
		return
	}
}

// paragraphLineGap is the distance between the lines of one paragraph,
// when the page's paragraphs are spaced further apart than that (so that
// a line break inside a paragraph, Word's Shift+Enter, can be told from a
// new paragraph); 0 when they are not. Each run of lines is one cell's,
// or the text outside tables.
func paragraphLineGap(runs [][]*gLine) float64 {
	var gaps []float64
	for _, lines := range runs {
		for i := 1; i < len(lines); i++ {
			a, b := lines[i-1], lines[i]
			if math.Abs(a.size-b.size) > 0.5 {
				continue
			}
			if g := a.y - b.y; g > 0.9*a.size && g < 2.2*a.size {
				gaps = append(gaps, g)
			}
		}
	}
	if len(gaps) < 3 {
		return 0
	}
	// The commonest gap is between paragraphs. Where a smaller one is
	// found too, it is a line break inside a paragraph; where the
	// commonest is the smallest, paragraphs are not spaced apart, and a
	// line break cannot be told from a new paragraph.
	count := map[float64]int{}
	lo := math.Inf(1)
	for _, g := range gaps {
		count[math.Round(g*2)/2]++
		lo = math.Min(lo, g)
	}
	mode, most := 0.0, 0
	for g, n := range count {
		if n > most || n == most && g > mode {
			mode, most = g, n
		}
	}
	if mode-lo < 2 {
		return 0
	}
	return lo
}

// continuesRun reports a glyph drawn right after the one before, on its
// baseline.
func continuesRun(a, b glyph) bool {
	return math.Abs(a.y-b.y) < 0.1*a.size && b.x >= a.x && b.x <= a.end()+0.3*a.size
}
