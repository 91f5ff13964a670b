package pdf

import (
	"context"
	"errors"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake/parse/form"
	"github.com/kscmp/intake/parse/internal/cpubound"
)

// wantUnreadable asserts that err is an *form.UnreadableError whose reason
// contains want.
func wantUnreadable(t *testing.T, err error, want string) {
	t.Helper()
	var u *form.UnreadableError
	if !errors.As(err, &u) {
		t.Fatalf("err = %v, want *form.UnreadableError", err)
	}
	if !strings.Contains(u.Reason, want) {
		t.Errorf("reason = %q, want it to contain %q", u.Reason, want)
	}
}

func TestReadPDFHostile(t *testing.T) {
	tests := []struct {
		file   string
		reason string
		within time.Duration
	}{
		{"truncated.pdf", "damaged", 5 * time.Second},
		{"bad-xref.pdf", "damaged", 5 * time.Second},
		{"huge-xref.pdf", "damaged", 5 * time.Second},
		{"encrypted.pdf", "password-protected: please send it without a password, or as .docx", 5 * time.Second},
		{"xfa-only.pdf", "XFA form", 5 * time.Second},
		{"image-only.pdf", "the PDF is a scanned image, which we cannot read: please send the completed form as .docx or as a PDF saved from Word", 5 * time.Second},
		{"many-pages.pdf", "more pages", 5 * time.Second},
		{"prev-loop.pdf", "too long", 5 * time.Second},
		{"open-hex.pdf", "damaged", 5 * time.Second},
		{"cmap-bomb.pdf", "damaged", 5 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			b := readFixture(t, pdfFixtures, tt.file)
			lim := form.DefaultLimits()
			if tt.reason == "too long" {
				// Cut at 2 s, not the default 4 s, so that the 5 s bound
				// holds on a loaded 2-core machine under -race.
				lim.PDFTimeout = 2 * time.Second
			}
			var err error
			cpubound.Within(t, tt.within, cpubound.Hang, func() { _, err = Read(context.Background(), b, lim) })
			wantUnreadable(t, err, tt.reason)
		})
	}
}

func TestReadPDFNotPDF(t *testing.T) {
	for _, b := range [][]byte{nil, []byte("PK\x03\x04 a docx named .pdf"), []byte("%PDF-")} {
		_, err := Read(context.Background(), b, form.DefaultLimits())
		var u *form.UnreadableError
		if !errors.As(err, &u) {
			t.Errorf("Read(%q) = %v, want *form.UnreadableError", b, err)
		}
	}
}

// TestReadPDFRandomScan is the case: 25 MB of random bytes named
// scan.pdf end as unreadable within 5 s and 200 MB.
func TestReadPDFRandomScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, 25<<20)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	for _, head := range []string{"", "%PDF-1.7\n", "%PDF-1.4\n"} {
		copy(b, head)
		if head == "%PDF-1.4\n" {
			// A header and a trailer, so that the library parses the middle.
			copy(b[len(b)-40:], "\ntrailer\n<< >>\nstartxref\n12345678\n%%EOF\n")
		}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		var err error
		cpubound.Within(t, 5*time.Second, cpubound.Hang, func() { _, err = Read(context.Background(), b, form.DefaultLimits()) })
		runtime.ReadMemStats(&after)
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 200<<20 {
			t.Errorf("header %q: allocated %d MB", head, alloc>>20)
		}
		var u *form.UnreadableError
		if !errors.As(err, &u) {
			t.Errorf("header %q: err = %v, want *form.UnreadableError", head, err)
		}
	}
}

// TestReadPDFTimeoutEndsGoroutine checks that a read abandoned at the time
// limit does not go on running: its next read of the input unwinds it.
func TestReadPDFTimeoutEndsGoroutine(t *testing.T) {
	b := readFixture(t, pdfFixtures, "prev-loop.pdf")
	base := runtime.NumGoroutine()
	lim := form.DefaultLimits()
	lim.PDFTimeout = 200 * time.Millisecond
	var err error
	cpubound.Within(t, 5*time.Second, cpubound.Hang, func() { _, err = Read(context.Background(), b, lim) })
	wantUnreadable(t, err, "too long")
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > base && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > base {
		t.Errorf("%d goroutines still running after the time limit, %d before", n, base)
	}
}

func TestReadPDFPageLimit(t *testing.T) {
	lim := form.DefaultLimits()
	lim.MaxPDFPages = 500
	ex, err := Read(context.Background(), readFixture(t, pdfFixtures, "many-pages.pdf"), lim)
	if err != nil {
		t.Fatalf("with a limit of 500 pages: %v", err)
	}
	if len(ex.Fields) != 500 || ex.Fields[499].Labels[0] != "Continuation sheet 500" {
		t.Errorf("read %d fields", len(ex.Fields))
	}
}

// TestReadPDFXObjectLoop reads a form XObject that draws itself: the
// depth bound ends it, and what it drew is read.
func TestReadPDFXObjectLoop(t *testing.T) {
	b := readFixture(t, pdfFixtures, "xobject-loop.pdf")
	var ex form.Extraction
	var err error
	cpubound.Within(t, 5*time.Second, cpubound.Hang, func() { ex, err = Read(context.Background(), b, form.DefaultLimits()) })
	if err != nil {
		t.Fatal(err)
	}
	if len(ex.Fields) == 0 || ex.Fields[0].Value != "Jay Example" {
		t.Errorf("fields: %+v", ex.Fields)
	}
}

// TestReadPDFCancelled: the caller's context ends a read stuck in the
// library, before the reader's own time limit.
func TestReadPDFCancelled(t *testing.T) {
	b := readFixture(t, pdfFixtures, "prev-loop.pdf")
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	lim := form.DefaultLimits()
	lim.PDFTimeout = time.Minute
	var err error
	cpubound.Within(t, 5*time.Second, 30*time.Second, func() { _, err = Read(ctx, b, lim) })
	var u *form.UnreadableError
	if !errors.Is(err, context.DeadlineExceeded) || errors.As(err, &u) {
		t.Errorf("got %v; want the context's error", err)
	}
}
