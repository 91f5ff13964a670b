package parse

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/kscmp/intake"
)

// The partnership corpus (internal/gen/corpus): referrals and agency
// summaries in nine partnerships' wordings and layouts, made through
// LibreOffice as real ones are, each message with the JSON a correct
// reading gives. tuned/ is what parse is developed against; heldout/ is
// read only by the accuracy report (BenchmarkCorpusAccuracy).
const corpusDir = "../testdata/forms/corpus"

// corpusPartnership is one partnership's configuration.
type corpusPartnership struct {
	Key            string              `json:"key"`
	Name           string              `json:"name"`
	AreaNames      []string            `json:"area_names"`
	CaseRefPattern string              `json:"case_ref_pattern"`
	Agencies       map[string][]string `json:"agencies"`
}

// corpusExpected is what reading a message correctly gives.
type corpusExpected struct {
	Partnership string         `json:"partnership"`
	Kind        string         `json:"kind"`
	Source      string         `json:"source"`
	CaseRef     *string        `json:"case_ref"`
	Fields      map[string]any `json:"fields"`
}

// corpusMessage is one message of the corpus.
type corpusMessage struct {
	name string
	raw  []byte
	want corpusExpected
	opts Options
}

// recordedConverter gives the .docx LibreOffice made of each .doc of the
// corpus when it was generated, as parse/convert would in production.
type recordedConverter struct{ dir string }

func (c recordedConverter) ConvertDOC(_ context.Context, doc []byte) ([]byte, error) {
	sum := sha256.Sum256(doc)
	return os.ReadFile(filepath.Join(c.dir, hex.EncodeToString(sum[:])+".docx"))
}

// loadCorpus reads one part of the corpus (tuned or heldout).
func loadCorpus(t testing.TB, part string) []corpusMessage {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(corpusDir, "partnerships.json"))
	if err != nil {
		t.Fatalf("no corpus (go run ./internal/gen/corpus): %v", err)
	}
	var ps []corpusPartnership
	if err := json.Unmarshal(b, &ps); err != nil {
		t.Fatal(err)
	}
	opts := map[string]Options{}
	for _, p := range ps {
		o := DefaultOptions()
		o.AreaNames = p.AreaNames
		o.CaseRefPattern = p.CaseRefPattern
		for _, name := range sortedKeys(p.Agencies) {
			o.Agencies = append(o.Agencies, intake.Agency{Key: name, Name: name, Aliases: p.Agencies[name]})
		}
		o.DOC = recordedConverter{filepath.Join(corpusDir, "converted")}
		opts[p.Key] = o
	}
	files, _ := filepath.Glob(filepath.Join(corpusDir, part, "*.eml"))
	var out []corpusMessage
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		jb, err := os.ReadFile(strings.TrimSuffix(f, ".eml") + ".json")
		if err != nil {
			t.Fatal(err)
		}
		m := corpusMessage{name: strings.TrimSuffix(filepath.Base(f), ".eml"), raw: raw}
		if err := json.Unmarshal(jb, &m.want); err != nil {
			t.Fatal(err)
		}
		o, ok := opts[m.want.Partnership]
		if !ok {
			t.Fatalf("%s: unknown partnership %q", m.name, m.want.Partnership)
		}
		m.opts = o
		out = append(out, m)
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// corpusScore compares a result with what was expected: the fields right,
// the fields compared (every key expected or read), whether the message
// was read completely (kind, source and case reference right, every field
// right, nothing read that is not there), and what differed.
//
// Text compares with its white space collapsed: a line break where a PDF
// wrapped a line is not a misreading.
func corpusScore(want corpusExpected, got Result) (right, total int, complete bool, diffs []string) {
	complete = true
	if got.Kind != want.Kind {
		complete = false
		diffs = append(diffs, fmt.Sprintf("kind %s, want %s", got.Kind, want.Kind))
	}
	if got.Source != want.Source {
		complete = false
		diffs = append(diffs, fmt.Sprintf("source %q, want %q", got.Source, want.Source))
	}
	if g, w := deref(got.CaseRef), deref(want.CaseRef); g != w {
		complete = false
		diffs = append(diffs, fmt.Sprintf("case_ref %q, want %q", g, w))
	}
	gotFields := map[string]any{}
	if b, err := json.Marshal(got.Fields); err == nil {
		_ = json.Unmarshal(b, &gotFields)
	}
	keys := map[string]bool{}
	for k := range want.Fields {
		keys[k] = true
	}
	for k := range gotFields {
		keys[k] = true
	}
	for _, k := range sortedKeys(keys) {
		total++
		w, wok := want.Fields[k]
		g, gok := gotFields[k]
		switch {
		case wok && gok && sameValue(w, g):
			right++
			continue
		case !gok:
			diffs = append(diffs, fmt.Sprintf("%s: missing, want %q", k, w))
		case !wok:
			diffs = append(diffs, fmt.Sprintf("%s: %q read, not on the form", k, g))
		default:
			diffs = append(diffs, fmt.Sprintf("%s: %q, want %q", k, g, w))
		}
		complete = false
	}
	return right, total, complete, diffs
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

// sameValue compares two JSON values, text with its white space
// collapsed.
func sameValue(a, b any) bool {
	return reflect.DeepEqual(collapse(a), collapse(b))
}

func collapse(v any) any {
	switch x := v.(type) {
	case string:
		return strings.Join(strings.Fields(x), " ")
	case []any:
		out := make([]any, len(x))
		for i := range x {
			out[i] = collapse(x[i])
		}
		return out
	}
	return v
}

// readCorpusMessage parses one message of the corpus.
func readCorpusMessage(t testing.TB, m corpusMessage) Result {
	r, err := Parse(context.Background(), m.raw, m.opts)
	if err != nil {
		t.Fatalf("%s: %v", m.name, err)
	}
	return r
}

// TestCorpusTuned reads every message of the tuned corpus: each must be
// read completely and right.
func TestCorpusTuned(t *testing.T) {
	msgs := loadCorpus(t, "tuned")
	if len(msgs) < 40 {
		t.Fatalf("only %d messages in the tuned corpus", len(msgs))
	}
	right, total, complete := 0, 0, 0
	for _, m := range msgs {
		t.Run(m.name, func(t *testing.T) {
			got := readCorpusMessage(t, m)
			r, n, ok, diffs := corpusScore(m.want, got)
			right, total = right+r, total+n
			if ok {
				complete++
				return
			}
			t.Errorf("not read completely:\n\t%s\n\twarnings: %q", strings.Join(diffs, "\n\t"), got.Warnings)
		})
	}
	t.Logf("tuned corpus: %d of %d messages read completely, %d of %d fields right (%.1f%%)",
		complete, len(msgs), right, total, 100*float64(right)/float64(total))
}
