package pdf

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"unicode"

	lpdf "github.com/ledongthuc/pdf"
)

// maxPDFPageContent caps the decompressed content of one page, which
// bounds the work and the operand stack of interpreting it; a form's page
// needs a few tens of kilobytes.
const maxPDFPageContent = 1 << 20

// pdfTextResult is the text of a PDF rebuilt into lines, page by page.
type pdfTextResult struct {
	pages    [][]pdfLine
	any      bool // some page has visible text
	warnings []string
}

// pdfLine is one line of text on a page, split into cells where the gap
// between words is wide enough to be a table column or a tab.
type pdfLine struct {
	y, size float64
	cells   []pdfCell
	bold    bool // every glyph is in a bold font: a heading, not a value
}

// pdfCell is the text of one column of a line.
type pdfCell struct {
	x, end float64
	text   string
}

func (l pdfLine) x() float64 { return l.cells[0].x }

// readPDFText reads the text of pages one by one, each glyph with its
// position (pageGlyphs), so that lines and columns can be rebuilt. A page that cannot be read is skipped
// with a warning.
func readPDFText(pages []lpdf.Page, src *pdfSource) pdfTextResult {
	var res pdfTextResult
	for i, p := range pages {
		if src.done() {
			break
		}
		lines, err := readPDFPage(p)
		if err != nil {
			res.warnings = append(res.warnings, fmt.Sprintf("parse: reading pdf page %d: %v", i+1, err))
			continue
		}
		if len(lines) > 0 {
			res.any = true
		}
		res.pages = append(res.pages, lines)
	}
	return res
}

// readPDFPage rebuilds the lines of one page, recovering from the
// library's panics on malformed content.
func readPDFPage(p lpdf.Page) (lines []pdfLine, err error) {
	defer func() {
		if x := recover(); x != nil {
			if x == errPDFStopped {
				panic(x)
			}
			lines, err = nil, fmt.Errorf("damaged content")
		}
	}()
	if !pageContentFits(p.V.Key("Contents")) {
		return nil, fmt.Errorf("content over %d bytes or damaged", maxPDFPageContent)
	}
	return buildPDFLines(pageGlyphs(p)), nil
}

// pdfPages walks the page tree once, in order, and returns up to limit+1
// pages. (Reader.Page(i) walks the tree from the top for every page, and
// the library parses an object again each time it is looked up, so
// reading n pages that way costs n² lookups.) Kids that loop are cut off
// by bounds on depth and on nodes visited.
func pdfPages(node lpdf.Value, limit int, src *pdfSource) []lpdf.Page {
	var pages []lpdf.Page
	visits := 0
	var walk func(v lpdf.Value, depth int)
	walk = func(v lpdf.Value, depth int) {
		visits++
		if depth > 32 || visits > 4*limit+1000 || len(pages) > limit || src.done() {
			return
		}
		kids := v.Key("Kids")
		if v.Key("Type").Name() == "Page" || (kids.Kind() == lpdf.Null && v.Key("Contents").Kind() != lpdf.Null) {
			pages = append(pages, lpdf.Page{V: v})
			return
		}
		for i := 0; i < kids.Len() && len(pages) <= limit; i++ {
			if k := kids.Index(i); k.Kind() == lpdf.Dict {
				walk(k, depth+1)
			}
		}
	}
	walk(node, 0)
	return pages
}

// pageContentFits reports whether a page's content streams decompress to
// no more than maxPDFPageContent bytes, reading at most that much, and
// end with no open hex string (see hexGuard).
func pageContentFits(contents lpdf.Value) bool {
	var streams []lpdf.Value
	switch contents.Kind() {
	case lpdf.Stream:
		streams = append(streams, contents)
	case lpdf.Array:
		for i := 0; i < contents.Len() && i < 1000; i++ {
			streams = append(streams, contents.Index(i))
		}
	}
	left := int64(maxPDFPageContent)
	var g hexGuard // the library reads an array of streams as one
	for _, s := range streams {
		if s.Kind() != lpdf.Stream {
			continue
		}
		rc := s.Reader()
		n, _ := io.Copy(&g, io.LimitReader(rc, left+1))
		rc.Close()
		left -= n
		if left < 0 {
			return false
		}
	}
	return !g.open()
}

// streamFits reads at most limit bytes of a stream and reports how many
// it read and whether the stream ended within them with no open hex
// string.
func streamFits(s lpdf.Value, limit int64) (int64, bool) {
	if limit <= 0 {
		return 0, false
	}
	rc := s.Reader()
	defer rc.Close()
	var g hexGuard
	n, _ := io.Copy(&g, io.LimitReader(rc, limit+1))
	return n, n <= limit && !g.open()
}

// pdfSpan is a run of glyphs drawn one after another on one baseline.
type pdfSpan struct {
	x, end, y, size float64
	text            strings.Builder
	bold            bool
}

// buildPDFLines groups glyphs into spans, spans into lines (top to
// bottom), and the spans of a line into cells (left to right).
//
// The library gives a glyph no width when the font has no /Widths (the
// standard fonts, and two-byte CID fonts): such glyphs all sit at their
// string's start, so a span's end is estimated at half an em a glyph.
func buildPDFLines(glyphs []lpdf.Text) []pdfLine {
	var spans []*pdfSpan
	var cur *pdfSpan
	for _, g := range glyphs {
		if !pdfVisibleGlyph(g.S) {
			continue
		}
		size := math.Abs(g.FontSize)
		if size < 0.5 {
			size = 1
		}
		w := g.W
		if w <= 0 {
			w = 0.5 * size
		}
		bold := pdfBoldFont(g.Font) || strings.TrimSpace(g.S) == ""
		if cur != nil && math.Abs(g.Y-cur.y) < 0.3*size && g.X >= cur.x-0.5*size && g.X <= cur.end+0.1*size {
			cur.text.WriteString(g.S)
			cur.end = math.Max(cur.end, g.X) + w
			cur.bold = cur.bold && bold
			continue
		}
		cur = &pdfSpan{x: g.X, end: g.X + w, y: g.Y, size: size, bold: bold}
		cur.text.WriteString(g.S)
		spans = append(spans, cur)
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].y > spans[j].y })

	var lines []pdfLine
	for i := 0; i < len(spans); {
		j := i + 1
		for j < len(spans) && spans[i].y-spans[j].y < 0.4*math.Max(spans[i].size, spans[j].size) {
			j++
		}
		if l, ok := spansToLine(spans[i:j]); ok {
			lines = append(lines, l)
		}
		i = j
	}
	return lines
}

// spansToLine joins the spans of one line left to right, with a space for
// a word gap and a new cell for a gap wider than 1.5 em.
func spansToLine(spans []*pdfSpan) (pdfLine, bool) {
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].x < spans[j].x })
	l := pdfLine{y: spans[0].y, bold: true}
	var b strings.Builder
	var cell pdfCell
	flush := func() {
		cell.text = pdfCollapseSpaces(b.String())
		if cell.text != "" {
			l.cells = append(l.cells, cell)
		}
		b.Reset()
	}
	for k, s := range spans {
		l.size = math.Max(l.size, s.size)
		l.bold = l.bold && s.bold
		if k == 0 {
			cell = pdfCell{x: s.x, end: s.end}
		} else {
			gap := s.x - cell.end
			switch {
			case gap > 1.5*s.size:
				flush()
				cell = pdfCell{x: s.x, end: s.end}
			case gap > 0.12*s.size:
				b.WriteByte(' ')
			}
		}
		b.WriteString(s.text.String())
		cell.end = math.Max(cell.end, s.end)
	}
	flush()
	// A line of nothing but spaces is no line; one whose only non-space
	// glyphs are bold is a heading.
	return l, len(l.cells) > 0
}

// pdfVisibleGlyph reports whether a glyph is text: not the line feed the
// library adds after each TJ, a control character, or an unmapped code.
func pdfVisibleGlyph(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r == unicode.ReplacementChar || (r < 0x20 && r != '\t') || r == 0x7f {
			return false
		}
	}
	return true
}

func pdfBoldFont(font string) bool {
	f := strings.ToLower(font)
	return strings.Contains(f, "bold") || strings.Contains(f, "black") || strings.Contains(f, "heavy")
}

// pdfCollapseSpaces trims s and turns each run of white space into a space.
func pdfCollapseSpaces(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
