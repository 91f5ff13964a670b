package pdf

import (
	"bytes"
	"compress/zlib"
	"context"
	"fmt"
	"testing"

	"github.com/kscmp/intake/parse/form"
)

func TestHexGuard(t *testing.T) {
	tests := []struct {
		in   string
		open bool
	}{
		{"BT (a) Tj ET", false},
		{"BT <4142> Tj ET", false},
		{"<< /A 1 >>", false},
		{"BT <4142", true},
		{"BT (unclosed <41", false}, // the library stops an open literal string at the end
		{"% comment <41\nBT", false},
		{"(a\\) <41) Tj", false},
		{"(a (b) <41) Tj", false},
		{"BT <", true},
	}
	for _, tt := range tests {
		// Whole, and split after every byte: the guard keeps its state.
		var whole, split hexGuard
		whole.Write([]byte(tt.in))
		for i := range len(tt.in) {
			split.Write([]byte{tt.in[i]})
		}
		if whole.open() != tt.open || split.open() != tt.open {
			t.Errorf("%q: open = %v (split %v), want %v", tt.in, whole.open(), split.open(), tt.open)
		}
	}
}

// objStmPDF is a PDF holding one object stream whose content is objs.
func objStmPDF(objs string) []byte {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write([]byte(objs))
	w.Close()
	var b bytes.Buffer
	fmt.Fprintf(&b, "%%PDF-1.7\n1 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n", z.Len())
	b.Write(z.Bytes())
	b.WriteString("\nendstream\nendobj\ntrailer\n<< /Size 2 >>\nstartxref\n0\n%%EOF\n")
	return b.Bytes()
}

func TestObjectStreamsSafe(t *testing.T) {
	if !objectStreamsSafe(objStmPDF("2 0 <4142> ")) {
		t.Error("closed hex string refused")
	}
	b := objStmPDF("2 0 <4142")
	if objectStreamsSafe(b) {
		t.Error("open hex string accepted")
	}
	_, err := Read(context.Background(), b, form.DefaultLimits())
	wantUnreadable(t, err, "damaged")
}

func TestCMapBigInt(t *testing.T) {
	for in, want := range map[string]bool{
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n2 beginbfchar\n<000100> <0041>\nendbfchar": false,
		"999999999999 beginbfchar endbfchar":         true,
		"/N 123456 def N beginbfrange endbfrange":    true,
		"/CIDSystemInfo << /Supplement 0 >> def 100": false,
	} {
		if got := cmapBigInt.MatchString(in); got != want {
			t.Errorf("cmapBigInt.MatchString(%q) = %v, want %v", in, got, want)
		}
	}
}
