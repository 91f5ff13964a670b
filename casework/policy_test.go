package casework

import (
	"testing"

	"github.com/kscmp/intake"
)

// TestSPOCIdentity: a SPOC's email says of the child only what the policy
// allows; with initials, a short first name is never written out whole.
func TestSPOCIdentity(t *testing.T) {
	p := testPolicy() // initials and date of birth
	for name, want := range map[string]string{
		"Jay Smith": "J.S., born 2015-03-04",
		"Amy":       "A., born 2015-03-04",
		"JD":        "J.D., born 2015-03-04",
		"":          "born 2015-03-04",
	} {
		if got := p.spocIdentity(intake.Referral{ChildName: name, ChildDOB: "2015-03-04"}); got != want {
			t.Errorf("spocIdentity(%q) = %q, want %q", name, got, want)
		}
	}
}
