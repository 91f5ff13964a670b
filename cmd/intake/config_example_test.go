package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// exampleConfig is intake.example.toml: the commented fragments of
// cmd/intake/example/, one per section, joined in name order.
func exampleConfig(t *testing.T) []byte {
	t.Helper()
	files, err := filepath.Glob("example/*.toml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no example fragments: %v", err)
	}
	var b bytes.Buffer
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(bytes.TrimRight(data, "\n"))
		b.WriteString("\n\n")
	}
	return bytes.TrimRight(b.Bytes(), "\n")
}

// TestExampleConfig checks that intake.example.toml is the fragments
// joined (run with -update to rewrite it), that it parses with no unknown
// setting, and that it passes Validate.
func TestExampleConfig(t *testing.T) {
	want := append(exampleConfig(t), '\n')
	path := filepath.Join("..", "..", "intake.example.toml")
	if *update {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/intake -run TestExampleConfig -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("intake.example.toml is out of date with cmd/intake/example/: run go test ./cmd/intake -run TestExampleConfig -update")
	}
	c, err := ParseConfigFile(bytes.NewReader(got))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatalf("example config does not validate: %v", err)
	}
}

func TestConfigRejectsUnknownSetting(t *testing.T) {
	_, err := ParseConfigFile(bytes.NewReader([]byte("[store]\npaht = \"x.db\"\n")))
	if err == nil || !bytes.Contains([]byte(err.Error()), []byte("store.paht")) {
		t.Fatalf("err = %v, want it to name store.paht", err)
	}
}

func TestConfigValidateNamesTheField(t *testing.T) {
	c := DefaultConfig()
	c.Store.Path = ""
	err := c.Validate()
	if err == nil || !bytes.Contains([]byte(err.Error()), []byte("store.path: required")) {
		t.Fatalf("err = %v, want store.path: required", err)
	}
}

// TestConfigSuggestsTheNearestSetting (issue 14, point 13): a misspelt
// setting, or one in the wrong section, names the one meant; a misspelt
// section is one problem, not one per key.
func TestConfigSuggestsTheNearestSetting(t *testing.T) {
	for in, want := range map[string]string{
		"[imap]\npol_interval = \"1m\"\n":              "imap.pol_interval: unknown setting; did you mean imap.poll_interval?",
		"[imap]\nretain_raw_messages = \"730d\"\n":     "imap.retain_raw_messages: unknown setting; did you mean store.retain_raw_messages?",
		"[smpt]\nhost = \"x\"\nport = 25\n":            "smpt: unknown setting; did you mean smtp?",
		"[[agency]]\nkey = \"police\"\nnmae = \"P\"\n": "agency.nmae: unknown setting; did you mean agency.name?",
		"[store]\nzzzzzzzzzz = 1\n":                    "store.zzzzzzzzzz: unknown setting\n",
	} {
		_, err := ParseConfigFile(strings.NewReader(in))
		if err == nil || !strings.Contains(err.Error()+"\n", want) {
			t.Errorf("%q: err = %v\nwant %q", in, err, want)
		}
		if err != nil && strings.Contains(err.Error(), "smpt.host") {
			t.Errorf("%q: reported keys inside an unknown section: %v", in, err)
		}
	}
}

// TestLogConfig (issue 14, point 13): [log] level and format build the
// process's logger when the configuration is read.
func TestLogConfig(t *testing.T) {
	path := filepath.Join(t.TempDir(), "intake.toml")
	if err := os.WriteFile(path, []byte("[log]\nlevel = \"warn\"\nformat = \"json\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	env := &Env{Getenv: func(string) string { return "" }, LogOutput: &logs}
	if _, err := env.LoadConfig(path); err != nil {
		t.Fatal(err)
	}
	env.Logger.Info("quiet")
	env.Logger.Warn("loud", "case", "KSCMP-2026-0001")
	if got := logs.String(); got == "" || strings.Contains(got, "quiet") || !strings.HasPrefix(got, `{"time":`) || !strings.Contains(got, `"msg":"loud"`) {
		t.Fatalf("logs %q", got)
	}
	if err := os.WriteFile(path, []byte("[log]\nlevel = \"chatty\"\nformat = \"xml\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := env.LoadConfig(path)
	if err == nil || !strings.Contains(err.Error(), "log.level") || !strings.Contains(err.Error(), "log.format") {
		t.Fatalf("err %v", err)
	}
}

// TestSPOCIdentifiersChecked: spoc_identifiers takes only what casework
// knows how to write in a SPOC's email, and says which those are.
func TestSPOCIdentifiersChecked(t *testing.T) {
	c, err := ParseConfigFile(strings.NewReader("[partnership]\nspoc_identifiers = [\"initials\", \"postcode\"]\n"))
	if err == nil {
		err = c.Validate()
	}
	if err == nil || !strings.Contains(err.Error(), `"postcode": want initials, dob, age, name`) {
		t.Errorf("spoc_identifiers postcode: %v", err)
	}
}
