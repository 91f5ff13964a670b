package parse

import (
	"strings"
	"testing"
)

func TestLabelMatching(t *testing.T) {
	tab := DefaultLabelTable()
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
			t.Errorf("Lookup(%q) = %v; want %s (normalised %q)", c.label, ms, c.key, normLabel(c.label))
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
	if ms := tab.Lookup("Physical abuse"); len(ms) != 1 || ms[0] != (LabelMatch{"abuse_types", "physical"}) {
		t.Errorf("Lookup(Physical abuse) = %v", ms)
	}
}

func TestLoadLabelTable(t *testing.T) {
	tab, err := LoadLabelTable(strings.NewReader(`
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
	if ms := tab.Lookup("Poor supervision"); len(ms) == 0 || ms[0] != (LabelMatch{"abuse_types", "neglect"}) {
		t.Errorf("added option not found: %v", ms)
	}
	if ms := DefaultLabelTable().lookupExact("Date the young person was harmed"); len(ms) != 0 {
		t.Errorf("loading a table changed the default: %v", ms)
	}
	for _, bad := range []string{
		`[keys.no_such_key]` + "\nlabels = [\"x\"]",
		`[keys.child_name]` + "\ntype = \"date\"",
		`[keys.harm_outcome.options]` + "\nmaybe = [\"x\"]",
		`[keys.child_name]` + "\nlabel = [\"misspelt\"]",
		`not toml`,
	} {
		if _, err := LoadLabelTable(strings.NewReader(bad)); err == nil {
			t.Errorf("LoadLabelTable(%q) accepted", bad)
		}
	}
}

func TestBodyFields(t *testing.T) {
	tab := DefaultLabelTable()
	body := "Hello\n\nChild's name: A.B.\nNHS number: 123\nTime: 10:30\nSummary of incident:\nline one\nMum said: he fell\n\nline two\n" +
		"Is there a police investigation? Yes - see above\nAgencies involved\tPolice, School\nDate of incident\n03/11/2026\n"
	got := map[string]string{}
	for _, rf := range bodyFields(body, tab) {
		got[rf.Labels[0]] = rf.Value
	}
	want := map[string]string{
		"Child's name":                     "A.B.",
		"Time":                             "10:30",
		"Summary of incident":              "line one\nMum said: he fell\n\nline two",
		"NHS number":                       "123",
		"Is there a police investigation?": "Yes - see above",
		"Agencies involved":                "Police, School",
		"Date of incident":                 "03/11/2026",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("field %q = %q; want %q (all: %q)", k, got[k], v, got)
		}
	}
}

// TestDefaultTableUnambiguous checks that no wording of the default table
// names two keys of the same form (a "both" key counts for each form).
func TestDefaultTableUnambiguous(t *testing.T) {
	tab := DefaultLabelTable()
	for w, ms := range tab.byWording {
		seen := map[string]string{}
		for _, m := range ms {
			forms := []string{tab.keys[m.Key].Form}
			if forms[0] == formBoth {
				forms = []string{formReferral, formSummary}
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
