package pdf

import (
	"encoding/binary"
	"math"
	"testing"

	"github.com/kscmp/intake/parse/form"
	"github.com/kscmp/intake/parse/layout"
)

// FuzzPageGeometry feeds the rebuilding of pages (tables from ruled
// lines, cells, paragraphs, borderless columns, drawn checkboxes) glyphs
// and lines placed anywhere, with no recover around it (Read recovers from
// panics, which would hide a bug here): it must not panic, and what it
// builds must read into fields with a label each.
func FuzzPageGeometry(f *testing.F) {
	// A two-column table with a heading and a checkbox, as LibreOffice
	// draws one: lines, then glyphs.
	seed := []byte{}
	put := func(vs ...uint16) {
		for _, v := range vs {
			seed = binary.LittleEndian.AppendUint16(seed, v)
		}
	}
	put(4) // lines: kind (0 horizontal, 1 vertical), at, from, to
	put(0, 700, 60, 520)
	put(0, 680, 60, 520)
	put(1, 60, 680, 700)
	put(1, 520, 680, 700)
	put(1) // boxes
	put(300, 684, 310, 694)
	for i, c := range "Name: Jay Example ☒ Yes" {
		put(uint16(70+i*6), 686, 10, uint16(c))
	}
	f.Add(seed)
	f.Fuzz(func(t *testing.T, b []byte) {
		u := func() float64 {
			if len(b) < 2 {
				return 0
			}
			v := binary.LittleEndian.Uint16(b)
			b = b[2:]
			return float64(v % 900)
		}
		lines := &rulings{}
		for n := int(u()) % 64; n > 0; n-- {
			kind, at, from, to := u(), u(), u(), u()
			if int(kind)%2 == 0 {
				lines.add(pathPoint{from, at}, pathPoint{to, at}) // horizontal
			} else {
				lines.add(pathPoint{at, from}, pathPoint{at, to}) // vertical
			}
		}
		for n := int(u()) % 16; n > 0; n-- {
			x0, y0, x1, y1 := u(), u(), u(), u()
			lines.addBox([4]pathPoint{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}})
			lines.add(pathPoint{x0, y0}, pathPoint{x1 * 0.99, y1 * 0.99})
		}
		lines.normalise()
		var gs []glyph
		for len(b) >= 8 && len(gs) < 400 {
			x, y, size, c := u(), u(), math.Max(1, u()/40), rune(int(u())%0x2700)
			s := string(c)
			if c < 32 {
				s = form.Checked
			}
			gs = append(gs, glyph{x: x, y: y, w: size / 2, size: size, s: s, bold: c%3 == 0})
		}
		gs = append(gs, lines.boxGlyphs()...)
		blocks := documentBlocks([]pdfPage{{glyphs: gs, lines: lines, width: 595}, {glyphs: gs, lines: lines, width: 0}})
		fields, _ := layout.Read(blocks)
		for _, fl := range fields {
			if len(fl.Labels) == 0 {
				t.Fatalf("field without a label: %#v", fl)
			}
		}
	})
}
