package pdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"

	lpdf "github.com/ledongthuc/pdf"
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

// cmapBigInt matches an integer token of six digits or more. In a CMap
// integers are only block counts and small settings; codes are hex.
var cmapBigInt = regexp.MustCompile(`(?:^|[\s\[\]{}])[0-9]{6,}`)

// cmapSafe reports whether a CMap is at most maxPDFCMapBytes, ends with
// no open hex string, and holds no integer of six digits or more. (The
// library appends one entry per count that opens a block, whether or not
// the entries are there, so a count of 10¹² would allocate until the
// process dies; the PDF specification allows 100 entries a block. A
// count can reach the block through a name defined earlier, so every
// integer is checked.)
func cmapSafe(s lpdf.Value) bool {
	rc := s.Reader()
	defer rc.Close()
	data, _ := io.ReadAll(io.LimitReader(rc, maxPDFCMapBytes+1))
	if len(data) > maxPDFCMapBytes {
		return false
	}
	var g hexGuard
	g.Write(data)
	if g.open() {
		return false
	}
	if cmapBigInt.Match(data) {
		return false
	}
	return true
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
