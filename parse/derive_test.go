package parse

import (
	"reflect"
	"testing"

	"github.com/kscmp/intake/parse/form"
	"github.com/kscmp/intake/parse/labels"
)

// TestDeriveCriteria fills only criteria the form leaves unanswered, and
// only from answers that give them.
func TestDeriveCriteria(t *testing.T) {
	for _, c := range []struct {
		name   string
		in     map[string]any
		label  string
		area   []string
		expect map[string]any
	}{
		{"harm gives criterion 1", map[string]any{"harm_outcome": "seriously_harmed"}, "", nil,
			map[string]any{"harm_outcome": "seriously_harmed", "c_died_or_seriously_harmed": true}},
		{"other harm gives nothing", map[string]any{"harm_outcome": "other"}, "", nil,
			map[string]any{"harm_outcome": "other"}},
		{"an answer is kept", map[string]any{"harm_outcome": "died", "c_died_or_seriously_harmed": false}, "", nil,
			map[string]any{"harm_outcome": "died", "c_died_or_seriously_harmed": false}},
		{"not suspected fails criterion 2", map[string]any{"abuse_or_neglect": "not_suspected"}, "", nil,
			map[string]any{"abuse_or_neglect": "not_suspected", "c_abuse_neglect_linked": false}},
		{"suspected says nothing of the link", map[string]any{"abuse_or_neglect": "suspected"}, "", nil,
			map[string]any{"abuse_or_neglect": "suspected"}},
		{"agreement given by", map[string]any{"agreement_by": "Dr Robin Sample"}, "Agreement to refer given by", nil,
			map[string]any{"agreement_by": "Dr Robin Sample", "c_agreement_to_refer": true}},
		{"agreement pending", map[string]any{"agreement_by": "Not yet agreed"}, "Agreed by", nil,
			map[string]any{"agreement_by": "Not yet agreed"}},
		{"a name is not agreement", map[string]any{"agreement_by": "Dr Robin Sample"}, "Name of executive representative", nil,
			map[string]any{"agreement_by": "Dr Robin Sample"}},
		{"home authority in the area", map[string]any{"child_home_authority": "Kestmoor County Council"}, "", []string{"Kestmoor"},
			map[string]any{"child_home_authority": "Kestmoor County Council", "c_resident_or_occurred_in_area": true}},
		{"elsewhere is not no", map[string]any{"child_home_authority": "Brackenshire", "incident_location": "Brackenshire"}, "", []string{"Kestmoor"},
			map[string]any{"child_home_authority": "Brackenshire", "incident_location": "Brackenshire"}},
	} {
		deriveCriteria(c.in, c.label)
		deriveInArea(c.in, c.area)
		if !reflect.DeepEqual(c.in, c.expect) {
			t.Errorf("%s: got %v; want %v", c.name, c.in, c.expect)
		}
	}
}

// TestContextualLabels resolves a bare "Name" and "Date" on a referral by
// the fields beside them.
func TestContextualLabels(t *testing.T) {
	tab := labels.Default()
	raws := []form.RawField{
		{Labels: []string{"Name"}, Value: "Jay Example"},
		{Labels: []string{"Date of birth"}, Value: "03/11/2015"},
		{Labels: []string{"Date of incident"}, Value: "03/11/2026"},
		{Labels: []string{"Name"}, Value: "Sam Sample"},
		{Labels: []string{"Role"}, Value: "Teacher"},
		{Labels: []string{"Signature"}, Value: "S. Sample"},
		{Labels: []string{"Date"}, Value: "05/11/2026"},
	}
	fm := mapFields(tab, raws, labels.FormReferral)
	for k, want := range map[string]any{"child_name": "Jay Example", "referrer_name": "Sam Sample", "referral_date": "2026-11-05", "incident_date": "2026-11-03"} {
		if fm.Fields[k] != want {
			t.Errorf("%s = %v; want %v (all %v)", k, fm.Fields[k], want, fm.Fields)
		}
	}
	// Beside the incident's details a bare "Date" is not the referral's.
	fm = mapFields(tab, []form.RawField{{Labels: []string{"Location"}, Value: "Kestmoor Park"}, {Labels: []string{"Date"}, Value: "03/11/2026"}}, labels.FormReferral)
	if _, ok := fm.Fields["referral_date"]; ok {
		t.Errorf("bare Date beside the incident became referral_date: %v", fm.Fields)
	}
}
