package tnef

import (
	"encoding/binary"
	"errors"
	"unicode/utf16"
	"unicode/utf8"
)

// MAPI property types ([MS-OXCDATA] 2.11.1) that TNEF property lists carry.
const (
	ptShort    = 0x0002
	ptLong     = 0x0003
	ptFloat    = 0x0004
	ptDouble   = 0x0005
	ptCurrency = 0x0006
	ptAppTime  = 0x0007
	ptError    = 0x000A
	ptBoolean  = 0x000B
	ptObject   = 0x000D
	ptI8       = 0x0014
	ptString8  = 0x001E
	ptUnicode  = 0x001F
	ptSysTime  = 0x0040
	ptCLSID    = 0x0048
	ptBinary   = 0x0102
	ptMulti    = 0x1000
)

// MAPI property ids intake reads.
const (
	prBody             = 0x1000
	prBodyHTML         = 0x1013
	prAttachDataObj    = 0x3701
	prAttachLongName   = 0x3707
	prAttachMimeTag    = 0x370E
	prAttachLongPath   = 0x370D
	prAttachFilename   = 0x3704
	maxMAPIPropsInList = 10000
)

var errTNEFShort = errors.New("tnef: reading winmail.dat: property list cut short")

// mapiProp is one property of a TNEF property list: its id, its type,
// and its values' bytes (one for a single-valued property).
type mapiProp struct {
	id, typ uint16
	values  [][]byte
}

// readMAPIProps decodes a TNEF property list ([MS-OXTNEF] 2.1.3.4): a
// count, then for each property its type and id, a name for named
// properties (id 0x8000 and up), and its value: fixed-size types inline,
// padded to four bytes; strings, binaries and objects (and every
// multi-valued type) as a count of values, each a length and bytes
// padded to four.
func readMAPIProps(b []byte) ([]mapiProp, error) {
	r := tnefBuf{b: b}
	n, ok := r.u32()
	if !ok {
		return nil, errTNEFShort
	}
	var props []mapiProp
	for i := uint32(0); i < n && i < maxMAPIPropsInList; i++ {
		typ, ok1 := r.u16()
		id, ok2 := r.u16()
		if !ok1 || !ok2 {
			return props, errTNEFShort
		}
		if id >= 0x8000 && !r.skipName() {
			return props, errTNEFShort
		}
		p := mapiProp{id: id, typ: typ &^ ptMulti}
		base := typ &^ ptMulti
		variable := base == ptString8 || base == ptUnicode || base == ptBinary || base == ptObject
		count := uint32(1)
		if typ&ptMulti != 0 || variable {
			if count, ok = r.u32(); !ok {
				return props, errTNEFShort
			}
		}
		for j := uint32(0); j < count; j++ {
			var v []byte
			if variable {
				size, ok := r.u32()
				if !ok {
					return props, errTNEFShort
				}
				v, ok = r.take(int64(size), true)
				if !ok {
					return props, errTNEFShort
				}
			} else {
				size := fixedMAPISize(base)
				if size < 0 {
					return props, errors.New("tnef: reading winmail.dat: unknown property type")
				}
				if v, ok = r.take(int64(size), true); !ok {
					return props, errTNEFShort
				}
			}
			if j < 16 {
				p.values = append(p.values, v)
			}
		}
		props = append(props, p)
	}
	return props, nil
}

// fixedMAPISize is the size in bytes of a fixed-size property type, or -1.
func fixedMAPISize(typ uint16) int {
	switch typ {
	case ptShort, ptBoolean:
		return 2
	case ptLong, ptFloat, ptError:
		return 4
	case ptDouble, ptCurrency, ptAppTime, ptI8, ptSysTime:
		return 8
	case ptCLSID:
		return 16
	}
	return -1
}

// text decodes a string property's first value: PT_UNICODE is UTF-16LE,
// PT_STRING8 is taken as UTF-8 when valid and Latin-1 otherwise (the
// message's code page, usually windows-1252, agrees on letters).
func (p mapiProp) text() string {
	if len(p.values) == 0 {
		return ""
	}
	v := p.values[0]
	switch p.typ {
	case ptUnicode:
		u := make([]uint16, 0, len(v)/2)
		for i := 0; i+1 < len(v); i += 2 {
			u = append(u, binary.LittleEndian.Uint16(v[i:]))
		}
		for len(u) > 0 && u[len(u)-1] == 0 {
			u = u[:len(u)-1]
		}
		return string(utf16.Decode(u))
	case ptString8, ptBinary:
		return tnefLegacyText(v)
	}
	return ""
}

// tnefLegacyText decodes 8-bit text up to its first NUL.
func tnefLegacyText(v []byte) string {
	for i, c := range v {
		if c == 0 {
			v = v[:i]
			break
		}
	}
	if utf8.Valid(v) {
		return string(v)
	}
	r := make([]rune, len(v))
	for i, c := range v {
		r[i] = rune(c)
	}
	return string(r)
}

// tnefBuf reads little-endian values from a byte slice without running
// past its end.
type tnefBuf struct {
	b   []byte
	pos int
}

func (r *tnefBuf) left() int64 { return int64(len(r.b) - r.pos) }

func (r *tnefBuf) u16() (uint16, bool) {
	if r.left() < 2 {
		return 0, false
	}
	v := binary.LittleEndian.Uint16(r.b[r.pos:])
	r.pos += 2
	return v, true
}

func (r *tnefBuf) u32() (uint32, bool) {
	if r.left() < 4 {
		return 0, false
	}
	v := binary.LittleEndian.Uint32(r.b[r.pos:])
	r.pos += 4
	return v, true
}

// take returns the next n bytes, then skips padding to a multiple of
// four when pad is set.
func (r *tnefBuf) take(n int64, pad bool) ([]byte, bool) {
	if n < 0 || n > r.left() {
		return nil, false
	}
	v := r.b[r.pos : r.pos+int(n)]
	r.pos += int(n)
	if pad {
		r.pos += int((4 - n%4) % 4)
		if r.pos > len(r.b) {
			r.pos = len(r.b)
		}
	}
	return v, true
}

// skipName skips a named property's name: a GUID, a kind, and a number
// (kind 0) or a length-prefixed UTF-16 string (kind 1).
func (r *tnefBuf) skipName() bool {
	if _, ok := r.take(16, false); !ok {
		return false
	}
	kind, ok := r.u32()
	if !ok {
		return false
	}
	n, ok := r.u32()
	if !ok {
		return false
	}
	if kind == 1 {
		_, ok = r.take(int64(n), true)
	}
	return ok
}
