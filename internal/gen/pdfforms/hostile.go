package main

import (
	"bytes"
	"fmt"
)

// The hostile fixtures: PDFs that must end as unreadable, quickly.

// imageOnly is a scanned form: one page that is a picture and no text.
func imageOnly() []byte {
	w := newWriter()
	img := w.doc.add(stream("/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8",
		bytes.Repeat([]byte{0x80}, 64)))
	c := w.doc.add(stream("", []byte("q 595 0 0 842 0 0 cm /Im1 Do Q\n")))
	n := w.doc.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 %d 0 R >> >> /Contents %d 0 R >>", w.kids, img, c))
	w.pages = append(w.pages, n)
	return w.finish("")
}

// manyPages is a text PDF of 500 pages, over the default page limit.
func manyPages() []byte {
	w := newWriter()
	for i := 1; i <= 500; i++ {
		p := &page{}
		p.text(72, 760, 11, false, fmt.Sprintf("Continuation sheet %d: see attached.", i))
		w.addPage(p, "")
	}
	return w.finish("")
}

// with a user password: its strings and streams cannot be read without it.
func encrypted() []byte {
	w := newWriter()
	p := &page{}
	p.text(72, 760, 11, false, "Child's name: Jay Example")
	w.addPage(p, "")
	enc := w.doc.add("<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 " +
		"/O <" + hex32(0x5a) + "> /U <" + hex32(0xa5) + "> >>")
	w.doc.trailer = fmt.Sprintf(" /Encrypt %d 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]", enc)
	return w.finish("")
}

// hex32 is 32 bytes of b in hex.
func hex32(b byte) string {
	return fmt.Sprintf("%X", bytes.Repeat([]byte{b}, 32))
}

// truncated is the fillable referral cut short, as a failed upload leaves it.
func truncated() []byte {
	b := fillableReferral()
	return b[:len(b)*3/5]
}

// pointing a few bytes off.
func badXref() []byte {
	b := fillableReferral()
	i := bytes.LastIndex(b, []byte("\nxref\n")) + 1
	tab := b[i:]
	out := append([]byte{}, b[:i]...)
	for _, line := range bytes.SplitAfter(tab, []byte("\n")) {
		if len(line) == 20 && bytes.HasSuffix(line, []byte(" n\r\n")) {
			var off int
			fmt.Sscanf(string(line[:10]), "%d", &off)
			line = []byte(fmt.Sprintf("%010d 00000 n\r\n", off+7))
		}
		out = append(out, line...)
	}
	return out
}

// hugeXref declares a cross-reference subsection of a billion objects in
// a file of a few kilobytes.
func hugeXref() []byte {
	b := fillableReferral()
	i := bytes.LastIndex(b, []byte("xref\n0 "))
	out := append([]byte{}, b[:i]...)
	out = append(out, []byte("xref\n0 1\n0000000000 65535 f\r\n999999990 1\n0000000017 00000 n\r\ntrailer\n<< /Size 1000000000 /Root 1 0 R >>\nstartxref\n")...)
	out = append(out, []byte(fmt.Sprintf("%d\n%%%%EOF\n", i))...)
	return out
}

// prevLoop is the fillable referral whose trailer names its own
// cross-reference table as the previous one, so that a reader following
// /Prev goes round for ever: the test of the time limit.
func prevLoop() []byte {
	b := fillableReferral()
	i := bytes.LastIndex(b, []byte("\nxref\n")) + 1
	return bytes.Replace(b, []byte("trailer\n<< "), []byte(fmt.Sprintf("trailer\n<< /Prev %d ", i)), 1)
}

// openHex is a page whose content stream ends inside a hex string: the
// PDF library's lexer would spin on it for ever, so parse must refuse the
// page before the library reads it.
func openHex() []byte {
	w := newWriter()
	p := &page{}
	p.text(72, 760, 11, false, "Child's name: Jay Example")
	p.ops.WriteString("BT /F1 11 Tf 72 740 Td <4A6179")
	w.addPage(p, "")
	return w.finish("")
}

// xobjectLoop is a page whose form XObject draws itself twice: without a
// bound on depth, reading it would never end.
func xobjectLoop() []byte {
	w := newWriter()
	f1 := w.doc.add(fontDict("Helvetica"))
	fm := w.doc.reserve()
	w.doc.set(fm, stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> /XObject << /Fm0 %d 0 R >> >>", f1, fm),
		[]byte("BT /F1 10 Tf 72 700 Td (Child's name: Jay Example) Tj ET q 1 0 0 1 0 -20 cm /Fm0 Do Q q 1 0 0 1 0 -20 cm /Fm0 Do Q\n")))
	c := w.doc.add(stream("", []byte("/Fm0 Do\n")))
	n := w.doc.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Fm0 %d 0 R >> >> /Contents %d 0 R >>", w.kids, fm, c))
	w.pages = append(w.pages, n)
	return w.finish("")
}
