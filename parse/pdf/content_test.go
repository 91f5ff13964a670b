package pdf

import (
	"testing"

	lpdf "github.com/ledongthuc/pdf"
)

// TestPageGlyphsWidths checks that glyphs of a Type0 font advance by the
// widths in its CIDFont's /W array (Content leaves them all at the start
// of their string), and the matrix product behind every position.
func TestPageGlyphsWidths(t *testing.T) {
	src, err := newPDFSource(readFixture(t, pdfFixtures, "saved-word.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := lpdf.NewReader(src, src.size)
	if err != nil {
		t.Fatal(err)
	}
	pages := pdfPages(r.Trailer().Key("Root").Key("Pages"), 10, src)
	glyphs := pageGlyphs(pages[0])
	var jay []lpdf.Text
	for i := range glyphs {
		if glyphs[i].S == "J" && glyphs[i].X > 290 {
			jay = glyphs[i : i+3] // "Jay"
			break
		}
	}
	if len(jay) != 3 {
		t.Fatal("no glyphs of the value \"Jay Example\"")
	}
	// Each glyph is 500/1000 em wide at 11.04 pt.
	for i, g := range jay {
		if want := 300.1 + float64(i)*5.52; g.X < want-0.01 || g.X > want+0.01 || g.W < 5.51 || g.W > 5.53 {
			t.Errorf("glyph %d %q at x %.2f width %.2f, want x %.2f width 5.52", i, g.S, g.X, g.W, want)
		}
	}
	m := pdfMatrix{2, 0, 0, 2, 10, 20}.mul(pdfMatrix{1, 0, 0, 1, 5, 7})
	if m != (pdfMatrix{2, 0, 0, 2, 15, 27}) {
		t.Errorf("mul = %v", m)
	}
}
