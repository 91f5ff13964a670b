package pdf

import (
	"errors"
	"strings"

	lpdf "github.com/ledongthuc/pdf"
)

// Bounds on interpreting one page.
const (
	maxPDFPageGlyphs = 200000 // glyphs kept
	maxPDFFormDepth  = 8      // form XObjects drawn inside form XObjects
)

// errPDFUnsafeFont aborts a page whose font's CMap the library must not
// interpret (see cmapSafe).
var errPDFUnsafeFont = errors.New("parse: reading pdf: damaged font")

// pageGlyphs interprets a page's content stream and returns each glyph
// shown with its position, as Page.Content does, with two differences
// that matter for Word's "Save as PDF": each font is looked up and its
// ToUnicode CMap parsed once per page (Content parses the CMap again at
// every Tf, and Word sets the font before every run of text), and glyph
// widths come from a Type0 font's /W array too (Content gives such glyphs
// no width, so every glyph of a string sits at its start). Operators that
// do not place text are ignored. See PDF 32000-1 §9.4.
//
// Text inside form XObjects (drawn with Do) is read too, as flattened
// form fields and some printers draw it: up to maxPDFFormDepth deep, and
// within the page's budget of maxPDFPageContent interpreted bytes.
func pageGlyphs(p lpdf.Page) []lpdf.Text {
	out, _ := pageContent(p)
	return out
}

// pageContent is pageGlyphs with the page's ruled lines (see rulings).
func pageContent(p lpdf.Page) ([]lpdf.Text, *rulings) {
	var out []lpdf.Text
	budget := int64(maxPDFPageContent)
	lines := &rulings{}
	w := textWalker{res: p.Resources(), fonts: map[string]*pageFont{}, g: textState{ctm: identity, th: 1}, out: &out, budget: &budget, lines: lines}
	lpdf.Interpret(p.V.Key("Contents"), w.op)
	if lines.overflow {
		lines = &rulings{}
	}
	lines.normalise()
	return out, lines
}

// pdfMatrix is a PDF transformation matrix [a b c d e f].
type pdfMatrix [6]float64

var identity = pdfMatrix{1, 0, 0, 1, 0, 0}

// mul returns m × n.
func (m pdfMatrix) mul(n pdfMatrix) pdfMatrix {
	return pdfMatrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func translate(x, y float64) pdfMatrix { return pdfMatrix{1, 0, 0, 1, x, y} }

// textState is the part of the graphics state that places text.
type textState struct {
	ctm, tm, tlm                pdfMatrix
	font                        *pageFont
	size, tc, tw, th, tl, trise float64
}

// pageFont is a font as the page uses it: its encoding, its name, its
// code length and its widths.
type pageFont struct {
	enc     lpdf.TextEncoding
	base    string
	twoByte bool
	widths  map[int]float64
	dw      float64 // default width, thousandths of an em
}

// textWalker interprets one content stream: a page's, or a form
// XObject's with its own resources.
type textWalker struct {
	res    lpdf.Value // resources: fonts and XObjects by name
	fonts  map[string]*pageFont
	g      textState
	stack  []textState
	out    *[]lpdf.Text
	budget *int64 // content bytes left to interpret on this page
	depth  int
	// The path being built, and where its ruled lines go.
	lines      *rulings
	path       []pathSeg
	rects      [][4]pathPoint
	cur, start pathPoint
}

func (w *textWalker) op(stk *lpdf.Stack, op string) {
	n := stk.Len()
	args := make([]lpdf.Value, n)
	for i := n - 1; i >= 0; i-- {
		args[i] = stk.Pop()
	}
	num := func(i int) float64 {
		if i < len(args) {
			return args[i].Float64()
		}
		return 0
	}
	g := &w.g
	if w.pathOp(op, num, n) {
		return
	}
	switch op {
	case "q":
		if len(w.stack) < 1000 {
			w.stack = append(w.stack, w.g)
		}
	case "Q":
		if k := len(w.stack); k > 0 {
			w.g, w.stack = w.stack[k-1], w.stack[:k-1]
		}
	case "cm":
		if n == 6 {
			g.ctm = pdfMatrix{num(0), num(1), num(2), num(3), num(4), num(5)}.mul(g.ctm)
		}
	case "BT":
		g.tm, g.tlm = identity, identity
	case "Tf":
		if n == 2 {
			g.font = w.font(args[0].Name())
			g.size = num(1)
		}
	case "Tc":
		g.tc = num(0)
	case "Tw":
		g.tw = num(0)
	case "Tz":
		g.th = num(0) / 100
	case "TL":
		g.tl = num(0)
	case "Ts":
		g.trise = num(0)
	case "TD":
		g.tl = -num(1)
		fallthrough
	case "Td":
		g.tlm = translate(num(0), num(1)).mul(g.tlm)
		g.tm = g.tlm
	case "Tm":
		if n == 6 {
			g.tm = pdfMatrix{num(0), num(1), num(2), num(3), num(4), num(5)}
			g.tlm = g.tm
		}
	case "T*":
		g.tlm = translate(0, -g.tl).mul(g.tlm)
		g.tm = g.tlm
	case "Tj":
		if n == 1 {
			w.show(args[0].RawString())
		}
	case "'", "\"":
		if op == "\"" && n == 3 {
			g.tw, g.tc = num(0), num(1)
		}
		g.tlm = translate(0, -g.tl).mul(g.tlm)
		g.tm = g.tlm
		if n > 0 {
			w.show(args[n-1].RawString())
		}
	case "Do":
		if n == 1 {
			w.form(args[0].Name())
		}
	case "TJ":
		if n != 1 {
			return
		}
		a := args[0]
		for i := 0; i < a.Len(); i++ {
			v := a.Index(i)
			if v.Kind() == lpdf.String {
				w.show(v.RawString())
			} else {
				g.tm = translate(-v.Float64()/1000*g.size*g.th, 0).mul(g.tm)
			}
		}
	}
}

// show places each glyph of a string and advances the text matrix.
func (w *textWalker) show(s string) {
	g := &w.g
	f := g.font
	if f == nil {
		f = &pageFont{enc: nopEncoding{}}
	}
	step := 1
	if f.twoByte {
		step = 2
	}
	for i := 0; i+step <= len(s); i += step {
		code := int(s[i])
		if step == 2 {
			code = code<<8 | int(s[i+1])
		}
		w0 := f.width(code)
		trm := pdfMatrix{g.size * g.th, 0, 0, g.size, 0, g.trise}.mul(g.tm).mul(g.ctm)
		if len(*w.out) < maxPDFPageGlyphs {
			*w.out = append(*w.out, lpdf.Text{
				Font: f.base, FontSize: trm[0], X: trm[4], Y: trm[5],
				W: w0 / 1000 * trm[0], S: f.enc.Decode(s[i : i+step]),
			})
		}
		tx := w0/1000*g.size + g.tc
		if step == 1 && code == ' ' {
			tx += g.tw
		}
		g.tm = translate(tx*g.th, 0).mul(g.tm)
	}
}

// form interprets the form XObject called name, in its own resources
// (or the caller's, if it has none), with its /Matrix.
func (w *textWalker) form(name string) {
	xo := w.res.Key("XObject").Key(name)
	if w.depth >= maxPDFFormDepth || xo.Kind() != lpdf.Stream || xo.Key("Subtype").Name() != "Form" {
		return
	}
	n, ok := streamFits(xo, *w.budget)
	*w.budget -= n
	if !ok {
		return
	}
	res := xo.Key("Resources")
	if res.Kind() != lpdf.Dict {
		res = w.res
	}
	ctm := w.g.ctm
	if m := xo.Key("Matrix"); m.Len() == 6 {
		ctm = pdfMatrix{m.Index(0).Float64(), m.Index(1).Float64(), m.Index(2).Float64(),
			m.Index(3).Float64(), m.Index(4).Float64(), m.Index(5).Float64()}.mul(ctm)
	}
	sub := textWalker{res: res, fonts: map[string]*pageFont{}, g: textState{ctm: ctm, th: 1},
		out: w.out, budget: w.budget, depth: w.depth + 1, lines: w.lines}
	lpdf.Interpret(xo, sub.op)
}

// font looks a font up in the resources, once, refusing one whose
// ToUnicode CMap is unsafe to interpret.
func (w *textWalker) font(name string) *pageFont {
	if f, ok := w.fonts[name]; ok {
		return f
	}
	pf := lpdf.Font{V: w.res.Key("Font").Key(name)}
	if tu := pf.V.Key("ToUnicode"); tu.Kind() == lpdf.Stream && !cmapSafe(tu) {
		panic(errPDFUnsafeFont)
	}
	f := &pageFont{base: pf.BaseFont(), enc: pf.Encoder(), widths: map[int]float64{}}
	if f.enc == nil {
		f.enc = nopEncoding{}
	}
	if i := strings.Index(f.base, "+"); i >= 0 {
		f.base = f.base[i+1:]
	}
	if pf.V.Key("Subtype").Name() == "Type0" {
		f.twoByte = true
		f.readCIDWidths(pf.V.Key("DescendantFonts").Index(0))
	} else {
		first := pf.FirstChar()
		ws := pf.V.Key("Widths")
		for i := 0; i < ws.Len() && i < 256; i++ {
			f.widths[first+i] = ws.Index(i).Float64()
		}
	}
	w.fonts[name] = f
	return f
}

// readCIDWidths reads a CIDFont's /DW and /W: "c [w1 w2 ...]" gives
// widths from c on, "cfirst clast w" one width for a range (§9.7.4.3).
func (f *pageFont) readCIDWidths(cid lpdf.Value) {
	f.dw = 1000
	if dw := cid.Key("DW"); dw.Kind() == lpdf.Integer || dw.Kind() == lpdf.Real {
		f.dw = dw.Float64()
	}
	ws := cid.Key("W")
	for i := 0; i < ws.Len() && len(f.widths) < 65536; {
		first := int(ws.Index(i).Int64())
		next := ws.Index(i + 1)
		if next.Kind() == lpdf.Array {
			for j := 0; j < next.Len() && len(f.widths) < 65536; j++ {
				f.widths[first+j] = next.Index(j).Float64()
			}
			i += 2
			continue
		}
		last, width := int(next.Int64()), ws.Index(i+2).Float64()
		for c := first; c <= last && c-first < 65536 && len(f.widths) < 65536; c++ {
			f.widths[c] = width
		}
		i += 3
	}
}

// width is a code's advance in thousandths of an em: from the font's
// widths, else the CIDFont's default, else 0 (as Content has it).
func (f *pageFont) width(code int) float64 {
	if w, ok := f.widths[code]; ok {
		return w
	}
	return f.dw
}

// nopEncoding reads codes as they are, for a text shown with no font set.
type nopEncoding struct{}

func (nopEncoding) Decode(raw string) string { return raw }
