package labels

import (
	"strings"
	"testing"
)

func TestLabelMatching(t *testing.T) {
	tab := Default()
	for _, c := range []struct{ label, key string }{
		{"Date of incident", "incident_date"},
		{"DATE OF INCIDENT", "incident_date"},
		{"date of incident:", "incident_date"},
		{"Date of incident *", "incident_date"},
		{"3a. Date of incident", "incident_date"},
		{"3a) Date of incident", "incident_date"},
		{"Q3. Date of incident", "incident_date"},
		{"12.1 Date of incident", "incident_date"},
		{"Date of incident (dd/mm/yyyy)", "incident_date"},
		{"Incident date", "incident_date"},
		{"When did the incident occur?", "incident_date"},
		{"Date of incident or death", "incident_date"},
		{"Ethnicity (please specify)", "child_ethnicity"},
		{"Ethnicity - please specify", "child_ethnicity"},
		{"Child’s name", "child_name"},
		{"Child's name", "child_name"},
		{"Childs name", "child_name"},
		{"Name of child / young person", "child_name"},
		{"txtChildName", "child_name"},
		{"child_name", "child_name"},
		{"ChildDOB", "child_dob"},
		{"Is the child looked after? Yes/No", "child_looked_after"},
		{"Type of abuse (tick all that apply)", "abuse_types"},
		{"Agreement to refer given by", "agreement_by"},
		{"a) Is abuse or neglect known or suspected?", "abuse_or_neglect"},
	} {
		ms := tab.Lookup(c.label)
		found := false
		for _, m := range ms {
			found = found || (m.Key == c.key && m.Option == "")
		}
		if !found {
			t.Errorf("Lookup(%q) = %v; want %s (normalised %q)", c.label, ms, c.key, Norm(c.label))
		}
	}
	for _, l := range []string{"", "Date", "Kind regards", "Hello", "The child was found at home by a neighbour", "a child"} {
		for _, m := range tab.Lookup(l) {
			if m.Key == "incident_date" || m.Key == "child_name" {
				t.Errorf("Lookup(%q) = %v; want no child or incident key", l, m)
			}
		}
	}
	// Options: a row named by an option.
	if ms := tab.Lookup("Physical abuse"); len(ms) != 1 || ms[0] != (Match{"abuse_types", "physical"}) {
		t.Errorf("Lookup(Physical abuse) = %v", ms)
	}
}

func TestLoad(t *testing.T) {
	tab, err := Load(strings.NewReader(`
[keys.incident_date]
labels = ["Date the young person was harmed"]
[keys.abuse_types.options]
neglect = ["Poor supervision"]
`))
	if err != nil {
		t.Fatal(err)
	}
	if ms := tab.Lookup("Date the young person was harmed:"); len(ms) == 0 || ms[0].Key != "incident_date" {
		t.Errorf("added wording not found: %v", ms)
	}
	if ms := tab.Lookup("Poor supervision"); len(ms) == 0 || ms[0] != (Match{"abuse_types", "neglect"}) {
		t.Errorf("added option not found: %v", ms)
	}
	if ms := Default().LookupExact("Date the young person was harmed"); len(ms) != 0 {
		t.Errorf("loading a table changed the default: %v", ms)
	}
	for _, bad := range []string{
		`[keys.no_such_key]` + "\nlabels = [\"x\"]",
		`[keys.child_name]` + "\ntype = \"date\"",
		`[keys.harm_outcome.options]` + "\nmaybe = [\"x\"]",
		`[keys.child_name]` + "\nlabel = [\"misspelt\"]",
		`not toml`,
	} {
		if _, err := Load(strings.NewReader(bad)); err == nil {
			t.Errorf("Load(%q) accepted", bad)
		}
	}
}

// TestDefaultTableUnambiguous checks that no wording of the default table
// names two keys of the same form (a "both" key counts for each form).
func TestDefaultTableUnambiguous(t *testing.T) {
	tab := Default()
	for w, ms := range tab.byWording {
		seen := map[string]string{}
		for _, m := range ms {
			forms := []string{tab.keys[m.Key].Form}
			if forms[0] == FormBoth {
				forms = []string{FormReferral, FormSummary}
			}
			for _, f := range forms {
				if other, ok := seen[f]; ok && other != m.Key {
					t.Errorf("wording %q names both %s and %s on the %s form", w, other, m.Key, f)
				}
				seen[f] = m.Key
			}
		}
	}
}

// TestBracketedQuestion keeps a bracket that is the question itself.
func TestBracketedQuestion(t *testing.T) {
	tab := Default()
	for label, key := range map[string]string{
		"This is (your name):":       "referrer_name",
		"I am a (job title):":        "referrer_role",
		"from (organisation):":       "referrer_agency",
		"Ethnicity (please specify)": "child_ethnicity",
	} {
		if ms := tab.Lookup(label); len(ms) == 0 || ms[0].Key != key {
			t.Errorf("Lookup(%q) = %v; want %s (normalised %q)", label, ms, key, Norm(label))
		}
	}
}
