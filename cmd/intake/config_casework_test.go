package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/kscmp/intake"
)

// TestCaseworkFragmentsParse checks that each of the partnership,
// calendar, timetable and agencies example fragments parses on its own,
// validates, and says what the built-in defaults say.
func TestCaseworkFragmentsParse(t *testing.T) {
	var all []byte
	for _, f := range []string{"example/20_partnership.toml", "example/30_calendar.toml", "example/40_timetable.toml", "example/50_agencies.toml"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all = append(append(all, data...), '\n')
		c, err := ParseConfigFile(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	c, err := ParseConfigFile(bytes.NewReader(all))
	if err != nil {
		t.Fatal(err)
	}
	def := DefaultConfig()
	if got, want := c.AgencyList(), def.AgencyList(); len(got) != len(want) {
		t.Errorf("example agencies %d, built-in %d", len(got), len(want))
	} else {
		for i := range got {
			if got[i].Key != want[i].Key || got[i].Name != want[i].Name || got[i].Core != want[i].Core ||
				strings.Join(got[i].Aliases, "|") != strings.Join(want[i].Aliases, "|") {
				t.Errorf("agency %d: example %+v, built-in %+v", i, got[i], want[i])
			}
		}
	}
	tex, err := c.Timetable.Timetable()
	if err != nil {
		t.Fatal(err)
	}
	tdef, _ := def.Timetable.Timetable()
	if len(tex.Steps) != len(tdef.Steps) {
		t.Fatalf("example steps %d, default %d", len(tex.Steps), len(tdef.Steps))
	}
	for i := range tex.Steps {
		if tex.Steps[i] != tdef.Steps[i] {
			t.Errorf("step %d: example %+v, default %+v", i, tex.Steps[i], tdef.Steps[i])
		}
	}
	if c.Partnership.CaseRefPrefix != "KSCMP" {
		t.Errorf("prefix %q", c.Partnership.CaseRefPrefix)
	}
}

// TestAgencyListReplacesBuiltIn checks that a file listing one agency gets
// exactly that agency, not one merged with the built-in list.
func TestAgencyListReplacesBuiltIn(t *testing.T) {
	c, err := ParseConfigFile(strings.NewReader("[[agency]]\nname = \"Kestmoor Youth Service\"\nspoc = [\"ys@kestmoor.example\"]\ncore = true\n"))
	if err != nil {
		t.Fatal(err)
	}
	as := c.AgencyList()
	if len(as) != 1 || as[0].Key != "kestmoor_youth_service" || len(as[0].Aliases) != 0 {
		t.Fatalf("agencies %+v", as)
	}
	if err := c.Validate(); err != nil && strings.Contains(err.Error(), "agency") {
		t.Fatal(err)
	}
}

func TestCaseworkConfigErrorsNameTheField(t *testing.T) {
	for in, want := range map[string]string{
		"[partnership]\ncase_ref_prefix = \"k-1\"\n":                   "partnership.case_ref_prefix",
		"[partnership]\nspoc_identifiers = [\"postcode\"]\n":           "partnership.spoc_identifiers",
		"[calendar]\nextra_closed_days = [\"19/09/2022\"]\n":           "calendar.extra_closed_days",
		"[timetable]\nclock_starts = \"incident\"\n":                   "timetable",
		"[[timetable.step]]\nname = \"x\"\nunit = \"weeks\"\n":         "timetable",
		"[[agency]]\nname = \"Police\"\nspoc = [\"not an address\"]\n": "agency",
		"[[agency]]\nname = \"Police\"\nspoc = [\"p@p.example\"]\n":    "no core agency",
	} {
		c, err := ParseConfigFile(strings.NewReader(in))
		if err == nil {
			err = c.Validate()
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err = %v, want %q", in, err, want)
		}
	}
	cal, err := (CalendarConfig{ExtraClosedDays: []string{"2026-11-10"}}).Calendar()
	if err != nil || cal.IsWorkingDay(intake.Date(2026, 11, 10)) {
		t.Errorf("extra closed day: %v", err)
	}
}
