package parse

import (
	"context"
	"encoding/json"
	"sort"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/kscmp/intake/parse/form"
	"github.com/kscmp/intake/parse/labels"
)

// parseMsg is Parse with a background context, failing the test on the
// error Parse gives only when its context ends.
func parseMsg(t testing.TB, raw []byte, opts Options) Result {
	t.Helper()
	r, err := Parse(context.Background(), raw, opts)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return r
}

// parseFile is ParseFile with a background context.
func parseFile(t testing.TB, name string, b []byte, opts Options) Result {
	t.Helper()
	r, err := ParseFile(context.Background(), name, b, opts)
	if err != nil {
		t.Fatalf("ParseFile: %v", err)
	}
	return r
}

// parseForm is ParseForm with a background context.
func parseForm(t testing.TB, name string, b []byte, opts Options) Result {
	t.Helper()
	r, err := ParseForm(context.Background(), name, b, opts)
	if err != nil {
		t.Fatalf("ParseForm: %v", err)
	}
	return r
}

// jsonOf is v as it comes back from JSON (lists as []any).
func jsonOf(t testing.TB, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// mapFields is mapper.mapFields with no agencies configured.
func mapFields(t *labels.Table, raws []form.RawField, kind string) formMatch {
	return mapper{t: t}.mapFields(raws, kind)
}

// normValue is mapper.normValue with no agencies configured.
func normValue(ks *labels.KeySpec, raw string) (v any, ok bool, problem string) {
	return mapper{}.normValue(ks, raw)
}

// defaultKeys returns the canonical keys of the embedded default table,
// sorted, as its TOML defines them; it fails the test when the table
// does not know one.
func defaultKeys(t testing.TB) []string {
	t.Helper()
	var tt struct {
		Keys map[string]toml.Primitive `toml:"keys"`
	}
	if _, err := toml.DecodeFile("labels/labels_default.toml", &tt); err != nil {
		t.Fatal(err)
	}
	keys := make([]string, 0, len(tt.Keys))
	for k := range tt.Keys {
		if defaultTable.Key(k) == nil {
			t.Fatalf("the default table has no key %q", k)
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
