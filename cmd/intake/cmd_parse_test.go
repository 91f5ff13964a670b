package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/parse"
)

func parseEnv() (*Env, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &Env{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}, &out, &errb
}

// TestParseCommand runs intake parse --json as docs/forms.md describes it: one
// JSON object a line, exit 0 when all were read, 1 when any was
// unreadable, 2 on bad usage.
func TestParseCommand(t *testing.T) {
	eml := "../../testdata/forms/eml/body-referral-qp.eml"
	question := "../../testdata/forms/eml/question.eml"
	if _, err := os.Stat(eml); err != nil {
		t.Skip("fixtures missing: go run ./internal/gen/emlforms")
	}
	dir := t.TempDir()
	bad := filepath.Join(dir, "scan.pdf")
	os.WriteFile(bad, []byte("not a pdf at all"), 0o644)

	for _, c := range []struct {
		name  string
		args  []string
		code  int
		lines int
	}{
		{"all read", []string{"parse", "--json", eml, question}, 0, 2},
		{"one unreadable", []string{"parse", "--json", eml, bad}, 1, 2},
		{"missing file", []string{"parse", "--json", filepath.Join(dir, "nope.eml")}, 1, 1},
		{"no files", []string{"parse", "--json"}, 2, 0},
		{"no --json", []string{"parse", eml}, 2, 0},
		{"bad flag", []string{"parse", "--jsn", eml}, 2, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			env, out, errb := parseEnv()
			if code := Run(context.Background(), env, c.args); code != c.code {
				t.Fatalf("exit %d; want %d (stderr %s)", code, c.code, errb)
			}
			sc := bufio.NewScanner(out)
			sc.Buffer(nil, 1<<20)
			n := 0
			for sc.Scan() {
				n++
				var m map[string]any
				if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
					t.Fatalf("line %d is not JSON: %v", n, err)
				}
				for _, k := range []string{"file", "kind", "message_id", "from", "subject", "case_ref", "source", "fields", "screening", "warnings"} {
					if _, ok := m[k]; !ok {
						t.Errorf("line %d lacks %q", n, k)
					}
				}
				if _, ok := m["warnings"].([]any); !ok {
					t.Errorf("warnings is not an array: %v", m["warnings"])
				}
			}
			if n != c.lines {
				t.Errorf("%d lines; want %d", n, c.lines)
			}
		})
	}
}

func TestParseCommandConfig(t *testing.T) {
	eml := "../../testdata/forms/eml/body-referral-qp.eml"
	if _, err := os.Stat(eml); err != nil {
		t.Skip("fixtures missing")
	}
	dir := t.TempDir()
	cfg := filepath.Join(dir, "intake.toml")
	os.WriteFile(cfg, []byte("[parse]\nrequired = [\"child_name\", \"child_ethnicity\"]\n[parse.labels]\nchild_ethnicity = [\"Gender\"]\n"), 0o644)
	env, out, errb := parseEnv()
	if code := Run(context.Background(), env, []string{"parse", "--json", "--config", cfg, eml}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	if !strings.Contains(out.String(), `"missing":[]`) {
		t.Errorf("configured required keys not used: %s", out)
	}

	os.WriteFile(cfg, []byte("[parse]\nrequired = [\"no_such_key\"]\ncase_ref_pattern = \"(\"\n"), 0o644)
	env, _, errb = parseEnv()
	if code := Run(context.Background(), env, []string{"parse", "--json", "--config", cfg, eml}); code != 2 {
		t.Fatalf("bad config: exit %d; want 2", code)
	}
	for _, want := range []string{"parse.required", "parse.case_ref_pattern"} {
		if !strings.Contains(errb.String(), want) {
			t.Errorf("stderr %q lacks %q", errb, want)
		}
	}
}

// TestParseConfigFile reads every [parse] setting from TOML.
func TestParseConfigFile(t *testing.T) {
	dir := t.TempDir()
	labels := filepath.Join(dir, "labels.toml")
	os.WriteFile(labels, []byte("[keys.incident_date]\nlabels = [\"When was the young person hurt\"]\n"), 0o644)
	cfgText := "[partnership]\ncase_ref_prefix = \"BSCP\"\nareas = [\"Brackenshire\"]\n" +
		"[parse]\ncase_ref_pattern = 'BSCP-\\d{4}-\\d{4,}'\nlabels_file = \"" + labels + "\"\n" +
		"[parse.labels]\n\"abuse_types.neglect\" = [\"Poor supervision\"]\n" +
		"[parse.limits]\nmax_parts = 20\npdf_timeout = \"2s\"\n"
	c, err := ParseConfigFile(strings.NewReader(cfgText))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	o, err := c.parseOptions(nil)
	if err != nil {
		t.Fatal(err)
	}
	if o.CaseRefPattern != `BSCP-\d{4}-\d{4,}` || o.AreaNames[0] != "Brackenshire" || o.Limits.MaxParts != 20 || o.Limits.PDFTimeout.Seconds() != 2 {
		t.Errorf("options %+v", o)
	}
	if ms := o.Labels.Lookup("When was the young person hurt?"); len(ms) == 0 {
		t.Error("labels_file wording not loaded")
	}
	if ms := o.Labels.Lookup("Poor supervision"); len(ms) == 0 {
		t.Error("[parse.labels] option wording not added")
	}
	if _, err := ParseConfigFile(strings.NewReader("[parse]\nrequird = []\n")); err == nil {
		t.Error("misspelt setting accepted")
	}
}

func TestParseConfigDefaults(t *testing.T) {
	c := DefaultConfig()
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	o, err := c.parseOptions(nil)
	if err != nil {
		t.Fatal(err)
	}
	if o.CaseRefPattern != `KSCMP-\d{4}-\d{4,}` || len(o.AreaNames) != 1 || o.AreaNames[0] != "Kestmoor" || len(o.Required) == 0 || o.Limits.MaxParts == 0 || o.Labels == nil {
		t.Errorf("options incomplete: %+v", o)
	}
}

// TestOneSettingForAreasAndCaseRefs (issue 14, point 7): [partnership]
// areas is the one list of area names, the case reference pattern
// follows case_ref_prefix (so a reply quoting the partnership's own
// reference is matched), a pattern that disagrees with the prefix is an
// error, and [parse] area_names is refused with a pointer to areas.
func TestOneSettingForAreasAndCaseRefs(t *testing.T) {
	c, err := ParseConfigFile(strings.NewReader("[partnership]\ncase_ref_prefix = \"BSCP\"\nareas = [\"Brackenshire\", \"Eastholm\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	o, err := c.parseOptions(nil)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(o.AreaNames, ",") != "Brackenshire,Eastholm" {
		t.Errorf("area names %q, want exactly [partnership] areas", o.AreaNames)
	}
	reply := "From: Police SPOC <spoc@police.example>\r\nTo: reviews@bscp.example\r\nSubject: Re: [BSCP-2026-10042] Agency summary request\r\n" +
		"Message-ID: <r1@police.example>\r\n\r\nPlease find our summary attached.\r\n"
	res, err := parse.Parse(context.Background(), []byte(reply), o)
	if err != nil {
		t.Fatal(err)
	}
	if res.CaseRef == nil || *res.CaseRef != "BSCP-2026-10042" {
		t.Errorf("case ref %v, want BSCP-2026-10042", res.CaseRef)
	}

	for in, want := range map[string]string{
		"[partnership]\ncase_ref_prefix = \"BSCP\"\n[parse]\ncase_ref_pattern = 'KSCMP-\\d{4}-\\d{4}'\n": "parse.case_ref_pattern",
		"[parse]\narea_names = [\"Kestmoor\"]\n":                                                         "[partnership] areas",
	} {
		c, err := ParseConfigFile(strings.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Validate(); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: Validate = %v, want it to mention %s", in, err, want)
		}
	}
}

// TestScreeningSameInParseAndCasework: a referral is judged by one policy
// whether `intake parse` reads it or casework files it: agreement_by
// made optional and a partnership's own notification deadline reach both.
func TestScreeningSameInParseAndCasework(t *testing.T) {
	conf := "[parse]\nagreement_by_optional = true\nrequired = [\"child_name\", \"incident_date\"]\n\n" +
		"[partnership]\nareas = [\"Kestmoor\"]\n"
	example, err := os.ReadFile("example/40_timetable.toml")
	if err != nil {
		t.Fatal(err)
	}
	steps := strings.Replace(string(example), "day = 5\nowner = \"local_authority\"\n\n[[timetable.step]]\nname = \"sos", "day = 7\nowner = \"local_authority\"\n\n[[timetable.step]]\nname = \"sos", 1)
	c, err := ParseConfigFile(strings.NewReader(conf + steps))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	p, err := c.policy()
	if err != nil {
		t.Fatal(err)
	}
	o, err := c.parseOptions(p.Calendar)
	if err != nil {
		t.Fatal(err)
	}
	want := intake.ScreeningPolicy{Required: []string{"child_name", "incident_date"}, AgreementByOptional: true,
		AreaNames: []string{"Kestmoor"}, Calendar: p.Calendar, NotificationDays: 7}
	if !reflect.DeepEqual(p.Screening, want) || !reflect.DeepEqual(o.Screening(), want) {
		t.Errorf("casework screens by %+v,\nparse by %+v,\nwant %+v", p.Screening, o.Screening(), want)
	}
}
