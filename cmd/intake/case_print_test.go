package main

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestClipField: a long field is cut to 87 bytes and "...", never in the
// middle of a character; a short one is left alone.
func TestClipField(t *testing.T) {
	ascii := strings.Repeat("abcdefghij", 10)
	accent := strings.Repeat("a", 86) + "é" + strings.Repeat("b", 10) // é is bytes 86 and 87
	for _, tc := range []struct{ in, want string }{
		{"short", "short"},
		{strings.Repeat("x", 90), strings.Repeat("x", 90)},
		{ascii, ascii[:87] + "..."},
		{accent, strings.Repeat("a", 86) + "..."},
		{strings.Repeat("a", 87) + "é" + strings.Repeat("b", 10), strings.Repeat("a", 87) + "..."},
		{strings.Repeat("€", 40), strings.Repeat("€", 29) + "..."},
	} {
		got := clipField(tc.in)
		if got != tc.want || !utf8.ValidString(got) {
			t.Errorf("clipField(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
