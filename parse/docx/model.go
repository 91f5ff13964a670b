package docx

import (
	"strings"
	"unicode/utf8"

	"github.com/kscmp/intake/parse/form"
)

// The .docx reader works in two steps. docx_xml.go streams word/document.xml
// into the small model below (paragraphs of segments, tables of rows of
// cells), keeping only what a form's reader needs: visible text, content
// controls and legacy form fields collapsed into one segment each, and
// checkboxes as boxes. docx_pairs.go and docx_paras.go then pair labels with
// values.

// segKind says what a paragraph segment is.
type segKind int

const (
	segText  segKind = iota // plain printed text
	segField                // a content control or legacy form field's value
	segBox                  // a checkbox, a box glyph or a symbol-font box
)

// seg is one piece of a paragraph.
type seg struct {
	kind    segKind
	text    string   // segText: the text; segField: the value as entered
	checked bool     // segBox: ticked
	labels  []string // segField, segBox: alias, tag or form field name
	sealed  bool     // a control starts after it: do not merge text into it
}

// para is one paragraph.
type para struct {
	segs []seg
	tail strings.Builder // text still being added after segs
	// boldPrefix is the paragraph's text up to its first plain run.
	boldPrefix strings.Builder
	bold       bool // every run with visible text is bold
	plain      bool // some run with visible text is not bold
	heading    bool // a Heading or Title style
}

// block is a paragraph or a table.
type block struct {
	p *para
	t *table
}

// table is a w:tbl.
type table struct {
	rows []*row
}

// row is a w:tr.
type row struct {
	cells   []*cell
	deleted bool // a tracked deletion
}

// vMerge states of a cell.
const (
	vMergeNone = iota
	vMergeRestart
	vMergeContinue
)

// cell is a w:tc.
type cell struct {
	blocks []block
	span   int
	vmerge int
}

// renderSegs renders segments as text, boxes as glyphs followed by one
// space before their caption.
func renderSegs(segs []seg) string {
	var b strings.Builder
	for i, s := range segs {
		if s.kind != segBox {
			b.WriteString(s.text)
			continue
		}
		if s.checked {
			b.WriteString(form.Checked)
		} else {
			b.WriteString(form.Unchecked)
		}
		if i+1 < len(segs) && !startsWithSpace(segs[i+1]) {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// startsWithSpace reports whether a segment renders beginning with white
// space, or renders as nothing.
func startsWithSpace(s seg) bool {
	if s.kind == segBox {
		return false
	}
	if s.text == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s.text)
	return isSpace(r)
}

// isSpace is unicode white space, which includes the en spaces Word puts in
// an empty legacy text field.
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\u00a0':
		return true
	}
	return r >= '\u2000' && r <= '\u200b' || r == '\u3000' || r == '\u202f'
}

// trimSpace trims white space as isSpace defines it.
func trimSpace(s string) string {
	return strings.TrimFunc(s, isSpace)
}

// seal stops text added later from merging into the last segment, so that
// a control opening here can find where its content starts.
func (p *para) seal() {
	p.flush()
	if n := len(p.segs); n > 0 {
		p.segs[n-1].sealed = true
	}
}

// flush ends the text being added, making it the last segment.
func (p *para) flush() {
	if p.tail.Len() > 0 {
		p.segs = append(p.segs, seg{kind: segText, text: p.tail.String()})
		p.tail.Reset()
	}
}

// addText appends text, merging it with a text segment before it unless
// that is sealed. Text is gathered in a builder, so that a paragraph of a
// million one-letter runs costs linear time.
func (p *para) addText(s string) {
	if s == "" {
		return
	}
	if p.tail.Len() == 0 {
		if n := len(p.segs); n > 0 && p.segs[n-1].kind == segText && !p.segs[n-1].sealed {
			p.tail.WriteString(p.segs[n-1].text)
			p.segs = p.segs[:n-1]
		}
	}
	p.tail.WriteString(s)
}

// text renders a paragraph.
func (p *para) text() string { return renderSegs(p.segs) }

// hasControls reports whether a paragraph holds a field or a box.
func (p *para) hasControls() bool {
	for _, s := range p.segs {
		if s.kind != segText {
			return true
		}
	}
	return false
}

// cellParas returns the paragraphs of a cell, leaving out nested tables.
func (c *cell) paras() []*para {
	var ps []*para
	for _, b := range c.blocks {
		if b.p != nil {
			ps = append(ps, b.p)
		}
	}
	return ps
}

// tables returns the tables nested in a cell.
func (c *cell) tables() []*table {
	var ts []*table
	for _, b := range c.blocks {
		if b.t != nil {
			ts = append(ts, b.t)
		}
	}
	return ts
}

// value renders a cell's paragraphs as a value: lines joined with "\n",
// blank lines at either end dropped.
func (c *cell) value() string {
	var lines []string
	for _, p := range c.paras() {
		lines = append(lines, strings.TrimRightFunc(p.text(), isSpace))
	}
	return trimSpace(strings.Join(lines, "\n"))
}

// label renders a cell's paragraphs as a label: one line.
func (c *cell) label() string {
	var parts []string
	for _, p := range c.paras() {
		if t := trimSpace(p.text()); t != "" {
			parts = append(parts, t)
		}
	}
	return cleanLabel(strings.Join(parts, " "))
}

// onlyField returns the one field a cell holds when it holds nothing else
// but white space.
func (c *cell) onlyField() (seg, bool) {
	var f seg
	n := 0
	for _, p := range c.paras() {
		for _, s := range p.segs {
			switch {
			case s.kind == segField:
				f = s
				n++
			case s.kind == segBox:
				return seg{}, false
			case trimSpace(s.text) != "":
				return seg{}, false
			}
		}
	}
	return f, n == 1
}

// hasControls reports whether a cell holds a field or a box.
func (c *cell) hasControls() bool {
	for _, p := range c.paras() {
		if p.hasControls() {
			return true
		}
	}
	return false
}

// cleanLabel collapses white space in a printed label and drops a trailing
// colon.
func cleanLabel(s string) string {
	s = strings.Join(strings.FieldsFunc(s, isSpace), " ")
	s = strings.TrimRight(s, ":：")
	return trimSpace(s)
}
