package parse

import "testing"

// TestDefaultCaseRefPatternFindsWholeReference: the store numbers cases
// PREFIX-YEAR-NNNN with the number growing past four digits; the default
// pattern must find the whole reference, never the first four digits of
// a longer one (KSCMP-2027-1000 is another case than KSCMP-2027-10001).
func TestDefaultCaseRefPatternFindsWholeReference(t *testing.T) {
	f, err := newCaseRefFinder(DefaultCaseRefPattern)
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"Re: [KSCMP-2026-0042] Agency summary":  "KSCMP-2026-0042",
		"Re: [KSCMP-2027-10001] Agency summary": "KSCMP-2027-10001",
		"our ref kscmp-2026-0042, thanks":       "KSCMP-2026-0042",
		"KSCMP-2026-042":                        "",
	} {
		got := f.find(in)
		switch {
		case want == "" && got != nil:
			t.Errorf("find(%q) = %q, want none", in, *got)
		case want != "" && (got == nil || *got != want):
			t.Errorf("find(%q) = %v, want %q", in, got, want)
		}
	}
}
