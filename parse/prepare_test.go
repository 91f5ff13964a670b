package parse

import (
	"reflect"
	"testing"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/parse/form"
	"github.com/kscmp/intake/parse/labels"
)

// TestPeriodOfInvolvement reads both ends of a period given as one answer.
func TestPeriodOfInvolvement(t *testing.T) {
	tab := labels.Default()
	for _, c := range []struct {
		label, value string
		from, to     any
	}{
		{"Period of involvement", "14/02/2025 to 02/11/2026", "2025-02-14", "2026-11-02"},
		{"Dates of involvement", "From 3rd March 2024 until 1 Nov 2026", "2024-03-03", "2026-11-01"},
		{"Period of involvement", "between 01.09.19 and 05.11.26", "2019-09-01", "2026-11-05"},
		{"Period under review", "14/02/2025 – present", "2025-02-14", nil},
		{"Period of involvement", "Since 14/02/2025", "2025-02-14", nil},
		{"Period of involvement", "not known", nil, nil},
	} {
		fm := mapFields(tab, []form.RawField{{Labels: []string{c.label}, Value: c.value}}, labels.FormSummary)
		if fm.Fields["involvement_from"] != c.from || fm.Fields["involvement_to"] != c.to {
			t.Errorf("%s: %q gave %v; want from %v to %v", c.label, c.value, fm.Fields, c.from, c.to)
		}
		if _, ok := fm.Fields["involvement_period"]; ok {
			t.Errorf("%q: involvement_period is no key of the contract", c.value)
		}
	}
	// An end given by its own label wins over the combined answer.
	fm := mapFields(tab, []form.RawField{
		{Labels: []string{"Involvement to"}, Value: "01/01/2026"},
		{Labels: []string{"Period of involvement"}, Value: "14/02/2025 to 02/11/2026"},
	}, labels.FormSummary)
	if fm.Fields["involvement_to"] != "2026-01-01" || fm.Fields["involvement_from"] != "2025-02-14" {
		t.Errorf("got %v", fm.Fields)
	}
}

// TestStatementsTicked reads ticked statements under an instruction as
// one answer each.
func TestStatementsTicked(t *testing.T) {
	tab := labels.Default()
	raws := prepareFields(tab, []form.RawField{{Labels: []string{"Please tick"},
		Value: "☐ Child has died ☒ Child has been seriously harmed\n☒ A police investigation is under way\n☐ The child is looked after"}}, nil)
	fm := mapFields(tab, raws, labels.FormReferral)
	// An unticked statement says nothing: no key.
	want := map[string]any{"harm_outcome": "seriously_harmed", "police_investigation": true,
		"c_died_or_seriously_harmed": true}
	if !reflect.DeepEqual(fm.Fields, want) {
		t.Errorf("got %v; want %v", fm.Fields, want)
	}
	// Yes and No are answers, not statements.
	raws = prepareFields(tab, []form.RawField{{Labels: []string{"Questions"}, Value: "☒ Yes ☐ No"}}, nil)
	if len(raws) != 1 || raws[0].Labels[0] != "Questions" {
		t.Errorf("yes/no split: %v", raws)
	}
}

// TestAreaNamesInLabels reads a criterion that names the partnership's
// area.
func TestAreaNamesInLabels(t *testing.T) {
	tab := labels.Default()
	raws := prepareFields(tab, []form.RawField{
		{Labels: []string{"c) Is the child normally resident in Northmere, or did the incident occur in Northmere?"}, Value: "Yes"},
		{Labels: []string{"Does the child live in Brackwater and Tey, or did the incident happen here?"}, Value: "☐ Yes ☒ No"},
	}, []string{"Northmere", "Brackwater and Tey"})
	for i, want := range []bool{true, false} {
		fm := mapFields(tab, raws[i:i+1], labels.FormReferral)
		if fm.Fields["c_resident_or_occurred_in_area"] != want {
			t.Errorf("%q: got %v", raws[i].Labels[0], fm.Fields)
		}
		if raws[i].Labels[0] == "" || len(raws[i].Labels) != 2 {
			t.Errorf("labels %q: want the printed one first, then the area's", raws[i].Labels)
		}
	}
}

// TestAgencyListsWithAnd splits at "and" only between names.
func TestAgencyListsWithAnd(t *testing.T) {
	known := intake.Agencies{{Name: "Lower Wex Nursery and Pre-School"}, {Name: "Brackwater Housing and Communities"}}
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"Northmere Police and Northmere Children and Families Service",
			[]string{"Northmere Police", "Northmere Children and Families Service"}},
		{"Easthaven and Saltmarsh Integrated Care Board; Saltmarsh Academy",
			[]string{"Easthaven and Saltmarsh Integrated Care Board", "Saltmarsh Academy"}},
		{"Northmere Health and Care Partnership NHS Trust\nChild and Adolescent Mental Health Service",
			[]string{"Northmere Health and Care Partnership NHS Trust", "Child and Adolescent Mental Health Service"}},
		{"Lower Wex Nursery and Pre-School, Stanbridge Medical Practice and Wexcombe Constabulary",
			[]string{"Lower Wex Nursery and Pre-School", "Stanbridge Medical Practice", "Wexcombe Constabulary"}},
		{"Brackwater Housing and Communities and Hollins Community College",
			[]string{"Brackwater Housing and Communities", "Hollins Community College"}},
		{"Southmoor Drug and Alcohol Service", []string{"Southmoor Drug and Alcohol Service"}},
		{"the GP and the school", []string{"the GP and the school"}},
	} {
		if got := normList(c.in, known); !reflect.DeepEqual(got, c.want) {
			t.Errorf("normList(%q) = %q; want %q", c.in, got, c.want)
		}
	}
}

// TestNotificationDate reads "Date of notification" among the referrer's
// details as the referral date, elsewhere as the date of awareness.
func TestNotificationDate(t *testing.T) {
	tab := labels.Default()
	among := []form.RawField{{Labels: []string{"Email"}, Value: "a@b.example"}, {Labels: []string{"Date of notification"}, Value: "05/11/2026"}}
	if fm := mapFields(tab, among, labels.FormReferral); fm.Fields["referral_date"] != "2026-11-05" || fm.Fields["aware_date"] != nil {
		t.Errorf("among the referrer's details: %v", fm.Fields)
	}
	alone := []form.RawField{{Labels: []string{"Date of death"}, Value: "01/11/2026"}, {Labels: []string{"Date of notification"}, Value: "02/11/2026"}}
	if fm := mapFields(tab, alone, labels.FormReferral); fm.Fields["aware_date"] != "2026-11-02" {
		t.Errorf("beside the incident: %v", fm.Fields)
	}
}

// TestReferrerDetails takes the name from a cell of name, role and agency.
func TestReferrerDetails(t *testing.T) {
	fm := mapFields(labels.Default(), []form.RawField{{Labels: []string{"Referrer details"}, Value: "Sam Sample\nDesignated Safeguarding Lead\nKestmoor Academy"}}, labels.FormReferral)
	if fm.Fields["referrer_name"] != "Sam Sample" {
		t.Errorf("got %v", fm.Fields)
	}
}

// TestCrossAnswersNo reads a cross on its own as no, a tick as yes.
func TestCrossAnswersNo(t *testing.T) {
	for v, want := range map[string]bool{"✗": false, "✘": false, "✓": true, "☑": true, "☒": true} {
		if b := normBool(v); b == nil || *b != want {
			t.Errorf("normBool(%q) = %v; want %v", v, b, want)
		}
	}
}

// TestSignedWithName ends a pasted form where the sender signs with
// their name alone, and a short answer at its blank line.
func TestSignedWithName(t *testing.T) {
	tab := labels.Default()
	body := "Child: Jay Example\nAgreed by: Chief Executive\n\nTamsin\nTamsin Vale\nDesignated Safeguarding Lead\nTel: 01632 960000\n"
	text := stripQuoted(body, "Referral", func(l string) bool { return isFormLine(l, tab) }, "Tamsin Vale", "Tamsin")
	fm := mapFields(tab, bodyFields(text, tab), labels.FormReferral)
	if fm.Fields["agreement_by"] != "Chief Executive" || fm.Fields["referrer_phone"] != nil {
		t.Errorf("got %v", fm.Fields)
	}
	// Without the sender's name, the blank line still ends a short answer.
	fm = mapFields(tab, bodyFields("Child: Jay Example\nAgreed by: Chief Executive\n\nTamsin\n", tab), labels.FormReferral)
	if fm.Fields["agreement_by"] != "Chief Executive" {
		t.Errorf("got %v", fm.Fields)
	}
}
