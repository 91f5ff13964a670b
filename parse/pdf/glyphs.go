package pdf

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kscmp/intake/parse/form"
	"github.com/kscmp/intake/parse/layout"
	lpdf "github.com/ledongthuc/pdf"
)

// glyph is one visible glyph of a page: where it sits, how big, whether
// its font is bold, and its text, a checkbox already read as form.Checked
// or form.Unchecked whatever font drew it (a Wingdings "þ", OpenSymbol's
// private-use box, a ✓).
type glyph struct {
	x, y, w, size float64
	s             string
	bold          bool
}

// end is where the glyph ends.
func (g glyph) end() float64 { return g.x + g.w }

// glyphsOf turns the library's glyphs into glyphs, dropping what is not
// visible text.
func glyphsOf(ts []lpdf.Text) []glyph {
	out := make([]glyph, 0, len(ts))
	for _, t := range ts {
		if !pdfVisibleGlyph(t.S) {
			continue
		}
		size := math.Abs(t.FontSize)
		if size < 0.5 {
			size = 1
		}
		w := t.W
		if w <= 0 {
			w = 0.5 * size
		}
		s := t.S
		if r, n := utf8.DecodeRuneInString(s); n == len(s) {
			if checked, ok := layout.BoxRune(r, layout.SymbolFont(baseFontFamily(t.Font))); ok {
				s = form.Unchecked
				if checked {
					s = form.Checked
				}
			}
		}
		out = append(out, glyph{x: t.X, y: t.Y, w: w, size: size, s: s, bold: pdfBoldFont(t.Font) || strings.TrimSpace(s) == ""})
	}
	return out
}

// baseFontFamily is a font's family without its style ("Wingdings-Regular"
// is Wingdings).
func baseFontFamily(font string) string {
	if i := strings.IndexAny(font, "-,"); i > 0 {
		return font[:i]
	}
	return font
}

// gLine is one line of glyphs, left to right.
type gLine struct {
	y, size   float64
	gs        []glyph
	hardBreak bool // it follows a line break inside its paragraph
}

func (l *gLine) x0() float64 { return l.gs[0].x }
func (l *gLine) x1() float64 {
	e := l.gs[0].end()
	for _, g := range l.gs {
		e = math.Max(e, g.end())
	}
	return e
}

// bold reports a line whose every glyph is bold.
func (l *gLine) bold() bool {
	for _, g := range l.gs {
		if !g.bold {
			return false
		}
	}
	return true
}

// linesOf groups glyphs into lines, top to bottom: a glyph belongs to a
// line when its baseline is within 0.4 of the line's size.
func linesOf(gs []glyph) []*gLine {
	sorted := append([]glyph(nil), gs...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].y > sorted[j].y })
	var lines []*gLine
	for _, g := range sorted {
		if n := len(lines); n > 0 && math.Abs(lines[n-1].y-g.y) < 0.4*math.Max(lines[n-1].size, g.size) {
			l := lines[n-1]
			l.gs = append(l.gs, g)
			l.size = math.Max(l.size, g.size)
			continue
		}
		lines = append(lines, &gLine{y: g.y, size: g.size, gs: []glyph{g}})
	}
	for _, l := range lines {
		sort.SliceStable(l.gs, func(i, j int) bool { return l.gs[i].x < l.gs[j].x })
	}
	return lines
}

// pieces splits a line at gaps wider than 1.5 of its size: the columns of
// a borderless table, or text after a tab.
func (l *gLine) pieces() [][]glyph {
	var out [][]glyph
	start := 0
	end := l.gs[0].end()
	for i := 1; i < len(l.gs); i++ {
		g := l.gs[i]
		if strings.TrimSpace(g.s) != "" && g.x-end > 1.5*l.size {
			out = append(out, l.gs[start:i])
			start = i
		}
		end = math.Max(end, g.end())
	}
	return append(out, l.gs[start:])
}

// text renders glyphs as text: a space where the gap between two glyphs
// is wider than 0.12 of the size (Word places words one by one, with no
// space glyph), white space collapsed.
func text(gs []glyph) string {
	var b strings.Builder
	for i, g := range gs {
		if i > 0 && g.x-gs[i-1].end() > 0.12*g.size {
			b.WriteByte(' ')
		}
		b.WriteString(g.s)
	}
	return pdfCollapseSpaces(b.String())
}

// firstWordWidth is how wide a line's first word is.
func firstWordWidth(gs []glyph) float64 {
	if len(gs) == 0 {
		return 0
	}
	x0, end := gs[0].x, gs[0].end()
	for i := 1; i < len(gs); i++ {
		if strings.TrimSpace(gs[i].s) == "" || gs[i].x-end > 0.12*gs[i].size {
			break
		}
		end = gs[i].end()
	}
	return end - x0
}

// wraps reports whether line b continues line a's paragraph: a was filled
// to the right edge, so that b's first word did not fit after it.
func wraps(a, b *gLine, right float64) bool {
	if startsField(text(b.gs)) {
		return false
	}
	return a.x1()+0.3*a.size+firstWordWidth(b.gs) > right
}

// startsField reports a line that begins a field of its own, whatever
// the line above: "Date of referral: ...", a tick box.
func startsField(s string) bool {
	if strings.HasPrefix(s, form.Checked) || strings.HasPrefix(s, form.Unchecked) {
		return true
	}
	i := strings.IndexByte(s, ':')
	if i <= 0 || len(strings.Fields(s[:i])) > 6 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// paraOf makes a layout paragraph of lines of text, box glyphs as boxes.
func paraOf(lines []*gLine) *layout.Para {
	p := &layout.Para{}
	var parts []string
	for _, l := range lines {
		parts = append(parts, text(l.gs))
		for _, g := range l.gs {
			switch {
			case strings.TrimSpace(g.s) == "":
			case g.bold:
				p.Bold = true
			default:
				p.Plain = true
			}
		}
	}
	if p.Bold && p.Plain {
		p.BoldPrefix.WriteString(boldPrefixText(lines))
	}
	var b strings.Builder
	for i, part := range parts {
		switch {
		case i == 0:
		case lines[i].hardBreak:
			b.WriteByte('\n')
		case !brokenWord(parts[i-1], part):
			b.WriteByte(' ')
		}
		b.WriteString(part)
	}
	s := b.String()
	start := 0
	for i, r := range s {
		if string(r) == form.Checked || string(r) == form.Unchecked {
			p.AddText(s[start:i])
			p.Flush()
			p.Segs = append(p.Segs, layout.Seg{Kind: layout.SegBox, Checked: string(r) == form.Checked})
			start = i + utf8.RuneLen(r)
		}
	}
	p.AddText(s[start:])
	p.Flush()
	return p
}

// boldPrefixText is the text of the bold glyphs that open a paragraph.
func boldPrefixText(lines []*gLine) string {
	var gs []glyph
	for _, l := range lines {
		for _, g := range l.gs {
			if !g.bold {
				return text(gs)
			}
			gs = append(gs, g)
		}
	}
	return text(gs)
}

// brokenWord reports a line that ends inside a word the next line goes
// on with, as an address too long for its cell is broken
// ("jude.sallow@awc.gov" / ".example").
func brokenWord(prev, next string) bool {
	if prev == "" || next == "" {
		return false
	}
	last := prev[strings.LastIndexByte(prev, ' ')+1:]
	switch {
	case strings.ContainsRune(".@/_-", rune(next[0])) && !strings.ContainsRune(prev, ' '):
		return true
	case strings.ContainsRune("@/_", rune(last[len(last)-1])):
		return true
	case strings.Contains(last, "@") && !strings.ContainsAny(next[:min(len(next), strings.IndexByte(next+" ", ' '))], "@"):
		// An email address too long for its cell, broken anywhere.
		return true
	case strings.HasSuffix(last, "-") && len(last) > 1:
		// "stanbridge-" / "mp.nhs.example", "Pre-" / "School": a word
		// broken at its hyphen goes on with no space.
		return true
	}
	return false
}
