package main

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"unicode/utf16"
)

// TNEF attribute ids ([MS-OXTNEF] 2.1.3.1) and levels.
const (
	tnefSignature    = 0x223E9F78
	lvlMessage       = 1
	lvlAttachment    = 2
	attTnefVersion   = 0x00089006
	attMessageClass  = 0x00078008
	attBody          = 0x0001800C
	attAttachRend    = 0x00069002
	attAttachTitle   = 0x00018010
	attAttachData    = 0x0006800F
	attAttachment    = 0x00069005
	ptString8        = 0x001E
	ptUnicode        = 0x001F
	prAttachLongName = 0x3707
	prAttachMimeTag  = 0x370E
)

// tnefWriter writes a winmail.dat as Outlook does: a signature, a legacy
// key, then attributes, each with its checksum.
type tnefWriter struct {
	b bytes.Buffer
}

func newTNEF() *tnefWriter {
	t := &tnefWriter{}
	binary.Write(&t.b, binary.LittleEndian, uint32(tnefSignature))
	binary.Write(&t.b, binary.LittleEndian, uint16(0x0001))
	return t
}

func (t *tnefWriter) attr(level byte, id uint32, data []byte) {
	t.b.WriteByte(level)
	binary.Write(&t.b, binary.LittleEndian, id)
	binary.Write(&t.b, binary.LittleEndian, uint32(len(data)))
	t.b.Write(data)
	var sum uint16
	for _, c := range data {
		sum += uint16(c)
	}
	binary.Write(&t.b, binary.LittleEndian, sum)
}

// mapiProps encodes string properties as an attAttachment/attMsgProps
// value ([MS-OXTNEF] 2.1.3.4): a count, then each property's type and id,
// a value count of 1, the length and the bytes, padded to four.
type mapiProp struct {
	id      uint16
	unicode bool
	value   string
}

func mapiProps(props ...mapiProp) []byte {
	var b bytes.Buffer
	le := binary.LittleEndian
	binary.Write(&b, le, uint32(len(props)))
	for _, p := range props {
		var data []byte
		typ := uint16(ptString8)
		if p.unicode {
			typ = ptUnicode
			for _, u := range utf16.Encode([]rune(p.value + "\x00")) {
				data = le.AppendUint16(data, u)
			}
		} else {
			data = append([]byte(p.value), 0)
		}
		binary.Write(&b, le, typ)
		binary.Write(&b, le, p.id)
		binary.Write(&b, le, uint32(1))
		binary.Write(&b, le, uint32(len(data)))
		b.Write(data)
		for b.Len()%4 != 0 {
			b.WriteByte(0)
		}
	}
	return b.Bytes()
}

// smallDocx is a minimal .docx (a zip with one document part): any bytes
// would do for TNEF, but a real zip lets the docx reader try it.
func smallDocx() []byte {
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	w, _ := z.Create("word/document.xml")
	w.Write([]byte(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Child's name: Jay Example</w:t></w:r></w:p></w:body></w:document>`))
	z.Close()
	return b.Bytes()
}

// winmail is a winmail.dat carrying a body, a .docx named by its long
// file name (8-bit) and a text file named by a Unicode long file name.
func winmail() []byte {
	t := newTNEF()
	t.attr(lvlMessage, attTnefVersion, []byte{0, 0, 1, 0})
	t.attr(lvlMessage, attMessageClass, []byte("IPM.Microsoft Mail.Note\x00"))
	t.attr(lvlMessage, attBody, []byte("Please find our referral attached.\r\nAlex Sample\r\n"))

	t.attr(lvlAttachment, attAttachRend, make([]byte, 14))
	t.attr(lvlAttachment, attAttachTitle, []byte("REFERR~1.DOC\x00"))
	t.attr(lvlAttachment, attAttachData, smallDocx())
	t.attr(lvlAttachment, attAttachment, mapiProps(
		mapiProp{id: prAttachLongName, value: "referral form.docx"},
		mapiProp{id: prAttachMimeTag, value: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
	))

	t.attr(lvlAttachment, attAttachRend, make([]byte, 14))
	t.attr(lvlAttachment, attAttachTitle, []byte("NOTES~1.TXT\x00"))
	t.attr(lvlAttachment, attAttachData, []byte("Case notes for KSCMP-2026-0042.\r\n"))
	t.attr(lvlAttachment, attAttachment, mapiProps(
		mapiProp{id: prAttachLongName, unicode: true, value: "case notes – Kestmoor.txt"},
	))
	return t.b.Bytes()
}

// winmailTruncated is winmail.dat cut inside the .docx's data.
func winmailTruncated() []byte {
	b := winmail()
	i := bytes.Index(b, []byte("PK\x03\x04"))
	return b[:i+40]
}
