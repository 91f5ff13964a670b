package intake

import "testing"

func TestAnswerWords(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want string
	}{
		{true, "Yes"},
		{false, "No"},
		{[]string{"physical", "neglect"}, "physical; neglect"},
		{float64(14), "14"},
		{1.5, "1.5"},
		{"2026-11-02", "2 November 2026"},
		{"seriously_harmed", "seriously harmed"},
		{"a.b_c@school.example is the contact", "a.b_c@school.example is the contact"}, // free text kept
		{"02/11/2026", "02/11/2026"},
		{nil, ""},
	} {
		if got := AnswerWords(tc.in); got != tc.want {
			t.Errorf("AnswerWords(%#v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFieldLabelAndKeyWords(t *testing.T) {
	if got := FieldLabel("child_dob"); got != "Child's date of birth" {
		t.Errorf("FieldLabel(child_dob) = %q", got)
	}
	if got := FieldLabel("an_unknown_key"); got != "an unknown key" {
		t.Errorf("FieldLabel(unknown) = %q", got)
	}
	if got := KeyWords("c_agreement_to_refer"); got != "the answer to criterion 5: agreement to refer" {
		t.Errorf("KeyWords(c_agreement_to_refer) = %q", got)
	}
}

func TestCapitalise(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"awaiting summaries", "Awaiting summaries"},
		{"Received", "Received"},
		{"1 agency", "1 agency"},
		{"élan", "Élan"},       // the first character, not the first byte
		{"\xffabc", "\xffabc"}, // not UTF-8: left as it is
	} {
		if got := Capitalise(tc.in); got != tc.want {
			t.Errorf("Capitalise(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
