package pdf

import (
	"io"
	"strings"
	"unicode/utf16"

	"github.com/kscmp/intake/parse/form"
	lpdf "github.com/ledongthuc/pdf"
)

// Bounds on walking a form's field tree, whose Kids may loop.
const (
	maxPDFFieldDepth = 32
	maxPDFFields     = 5000
	maxPDFValueBytes = 64 << 10 // a text field's value held in a stream
)

// Field flags (PDF 32000-1 §12.7.4.2.1, Table 226).
const (
	pdfFlagRadio      = 1 << 15
	pdfFlagPushbutton = 1 << 16
)

// acroForm is what the interactive form of a PDF holds.
type acroForm struct {
	fields []form.RawField
	filled int  // fields with a value: text entered, a box ticked, an option chosen
	xfa    bool // the form carries XFA (XML form data)
}

func (f acroForm) hasValues() bool { return f.filled > 0 }

// pdfInherited holds the field attributes a field takes from its parent
// when it does not set them itself (§12.7.3.1).
type pdfInherited struct {
	ft  string
	ff  int64
	v   lpdf.Value
	opt lpdf.Value
}

// readAcroForm walks Root/AcroForm/Fields through Kids, joining /T names
// with ".". Each terminal field gives a form.RawField labelled by its tooltip
// (/TU), usually the printed question, then its full name.
func readAcroForm(acro lpdf.Value, src *pdfSource) acroForm {
	var f acroForm
	if acro.Kind() != lpdf.Dict {
		return f
	}
	f.xfa = acro.Key("XFA").Kind() != lpdf.Null
	f.walk(acro.Key("Fields"), "", pdfInherited{}, 0, src)
	return f
}

func (f *acroForm) walk(fields lpdf.Value, parent string, inh pdfInherited, depth int, src *pdfSource) {
	if depth > maxPDFFieldDepth {
		return
	}
	for i := 0; i < fields.Len(); i++ {
		if len(f.fields) >= maxPDFFields || src.done() {
			return
		}
		v := fields.Index(i)
		if v.Kind() != lpdf.Dict {
			continue
		}
		partial := pdfText(v.Key("T"))
		name := parent
		if partial != "" {
			if name != "" {
				name += "."
			}
			name += partial
		}
		in := inh
		if ft := v.Key("FT").Name(); ft != "" {
			in.ft = ft
		}
		if ff := v.Key("Ff"); ff.Kind() == lpdf.Integer {
			in.ff = ff.Int64()
		}
		if fv := v.Key("V"); fv.Kind() != lpdf.Null {
			in.v = fv
		}
		if opt := v.Key("Opt"); opt.Kind() == lpdf.Array {
			in.opt = opt
		}
		kids := v.Key("Kids")
		if pdfHasNamedKid(kids) {
			f.walk(kids, name, in, depth+1, src)
			continue
		}
		f.terminal(v, name, partial, in)
	}
}

// pdfHasNamedKid reports whether kids holds child fields rather than only the
// widget annotations (which have no /T) of one field.
func pdfHasNamedKid(kids lpdf.Value) bool {
	for i := 0; i < kids.Len(); i++ {
		if kids.Index(i).Key("T").Kind() != lpdf.Null {
			return true
		}
	}
	return false
}

// terminal adds the form.RawField of one terminal field.
func (f *acroForm) terminal(v lpdf.Value, name, partial string, in pdfInherited) {
	tooltip := pdfText(v.Key("TU"))
	labels := make([]string, 0, 2)
	if tooltip != "" {
		labels = append(labels, tooltip)
	}
	if name != "" && name != tooltip {
		labels = append(labels, name)
	}
	if len(labels) == 0 {
		return
	}
	var value string
	switch in.ft {
	case "Btn":
		if in.ff&pdfFlagPushbutton != 0 {
			return
		}
		state := in.v.Name()
		if in.v.Kind() == lpdf.Null {
			state = v.Key("AS").Name()
		}
		on := state != "" && state != "Off"
		if in.ff&pdfFlagRadio != 0 {
			if on {
				value = pdfOptionName(state, in.opt)
			}
		} else {
			caption := tooltip
			if caption == "" {
				caption = partial
			}
			if caption == "" {
				caption = name
			}
			value = "☐ " + caption
			if on {
				value = "☒ " + caption
			}
		}
		if on {
			f.filled++
		}
	case "Sig":
		return
	default: // Tx and Ch: text and choices
		value = pdfFieldValue(in.v)
		if value != "" {
			f.filled++
		}
	}
	f.fields = append(f.fields, form.RawField{Labels: labels, Value: value})
}

// pdfOptionName turns a button's state into its export name: the state
// itself, or the entry of /Opt it indexes when the field has one.
func pdfOptionName(state string, opt lpdf.Value) string {
	if opt.Kind() == lpdf.Array {
		n := 0
		for _, c := range state {
			if c < '0' || c > '9' {
				return state
			}
			n = n*10 + int(c-'0')
			if n > opt.Len() {
				return state
			}
		}
		if s := pdfText(opt.Index(n)); s != "" {
			return s
		}
	}
	return state
}

// pdfFieldValue renders a text or choice field's /V: a string, a stream
// (long text), a name, or an array of choices, one a line.
func pdfFieldValue(v lpdf.Value) string {
	switch v.Kind() {
	case lpdf.String:
		return pdfText(v)
	case lpdf.Name:
		return v.Name()
	case lpdf.Stream:
		rc := v.Reader()
		defer rc.Close()
		data, _ := io.ReadAll(io.LimitReader(rc, maxPDFValueBytes))
		return decodePDFText(string(data))
	case lpdf.Array:
		var parts []string
		for i := 0; i < v.Len() && i < 100; i++ {
			if s := pdfFieldValue(v.Index(i)); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, "\n")
	}
	return ""
}

// pdfText decodes a PDF text string (§7.9.2.2): UTF-16BE with a byte
// order mark, UTF-8 with one (PDF 2.0), or PDFDocEncoding; line breaks
// become "\n".
func pdfText(v lpdf.Value) string {
	if v.Kind() != lpdf.String {
		return ""
	}
	raw := v.RawString()
	if strings.HasPrefix(raw, "\xEF\xBB\xBF") {
		return cleanPDFText(raw[3:])
	}
	return cleanPDFText(v.Text())
}

// decodePDFText decodes text read from a stream, which has no Value to
// call Text on.
func decodePDFText(raw string) string {
	switch {
	case strings.HasPrefix(raw, "\xEF\xBB\xBF"):
		return cleanPDFText(raw[3:])
	case strings.HasPrefix(raw, "\xFE\xFF"):
		u := make([]uint16, 0, len(raw)/2)
		for i := 2; i+1 < len(raw); i += 2 {
			u = append(u, uint16(raw[i])<<8|uint16(raw[i+1]))
		}
		return cleanPDFText(string(utf16.Decode(u)))
	}
	return cleanPDFText(raw)
}

// cleanPDFText turns PDF line ends (CR, CR LF) into "\n" and trims the
// value's outer white space.
func cleanPDFText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.TrimSpace(s)
}
