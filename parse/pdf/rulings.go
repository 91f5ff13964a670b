package pdf

import (
	"math"
	"sort"

	"github.com/kscmp/intake/parse/form"
)

// Ruled lines: the borders Word and LibreOffice draw around table cells,
// as stroked lines (LibreOffice: "x y m x y l S") or thin filled
// rectangles (Word: "x y w h re f"). Only horizontal and vertical ones
// matter; they say where a table's rows and columns begin and end far
// better than the text inside them can.

// Bounds on the ruled lines of one page: a page drawn with more lines
// than maxRulings is read as if it had none, and tables are looked for
// among at most maxTableLines of them (a form's page has a few hundred);
// at most maxBoxes drawn checkboxes and maxDiagonals slanted strokes are
// kept.
const (
	maxRulings    = 4000
	maxTableLines = 1200
	maxBoxes      = 500
	maxDiagonals  = 2000
)

// hline is a horizontal line at y from x0 to x1; vline a vertical line at
// x from y0 to y1 (y0 < y1).
type (
	hline struct{ y, x0, x1 float64 }
	vline struct{ x, y0, y1 float64 }
)

type rulings struct {
	h        []hline
	v        []vline
	overflow bool
	// boxes are small squares drawn by a stroke, as LibreOffice draws a
	// form's checkbox; diag are short slanted strokes, the cross drawn in
	// a ticked one.
	boxes []drawnBox
	diag  []pathSeg
}

// drawnBox is a checkbox drawn as a square.
type drawnBox struct{ x0, y0, x1, y1 float64 }

// pathPoint is a point of the path being built, in page space.
type pathPoint struct{ x, y float64 }

// pathSeg is a straight piece of the path being built.
type pathSeg struct{ a, b pathPoint }

// add keeps a straight segment if it is horizontal or vertical.
func (r *rulings) add(a, b pathPoint) {
	if len(r.h)+len(r.v) >= maxRulings {
		r.overflow = true
		return
	}
	switch {
	case math.Abs(a.y-b.y) < 0.5 && math.Abs(a.x-b.x) >= 1:
		r.h = append(r.h, hline{(a.y + b.y) / 2, math.Min(a.x, b.x), math.Max(a.x, b.x)})
	case math.Abs(a.x-b.x) < 0.5 && math.Abs(a.y-b.y) >= 1:
		r.v = append(r.v, vline{(a.x + b.x) / 2, math.Min(a.y, b.y), math.Max(a.y, b.y)})
	case math.Hypot(a.x-b.x, a.y-b.y) < 30 && len(r.diag) < maxDiagonals:
		r.diag = append(r.diag, pathSeg{a, b})
	}
}

// addBox keeps a stroked rectangle that is a checkbox: a square between
// 5 and 16 points a side. It reports whether it was one.
func (r *rulings) addBox(p [4]pathPoint) bool {
	x0, x1 := math.Min(p[0].x, p[2].x), math.Max(p[0].x, p[2].x)
	y0, y1 := math.Min(p[0].y, p[2].y), math.Max(p[0].y, p[2].y)
	w, h := x1-x0, y1-y0
	if w < 5 || w > 16 || h < 5 || h > 16 || math.Abs(w-h) > 1.5 || len(r.boxes) >= maxBoxes {
		return false
	}
	r.boxes = append(r.boxes, drawnBox{x0, y0, x1, y1})
	return true
}

// boxGlyphs turns the drawn checkboxes into box glyphs where their text
// sits: ticked when a cross or tick is drawn inside.
func (r *rulings) boxGlyphs() []glyph {
	var out []glyph
	for _, b := range r.boxes {
		ticked := false
		for _, d := range r.diag {
			in := func(p pathPoint) bool { return p.x >= b.x0-1 && p.x <= b.x1+1 && p.y >= b.y0-1 && p.y <= b.y1+1 }
			if in(d.a) && in(d.b) {
				ticked = true
				break
			}
		}
		s := form.Unchecked
		if ticked {
			s = form.Checked
		}
		h := b.y1 - b.y0
		out = append(out, glyph{x: b.x0, y: b.y0 + 0.17*h, w: b.x1 - b.x0, size: 0.93 * h, s: s, bold: true})
	}
	return out
}

// addRect keeps a painted rectangle: a thin one is a line (Word draws
// borders so), a larger stroked one gives its four edges. A larger
// filled one is a shaded cell, whose edges may be no border at all.
func (r *rulings) addRect(p [4]pathPoint, stroke bool) {
	x0, x1 := math.Min(p[0].x, p[2].x), math.Max(p[0].x, p[2].x)
	y0, y1 := math.Min(p[0].y, p[2].y), math.Max(p[0].y, p[2].y)
	w, h := x1-x0, y1-y0
	switch {
	case w > 450 && h > 600:
	case h < 3 && w >= 1:
		r.add(pathPoint{x0, (y0 + y1) / 2}, pathPoint{x1, (y0 + y1) / 2})
	case w < 3 && h >= 1:
		r.add(pathPoint{(x0 + x1) / 2, y0}, pathPoint{(x0 + x1) / 2, y1})
	case !stroke:
	default:
		r.add(pathPoint{x0, y0}, pathPoint{x1, y0})
		r.add(pathPoint{x0, y1}, pathPoint{x1, y1})
		r.add(pathPoint{x0, y0}, pathPoint{x0, y1})
		r.add(pathPoint{x1, y0}, pathPoint{x1, y1})
	}
}

// pathOp handles the path construction and painting operators (§8.5).
// It reports whether op was one.
func (w *textWalker) pathOp(op string, num func(int) float64, n int) bool {
	pt := func(x, y float64) pathPoint {
		m := w.g.ctm
		return pathPoint{x*m[0] + y*m[2] + m[4], x*m[1] + y*m[3] + m[5]}
	}
	switch op {
	case "m":
		if n == 2 {
			w.cur = pt(num(0), num(1))
			w.start = w.cur
		}
	case "l":
		if n == 2 {
			p := pt(num(0), num(1))
			w.path = append(w.path, pathSeg{w.cur, p})
			w.cur = p
		}
	case "c", "v", "y":
		if n >= 4 {
			w.cur = pt(num(n-2), num(n-1))
		}
	case "h":
		w.path = append(w.path, pathSeg{w.cur, w.start})
		w.cur = w.start
	case "re":
		if n == 4 {
			x, y, wd, ht := num(0), num(1), num(2), num(3)
			w.rects = append(w.rects, [4]pathPoint{pt(x, y), pt(x+wd, y), pt(x+wd, y+ht), pt(x, y+ht)})
			w.cur = pt(x, y)
			w.start = w.cur
		}
	case "S", "s", "f", "F", "f*", "B", "B*", "b", "b*":
		stroke := op == "S" || op == "s" || op == "B" || op == "B*" || op == "b" || op == "b*"
		if w.lines != nil && len(w.path)+len(w.rects) < maxRulings {
			for _, s := range w.path {
				w.lines.add(s.a, s.b)
			}
			for _, r := range w.rects {
				if stroke && w.lines.addBox(r) {
					continue
				}
				w.lines.addRect(r, stroke)
			}
		}
		w.path, w.rects = w.path[:0], w.rects[:0]
	case "n":
		w.path, w.rects = w.path[:0], w.rects[:0]
	default:
		return false
	}
	return true
}

// normalise merges lines that are one line drawn in pieces: horizontal
// ones on the same y whose x ranges touch, vertical ones likewise.
func (r *rulings) normalise() {
	sort.Slice(r.h, func(i, j int) bool {
		if math.Abs(r.h[i].y-r.h[j].y) > 1 {
			return r.h[i].y > r.h[j].y
		}
		return r.h[i].x0 < r.h[j].x0
	})
	var hs []hline
	for _, l := range r.h {
		if k := len(hs) - 1; k >= 0 && math.Abs(hs[k].y-l.y) <= 1 && l.x0 <= hs[k].x1+2 {
			hs[k].x1 = math.Max(hs[k].x1, l.x1)
			continue
		}
		hs = append(hs, l)
	}
	r.h = hs
	sort.Slice(r.v, func(i, j int) bool {
		if math.Abs(r.v[i].x-r.v[j].x) > 1 {
			return r.v[i].x < r.v[j].x
		}
		return r.v[i].y0 < r.v[j].y0
	})
	var vs []vline
	for _, l := range r.v {
		if k := len(vs) - 1; k >= 0 && math.Abs(vs[k].x-l.x) <= 1 && l.y0 <= vs[k].y1+2 {
			vs[k].y1 = math.Max(vs[k].y1, l.y1)
			continue
		}
		vs = append(vs, l)
	}
	r.v = vs
}
