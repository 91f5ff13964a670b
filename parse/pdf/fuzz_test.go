package pdf

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/kscmp/intake/parse/form"
)

// FuzzReadPDF feeds Read mutations of the PDF fixtures: it must never
// panic, and must fail only with an *form.UnreadableError.
func FuzzReadPDF(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(pdfFixtures, "*.pdf"))
	for _, name := range files {
		if filepath.Base(name) == "prev-loop.pdf" {
			continue // every mutation of it runs to the time limit
		}
		if b, err := os.ReadFile(name); err == nil && len(b) < 64<<10 {
			f.Add(b)
		}
	}
	lim := form.DefaultLimits()
	lim.PDFTimeout = 500 * time.Millisecond
	f.Fuzz(func(t *testing.T, b []byte) {
		ex, err := Read(context.Background(), b, lim)
		var u *form.UnreadableError
		if err != nil && !errors.As(err, &u) {
			t.Fatalf("err = %v, want *form.UnreadableError", err)
		}
		if err != nil && (len(ex.Fields) > 0 || u.Reason == "") {
			t.Fatalf("fields or empty reason with an error: %v", err)
		}
	})
}
