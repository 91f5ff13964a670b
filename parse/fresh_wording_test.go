package parse

import (
	"os"
	"reflect"
	"testing"

	"github.com/kscmp/intake"
)

// TestFreshWordingForms reads the four referrals whose labels the default
// table does not hold word for word (internal/gen/*/fresh.go): every label
// must give its key, and each must screen to its verdict.
func TestFreshWordingForms(t *testing.T) {
	for _, c := range []struct {
		file    string
		keys    int
		verdict string
		missing []string
		failed  []string
		flags   []string
	}{
		// Agreement to refer answered yes with no one named asks who.
		{"fresh-wording-docx.eml", 24, intake.VerdictIncomplete, []string{"agreement_by"}, []string{}, []string{}},
		{"fresh-wording-pdf.eml", 21, intake.VerdictMeetsCriteria, []string{}, []string{}, []string{intake.FlagOlderThan12Months}},
		{"fresh-wording-body.eml", 20, intake.VerdictDoesNotMeet, []string{"agreement_by"}, []string{"c_abuse_neglect_linked"}, []string{intake.FlagLookedAfterDeath}},
		{"fresh-wording-html.eml", 22, intake.VerdictMeetsCriteria, []string{}, []string{}, []string{intake.FlagRegulatedSettingDeath}},
	} {
		b, err := os.ReadFile("../testdata/forms/eml/" + c.file)
		if err != nil {
			t.Fatal(err)
		}
		r := parseMsg(t, b, DefaultOptions())
		if r.Kind != KindReferral || len(r.Fields) != c.keys || len(r.Warnings) != 0 {
			t.Errorf("%s: kind %s, %d keys, warnings %q; want referral, %d keys, no warnings", c.file, r.Kind, len(r.Fields), r.Warnings, c.keys)
		}
		if r.Screening == nil {
			t.Errorf("%s: not screened", c.file)
			continue
		}
		s := r.Screening
		if s.Verdict != c.verdict || !reflect.DeepEqual(s.Missing, c.missing) || !reflect.DeepEqual(s.Failed, c.failed) || !reflect.DeepEqual(s.Flags, c.flags) {
			t.Errorf("%s: screening %+v; want %s, missing %v, failed %v, flags %v", c.file, *s, c.verdict, c.missing, c.failed, c.flags)
		}
	}
}
