package parse

import (
	"reflect"
	"testing"
)

func TestNormDate(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"03/11/2026", "2026-11-03"},
		{"3/11/2026", "2026-11-03"},
		{"3.11.26", "2026-11-03"},
		{"03.11.26", "2026-11-03"},
		{"03-11-2026", "2026-11-03"},
		{"3rd Nov 2026", "2026-11-03"},
		{"3rd November 2026", "2026-11-03"},
		{"Tuesday 3 November 2026", "2026-11-03"},
		{"3 Nov. 2026", "2026-11-03"},
		{"3-Nov-26", "2026-11-03"},
		{"1st of June 2025", "2025-06-01"},
		{"November 3, 2026", "2026-11-03"},
		{"2026-11-03", "2026-11-03"},
		{"03/11/2026 (approx.)", "2026-11-03"},
		{"about 14.2.12", "2012-02-14"},
		{"01/01/99", "1999-01-01"},
		{"29/02/2024", "2024-02-29"},
		{"29/02/2026", ""}, // no such day
		{"13/13/2026", ""},
		{"not known", ""},
		{"", ""},
	} {
		got, ok := normDate(c.in)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("normDate(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
}

func TestNormBool(t *testing.T) {
	T, F := true, false
	for _, c := range []struct {
		in   string
		want *bool
	}{
		{"Yes", &T}, {"Y", &T}, {"y", &T}, {"yes – see below", &T}, {"Yes - see above", &T}, {"YES.", &T},
		{"No", &F}, {"N", &F}, {"no, not at this stage", &F},
		{"☒ Yes ☐ No", &T}, {"☐ Yes ☒ No", &F}, {"☒ Yes  ☐ No", &T},
		{"[X] Yes [ ] No", &T}, {"[ ] Yes [x] No", &F}, {"Yes [X] No [ ]", &T},
		{"X", &T}, {"x", &T},
		{"☒ I have agreement to refer", &T}, {"☐ I have agreement to refer", nil},
		{"Yes / No", nil}, {"Yes/No", nil}, {"☒ Yes ☒ No", nil}, {"☐ Yes ☐ No", nil},
		{"", nil}, {"N/A", nil}, {"not known", nil}, {"unknown", nil}, {"Suspected", nil},
		{"Yes /", &T}, // "No" struck out as a tracked deletion
	} {
		got := normBool(c.in)
		if (got == nil) != (c.want == nil) || (got != nil && *got != *c.want) {
			t.Errorf("normBool(%q) = %v; want %v", c.in, show(got), show(c.want))
		}
	}
}

func show(b *bool) any {
	if b == nil {
		return nil
	}
	return *b
}

func TestNormEnums(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Died", "died"}, {"The child has died", "died"}, {"☒ Died ☐ Seriously harmed", "died"},
		{"☐ Died ☒ Seriously harmed", "seriously_harmed"}, {"[ ] Died [X] Seriously harmed", "seriously_harmed"},
		{"Serious injury", "seriously_harmed"}, {"Near miss", "other"}, {"☐ Died ☐ Seriously harmed", ""},
		{"X Died", "died"}, {"Near-fatal overdose", "seriously_harmed"},
	} {
		got, _ := normHarm(c.in)
		if got != c.want {
			t.Errorf("normHarm(%q) = %q; want %q", c.in, got, c.want)
		}
	}
	for _, c := range []struct{ in, want string }{
		{"Known", "known"}, {"Suspected", "suspected"}, {"Not suspected", "not_suspected"},
		{"☐ Known\t☒ Suspected\t☐ Not suspected", "suspected"}, {"☒ Known ☐ Suspected", "known"},
		{"Neither", "not_suspected"}, {"No", "not_suspected"}, {"Yes", "known"}, {"", ""},
	} {
		got, _ := normAbuseOrNeglect(c.in)
		if got != c.want {
			t.Errorf("normAbuseOrNeglect(%q) = %q; want %q", c.in, got, c.want)
		}
	}
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"Physical, Neglect", []string{"physical", "neglect"}},
		{"neglect and physical abuse", []string{"physical", "neglect"}},
		{"☒ Physical\n☐ Sexual\n☐ Emotional\n☒ Neglect", []string{"physical", "neglect"}},
		{"Sexual abuse / exploitation", []string{"sexual", "other"}},
		{"Psychological", []string{"emotional"}},
		{"Domestic abuse", []string{"other"}},
		{"☐ Physical ☐ Sexual", nil},
	} {
		if got := normAbuseTypes(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("normAbuseTypes(%q) = %q; want %q", c.in, got, c.want)
		}
	}
}

func TestNormListAgeEmail(t *testing.T) {
	got := normList("- Kestmoor Police\n- Kestmoor Children's Social Care; Kestmoor Academy\n1. Kestmoor Police", nil)
	want := []string{"Kestmoor Police", "Kestmoor Children's Social Care", "Kestmoor Academy"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("normList = %q; want %q", got, want)
	}
	for _, c := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"14", 14, true}, {"14 years", 14, true}, {"15 yrs", 15, true}, {"6 months", 0.5, true},
		{"7 months", 0.58, true}, {"unknown", 0, false}, {"1990", 0, false},
	} {
		got, ok := normAge(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("normAge(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
	if e, _ := normEmail("Jo <jo.b@kestmoor.example> (work)"); e != "jo.b@kestmoor.example" {
		t.Errorf("normEmail = %q", e)
	}
}
