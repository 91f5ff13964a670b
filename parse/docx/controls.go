package docx

import (
	"encoding/xml"
	"strconv"
	"strings"

	"github.com/kscmp/intake/parse/layout"
)

// valAttr is an element whose w:val attribute matters.
type valAttr struct {
	Val string `xml:"val,attr"`
}

// on reads an OOXML on/off property: present without a value means on.
func (v *valAttr) on() bool {
	if v == nil {
		return false
	}
	switch strings.ToLower(v.Val) {
	case "0", "false", "off":
		return false
	}
	return true
}

// runPr is what the walker needs of a run's w:rPr.
type runPr struct {
	B      *valAttr `xml:"b"`
	Vanish *valAttr `xml:"vanish"`
	Fonts  *struct {
		ASCII string `xml:"ascii,attr"`
		HAnsi string `xml:"hAnsi,attr"`
	} `xml:"rFonts"`
}

func (r *runPr) bold() bool   { return r.B.on() }
func (r *runPr) hidden() bool { return r.Vanish.on() }

// symbolFont names the run's symbol font, "" for an ordinary font.
func (r *runPr) symbolFont() string {
	if r.Fonts == nil {
		return ""
	}
	if f := layout.SymbolFont(r.Fonts.ASCII); f != "" {
		return f
	}
	return layout.SymbolFont(r.Fonts.HAnsi)
}

// pPr is what the walker needs of w:pPr.
type pPr struct {
	Style valAttr `xml:"pStyle"`
}

// tcPr is what the walker needs of w:tcPr.
type tcPr struct {
	GridSpan valAttr  `xml:"gridSpan"`
	VMerge   *valAttr `xml:"vMerge"`
}

// symbol is a w:sym.
type symbol struct {
	Font string `xml:"font,attr"`
	Char string `xml:"char,attr"`
}

// sdtPr is what the walker needs of a content control's w:sdtPr.
type sdtPr struct {
	Alias       valAttr  `xml:"alias"`
	Tag         valAttr  `xml:"tag"`
	Placeholder *valAttr `xml:"showingPlcHdr"`
	Date        *struct {
		FullDate string `xml:"fullDate,attr"`
	} `xml:"date"`
	Checkbox *struct {
		Checked *valAttr `xml:"checked"`
	} `xml:"checkbox"`
}

// labels are a content control's alias and tag.
func (pr *sdtPr) labels() []string {
	return layout.AppendLabels(nil, pr.Alias.Val, pr.Tag.Val)
}

// fldChar is a w:fldChar, with a legacy form field's data on its begin.
type fldChar struct {
	Type   string  `xml:"fldCharType,attr"`
	FFData *ffData `xml:"ffData"`
}

// ffData is a legacy form field's w:ffData.
type ffData struct {
	Name      valAttr `xml:"name"`
	TextInput *struct {
		Default *valAttr `xml:"default"`
	} `xml:"textInput"`
	CheckBox *struct {
		Default *valAttr `xml:"default"`
		Checked *valAttr `xml:"checked"`
	} `xml:"checkBox"`
	DDList *struct {
		Result  *valAttr  `xml:"result"`
		Default *valAttr  `xml:"default"`
		Entries []valAttr `xml:"listEntry"`
	} `xml:"ddList"`
}

// sdtPr reads a content control's properties into its frame.
func (w *docWalker) sdtPr(t xml.StartElement) error {
	n := len(w.stack)
	if n == 0 || w.stack[n-1].Kind != fSdt {
		return w.d.Skip()
	}
	return w.d.DecodeElement(&w.stack[n-1].sdt.pr, &t)
}

// startSdt opens a content control, remembering where its content starts.
func (w *docWalker) startSdt() {
	top := w.top()
	sf := &sdtFrame{para: w.para(), dest: w.dests[len(w.dests)-1], structural: top == fTable || top == fRow}
	if sf.para != nil {
		sf.para.Seal()
		sf.segStart = len(sf.para.Segs)
	}
	sf.blkStart = len(*sf.dest)
	w.push(frame{Kind: fSdt, sdt: sf})
}

// endSdt collapses a content control's content into one field or box.
func (w *docWalker) endSdt(sf *sdtFrame) {
	pr := &sf.pr
	placeholder := pr.Placeholder.on()
	if placeholder {
		w.placehold++
	}
	value := func(segs []layout.Seg) string {
		switch {
		case placeholder:
			return ""
		case pr.Date != nil && isISODate(pr.Date.FullDate):
			return pr.Date.FullDate[:10]
		}
		return layout.TrimSpace(layout.RenderSegs(segs))
	}
	field := func(v string) layout.Seg {
		if pr.Checkbox != nil {
			return layout.Seg{Kind: layout.SegBox, Checked: pr.Checkbox.Checked.on(), Labels: pr.labels()}
		}
		return layout.Seg{Kind: layout.SegField, Text: v, Labels: pr.labels()}
	}
	if sf.para != nil { // inline, in a paragraph
		p := w.para()
		if p != sf.para {
			return
		}
		p.Flush()
		if sf.segStart > len(p.Segs) {
			return
		}
		s := field(value(p.Segs[sf.segStart:]))
		p.Segs = append(p.Segs[:sf.segStart], s)
		return
	}
	// layout.Block level: paragraphs become one field; tables, rows and cells
	// (repeating sections) are read through.
	if sf.structural || sf.dest != w.dests[len(w.dests)-1] || sf.blkStart >= len(*sf.dest) {
		return
	}
	var lines []string
	for _, b := range (*sf.dest)[sf.blkStart:] {
		if b.P == nil {
			return
		}
		lines = append(lines, strings.TrimRightFunc(b.P.Text(), layout.IsSpace))
	}
	v := value([]layout.Seg{{Text: strings.Join(lines, "\n")}})
	p := &layout.Para{Segs: []layout.Seg{field(v)}}
	*sf.dest = append((*sf.dest)[:sf.blkStart], layout.Block{P: p})
}

// fldChar handles a legacy field's begin, separate and end.
func (w *docWalker) fldChar(fc fldChar) {
	switch fc.Type {
	case "begin":
		if p := w.para(); p != nil {
			p.Seal()
		}
		w.fields = append(w.fields, &fieldFrame{ff: fc.FFData})
	case "separate":
		if n := len(w.fields); n > 0 {
			f := w.fields[n-1]
			f.inResult = true
			if p := w.para(); p != nil {
				p.Seal()
				f.resPara, f.resStart = p, len(p.Segs)
			}
		}
	case "end":
		if n := len(w.fields); n > 0 {
			f := w.fields[n-1]
			w.fields = w.fields[:n-1]
			w.finishField(f)
		}
	}
}

// endParaFields keeps the result of a field that goes on past the end of
// its paragraph.
func (w *docWalker) endParaFields(p *layout.Para) {
	p.Flush()
	for _, f := range w.fields {
		if f.inResult && f.resPara == p && f.resStart <= len(p.Segs) {
			f.spill.WriteString(layout.RenderSegs(p.Segs[f.resStart:]))
			f.spill.WriteByte('\n')
			p.Segs = p.Segs[:f.resStart]
			f.resPara = nil
		}
	}
}

// finishField collapses a legacy form field's result into one field or box.
// Fields that are not form fields (PAGE, HYPERLINK, DATE) keep their result
// as text.
func (w *docWalker) finishField(f *fieldFrame) {
	code := strings.Fields(strings.ToUpper(f.instr.String()))
	kind := ""
	if len(code) > 0 {
		kind = code[0]
	}
	ff := f.ff
	if ff == nil && !strings.HasPrefix(kind, "FORM") {
		return
	}
	if ff == nil {
		ff = &ffData{}
	}
	p := w.para()
	if p == nil {
		return
	}
	p.Flush()
	start := len(p.Segs)
	if f.inResult {
		start = 0
		if f.resPara == p && f.resStart <= len(p.Segs) {
			start = f.resStart
		}
	}
	labels := layout.AppendLabels(nil, ff.Name.Val)
	var s layout.Seg
	switch {
	case kind == "FORMCHECKBOX" || ff.CheckBox != nil:
		checked := false
		if cb := ff.CheckBox; cb != nil {
			checked = cb.Default.on()
			if cb.Checked != nil {
				checked = cb.Checked.on()
			}
		}
		s = layout.Seg{Kind: layout.SegBox, Checked: checked, Labels: labels}
	case kind == "FORMDROPDOWN" || ff.DDList != nil:
		v := ""
		if dd := ff.DDList; dd != nil {
			i := 0
			if dd.Result != nil {
				i = atoiSmall(dd.Result.Val)
			} else if dd.Default != nil {
				i = atoiSmall(dd.Default.Val)
			}
			if i >= 0 && i < len(dd.Entries) {
				v = dd.Entries[i].Val
			}
		}
		s = layout.Seg{Kind: layout.SegField, Text: v, Labels: labels}
	default:
		v := layout.TrimSpace(f.spill.String() + layout.RenderSegs(p.Segs[start:]))
		if ti := ff.TextInput; ti != nil && ti.Default != nil && v != "" && v == layout.TrimSpace(ti.Default.Val) {
			v = "" // the form's own prompt, left unchanged
			w.defaults++
		}
		s = layout.Seg{Kind: layout.SegField, Text: v, Labels: labels}
	}
	p.Segs = append(p.Segs[:start], s)
}

// isISODate reports whether s begins with YYYY-MM-DD.
func isISODate(s string) bool {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, c := range s[:10] {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// atoiSmall parses a small non-negative number, -1 when it is not one.
func atoiSmall(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 || n > 1_000_000 {
		return -1
	}
	return n
}
