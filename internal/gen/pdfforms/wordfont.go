package main

import (
	"fmt"
	"strings"
)

// cidFont is a two-byte (Identity-H) font with a ToUnicode CMap, as Word's
// "Save as PDF" writes its subset fonts: text is shown as glyph ids, and
// only the CMap says which characters they are. Widths are in the
// descendant font's /W array, which the PDF library does not read, so a
// reader sees every glyph of a string at the string's start.
type cidFont struct {
	ids   map[rune]int
	order []rune
}

func newCIDFont() *cidFont { return &cidFont{ids: map[rune]int{}} }

// hex encodes s as glyph ids, giving each new character the next id.
func (f *cidFont) hex(s string) string {
	var b strings.Builder
	b.WriteString("<")
	for _, r := range s {
		id, ok := f.ids[r]
		if !ok {
			id = len(f.order) + 1
			f.ids[r] = id
			f.order = append(f.order, r)
		}
		fmt.Fprintf(&b, "%04X", id)
	}
	b.WriteString(">")
	return b.String()
}

// cmap is the font's ToUnicode CMap; count overrides the first block's
// entry count when non-zero (for the hostile fixture).
func (f *cidFont) cmap(count int) string {
	var b strings.Builder
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n")
	b.WriteString("/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n")
	b.WriteString("/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n")
	b.WriteString("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for start := 0; start < len(f.order); start += 100 {
		end := min(start+100, len(f.order))
		n := end - start
		if count != 0 && start == 0 {
			n = count
		}
		fmt.Fprintf(&b, "%d beginbfchar\n", n)
		for i := start; i < end; i++ {
			fmt.Fprintf(&b, "<%04X> <%04X>\n", i+1, f.order[i])
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.String()
}

// add writes the Type0 font and its descendant, named base, and returns
// the font's object number.
func (f *cidFont) add(d *pdfDoc, base string, cmapCount int) int {
	tu := d.add(stream("", []byte(f.cmap(cmapCount))))
	desc := d.add(fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 /W [1 [%s]] >>",
		base, strings.Repeat("500 ", len(f.order))))
	return d.add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", base, desc, tu))
}

// savedWord is the referral form as Word's "Save as PDF" writes it:
// subset Calibri fonts with Identity-H encoding, each line of a cell one
// TJ, checkbox glyphs (☒ ☐) in the values, labels in the bold face.
func savedWord(cmapCount int) []byte {
	font := newCIDFont()
	var ops strings.Builder
	show := func(x, y float64, bold bool, s string) {
		name := "C1"
		if bold {
			name = "C2"
		}
		fmt.Fprintf(&ops, "BT /%s 11.04 Tf 1 0 0 1 %.2f %.2f Tm [%s] TJ ET\n", name, x, y, font.hex(s))
	}
	show(72, 780, true, "Kestmoor Safeguarding Children Multi-agency Partnership")
	show(72, 760, true, "Referral form")
	rows := [][2]string{
		{"Child's name", "Jay Example"},
		{"Date of birth:", "03/11/2015"},
		{"Place of incident", "Kestmoor"},
		{"Outcome for the child", "☒ Died    ☐ Seriously harmed"},
		{"Was the child looked after?", "☐ Yes    ☒ No"},
	}
	y := 720.0
	for _, r := range rows {
		show(77.4, y, true, r[0])
		show(300.1, y, false, r[1])
		y -= 21.5
	}
	w := &writer{}
	w.kids = w.doc.reserve()
	regular := font.add(&w.doc, "BCDEEE+Calibri", cmapCount)
	bold := font.add(&w.doc, "BCDFEE+Calibri-Bold", cmapCount)
	w.res = fmt.Sprintf("<< /Font << /C1 %d 0 R /C2 %d 0 R >> >>", regular, bold)
	p := &page{}
	p.ops.WriteString(ops.String())
	w.addPage(p, "")
	return w.finish("")
}
