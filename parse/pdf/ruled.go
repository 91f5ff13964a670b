package pdf

import (
	"math"
	"sort"
)

// A ruled table: the grid its lines draw, and its cells (grid cells
// merged where a line between them is missing, as Word merges cells).

// ruledTable is one table found from ruled lines.
type ruledTable struct {
	lineGap float64   // see paragraphLineGap
	xs      []float64 // column boundaries, left to right
	ys      []float64 // row boundaries, top to bottom (y falls)
	groups  []*cellGroup
	at      [][]*cellGroup // [row][column]
}

// cellGroup is one cell of the table: the grid cells it covers and the
// glyphs inside it.
type cellGroup struct {
	r0, r1, c0, c1 int
	glyphs         []glyph
	lines          []*gLine // the glyphs as lines, once placed
}

// top and so on are the table's edges.
func (t *ruledTable) top() float64    { return t.ys[0] }
func (t *ruledTable) bottom() float64 { return t.ys[len(t.ys)-1] }
func (t *ruledTable) left() float64   { return t.xs[0] }
func (t *ruledTable) right() float64  { return t.xs[len(t.xs)-1] }

// contains reports whether a point is inside the table.
func (t *ruledTable) contains(x, y float64) bool {
	return x > t.left() && x < t.right() && y < t.top() && y > t.bottom()
}

// placeRun puts a run of glyphs into the cell its first glyph sits in;
// false if that is not in the table.
func (t *ruledTable) placeRun(gs []glyph) bool {
	g := gs[0]
	x, y := g.x+g.w/2, g.y+g.size*0.3
	if !t.contains(x, y) {
		return false
	}
	ci := sort.SearchFloat64s(t.xs, x) - 1
	ri := sort.Search(len(t.ys), func(i int) bool { return t.ys[i] < y }) - 1
	if ri < 0 || ci < 0 || ri >= len(t.at) || ci >= len(t.at[ri]) {
		return false
	}
	c := t.at[ri][ci]
	c.glyphs = append(c.glyphs, gs...)
	return true
}

// findTables finds the tables the ruled lines of a page draw: sets of
// horizontal and vertical lines that cross or meet, with at least two of
// each.
func findTables(r *rulings) []*ruledTable {
	nh, nv := len(r.h), len(r.v)
	if nh < 2 || nv < 2 || nh+nv > maxTableLines {
		return nil
	}
	sets := newUnionFind(nh + nv)
	const tol = 2.0
	for i, h := range r.h {
		for j, v := range r.v {
			if v.x >= h.x0-tol && v.x <= h.x1+tol && h.y >= v.y0-tol && h.y <= v.y1+tol {
				sets.union(i, nh+j)
			}
		}
	}
	comps := map[int]*rulings{}
	var order []int
	for i := range r.h {
		k := sets.find(i)
		if comps[k] == nil {
			comps[k] = &rulings{}
			order = append(order, k)
		}
		comps[k].h = append(comps[k].h, r.h[i])
	}
	for j := range r.v {
		k := sets.find(nh + j)
		if comps[k] == nil {
			comps[k] = &rulings{}
			order = append(order, k)
		}
		comps[k].v = append(comps[k].v, r.v[j])
	}
	var out []*ruledTable
	for _, k := range order {
		if t := gridOf(comps[k]); t != nil {
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].top() > out[j].top() })
	return out
}

// gridOf builds the grid of one set of crossing lines and merges the grid
// cells no line divides.
func gridOf(r *rulings) *ruledTable {
	if len(r.h) < 2 || len(r.v) < 2 {
		return nil
	}
	t := &ruledTable{}
	for _, v := range r.v {
		t.xs = appendDistinct(t.xs, v.x)
	}
	for _, h := range r.h {
		t.ys = appendDistinct(t.ys, h.y)
	}
	sort.Float64s(t.xs)
	sort.Sort(sort.Reverse(sort.Float64Slice(t.ys)))
	rows, cols := len(t.ys)-1, len(t.xs)-1
	if rows < 1 || cols < 1 || rows*cols > 20000 {
		return nil
	}
	vAt := func(x, y float64) bool {
		for _, v := range r.v {
			if math.Abs(v.x-x) <= 1.5 && y >= v.y0-1 && y <= v.y1+1 {
				return true
			}
		}
		return false
	}
	hAt := func(y, x float64) bool {
		for _, h := range r.h {
			if math.Abs(h.y-y) <= 1.5 && x >= h.x0-1 && x <= h.x1+1 {
				return true
			}
		}
		return false
	}
	// Cells not parted by a ruling are one merged cell.
	cells := newUnionFind(rows * cols)
	for ri := 0; ri < rows; ri++ {
		ymid := (t.ys[ri] + t.ys[ri+1]) / 2
		for ci := 0; ci < cols; ci++ {
			xmid := (t.xs[ci] + t.xs[ci+1]) / 2
			if ci+1 < cols && !vAt(t.xs[ci+1], ymid) {
				cells.union(ri*cols+ci, ri*cols+ci+1)
			}
			if ri+1 < rows && !hAt(t.ys[ri+1], xmid) {
				cells.union(ri*cols+ci, (ri+1)*cols+ci)
			}
		}
	}
	groups := map[int]*cellGroup{}
	t.at = make([][]*cellGroup, rows)
	for ri := 0; ri < rows; ri++ {
		t.at[ri] = make([]*cellGroup, cols)
		for ci := 0; ci < cols; ci++ {
			k := cells.find(ri*cols + ci)
			g := groups[k]
			if g == nil {
				g = &cellGroup{r0: ri, r1: ri, c0: ci, c1: ci}
				groups[k] = g
				t.groups = append(t.groups, g)
			}
			g.r0, g.r1 = min(g.r0, ri), max(g.r1, ri)
			g.c0, g.c1 = min(g.c0, ci), max(g.c1, ci)
			t.at[ri][ci] = g
		}
	}
	return t
}

// appendDistinct adds x unless a value within 1.5 of it is there.
func appendDistinct(xs []float64, x float64) []float64 {
	for _, have := range xs {
		if math.Abs(have-x) <= 1.5 {
			return xs
		}
	}
	return append(xs, x)
}

// unionFind groups the numbers 0..n-1 into sets (rulings that touch,
// grid cells that no ruling parts).
type unionFind []int

func newUnionFind(n int) unionFind {
	u := make(unionFind, n)
	for i := range u {
		u[i] = i
	}
	return u
}

// find returns the representative of i's set.
func (u unionFind) find(i int) int {
	for u[i] != i {
		u[i] = u[u[i]]
		i = u[i]
	}
	return i
}

// union puts a and b in one set.
func (u unionFind) union(a, b int) {
	if a, b = u.find(a), u.find(b); a != b {
		u[b] = a
	}
}
