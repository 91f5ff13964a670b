package pdf

import (
	"bytes"

	"github.com/kscmp/intake/parse/form"
)

// newPDFSource checks what can be checked cheaply before the PDF library
// sees the input: the %PDF- header, a final %%EOF, and cross-reference
// sizes the input's length could hold. The library allocates its
// cross-reference table from those sizes, so a lie there would allocate
// without bound.
func newPDFSource(b []byte) (*pdfSource, error) {
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		head := b[:min(len(b), 1024)]
		if bytes.Contains(head, []byte("%PDF-")) {
			// Junk before the header: the offsets cannot be trusted.
			return nil, &form.UnreadableError{Reason: reasonCorrupt}
		}
		return nil, &form.UnreadableError{Reason: reasonNotPDF}
	}
	s := &pdfSource{b: b, size: int64(len(b))}
	// The library accepts only "%PDF-1.0" to "%PDF-1.7" followed by a line
	// end; PDF 2.0 and a header followed by a comment on the same line
	// are read the same way, so present them as 1.7.
	if len(b) < 9 {
		return nil, &form.UnreadableError{Reason: reasonCorrupt}
	}
	if b[5] < '1' || b[5] > '2' || b[6] != '.' || b[7] < '0' || b[7] > '9' {
		return nil, &form.UnreadableError{Reason: reasonCorrupt}
	}
	if !(b[5] == '1' && b[7] <= '7' && (b[8] == '\n' || b[8] == '\r')) {
		s.header = []byte("%PDF-1.7\n")
	}
	// Anything after the last %%EOF (mail gateways add some) is not part
	// of the PDF; a PDF with no %%EOF near its end has been cut short.
	tail := max(0, len(b)-4096)
	i := bytes.LastIndex(b[tail:], []byte("%%EOF"))
	if i < 0 {
		return nil, &form.UnreadableError{Reason: reasonCorrupt}
	}
	s.size = int64(tail + i + len("%%EOF"))
	if !xrefSizesFit(b[:s.size]) || !objectStreamsSafe(b[:s.size]) {
		return nil, &form.UnreadableError{Reason: reasonCorrupt}
	}
	return s, nil
}

// xrefSizesFit reports whether every object count the input declares
// (/Size and /Index of cross-reference streams, /N of object streams, the
// subsection headers of cross-reference tables) fits in an input of its
// length, allowing one object per 16 bytes.
func xrefSizesFit(b []byte) bool {
	maxObj := int64(len(b)/16 + 1024)
	for _, key := range []string{"/Size", "/N"} {
		for rest := b; ; {
			i := bytes.Index(rest, []byte(key))
			if i < 0 {
				break
			}
			rest = rest[i+len(key):]
			if len(rest) > 0 && isPDFRegular(rest[0]) {
				continue // a longer name, such as /Names
			}
			if n, ok := pdfInt(skipPDFSpace(rest)); ok && n > maxObj {
				return false
			}
		}
	}
	for rest := b; ; {
		i := bytes.Index(rest, []byte("/Index"))
		if i < 0 {
			break
		}
		rest = skipPDFSpace(rest[i+len("/Index"):])
		if len(rest) == 0 || rest[0] != '[' {
			continue
		}
		for r := rest[1:]; ; {
			r = skipPDFSpace(r)
			start, ok1 := pdfInt(r)
			r = skipPDFSpace(skipPDFToken(r))
			n, ok2 := pdfInt(r)
			r = skipPDFToken(r)
			if !ok1 || !ok2 {
				break
			}
			if start < 0 || n < 0 || start+n > maxObj {
				return false
			}
		}
	}
	for rest := b; ; {
		i := bytes.Index(rest, []byte("xref"))
		if i < 0 {
			break
		}
		after := rest[i+len("xref"):]
		isTable := (i == 0 || !isPDFRegular(rest[i-1])) && (len(after) == 0 || !isPDFRegular(after[0]))
		rest = after
		if !isTable {
			continue // startxref, or a word containing xref
		}
		if !xrefTableFits(after, maxObj) {
			return false
		}
	}
	return true
}

// xrefTableFits walks the subsections of a cross-reference table, after
// its "xref" keyword, and reports whether each fits below maxObj.
func xrefTableFits(b []byte, maxObj int64) bool {
	for {
		b = skipPDFSpace(b)
		start, ok1 := pdfInt(b)
		b = skipPDFSpace(skipPDFToken(b))
		n, ok2 := pdfInt(b)
		b = skipPDFToken(b)
		if !ok1 || !ok2 {
			return true // "trailer", or a damaged table the library will refuse
		}
		if start < 0 || n < 0 || start+n > maxObj {
			return false
		}
		// Each entry is three tokens: offset, generation, f or n.
		for j := int64(0); j < 3*n && len(b) > 0; j++ {
			b = skipPDFToken(skipPDFSpace(b))
		}
	}
}

// isPDFRegular reports whether c is a regular character: neither white
// space nor a delimiter (PDF 32000-1 §7.2.2).
func isPDFRegular(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ', '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return false
	}
	return true
}

func skipPDFSpace(b []byte) []byte {
	for len(b) > 0 {
		switch b[0] {
		case 0, '\t', '\n', '\f', '\r', ' ':
			b = b[1:]
		default:
			return b
		}
	}
	return b
}

// skipPDFToken skips one run of regular characters.
func skipPDFToken(b []byte) []byte {
	for len(b) > 0 && isPDFRegular(b[0]) {
		b = b[1:]
	}
	return b
}

// pdfInt reads the non-negative integer at the start of b, if any.
// Integers too long to be sizes count as huge.
func pdfInt(b []byte) (int64, bool) {
	var n int64
	digits := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			break
		}
		digits++
		if digits > 15 {
			return 1 << 62, true
		}
		n = n*10 + int64(c-'0')
	}
	if digits == 0 {
		return 0, false
	}
	return n, true
}
