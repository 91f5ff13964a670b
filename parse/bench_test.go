package parse

import (
	"os"
	"testing"
)

// BenchmarkParseBody measures Parse on a referral pasted into the body,
// the commonest way a form arrives.
func BenchmarkParseBody(b *testing.B) {
	raw, err := os.ReadFile("../testdata/forms/eml/body-referral-qp.eml")
	if err != nil {
		b.Skip("fixture missing: go run ./internal/gen/emlforms")
	}
	opts := DefaultOptions()
	b.ReportAllocs()
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if r := parseMsg(b, raw, opts); r.Kind != KindReferral {
			b.Fatal(r.Kind)
		}
	}
}

// BenchmarkParseHTMLTable measures Parse on an HTML-only referral.
func BenchmarkParseHTMLTable(b *testing.B) {
	raw, err := os.ReadFile("../testdata/forms/eml/html-only-table.eml")
	if err != nil {
		b.Skip("fixture missing: go run ./internal/gen/emlforms")
	}
	opts := DefaultOptions()
	b.ReportAllocs()
	for b.Loop() {
		parseMsg(b, raw, opts)
	}
}
