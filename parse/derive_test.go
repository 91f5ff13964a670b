package parse

import (
	"reflect"
	"testing"
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
