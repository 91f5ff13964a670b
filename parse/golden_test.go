package parse

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/parse")

// TestGoldenMessages parses every fixture message of testdata/forms/eml
// (written by internal/gen/emlforms) and compares the JSON of intake parse
// with testdata/parse/<case>/result.json. Run with -update to rewrite them
// after a deliberate change, and read the diff.
func TestGoldenMessages(t *testing.T) {
	files, err := filepath.Glob("../testdata/forms/eml/*.eml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures (go run ./internal/gen/emlforms): %v", err)
	}
	// No .doc converter: the golden files must not depend on whether
	// LibreOffice is installed (parse/convert tests conversion).
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".eml")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			got := resultJSON(t, parseFile(t, filepath.Base(f), raw, DefaultOptions()))
			golden := filepath.Join("../testdata/parse", name, "result.json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("no golden file (run with -update): %v", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("result differs from %s (after a deliberate change to parsing or to a form reader, run\n"+
					"go test ./parse -run TestGoldenMessages -update and review the diff):\n--- got\n%s\n--- want\n%s", golden, got, want)
			}
		})
	}
}

// resultJSON renders a result as intake parse prints it, indented for
// reviewable golden files.
func resultJSON(t testing.TB, r Result) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
