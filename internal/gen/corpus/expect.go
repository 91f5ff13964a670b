package main

import "github.com/kscmp/intake"

// expected is what a correct reading of a message gives: the message's
// kind, where the form was, its case reference, and the form's fields.
type expected struct {
	Partnership string         `json:"partnership"`
	Kind        string         `json:"kind"`
	Source      string         `json:"source"`
	CaseRef     *string        `json:"case_ref"`
	Fields      map[string]any `json:"fields"`
}

// deriveReferral adds what a referral's other answers say about the
// criteria it does not ask, as the form contract defines them: a child
// who died or was seriously harmed meets the first; abuse or neglect not
// suspected fails the second; a child whose home authority or incident
// place is in the area meets the third; a named person under "agreed by"
// is agreement to refer.
func deriveReferral(w map[string]any, area []string) {
	if _, ok := w["c_died_or_seriously_harmed"].(bool); !ok {
		if h := w["harm_outcome"]; h == "died" || h == "seriously_harmed" {
			w["c_died_or_seriously_harmed"] = true
		}
	}
	if _, ok := w["c_abuse_neglect_linked"].(bool); !ok && w["abuse_or_neglect"] == "not_suspected" {
		w["c_abuse_neglect_linked"] = false
	}
	if _, ok := w["c_agreement_to_refer"].(bool); !ok {
		if by, _ := w["agreement_by"].(string); by != "" {
			w["c_agreement_to_refer"] = true
		}
	}
	if _, ok := w["c_resident_or_occurred_in_area"].(bool); !ok {
		for _, k := range []string{"child_home_authority", "incident_location"} {
			if s, ok := w[k].(string); ok && intake.MentionsArea(s, area) {
				w["c_resident_or_occurred_in_area"] = true
				break
			}
		}
	}
}
