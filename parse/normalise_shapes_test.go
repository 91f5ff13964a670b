package parse

import (
	"reflect"
	"testing"

	"github.com/kscmp/intake/parse/form"
	"github.com/kscmp/intake/parse/labels"
)

// TestValueShapes checks the messy answers the form contract names, through
// mapFields as a form's rows would reach it.
func TestValueShapes(t *testing.T) {
	tab := labels.Default()
	for _, c := range []struct {
		label, value, key string
		want              any
	}{
		{"Criterion 1", "Yes – see below", "c_died_or_seriously_harmed", true},
		{"Criterion 1", "Y", "c_died_or_seriously_harmed", true},
		{"Criterion 1", "No", "c_died_or_seriously_harmed", false},
		{"Criterion 1", "N/A", "c_died_or_seriously_harmed", nil},
		{"Criterion 1", "", "c_died_or_seriously_harmed", nil},
		{"Criterion 1", "☒ Yes ☐ No", "c_died_or_seriously_harmed", true},
		{"Criterion 1", "Yes ☐ No ☒", "c_died_or_seriously_harmed", false},
		{"Criterion 1", "X Yes  No", "c_died_or_seriously_harmed", true},
		{"Criterion 1", "Yes  No X", "c_died_or_seriously_harmed", false},
		{"Criterion 1", "Yes/No", "c_died_or_seriously_harmed", nil},
		{"Criterion 2", "Suspected - yes", "c_abuse_neglect_linked", true},
		{"Criterion 2", "Known – no", "c_abuse_neglect_linked", false},
		{"Criterion 2", "Not known", "c_abuse_neglect_linked", nil},
		// A deleted option is left out by the readers: what remains is read.
		{"Criterion 1", "Yes /", "c_died_or_seriously_harmed", true},
		{"Date of incident", "3rd Nov 2026", "incident_date", "2026-11-03"},
		{"Date of incident", "03.11.26", "incident_date", "2026-11-03"},
		{"Date of incident", "3/11/26", "incident_date", "2026-11-03"},
		{"Date of incident", "Nov 3, 2026", "incident_date", "2026-11-03"},
		{"Date of incident", "2026-11-03", "incident_date", "2026-11-03"},
		{"Date of incident", "03/11/2026", "incident_date", "2026-11-03"},
		{"Age", "14 years", "child_age", 14.0},
		{"Age", "14", "child_age", 14.0},
		{"Date of birth", "14 years", "child_age", 14.0},
		{"Agencies involved", "Kestmoor Police, Kestmoor Academy", "agencies_involved", []string{"Kestmoor Police", "Kestmoor Academy"}},
		{"Agencies involved", "Kestmoor Police; Kestmoor Academy", "agencies_involved", []string{"Kestmoor Police", "Kestmoor Academy"}},
		{"Agencies involved", "Kestmoor Police and Kestmoor Academy", "agencies_involved", []string{"Kestmoor Police", "Kestmoor Academy"}},
		{"Agencies involved", "Kestmoor Police\nKestmoor Academy\nChild and Adolescent Mental Health Services", "agencies_involved",
			[]string{"Kestmoor Police", "Kestmoor Academy", "Child and Adolescent Mental Health Services"}},
		{"Has the child died or been seriously harmed?", "☐ Died ☒ Seriously harmed", "harm_outcome", "seriously_harmed"},
		{"Has the child died or been seriously harmed?", "Yes", "c_died_or_seriously_harmed", true},
		{"Child's name", "N.O.", "child_name", "N.O."},
	} {
		fm := mapFields(tab, []form.RawField{{Labels: []string{c.label}, Value: c.value}}, labels.FormReferral)
		got, ok := fm.Fields[c.key]
		if !ok || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q = %q: %s = %#v (present %v); want %#v", c.label, c.value, c.key, got, ok, c.want)
		}
	}
	// "Yes" to the harm question answers the criterion and says nothing
	// of which outcome.
	fm := mapFields(tab, []form.RawField{{Labels: []string{"Has the child died or been seriously harmed?"}, Value: "Yes"}}, labels.FormReferral)
	if _, ok := fm.Fields["harm_outcome"]; ok {
		t.Errorf("harm_outcome set from a yes: %v", fm.Fields)
	}
}
