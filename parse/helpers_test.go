package parse

import (
	"context"
	"encoding/json"
	"testing"
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
