package parse

import (
	"bytes"
	"compress/zlib"
	"io"

	"github.com/ledongthuc/pdf"
)

// The PDF library's lexer, reading a stream it allows to end (content
// streams, ToUnicode CMaps, object streams), spins for ever on a hex
// string "<..." left open at the stream's end: at the end every byte it
// reads is a line feed, which a hex string skips. Such a loop makes no
// more reads of the input, so abandoning the read cannot stop it. These
// guards find open hex strings before the library sees the stream.

// Bounds on what the guards decompress.
const (
	maxPDFCMapBytes   = 1 << 20
	maxPDFObjStmBytes = 32 << 20 // all object streams of a file together
)

// hexGuard follows the library's tokenizer just far enough to know
// whether the text it has been given ends inside a hex string. Write it
// the whole stream, in any number of pieces.
type hexGuard struct {
	state   byte // 0 normal, '%' comment, '(' literal string, '<' hex string
	depth   int  // literal string parentheses
	escape  bool // after a backslash in a literal string
	sawLess bool // a '<' at the end of the last piece, in normal state
}

func (g *hexGuard) Write(p []byte) (int, error) {
	for _, c := range p {
		if g.sawLess {
			g.sawLess = false
			if c == '<' {
				continue // "<<" opens a dictionary
			}
			g.state = '<'
		}
		switch g.state {
		case 0:
			switch c {
			case '%':
				g.state = '%'
			case '(':
				g.state, g.depth = '(', 1
			case '<':
				g.sawLess = true
			}
		case '%':
			if c == '\r' || c == '\n' {
				g.state = 0
			}
		case '(':
			switch {
			case g.escape:
				g.escape = false
			case c == '\\':
				g.escape = true
			case c == '(':
				g.depth++
			case c == ')':
				if g.depth--; g.depth == 0 {
					g.state = 0
				}
			}
		case '<':
			if c == '>' {
				g.state = 0
			}
		}
	}
	return len(p), nil
}

// open reports whether the text ended inside a hex string.
func (g *hexGuard) open() bool { return g.state == '<' || g.sawLess }

// pageFontsSafe reports whether every ToUnicode CMap of a page's fonts is
// no larger than maxPDFCMapBytes and ends with no open hex string.
func pageFontsSafe(p pdf.Page) bool {
	fonts := p.Resources().Key("Font")
	for i, name := range fonts.Keys() {
		if i >= 200 {
			return false
		}
		cmap := fonts.Key(name).Key("ToUnicode")
		if cmap.Kind() != pdf.Stream {
			continue
		}
		if !streamSafe(cmap, maxPDFCMapBytes) {
			return false
		}
	}
	return true
}

// streamSafe reads at most limit bytes of a stream through the library
// and reports whether it ended within the limit with no open hex string.
func streamSafe(s pdf.Value, limit int64) bool {
	rc := s.Reader()
	defer rc.Close()
	var g hexGuard
	n, _ := io.Copy(&g, io.LimitReader(rc, limit+1))
	return n <= limit && !g.open()
}

// objectStreamsSafe finds the Flate-compressed object streams of a file
// by their /ObjStm type, decompresses them (maxPDFObjStmBytes in all)
// and reports whether each ends with no open hex string. A stream that
// does not decompress cleanly is left to the library, which stops on the
// error.
func objectStreamsSafe(b []byte) bool {
	budget := int64(maxPDFObjStmBytes)
	for rest := b; ; {
		i := bytes.Index(rest, []byte("/ObjStm"))
		if i < 0 {
			return true
		}
		rest = rest[i+len("/ObjStm"):]
		j := bytes.Index(rest[:min(len(rest), 4096)], []byte("stream"))
		if j < 0 {
			continue
		}
		dict := rest[:j]
		if !bytes.Contains(dict, []byte("/FlateDecode")) {
			continue
		}
		data := rest[j+len("stream"):]
		if bytes.HasPrefix(data, []byte("\r\n")) {
			data = data[2:]
		} else if bytes.HasPrefix(data, []byte("\n")) || bytes.HasPrefix(data, []byte("\r")) {
			data = data[1:]
		}
		zr, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			continue
		}
		var g hexGuard
		n, err := io.Copy(&g, io.LimitReader(zr, budget+1))
		budget -= n
		if budget < 0 {
			return false
		}
		if err == nil && g.open() {
			return false
		}
	}
}
