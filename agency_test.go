package intake

import (
	"reflect"
	"strings"
	"testing"
)

func testAgencies() Agencies {
	return Agencies{
		{Key: "social_care", Name: "Kestmoor County Council children's social care", SPOC: []string{"spoc@kestmoor-cc.example"}, Aliases: []string{"children's social care", "CSC", "KCC"}, Core: true},
		{Key: "police", Name: "Kestmoor Police", SPOC: []string{"rr.spoc@kestmoor.police.example"}, Aliases: []string{"police", "KP"}, Core: true},
		{Key: "icb", Name: "NHS Kestmoor ICB", SPOC: []string{"safeguarding@kestmoor-icb.nhs.example"}, Aliases: []string{"ICB", "health"}, Core: true},
		{Key: "school", Name: "Kestmoor Academy Trust", SPOC: []string{"dsl@kestmoor-academy.example"}, Aliases: []string{"school"}},
		{Key: "hospital", Name: "Kestmoor Hospitals NHS Trust", SPOC: []string{"safeguarding@kestmoor-hospitals.nhs.example"}, Aliases: []string{"Kestmoor Hospitals", "hospital"}},
	}
}

func TestAgencyMatching(t *testing.T) {
	as := testAgencies()
	if err := as.Validate(); err != nil {
		t.Fatal(err)
	}
	for written, want := range map[string]string{
		"Kestmoor Police":        "police",
		"KESTMOOR POLICE.":       "police",
		"the police":             "police",
		"K.P.":                   "police",
		"Children’s Social Care": "social_care",
		"csc":                    "social_care",
		"kestmoor hospitals":     "hospital",
		"  School ":              "school",
	} {
		a, ok := as.Match(written)
		if !ok || a.Key != want {
			t.Errorf("Match(%q) = %q, %v; want %q", written, a.Key, ok, want)
		}
	}
	ask, unknown := as.ForReferral([]string{"School", "Police", "Kestmoor Dental Practice", ""})
	var keys []string
	for _, a := range ask {
		keys = append(keys, a.Key)
	}
	if !reflect.DeepEqual(keys, []string{"social_care", "police", "icb", "school"}) {
		t.Errorf("asked %v", keys)
	}
	if !reflect.DeepEqual(unknown, []string{"Kestmoor Dental Practice"}) {
		t.Errorf("unknown %v", unknown)
	}
	if a, ok := as.BySender("Someone Else <other@kestmoor.police.example>"); !ok || a.Key != "police" {
		t.Errorf("BySender by domain = %v %v", a.Key, ok)
	}
	if _, ok := as.BySender("someone@gmail.example"); ok {
		t.Error("stranger matched an agency")
	}
	dup := append(testAgencies(), Agency{Key: "other", Name: "Other", SPOC: []string{"a@b.example"}, Aliases: []string{"KP"}})
	if err := dup.Validate(); err == nil {
		t.Error("alias shared by two agencies accepted")
	}
}

func TestSameChildAndIncident(t *testing.T) {
	a := ChildIdentity{Name: "Jamie Smithson", DOB: "2015-03-04", IncidentDate: "2026-11-01"}
	tests := []struct {
		name string
		b    ChildIdentity
		want bool
	}{
		{"same name, case and punctuation", ChildIdentity{Name: "JAMIE  SMITHSON.", DOB: "2015-03-04", IncidentDate: "2026-11-03"}, true},
		{"initials", ChildIdentity{Name: "J.S.", DOB: "2015-03-04", IncidentDate: "2026-11-01"}, true},
		{"initials no dots", ChildIdentity{Name: "JS", DOB: "2015-03-04", IncidentDate: "2026-10-30"}, true},
		{"other DOB", ChildIdentity{Name: "Jamie Smithson", DOB: "2015-03-05", IncidentDate: "2026-11-01"}, false},
		{"other child same initials full name", ChildIdentity{Name: "Jade Simmons", DOB: "2015-03-04", IncidentDate: "2026-11-01"}, false},
		{"incident outside window", ChildIdentity{Name: "Jamie Smithson", DOB: "2015-03-04", IncidentDate: "2026-12-20"}, false},
		{"no DOB", ChildIdentity{Name: "Jamie Smithson", IncidentDate: "2026-11-01"}, false},
	}
	for _, tt := range tests {
		if got := SameChildAndIncident(a, tt.b, 14); got != tt.want {
			t.Errorf("%s: got %v", tt.name, got)
		}
	}
}

func TestMatchSummaryRoutes(t *testing.T) {
	as := testAgencies()
	requests := map[string]SummaryRequest{
		"req-police@intake.invalid": {CaseRef: "KSCMP-2026-0042", Agency: "police"},
	}
	lookup := func(id string) (SummaryRequest, bool) { r, ok := requests[id]; return r, ok }
	tests := []struct {
		name string
		in   IncomingSummary
		want SummaryMatch
		err  bool
	}{
		{"reply to our request (In-Reply-To)", IncomingSummary{InReplyTo: "<REQ-police@intake.invalid>", From: "rr.spoc@kestmoor.police.example"},
			SummaryMatch{"KSCMP-2026-0042", "police", MatchedByThread, true}, false},
		{"reply further down the thread (References)", IncomingSummary{InReplyTo: "<x@y>", References: []string{"<req-police@intake.invalid>", "<x@y>"}, From: "deputy@kestmoor.police.example"},
			SummaryMatch{"KSCMP-2026-0042", "police", MatchedByThread, true}, false},
		{"reply from an unexpected sender", IncomingSummary{InReplyTo: "<req-police@intake.invalid>", From: "someone@gmail.example"},
			SummaryMatch{"KSCMP-2026-0042", "police", MatchedByThread, false}, false},
		{"case ref in the subject, SPOC sender", IncomingSummary{CaseRef: "KSCMP-2026-0042", From: "dsl@kestmoor-academy.example"},
			SummaryMatch{"KSCMP-2026-0042", "school", MatchedByCaseRef, true}, false},
		{"case ref in the form, agency from the form, unexpected sender", IncomingSummary{CaseRef: "KSCMP-2026-0042", From: "home@mail.example", FormAgency: "Kestmoor Hospitals"},
			SummaryMatch{"KSCMP-2026-0042", "hospital", MatchedByCaseRef, false}, false},
		{"no reference", IncomingSummary{From: "rr.spoc@kestmoor.police.example"}, SummaryMatch{}, true},
		{"no agency", IncomingSummary{CaseRef: "KSCMP-2026-0042", From: "home@mail.example", FormAgency: "Dentist"}, SummaryMatch{}, true},
	}
	for _, tt := range tests {
		got, err := MatchSummary(tt.in, as, lookup)
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("%s: got %+v, %v; want %+v", tt.name, got, err, tt.want)
		}
	}
}

func TestAgenciesValidate(t *testing.T) {
	police := Agency{Key: "police", Name: "Kestmoor Police", SPOC: []string{"spoc@police.example"}, Core: true}
	school := Agency{Key: "school", Name: "Kestmoor School", SPOC: []string{"spoc@school.example"}}
	for name, c := range map[string]struct {
		as   Agencies
		says string
	}{
		"fine":        {Agencies{police, school}, ""},
		"no core":     {Agencies{school}, "no core agency"},
		"no SPOC":     {Agencies{police, {Key: "gp", Name: "GP"}}, `"gp" has no SPOC address`},
		"same alias":  {Agencies{police, {Key: "met", Name: "Kestmoor Police", SPOC: []string{"a@met.example"}}}, "both answer to"},
		"no key":      {Agencies{police, {Name: "GP", SPOC: []string{"a@gp.example"}}}, "needs a key and a name"},
		"bad address": {Agencies{police, {Key: "gp", Name: "GP", SPOC: []string{"not an address"}}}, "SPOC address"},
	} {
		err := c.as.Validate()
		if (c.says == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), c.says)) {
			t.Errorf("%s: %v, want %q", name, err, c.says)
		}
	}
}
