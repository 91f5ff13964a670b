package notify

import (
	"errors"
	"strings"
	"testing"
)

// TestClassifyKeepsAnErrorShortOnOneLine: an error that is not an SMTP
// reply is kept on one line and cut at maxLine octets, never inside a
// character.
func TestClassifyKeepsAnErrorShortOnOneLine(t *testing.T) {
	for _, tc := range []struct {
		name, err, want string
	}{
		{"short", "dial tcp:\n  connection refused", "dial tcp: connection refused"},
		{"exactly maxLine", strings.Repeat("a", maxLine), strings.Repeat("a", maxLine)},
		{"ASCII cut", strings.Repeat("a", maxLine+1), strings.Repeat("a", maxLine) + "..."},
		// "é" is two octets; the one at octets 299-300 would be split at 300.
		{"character at the cut", strings.Repeat("a", maxLine-1) + "é" + "bc", strings.Repeat("a", maxLine-1) + "..."},
		{"character before the cut", strings.Repeat("a", maxLine-2) + "é" + "bc", strings.Repeat("a", maxLine-2) + "é..."},
		{"four-octet character at the cut", strings.Repeat("a", maxLine-2) + "😀" + "bc", strings.Repeat("a", maxLine-2) + "..."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := classify(errors.New(tc.err))
			if !f.temporary {
				t.Errorf("classify(%q) is permanent, want temporary", tc.name)
			}
			if f.reason != tc.want {
				t.Errorf("reason = %q (%d octets), want %q (%d octets)", f.reason, len(f.reason), tc.want, len(tc.want))
			}
		})
	}
}
