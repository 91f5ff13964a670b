package pdf

import (
	"context"
	"testing"

	"github.com/kscmp/intake/parse/form"
)

// BenchmarkReadPDF reads each kind of PDF fixture and reports forms per
// second.
func BenchmarkReadPDF(b *testing.B) {
	for _, kind := range []struct{ name, file string }{
		{"fillable-referral", "fillable-referral.pdf"},
		{"fillable-summary", "fillable-summary.pdf"},
		{"saved-table", "saved-table.pdf"},
		{"saved-colon", "saved-colon.pdf"},
		{"saved-word", "saved-word.pdf"},
		{"flattened", "flattened.pdf"},
		{"encrypted", "encrypted.pdf"},
		{"image-only", "image-only.pdf"},
	} {
		data := readFixture(b, pdfFixtures, kind.file)
		b.Run(kind.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				Read(context.Background(), data, form.DefaultLimits())
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "forms/s")
		})
	}
}
