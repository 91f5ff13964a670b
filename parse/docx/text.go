package docx

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/kscmp/intake/parse/layout"
)

// readText reads the character data of a w:t or w:instrText element.
func (w *docWalker) readText(t xml.StartElement) (string, error) {
	var b strings.Builder
	for {
		tok, err := w.d.Token()
		if err != nil {
			return "", fmt.Errorf("reading %s: %w", t.Name.Local, err)
		}
		switch x := tok.(type) {
		case xml.CharData:
			if b.Len()+len(x) > maxDocxText {
				return "", errDocxTooBig
			}
			b.Write(x)
		case xml.StartElement:
			if err := w.d.Skip(); err != nil {
				return "", err
			}
		case xml.EndElement:
			return b.String(), nil
		}
	}
}

// text adds printed text to the open paragraph, turning box glyphs and
// symbol-font boxes into boxes.
func (w *docWalker) text(s string) {
	p := w.para()
	if p == nil || s == "" || w.run.hidden() {
		return
	}
	if w.textBytes += len(s); w.textBytes > maxDocxText {
		return // walkDocument reports it
	}
	if n := len(w.fields); n > 0 && !w.fields[n-1].inResult {
		return // a field's code, not its result
	}
	symbolFont := w.run.symbolFont()
	if layout.TrimSpace(s) != "" {
		if w.run.bold() {
			p.Bold = true
		} else {
			p.Plain = true
		}
	}
	if !p.Plain && symbolFont == "" && (w.run.bold() || layout.TrimSpace(s) == "") {
		p.BoldPrefix.WriteString(s)
	}
	start := 0
	for i, r := range s {
		checked, ok := layout.BoxRune(r, symbolFont)
		if !ok {
			continue
		}
		if symbolFont == "" {
			p.AddText(s[start:i])
		}
		p.Flush()
		p.Segs = append(p.Segs, layout.Seg{Kind: layout.SegBox, Checked: checked})
		start = i + len(string(r))
	}
	if symbolFont == "" { // Wingdings letters are pictures, not text
		p.AddText(s[start:])
	}
}

// symbol adds a w:sym character.
func (w *docWalker) symbol(font, char string) {
	p := w.para()
	if p == nil {
		return
	}
	code, ok := parseHexRune(char)
	if !ok {
		return
	}
	if checked, ok := layout.BoxRune(code, layout.SymbolFont(font)); ok {
		p.Flush()
		p.Segs = append(p.Segs, layout.Seg{Kind: layout.SegBox, Checked: checked})
	}
}

// deadlineReader fails once the deadline has passed or its context has
// ended.
type deadlineReader struct {
	ctx      context.Context
	r        io.Reader
	deadline time.Time
	now      func() time.Time
}

func (r *deadlineReader) Read(p []byte) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, err
	}
	if r.now().After(r.deadline) {
		return 0, errDocxTooSlow
	}
	return r.r.Read(p)
}

// parseHexRune parses a w:sym character code such as "F0FE".
func parseHexRune(s string) (rune, bool) {
	n, err := strconv.ParseUint(s, 16, 32)
	if err != nil || n == 0 || n > 0x10FFFF {
		return 0, false
	}
	return rune(n), true
}
