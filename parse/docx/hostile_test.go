package docx

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake/parse/form"
	"github.com/kscmp/intake/parse/internal/cpubound"
)

// TestReadDOCXHostile checks that every hostile fixture ends as an
// *form.UnreadableError with the right reason, within 5 seconds and 200 MB of
// allocation.
func TestReadDOCXHostile(t *testing.T) {
	tests := []struct {
		file   string
		reason string
	}{
		{"hostile_zip_bomb.docx", reasonBomb},
		{"hostile_ratio_bomb.docx", reasonBomb},
		{"hostile_lying_sizes.docx", reasonNotZip},
		{"hostile_truncated.docx", reasonNotZip},
		{"hostile_not_a_zip.docx", reasonNotZip},
		{"hostile_no_document.docx", reasonNoDocument},
		{"hostile_corrupt_xml.docx", reasonBadXML},
		{"hostile_deep_nesting.docx", reasonBadXML},
		{"hostile_encrypted.docx", reasonEncrypted},
		{"old_binary.doc", reasonOldDoc},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			b := docxFixture(t, tt.file)
			checkDocxUnreadable(t, b, form.DefaultLimits(), tt.reason)
		})
	}
}

// checkDocxUnreadable reads b and wants an *form.UnreadableError with
// reason, quickly (5 s of CPU time) and cheaply (200 MB).
func checkDocxUnreadable(t *testing.T, b []byte, lim form.Limits, reason string) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	var err error
	cpubound.Within(t, 5*time.Second, cpubound.Hang, func() { _, err = Read(context.Background(), b, lim) })
	runtime.ReadMemStats(&after)
	var u *form.UnreadableError
	if !errors.As(err, &u) {
		t.Fatalf("got %v, want an *form.UnreadableError", err)
	}
	if u.Reason != reason {
		t.Errorf("reason %q, want %q", u.Reason, reason)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 200<<20 {
		t.Errorf("allocated %d MB, want under 200 MB", alloc>>20)
	}
}

// docxOf packs document body XML into a .docx.
func docxOf(t testing.TB, body string) []byte {
	t.Helper()
	doc := `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		body + `</w:body></w:document>`
	return docxZipOf(t, map[string]string{"word/document.xml": doc})
}

func docxZipOf(t testing.TB, entries map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range entries {
		method := zip.Store
		if len(content) > 0 {
			method = zip.Deflate
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(content)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadDOCXTooManyEntries(t *testing.T) {
	entries := map[string]string{"word/document.xml": "<w:document/>"}
	for i := range maxZipEntries + 1 {
		entries[fmt.Sprintf("x/%d", i)] = ""
	}
	checkDocxUnreadable(t, docxZipOf(t, entries), form.DefaultLimits(), reasonBomb)
}

func TestReadDOCXTooManyParagraphs(t *testing.T) {
	lim := form.DefaultLimits()
	lim.MaxDecompressedRatio = 0 // repetitive: it would be refused as a bomb first
	checkDocxUnreadable(t, docxOf(t, strings.Repeat("<w:p/>", maxDocxElements+1)), lim, reasonTooBig)
}

func TestReadDOCXDocumentLimit(t *testing.T) {
	lim := form.DefaultLimits()
	lim.MaxDocxUncompressed = 1000
	checkDocxUnreadable(t, docxOf(t, strings.Repeat("<w:p><w:r><w:t>Line</w:t></w:r></w:p>", 100)), lim, reasonBomb)
}

func TestReadDOCXAttachmentLimit(t *testing.T) {
	lim := form.DefaultLimits()
	lim.MaxAttachmentBytes = 100
	checkDocxUnreadable(t, docxFixture(t, "referral_legacy_fields.docx"), lim, reasonAttachTooBig)
}

// TestReadDOCXTimeout drives the reader's clock past its bound.
func TestReadDOCXTimeout(t *testing.T) {
	b := docxFixture(t, "long_5000_paragraphs.docx")
	clock := time.Date(2026, 11, 5, 9, 0, 0, 0, time.UTC)
	now := func() time.Time {
		clock = clock.Add(time.Second)
		return clock
	}
	_, err := readDOCX(context.Background(), b, form.DefaultLimits(), now)
	var u *form.UnreadableError
	if !errors.As(err, &u) || u.Reason != reasonTooBig || !errors.Is(err, errDocxTooSlow) {
		t.Fatalf("got %v, want unreadable: too slow", err)
	}
}

// TestReadDOCXManyRuns checks that a paragraph of a great many runs costs
// linear time.
func TestReadDOCXManyRuns(t *testing.T) {
	// 30,000 runs take about 0.3 s under -race on an idle 2-core machine:
	// far inside the reader's own 4 s deadline even when CI is loaded.
	const manyRuns = 30_000
	body := "<w:p><w:r><w:t>Name of child: </w:t></w:r>" + strings.Repeat("<w:r><w:t>x</w:t></w:r>", manyRuns) + "</w:p>"
	lim := form.DefaultLimits()
	lim.MaxDecompressedRatio = 0 // repetitive: it would be refused as a bomb first
	doc := docxOf(t, body)
	var ex form.Extraction
	var err error
	cpubound.Within(t, 5*time.Second, cpubound.Hang, func() { ex, err = Read(context.Background(), doc, lim) })
	if err != nil {
		t.Fatal(err)
	}
	if len(ex.Fields) != 1 || len(ex.Fields[0].Value) != manyRuns {
		t.Errorf("got %d fields", len(ex.Fields))
	}
}

// TestReadDOCXTooMuchText bounds the text kept from one document (and so
// the memory), whatever the limits on the archive.
func TestReadDOCXTooMuchText(t *testing.T) {
	defer func(n int) { maxDocxText = n }(maxDocxText)
	maxDocxText = 1 << 20
	word := strings.Repeat("Kestmoor ", maxDocxText/9/4)
	body := strings.Repeat("<w:p><w:r><w:t>"+word+"</w:t></w:r></w:p>", 5)
	lim := form.DefaultLimits()
	lim.MaxDecompressedRatio = 0
	checkDocxUnreadable(t, docxOf(t, body), lim, reasonTooBig)
	checkDocxUnreadable(t, docxOf(t, "<w:p><w:r><w:t>"+strings.Repeat(word, 5)+"</w:t></w:r></w:p>"), lim, reasonTooBig)
}

// TestReadDOCXSlowSkip drives the clock past the bound while the walker
// skips a deleted passage, which it reads without looking at tokens.
func TestReadDOCXSlowSkip(t *testing.T) {
	body := "<w:p><w:del>" + strings.Repeat("<w:r><w:delText>Police</w:delText></w:r>", 20000) + "</w:del></w:p>"
	b := docxOf(t, body)
	clock := time.Date(2026, 11, 5, 9, 0, 0, 0, time.UTC)
	now := func() time.Time {
		clock = clock.Add(time.Second)
		return clock
	}
	lim := form.DefaultLimits()
	lim.MaxDecompressedRatio = 0
	_, err := readDOCX(context.Background(), b, lim, now)
	if !errors.Is(err, errDocxTooSlow) {
		t.Fatalf("got %v, want too slow", err)
	}
}
