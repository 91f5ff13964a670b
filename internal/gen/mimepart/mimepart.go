// Package mimepart builds the MIME entities of the invented emails the
// test-data generators write: a header block kept in order (so a test
// can say exactly what a mail client sent) and a body already encoded for
// the wire.
package mimepart

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// Part is one MIME entity.
type Part struct {
	Header [][2]string
	Body   string
}

// String is the entity as it goes on the wire: header lines, a blank
// line, the body.
func (p Part) String() string {
	var b strings.Builder
	for _, h := range p.Header {
		fmt.Fprintf(&b, "%s: %s\r\n", h[0], h[1])
	}
	b.WriteString("\r\n")
	b.WriteString(p.Body)
	return b.String()
}

// Base64 encodes data in lines of 76 characters, each ending CRLF.
func Base64(data []byte) string {
	s := base64.StdEncoding.EncodeToString(data)
	var b strings.Builder
	for len(s) > 76 {
		b.WriteString(s[:76] + "\r\n")
		s = s[76:]
	}
	b.WriteString(s + "\r\n")
	return b.String()
}

// CRLF makes every line end CRLF, as on the wire.
func CRLF(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\n", "\r\n")
}
