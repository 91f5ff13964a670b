package main

import (
	"fmt"
	"strings"
)

// form is one filled-in form as it is being written: the Word body (or
// the plain text, for a form pasted into an email) and the fields a
// correct reading of it gives, written down as each answer is written.
type form struct {
	st   *style
	xml  strings.Builder
	text strings.Builder
	want map[string]any
	// widths of the table being written
	widths []int
	rows   []string
}

func newForm(st *style) *form { return &form{st: st, want: map[string]any{}} }

// expect records what a correct reading gives for key.
func (f *form) expect(key string, v any) {
	if key == "" {
		return
	}
	if _, dup := f.want[key]; dup {
		panic("corpus: key written twice: " + key)
	}
	f.want[key] = v
}

// add appends Word body XML.
func (f *form) add(xml ...string) { f.xml.WriteString(cat(xml...)) }

// title, heading and note write paragraphs that carry no field.
func (f *form) title(t string)                { f.add(styled("Title", run(t))) }
func (f *form) heading(t string)              { f.add(styled("Heading1", run(t))) }
func (f *form) note(t string)                 { f.add(para(run(t))) }
func (f *form) boldNote(t string)             { f.add(para(bold(t))) }
func (f *form) blank()                        { f.add(`<w:p/>`) }
func (f *form) tline(format string, a ...any) { fmt.Fprintf(&f.text, format+"\n", a...) }

// startTable begins a bordered table of the given column widths.
func (f *form) startTable(widths ...int) { f.widths, f.rows = widths, nil }

// endTable writes the table begun.
func (f *form) endTable() { f.endTableStyled(false) }

func (f *form) endTableStyled(borderless bool) {
	f.add(table(f.widths, borderless, f.rows...))
	f.widths, f.rows = nil, nil
}

// row adds a row of cells to the table being written.
func (f *form) row(cells ...string) { f.rows = append(f.rows, row(cells...)) }

// label is a shaded label cell of column i.
func (f *form) label(i int, text string) string { return cell(f.widths[i], true, para(run(text))) }

// value is a value cell of column i; lines become paragraphs.
func (f *form) value(i int, text string) string { return cell(f.widths[i], false, paraText(text)) }

// span is a cell across the whole table.
func (f *form) span(shade bool, paras ...string) string {
	total := 0
	for _, w := range f.widths {
		total += w
	}
	if len(f.widths) == 1 {
		return cell(total, shade, paras...)
	}
	return spanCell(total, len(f.widths), shade, paras...)
}

// pair adds a row "label | value" and records the expectation.
func (f *form) pair(label, key, shown string, want any) {
	f.row(f.label(0, label), f.value(1, shown))
	f.expect(key, want)
}

// pairs2 adds a row of two label/value pairs.
func (f *form) pairs2(l1, k1, s1 string, w1 any, l2, k2, s2 string, w2 any) {
	f.row(f.label(0, l1), f.value(1, s1), f.label(2, l2), f.value(3, s2))
	f.expect(k1, w1)
	f.expect(k2, w2)
}

// question adds a row spanning the table with a question, then a row
// with its answer.
func (f *form) question(q, key, shown string, want any) {
	f.row(f.span(true, para(bold(q))))
	f.row(f.span(false, paraText(shown)))
	f.expect(key, want)
}

// ticks writes options as glyph boxes in MS Gothic, "☒ Physical", one a
// line or on one line.
func ticks(opts []string, ticked map[string]bool, oneLine bool) string {
	var ps []string
	var line []string
	for _, o := range opts {
		g := "☐"
		if ticked[o] {
			g = "☒"
		}
		if oneLine {
			line = append(line, gothic(g), run(" "+o+"   "))
			continue
		}
		ps = append(ps, para(gothic(g), run(" "+o)))
	}
	if oneLine {
		return para(line...)
	}
	return cat(ps...)
}

// yesNoBoxes is "☒ Yes ☐ No" in glyph boxes, or Wingdings symbols.
func yesNoBoxes(b bool, wing bool) string {
	on, off := gothic("☒"), gothic("☐")
	if wing {
		on, off = wingdings("F0FE"), wingdings("F0A8")
	}
	y, n := off, on
	if b {
		y, n = on, off
	}
	return para(y, run(" Yes   "), n, run(" No"))
}

// textList writes an agency list in the referrer's way.
func (f *form) textList(items []string) string { return f.st.list(items) }
