package docx

import (
	"context"
	"testing"

	"github.com/kscmp/intake/parse/form"
)

// BenchmarkReadDOCX reads the five form fixtures in turn and reports forms
// per second.
func BenchmarkReadDOCX(b *testing.B) {
	names := []string{
		"referral_content_controls.docx", "referral_legacy_fields.docx", "referral_plain_tables.docx",
		"referral_paragraphs_tracked.docx", "agency_summary.docx",
	}
	forms := make([][]byte, len(names))
	for i, n := range names {
		forms[i] = docxFixture(b, n)
	}
	lim := form.DefaultLimits()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Read(context.Background(), forms[i%len(forms)], lim); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "forms/s")
}

// BenchmarkReadDOCXLong reads the 5,000-paragraph form.
func BenchmarkReadDOCXLong(b *testing.B) {
	doc := docxFixture(b, "long_5000_paragraphs.docx")
	lim := form.DefaultLimits()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Read(context.Background(), doc, lim); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "forms/s")
}
