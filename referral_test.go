package intake

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// TestReferralFieldsRoundTrip checks that every shape parse produces
// (text, ISO date, number, boolean, list, null) survives the typed
// referral, and that null and absent stay absent.
func TestReferralFieldsRoundTrip(t *testing.T) {
	in := map[string]any{
		"referrer_name": "R. Referrer", "child_dob": "2015-03-04", "child_age": 11.0, "child_looked_after": false,
		"abuse_types": []any{"physical", "neglect"}, "agencies_involved": []string{"Police", "School"},
		"c_agreement_to_refer": true, "c_multi_agency_learning": nil, "not_a_key": "x",
	}
	got := ReferralFromFields(in).Fields()
	want := map[string]any{
		"referrer_name": "R. Referrer", "child_dob": "2015-03-04", "child_age": 11.0, "child_looked_after": false,
		"abuse_types": []string{"physical", "neglect"}, "agencies_involved": []string{"Police", "School"},
		"c_agreement_to_refer": true,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v\nwant %#v", got, want)
	}
	if len(ReferralKeys()) != 35 || len(AgencySummaryKeys()) != 17 {
		t.Errorf("keys: %d referral, %d summary; want 35 and 17 (the form contract)", len(ReferralKeys()), len(AgencySummaryKeys()))
	}
}

func TestReferralSet(t *testing.T) {
	for _, c := range []struct {
		key, text string
		want      any // nil: cleared
		err       string
	}{
		{"child_dob", "04/03/2015", "2015-03-04", ""},
		{"child_dob", "2015-03-04", "2015-03-04", ""},
		{"child_dob", "March", nil, "not a date"},
		{"c_agreement_to_refer", "Yes", true, ""},
		{"c_agreement_to_refer", "no", false, ""},
		{"c_agreement_to_refer", "maybe", nil, "not yes or no"},
		{"c_agreement_to_refer", "", nil, ""},
		{"child_age", "11", 11.0, ""},
		{"child_age", "eleven", nil, "not a number"},
		{"harm_outcome", "Seriously harmed", "seriously_harmed", ""},
		{"harm_outcome", "injured", nil, "not one of"},
		{"abuse_types", "physical; neglect", []string{"physical", "neglect"}, ""},
		{"agencies_involved", "Police, Kestmoor Children and Families", []string{"Police", "Kestmoor Children and Families"}, ""},
		{"child_shoe_size", "3", nil, "not a field of the referral form"},
	} {
		t.Run(c.key+"="+c.text, func(t *testing.T) {
			r := ReferralFromFields(map[string]any{"child_dob": "2001-01-01", "c_agreement_to_refer": true, "harm_outcome": "died"})
			before := r.Fields()
			err := r.Set(c.key, c.text)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("err %v; want one saying %q", err, c.err)
				}
				if !reflect.DeepEqual(r.Fields(), before) {
					t.Errorf("a refused change changed the referral: %v", r.Fields())
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got, ok := r.Fields()[c.key]
			if c.want == nil {
				if ok {
					t.Errorf("%s = %v; want cleared", c.key, got)
				}
				return
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("%s = %#v; want %#v", c.key, got, c.want)
			}
		})
	}
}

func TestReferralJSON(t *testing.T) {
	yes := true
	age := 11.0
	r := Referral{ChildName: "J.S.", ChildAge: &age, AgreementToRefer: &yes, AbuseTypes: []string{"neglect"}}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"abuse_types":["neglect"],"c_agreement_to_refer":true,"child_age":11,"child_name":"J.S."}` {
		t.Errorf("JSON %s", b)
	}
	var back Referral
	if err := json.Unmarshal(b, &back); err != nil || !reflect.DeepEqual(back, r) {
		t.Errorf("round trip: %+v, %v", back, err)
	}
}
