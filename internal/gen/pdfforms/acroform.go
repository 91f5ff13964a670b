package main

import (
	"fmt"
	"strings"
)

// Field flags (PDF 32000-1 Table 226, 228).
const (
	flagMultiline  = 1 << 12
	flagRadio      = 1 << 15
	flagPushbutton = 1 << 16
	flagNoToggle   = 1 << 14
)

// field is one AcroForm field. A field with kids is a parent whose
// children are fields; a radio group's options are widgets (no /T).
type field struct {
	name    string // partial name, /T
	tooltip string // /TU
	ft      string // Tx, Btn, Ch; empty inherits
	value   string // /V as PDF source, e.g. "(text)" or "/Died"; empty for none
	flags   int
	opt     string   // /Opt as PDF source
	kids    []*field // child fields
	options []string // a radio group's export names, one widget each
}

// forms lays fields out as widgets on one page and returns the /Annots
// entry for the page and the /AcroForm entry for the catalog.
type forms struct {
	w       *writer
	annots  []string
	y       float64
	topRefs []string
}

// add writes f (and its kids) with parent as /Parent (0 for none) and
// returns its object number.
func (fs *forms) add(f *field, parent int) int {
	n := fs.w.doc.reserve()
	var d strings.Builder
	d.WriteString("<<")
	if f.name != "" {
		fmt.Fprintf(&d, " /T %s", pdfString(f.name))
	}
	if f.tooltip != "" {
		fmt.Fprintf(&d, " /TU %s", pdfString(f.tooltip))
	}
	if f.ft != "" {
		fmt.Fprintf(&d, " /FT /%s", f.ft)
	}
	if f.flags != 0 {
		fmt.Fprintf(&d, " /Ff %d", f.flags)
	}
	if f.value != "" {
		fmt.Fprintf(&d, " /V %s", f.value)
	}
	if f.opt != "" {
		fmt.Fprintf(&d, " /Opt %s", f.opt)
	}
	if parent != 0 {
		fmt.Fprintf(&d, " /Parent %d 0 R", parent)
	}
	switch {
	case len(f.kids) > 0:
		refs := make([]string, len(f.kids))
		for i, k := range f.kids {
			refs[i] = fmt.Sprintf("%d 0 R", fs.add(k, n))
		}
		fmt.Fprintf(&d, " /Kids [%s]", strings.Join(refs, " "))
	case len(f.options) > 0:
		var refs []string
		for i, o := range f.options {
			state := "/Off"
			if "/"+o == f.value {
				state = "/" + o
			}
			x := 300 + float64(i)*120
			wd := fs.w.doc.add(fmt.Sprintf("<< /Type /Annot /Subtype /Widget /Parent %d 0 R /Rect [%g %g %g %g] /AS %s /MK << /CA (l) >> >>",
				n, x, fs.y, x+12, fs.y+12, state))
			refs = append(refs, fmt.Sprintf("%d 0 R", wd))
			fs.annots = append(fs.annots, fmt.Sprintf("%d 0 R", wd))
		}
		fmt.Fprintf(&d, " /Kids [%s]", strings.Join(refs, " "))
		fs.y -= 24
	default:
		// A terminal field merged with its one widget.
		fmt.Fprintf(&d, " /Type /Annot /Subtype /Widget /Rect [300 %g 540 %g] /DA (/Helv 10 Tf 0 g)", fs.y, fs.y+16)
		if strings.HasPrefix(f.value, "/") {
			fmt.Fprintf(&d, " /AS %s", f.value)
		}
		fs.annots = append(fs.annots, fmt.Sprintf("%d 0 R", n))
		fs.y -= 24
	}
	d.WriteString(" >>")
	fs.w.doc.set(n, d.String())
	if parent == 0 {
		fs.topRefs = append(fs.topRefs, fmt.Sprintf("%d 0 R", n))
	}
	return n
}

// fillable writes a one-page fillable form: the printed labels on the
// page, the fields as widgets beside them. extraAcro adds entries to the
// AcroForm dictionary (such as /XFA).
func fillable(title string, labels []string, fields []*field, extraAcro string) []byte {
	w := newWriter()
	fs := &forms{w: w, y: 700}
	p := &page{}
	p.text(72, 780, 14, true, "Kestmoor Safeguarding Children Multi-agency Partnership")
	p.text(72, 760, 12, true, title)
	y := 704.0
	for _, l := range labels {
		p.text(72, y, 10, false, l)
		y -= 24
	}
	for _, f := range fields {
		fs.add(f, 0)
	}
	w.addPage(p, fmt.Sprintf(" /Annots [%s]", strings.Join(fs.annots, " ")))
	acro := fmt.Sprintf(" /AcroForm << /Fields [%s] /NeedAppearances true /DA (/Helv 0 Tf 0 g)%s >>",
		strings.Join(fs.topRefs, " "), extraAcro)
	return w.finish(acro)
}
