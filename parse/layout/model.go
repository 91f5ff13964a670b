package layout

import (
	"strings"
	"unicode/utf8"

	"github.com/kscmp/intake/parse/form"
)

// SegKind says what a paragraph segment is.
type SegKind int

const (
	SegText  SegKind = iota // plain printed text
	SegField                // a content control or legacy form field's value
	SegBox                  // a checkbox, a box glyph or a symbol-font box
)

// Seg is one piece of a paragraph.
type Seg struct {
	Kind    SegKind
	Text    string   // SegText: the text; SegField: the value as entered
	Checked bool     // SegBox: ticked
	Labels  []string // SegField, SegBox: alias, tag or form field name
	Sealed  bool     // a control starts after it: do not merge text into it
}

// Para is one paragraph.
type Para struct {
	Segs []Seg
	tail strings.Builder // text still being added after Segs
	// BoldPrefix is the paragraph's text up to its first plain run.
	BoldPrefix strings.Builder
	Bold       bool // every run with visible text is bold
	Plain      bool // some run with visible text is not bold
	Heading    bool // a heading, which may ask what the paragraphs below answer
	Title      bool // the form's title: a label of nothing
	// Numbered says the paragraph opens with a list number Word draws
	// itself (automatic numbering), which its text does not carry.
	Numbered bool
}

// Block is a paragraph or a table.
type Block struct {
	P *Para
	T *Table
}

// Table is a table: rows of cells.
type Table struct {
	Rows []*Row
}

// Row is a table row.
type Row struct {
	Cells   []*Cell
	Deleted bool // a tracked deletion
}

// Vertical merge states of a cell.
const (
	VMergeNone = iota
	VMergeRestart
	VMergeContinue
)

// Cell is a table cell: paragraphs and nested tables.
type Cell struct {
	Blocks []Block
	Span   int
	VMerge int
}

// RenderSegs renders segments as text, boxes as glyphs followed by one
// space before their caption.
func RenderSegs(segs []Seg) string {
	var b strings.Builder
	for i, s := range segs {
		if s.Kind != SegBox {
			b.WriteString(s.Text)
			continue
		}
		if s.Checked {
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
func startsWithSpace(s Seg) bool {
	if s.Kind == SegBox {
		return false
	}
	if s.Text == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s.Text)
	return IsSpace(r)
}

// IsSpace is unicode white space, which includes the en spaces Word puts in
// an empty legacy text field.
func IsSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\u00a0':
		return true
	}
	return r >= '\u2000' && r <= '\u200b' || r == '\u3000' || r == '\u202f'
}

// trimSpace trims white space as IsSpace defines it.
func TrimSpace(s string) string {
	return strings.TrimFunc(s, IsSpace)
}

// seal stops text added later from merging into the last segment, so that
// a control opening here can find where its content starts.
func (p *Para) Seal() {
	p.Flush()
	if n := len(p.Segs); n > 0 {
		p.Segs[n-1].Sealed = true
	}
}

// flush ends the text being added, making it the last segment.
func (p *Para) Flush() {
	if p.tail.Len() > 0 {
		p.Segs = append(p.Segs, Seg{Kind: SegText, Text: p.tail.String()})
		p.tail.Reset()
	}
}

// addText appends text, merging it with a text segment before it unless
// that is sealed. Text is gathered in a builder, so that a paragraph of a
// million one-letter runs costs linear time.
func (p *Para) AddText(s string) {
	if s == "" {
		return
	}
	if p.tail.Len() == 0 {
		if n := len(p.Segs); n > 0 && p.Segs[n-1].Kind == SegText && !p.Segs[n-1].Sealed {
			p.tail.WriteString(p.Segs[n-1].Text)
			p.Segs = p.Segs[:n-1]
		}
	}
	p.tail.WriteString(s)
}

// text renders a paragraph.
func (p *Para) Text() string { return RenderSegs(p.Segs) }

// hasControls reports whether a paragraph holds a field or a box.
func (p *Para) hasControls() bool {
	for _, s := range p.Segs {
		if s.Kind != SegText {
			return true
		}
	}
	return false
}

// cellParas returns the paragraphs of a cell, leaving out nested tables.
func (c *Cell) paras() []*Para {
	var ps []*Para
	for _, b := range c.Blocks {
		if b.P != nil {
			ps = append(ps, b.P)
		}
	}
	return ps
}

// tables returns the tables nested in a cell.
func (c *Cell) tables() []*Table {
	var ts []*Table
	for _, b := range c.Blocks {
		if b.T != nil {
			ts = append(ts, b.T)
		}
	}
	return ts
}

// value renders a cell's paragraphs as a value: lines joined with "\n",
// blank lines at either end dropped.
func (c *Cell) value() string {
	var lines []string
	for _, p := range c.paras() {
		lines = append(lines, strings.TrimRightFunc(p.Text(), IsSpace))
	}
	return TrimSpace(strings.Join(lines, "\n"))
}

// label renders a cell's paragraphs as a label: one line.
func (c *Cell) label() string {
	var parts []string
	for _, p := range c.paras() {
		if t := TrimSpace(p.Text()); t != "" {
			parts = append(parts, t)
		}
	}
	return CleanLabel(strings.Join(parts, " "))
}

// onlyField returns the one field a cell holds when it holds nothing else
// but white space.
func (c *Cell) onlyField() (Seg, bool) {
	var f Seg
	n := 0
	for _, p := range c.paras() {
		for _, s := range p.Segs {
			switch {
			case s.Kind == SegField:
				f = s
				n++
			case s.Kind == SegBox:
				return Seg{}, false
			case TrimSpace(s.Text) != "":
				return Seg{}, false
			}
		}
	}
	return f, n == 1
}

// hasControls reports whether a cell holds a field or a box.
func (c *Cell) hasControls() bool {
	for _, p := range c.paras() {
		if p.hasControls() {
			return true
		}
	}
	return false
}

// cleanLabel collapses white space in a printed label and drops a trailing
// colon.
func CleanLabel(s string) string {
	s = strings.Join(strings.FieldsFunc(s, IsSpace), " ")
	s = strings.TrimRight(s, ":：")
	return TrimSpace(s)
}
