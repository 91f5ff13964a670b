package parse

import (
	"testing"

	"github.com/kscmp/intake/parse/labels"
)

func TestBodyFields(t *testing.T) {
	tab := labels.Default()
	body := "Hello\n\nChild's name: A.B.\nNHS number: 123\nTime: 10:30\nSummary of incident:\nline one\nMum said: he fell\n\nline two\n" +
		"Is there a police investigation? Yes - see above\nAgencies involved\tPolice, School\nDate of incident\n03/11/2026\n"
	got := map[string]string{}
	for _, rf := range bodyFields(body, tab) {
		got[rf.Labels[0]] = rf.Value
	}
	want := map[string]string{
		"Child's name":                     "A.B.",
		"Time":                             "10:30",
		"Summary of incident":              "line one\nMum said: he fell\n\nline two",
		"NHS number":                       "123",
		"Is there a police investigation?": "Yes - see above",
		"Agencies involved":                "Police, School",
		"Date of incident":                 "03/11/2026",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("field %q = %q; want %q (all: %q)", k, got[k], v, got)
		}
	}
}
