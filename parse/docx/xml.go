package docx

import (
	"context"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"time"

	"github.com/kscmp/intake/parse/layout"
)

// Bounds on one document.xml, beyond the decompressed size: a form has a
// few hundred paragraphs, not millions, and nothing nests 200 deep.
const (
	maxDocxElements = 50_000 // paragraphs, rows and cells together
	maxDocxDepth    = 200    // XML element nesting
	docxReadTimeout = 4 * time.Second
)

// maxDocxText bounds the printed text kept from one document, in bytes (a
// variable so that tests can lower it).
var maxDocxText = 16 << 20

// errDocxTooBig and friends end as UnreadableErrors in Read.
var (
	errDocxTooBig  = errors.New("too many paragraphs and table cells for a form")
	errDocxTooDeep = errors.New("elements nested too deeply")
	errDocxTooSlow = errors.New("reading took too long")
)

// frameKind says what an open XML element means to the walker.
type frameKind int

const (
	fOther frameKind = iota
	fPara
	fRun
	fTable
	fRow
	fCell
	fSdt
	fAltContent
	fIns
)

// frame is one open element.
type frame struct {
	Kind frameKind
	sdt  *sdtFrame
	// fAltContent: a branch has been read, skip the others.
	chose bool
}

// sdtFrame is an open content control.
type sdtFrame struct {
	pr       sdtPr
	para     *layout.Para    // the paragraph it opened in, nil at block level
	segStart int             // len(para.Segs) when it opened
	dest     *[]layout.Block // block level: where its paragraphs go
	blkStart int             // len(*dest) when it opened
	// structural: it wraps rows or cells (a repeating section), which are
	// read through.
	structural bool
}

// fieldFrame is an open legacy field (fldChar begin ... end).
type fieldFrame struct {
	ff       *ffData
	instr    strings.Builder
	inResult bool
	resPara  *layout.Para
	resStart int
	spill    strings.Builder // result text from paragraphs before this one
}

// docWalker streams document.xml into blocks.
type docWalker struct {
	d        *xml.Decoder
	deadline time.Time
	now      func() time.Time

	stack  []frame
	body   []layout.Block
	dests  []*[]layout.Block // where finished blocks go: the body, or a cell
	paras  []*layout.Para    // open paragraphs (a text box can open one inside another)
	tables []*layout.Table
	fields []*fieldFrame

	run       runPr
	elements  int
	textBytes int
	placehold int // content controls showing their placeholder
	defaults  int // legacy text fields showing their default text
	changes   int
}

// walkDocument reads document.xml from r.
// It gives up with errDocxTooSlow at the deadline, and with ctx's error
// when ctx ends.
func walkDocument(ctx context.Context, r io.Reader, now func() time.Time, deadline time.Time) (*docWalker, error) {
	w := &docWalker{now: now, deadline: deadline}
	// The clock is checked on every read of the decompressed stream, so
	// that the bound holds inside Skip and DecodeElement too.
	w.d = xml.NewDecoder(&deadlineReader{ctx: ctx, r: r, deadline: w.deadline, now: now})
	w.dests = []*[]layout.Block{&w.body}
	for {
		tok, err := w.d.Token()
		if err == io.EOF {
			return w, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(w.stack) >= maxDocxDepth {
				return nil, errDocxTooDeep
			}
			if err := w.start(t); err != nil {
				return nil, err
			}
			if w.textBytes > maxDocxText {
				return nil, errDocxTooBig
			}
		case xml.EndElement:
			if len(w.stack) == 0 {
				continue
			}
			f := w.stack[len(w.stack)-1]
			w.stack = w.stack[:len(w.stack)-1]
			w.end(f)
		}
	}
}

// push opens a frame for an element whose children are walked.
func (w *docWalker) push(f frame) { w.stack = append(w.stack, f) }

// count bounds the number of paragraphs, rows and cells.
func (w *docWalker) count() error {
	if w.elements++; w.elements > maxDocxElements {
		return errDocxTooBig
	}
	return nil
}

// start handles a start element: either it is consumed here (and its end
// with it) or a frame is pushed and its children are walked.
func (w *docWalker) start(t xml.StartElement) error {
	switch t.Name.Local {
	case "p":
		if err := w.count(); err != nil {
			return err
		}
		w.paras = append(w.paras, &layout.Para{})
		w.push(frame{Kind: fPara})
	case "r":
		w.run = runPr{}
		w.push(frame{Kind: fRun})
	case "rPr":
		if w.top() == fRun {
			return w.d.DecodeElement(&w.run, &t)
		}
		return w.d.Skip()
	case "pPr":
		var pp pPr
		if err := w.d.DecodeElement(&pp, &t); err != nil {
			return err
		}
		if p := w.para(); p != nil {
			s := strings.ToLower(pp.Style.Val)
			p.Heading = strings.HasPrefix(s, "heading")
			p.Title = s == "title" || s == "subtitle"
		}
	case "t":
		s, err := w.readText(t)
		if err != nil {
			return err
		}
		w.text(s)
	case "tab", "ptab":
		if w.top() == fRun {
			w.text("\t")
		}
		return w.d.Skip()
	case "br", "cr":
		if w.top() == fRun {
			w.text("\n")
		}
		return w.d.Skip()
	case "noBreakHyphen":
		w.text("-")
		return w.d.Skip()
	case "sym":
		var s symbol
		if err := w.d.DecodeElement(&s, &t); err != nil {
			return err
		}
		w.symbol(s.Font, s.Char)
	case "instrText":
		s, err := w.readText(t)
		if err != nil {
			return err
		}
		if n := len(w.fields); n > 0 && !w.fields[n-1].inResult {
			w.fields[n-1].instr.WriteString(s)
		}
	case "fldChar":
		var fc fldChar
		if err := w.d.DecodeElement(&fc, &t); err != nil {
			return err
		}
		w.fldChar(fc)
	case "del", "moveFrom", "delText", "moveFromRangeStart":
		w.changes++
		return w.d.Skip()
	case "ins", "moveTo":
		w.changes++
		w.push(frame{Kind: fIns})
	case "tbl":
		if err := w.count(); err != nil {
			return err
		}
		w.tables = append(w.tables, &layout.Table{})
		w.push(frame{Kind: fTable})
	case "tr":
		if err := w.count(); err != nil {
			return err
		}
		if tb := w.table(); tb != nil {
			tb.Rows = append(tb.Rows, &layout.Row{})
		}
		w.push(frame{Kind: fRow})
	case "tc":
		return w.startCell()
	case "tcPr":
		return w.cellPr(t)
	case "sdt":
		w.startSdt()
	case "sdtPr":
		return w.sdtPr(t)
	case "AlternateContent":
		w.push(frame{Kind: fAltContent})
	case "Choice", "Fallback":
		if n := len(w.stack); n > 0 && w.stack[n-1].Kind == fAltContent {
			if w.stack[n-1].chose {
				return w.d.Skip()
			}
			w.stack[n-1].chose = true
		}
		w.push(frame{})
	case "trPr":
		return w.rowPr(t)
	case "sdtEndPr", "tblPr", "tblGrid", "tblPrEx", "sectPr",
		"footnoteReference", "endnoteReference", "commentReference", "object":
		return w.d.Skip()
	default:
		w.push(frame{})
	}
	return nil
}

// end closes a frame.
func (w *docWalker) end(f frame) {
	switch f.Kind {
	case fPara:
		p := w.paras[len(w.paras)-1]
		w.paras = w.paras[:len(w.paras)-1]
		p.Flush()
		w.endParaFields(p)
		d := w.dests[len(w.dests)-1]
		*d = append(*d, layout.Block{P: p})
	case fRun:
		w.run = runPr{}
	case fTable:
		tb := w.tables[len(w.tables)-1]
		w.tables = w.tables[:len(w.tables)-1]
		d := w.dests[len(w.dests)-1]
		*d = append(*d, layout.Block{T: tb})
	case fCell:
		if len(w.dests) > 1 {
			w.dests = w.dests[:len(w.dests)-1]
		}
	case fSdt:
		w.endSdt(f.sdt)
	}
}

// top is the kind of the innermost open element.
func (w *docWalker) top() frameKind {
	if len(w.stack) == 0 {
		return fOther
	}
	return w.stack[len(w.stack)-1].Kind
}

// para is the innermost open paragraph.
func (w *docWalker) para() *layout.Para {
	if len(w.paras) == 0 {
		return nil
	}
	return w.paras[len(w.paras)-1]
}

// table is the innermost open table.
func (w *docWalker) table() *layout.Table {
	if len(w.tables) == 0 {
		return nil
	}
	return w.tables[len(w.tables)-1]
}

// rowPr reads w:trPr: a row deleted with tracked changes is left out.
func (w *docWalker) rowPr(t xml.StartElement) error {
	var pr struct {
		Del *struct{} `xml:"del"`
	}
	if err := w.d.DecodeElement(&pr, &t); err != nil {
		return err
	}
	if tb := w.table(); pr.Del != nil && tb != nil && len(tb.Rows) > 0 {
		tb.Rows[len(tb.Rows)-1].Deleted = true
		w.changes++
	}
	return nil
}

// startCell opens a table cell; its paragraphs go into the cell.
func (w *docWalker) startCell() error {
	if err := w.count(); err != nil {
		return err
	}
	c := &layout.Cell{Span: 1}
	if tb := w.table(); tb != nil && len(tb.Rows) > 0 {
		r := tb.Rows[len(tb.Rows)-1]
		r.Cells = append(r.Cells, c)
	}
	w.dests = append(w.dests, &c.Blocks)
	w.push(frame{Kind: fCell})
	return nil
}

// cellPr reads w:tcPr: grid span and vertical merge.
func (w *docWalker) cellPr(t xml.StartElement) error {
	var pr tcPr
	if err := w.d.DecodeElement(&pr, &t); err != nil {
		return err
	}
	tb := w.table()
	if tb == nil || len(tb.Rows) == 0 {
		return nil
	}
	r := tb.Rows[len(tb.Rows)-1]
	if len(r.Cells) == 0 {
		return nil
	}
	c := r.Cells[len(r.Cells)-1]
	if n := atoiSmall(pr.GridSpan.Val); n > 1 {
		c.Span = n
	}
	if pr.VMerge != nil {
		c.VMerge = layout.VMergeContinue
		if pr.VMerge.Val == "restart" {
			c.VMerge = layout.VMergeRestart
		}
	}
	return nil
}
