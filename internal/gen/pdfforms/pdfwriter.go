package main

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
	"unicode/utf16"
)

// pdfDoc is a minimal PDF writer: numbered objects, written in order with
// a classic cross-reference table. It writes just enough PDF for the
// fixtures: pages with Helvetica text, images, and AcroForm fields.
type pdfDoc struct {
	objs    []string // body of object i+1
	trailer string   // extra trailer entries
}

// add appends an object and returns its number.
func (d *pdfDoc) add(body string) int {
	d.objs = append(d.objs, body)
	return len(d.objs)
}

// reserve returns the number of an object whose body is set later.
func (d *pdfDoc) reserve() int { return d.add("null") }

func (d *pdfDoc) set(n int, body string) { d.objs[n-1] = body }

// compress says whether stream compresses; the fixture for fuzzing
// leaves its content readable so that mutations reach the text.
var compress = true

// stream makes a stream object body, compressed with FlateDecode.
func stream(dict string, data []byte) string {
	if !compress {
		return rawStream(dict, data)
	}
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(data)
	w.Close()
	return fmt.Sprintf("<< %s /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", dict, z.Len(), z.String())
}

// rawStream makes an uncompressed stream object body.
func rawStream(dict string, data []byte) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// bytes writes the document with root as its catalog.
func (d *pdfDoc) bytes(root int) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(d.objs))
	for i, body := range d.objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, body)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f\r\n", len(d.objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n\r\n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n", len(d.objs)+1, root, d.trailer, xref)
	return b.Bytes()
}

// pdfString writes s as a PDF literal string in WinAnsi/PDFDocEncoding
// (ASCII here), escaping what must be escaped.
func pdfString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`, "\r", `\r`, "\n", `\n`)
	return "(" + r.Replace(s) + ")"
}

// pdfUTF16 writes s as a UTF-16BE text string with a byte order mark, in
// hex, as form software writes values outside PDFDocEncoding.
func pdfUTF16(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// helveticaWidths are the advance widths of Helvetica for codes 32 to 126,
// from its AFM metrics, in thousandths of an em.
var helveticaWidths = []int{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
	333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
}

// fontDict is a WinAnsi-encoded standard font with its widths, as Word
// writes it when it does not embed the font.
func fontDict(base string) string {
	ws := make([]string, len(helveticaWidths))
	for i, w := range helveticaWidths {
		ws[i] = fmt.Sprint(w)
	}
	return fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 126 /Widths [%s] >>",
		base, strings.Join(ws, " "))
}

// textWidth is the width of s in Helvetica at size, in points.
func textWidth(s string, size float64) float64 {
	var w int
	for _, c := range s {
		if c >= 32 && c <= 126 {
			w += helveticaWidths[c-32]
		} else {
			w += 556
		}
	}
	return float64(w) * size / 1000
}

// page is the content of one page being laid out: text at positions.
type page struct {
	ops bytes.Buffer
}

// text draws s with its baseline starting at (x, y); bold picks
// Helvetica-Bold.
func (p *page) text(x, y float64, size float64, bold bool, s string) {
	font := "F1"
	if bold {
		font = "F2"
	}
	fmt.Fprintf(&p.ops, "BT /%s %g Tf %g %g Td %s Tj ET\n", font, size, x, y, pdfString(s))
}

// words draws s one word at a time, each placed with its own Tm and no
// space glyphs, as Word's "Save as PDF" does.
func (p *page) words(x, y, size float64, s string) {
	for _, w := range strings.Fields(s) {
		fmt.Fprintf(&p.ops, "BT /F1 %g Tf 1 0 0 1 %.2f %.2f Tm [%s] TJ ET\n", size, x, y, pdfString(w))
		x += textWidth(w+" ", size)
	}
}

// box draws a rectangle outline, such as a table cell's border.
func (p *page) box(x, y, w, h float64) {
	fmt.Fprintf(&p.ops, "%g %g %g %g re S\n", x, y, w, h)
}

// writer builds a document of pages sharing the two fonts.
type writer struct {
	doc   pdfDoc
	pages []int
	kids  int // the Pages object
	res   string
}

func newWriter() *writer {
	w := &writer{}
	w.kids = w.doc.reserve()
	f1 := w.doc.add(fontDict("Helvetica"))
	f2 := w.doc.add(fontDict("Helvetica-Bold"))
	w.res = fmt.Sprintf("<< /Font << /F1 %d 0 R /F2 %d 0 R >> >>", f1, f2)
	return w
}

// addPage adds a page with the given content and extra page entries
// (such as /Annots); it returns the page's object number.
func (w *writer) addPage(p *page, extra string) int {
	c := w.doc.add(stream("", p.ops.Bytes()))
	n := w.doc.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources %s /Contents %d 0 R%s >>", w.kids, w.res, c, extra))
	w.pages = append(w.pages, n)
	return n
}

// finish writes the page tree and a catalog with the given extra entries
// (such as /AcroForm), and returns the file.
func (w *writer) finish(catalogExtra string) []byte {
	refs := make([]string, len(w.pages))
	for i, n := range w.pages {
		refs[i] = fmt.Sprintf("%d 0 R", n)
	}
	w.doc.set(w.kids, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(refs, " "), len(w.pages)))
	root := w.doc.add(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R%s >>", w.kids, catalogExtra))
	return w.doc.bytes(root)
}
