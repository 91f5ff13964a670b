package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
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
