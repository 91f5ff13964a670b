package mimepart

import (
	"strings"
	"testing"
)

func TestPartString(t *testing.T) {
	p := Part{Header: [][2]string{{"Content-Type", "text/plain"}, {"X-A", "1"}}, Body: "hi\r\n"}
	if got, want := p.String(), "Content-Type: text/plain\r\nX-A: 1\r\n\r\nhi\r\n"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestBase64LinesAndCRLF(t *testing.T) {
	enc := Base64(make([]byte, 100))
	lines := strings.Split(strings.TrimSuffix(enc, "\r\n"), "\r\n")
	if len(lines) != 2 || len(lines[0]) != 76 {
		t.Errorf("Base64 of 100 bytes: lines %q", lines)
	}
	if got := CRLF("a\nb\r\nc\n"); got != "a\r\nb\r\nc\r\n" {
		t.Errorf("CRLF = %q", got)
	}
}
