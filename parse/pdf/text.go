package pdf

import (
	"fmt"
	"io"
	"math"
	"strings"
	"unicode"

	lpdf "github.com/ledongthuc/pdf"
)

// maxPDFPageContent caps the decompressed content of one page, which
// bounds the work and the operand stack of interpreting it; a form's page
// needs a few tens of kilobytes.
const maxPDFPageContent = 1 << 20

// pdfTextResult is the text of a PDF, page by page: its glyphs and its
// ruled lines.
type pdfTextResult struct {
	pages    []pdfPage
	any      bool // some page has visible text
	warnings []string
}

// pdfPage is one page's glyphs and ruled lines, and its width.
type pdfPage struct {
	glyphs []glyph
	lines  *rulings
	width  float64
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
	glyphs []glyph
}

// readPDFText reads the pages one by one: each glyph with its position,
// and the ruled lines, so that paragraphs and tables can be rebuilt. A
// page that cannot be read is skipped with a warning.
func readPDFText(pages []lpdf.Page, src *pdfSource) pdfTextResult {
	var res pdfTextResult
	for i, p := range pages {
		if src.done() {
			break
		}
		page, err := readPDFPage(p)
		if err != nil {
			res.warnings = append(res.warnings, fmt.Sprintf("parse: reading pdf page %d: %v", i+1, err))
			continue
		}
		if len(page.glyphs) > 0 {
			res.any = true
		}
		res.pages = append(res.pages, page)
	}
	return res
}

// readPDFPage reads the glyphs and ruled lines of one page, recovering
// from the library's panics on malformed content.
func readPDFPage(p lpdf.Page) (page pdfPage, err error) {
	defer func() {
		if x := recover(); x != nil {
			if x == errPDFStopped {
				panic(x)
			}
			page, err = pdfPage{}, fmt.Errorf("damaged content")
		}
	}()
	if !pageContentFits(p.V.Key("Contents")) {
		return pdfPage{}, fmt.Errorf("content over %d bytes or damaged", maxPDFPageContent)
	}
	ts, lines := pageContent(p)
	return pdfPage{append(glyphsOf(ts), lines.boxGlyphs()...), lines, pageWidth(p)}, nil
}

// pageWidth is the width of a page's media box (inherited from the page
// tree when the page does not set it), or 0.
func pageWidth(p lpdf.Page) float64 {
	v := p.V
	for i := 0; i < 32 && v.Kind() == lpdf.Dict; i++ {
		if mb := v.Key("MediaBox"); mb.Kind() == lpdf.Array && mb.Len() == 4 {
			return math.Abs(mb.Index(2).Float64() - mb.Index(0).Float64())
		}
		v = v.Key("Parent")
	}
	return 0
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
