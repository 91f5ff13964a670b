package docx

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
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
	if trimSpace(s) != "" {
		if w.run.bold() {
			p.bold = true
		} else {
			p.plain = true
		}
	}
	if !p.plain && symbolFont == "" && (w.run.bold() || trimSpace(s) == "") {
		p.boldPrefix.WriteString(s)
	}
	start := 0
	for i, r := range s {
		checked, ok := boxRune(r, symbolFont)
		if !ok {
			continue
		}
		if symbolFont == "" {
			p.addText(s[start:i])
		}
		p.flush()
		p.segs = append(p.segs, seg{kind: segBox, checked: checked})
		start = i + len(string(r))
	}
	if symbolFont == "" { // Wingdings letters are pictures, not text
		p.addText(s[start:])
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
	if checked, ok := boxRune(code, symbolFontName(font)); ok {
		p.flush()
		p.segs = append(p.segs, seg{kind: segBox, checked: checked})
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
