package docx

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/kscmp/intake/parse/form"
)

// maxZipEntries bounds the entries of a .docx: a form has a few dozen, and
// the zip reader spends memory on every one before anything else is
// checked.
const maxZipEntries = 5000

// errBomb says a part decompressed beyond the limits.
var errBomb = errors.New("decompressed beyond the limits")

// oleMagic opens an OLE compound file: an old .doc, or a password-protected
// .docx (which Office wraps in one).
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// isOLE reports an OLE compound file.
func isOLE(b []byte) bool { return bytes.HasPrefix(b, oleMagic) }

// isEncryptedOOXML reports an OLE file holding an encrypted Office Open XML
// package: its directory names the streams EncryptionInfo and
// EncryptedPackage (in UTF-16).
func isEncryptedOOXML(b []byte) bool {
	return bytes.Contains(b, utf16le("EncryptedPackage")) && bytes.Contains(b, utf16le("EncryptionInfo"))
}

func utf16le(s string) []byte {
	out := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		out = append(out, s[i], 0)
	}
	return out
}

// checkZipEntryCount reads the entry count from the end of central
// directory record before the zip reader allocates for every entry.
func checkZipEntryCount(b []byte) error {
	start := max(len(b)-(22+65535), 0)
	i := bytes.LastIndex(b[start:], []byte("PK\x05\x06"))
	if i < 0 {
		return nil // not a zip: the zip reader says so
	}
	eocd := start + i
	if eocd+22 > len(b) {
		return nil
	}
	count := uint64(binary.LittleEndian.Uint16(b[eocd+10:]))
	if count == 0xFFFF && eocd >= 20 && bytes.HasPrefix(b[eocd-20:], []byte("PK\x06\x07")) {
		off := binary.LittleEndian.Uint64(b[eocd-20+8:])
		if off < uint64(len(b)) && off+40 <= uint64(len(b)) && bytes.HasPrefix(b[off:], []byte("PK\x06\x06")) {
			count = binary.LittleEndian.Uint64(b[off+32:])
		}
	}
	if count > maxZipEntries {
		return unreadable(reasonBomb, fmt.Errorf("%d zip entries", count))
	}
	return nil
}

// openBounded opens one zip entry, refusing it or stopping it as soon as it
// decompresses beyond form.Limits.MaxDocxUncompressed or
// form.Limits.MaxDecompressedRatio.
func openBounded(f *zip.File, lim form.Limits, budget *int64) (io.ReadCloser, error) {
	if lim.MaxDocxUncompressed > 0 && f.UncompressedSize64 > uint64(lim.MaxDocxUncompressed) {
		return nil, unreadable(reasonBomb, fmt.Errorf("entry of %d bytes", f.UncompressedSize64))
	}
	if tooCompressed(f.UncompressedSize64, f.CompressedSize64, lim) {
		return nil, unreadable(reasonBomb, fmt.Errorf("entry of %d bytes compressed to %d", f.UncompressedSize64, f.CompressedSize64))
	}
	rc, err := f.Open()
	if err != nil {
		return nil, unreadable(reasonNotZip, err)
	}
	return &boundedReader{rc: rc, f: f, lim: lim, budget: budget}, nil
}

// tooCompressed reports a ratio of decompressed to compressed size above
// the limit, for parts big enough to matter.
func tooCompressed(n, compressed uint64, lim form.Limits) bool {
	if lim.MaxDecompressedRatio <= 0 || n < minBombSize {
		return false
	}
	return compressed == 0 || n/compressed > uint64(lim.MaxDecompressedRatio)
}

// boundedReader counts what an entry really decompresses to, whatever its
// header claims. (The zip reader itself stops an entry at its declared
// size.)
type boundedReader struct {
	rc     io.ReadCloser
	f      *zip.File
	lim    form.Limits
	n      uint64
	budget *int64 // bytes all parts read may still decompress to
}

func (r *boundedReader) Read(p []byte) (int, error) {
	n, err := r.rc.Read(p)
	r.n += uint64(n)
	*r.budget -= int64(n)
	if r.lim.MaxDocxUncompressed > 0 && *r.budget < 0 || tooCompressed(r.n, r.f.CompressedSize64, r.lim) {
		return n, unreadable(reasonBomb, errBomb)
	}
	return n, err
}

func (r *boundedReader) Close() error { return r.rc.Close() }

// officeDocumentTarget finds the main part in the package relationships.
func officeDocumentTarget(r io.Reader) string {
	d := xml.NewDecoder(r)
	for {
		tok, err := d.Token()
		if err != nil {
			return ""
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "Relationship" {
			continue
		}
		var typ, target string
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "Type":
				typ = a.Value
			case "Target":
				target = a.Value
			}
		}
		if strings.HasSuffix(typ, "/officeDocument") {
			return target
		}
	}
}
