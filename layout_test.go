package intake_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestDependenciesPointInward checks the layout docs/design.md describes:
// the domain imports only the standard library; ingest, notify, parse and
// web never import store; casework never imports an adapter; nothing
// outside store writes SQL; and cmd/intake registers nothing at init and
// reaches no database itself.
func TestDependenciesPointInward(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	deps := func(pkgs ...string) []string {
		out, err := exec.Command("go", append([]string{"list", "-deps", "-f", "{{.ImportPath}}"}, pkgs...)...).Output()
		if err != nil {
			t.Fatalf("go list %v: %v", pkgs, err)
		}
		return strings.Fields(string(out))
	}
	const mod = "github.com/kscmp/intake"
	for _, c := range []struct {
		pkgs      []string
		forbidden []string
	}{
		{[]string{"."}, []string{mod + "/"}},
		{[]string{"./ingest", "./notify", "./parse/..."}, []string{mod + "/store", mod + "/casework", mod + "/web"}},
		{[]string{"./casework"}, []string{mod + "/store", mod + "/ingest", mod + "/notify", mod + "/web", "database/sql"}},
	} {
		for _, d := range deps(c.pkgs...) {
			for _, f := range c.forbidden {
				if d == f || strings.HasPrefix(d, f) && strings.HasSuffix(f, "/") {
					t.Errorf("%v imports %s", c.pkgs, d)
				}
			}
		}
	}
	// The root package's own imports are the standard library's.
	for _, d := range deps(".") {
		if strings.Contains(strings.SplitN(d, "/", 2)[0], ".") && d != mod {
			t.Errorf("the domain imports %s, which is not the standard library", d)
		}
	}
	initRE := regexp.MustCompile(`(?m)^func init\(\)`)
	files, _ := filepath.Glob(filepath.Join("cmd", "intake", "*.go"))
	for _, f := range files {
		b, _ := os.ReadFile(f)
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		if initRE.Match(b) {
			t.Errorf("%s has a func init()", f)
		}
		if strings.Contains(string(b), `"database/sql"`) {
			t.Errorf("%s imports database/sql", f)
		}
	}
	// SQL is written in store alone.
	sqlRE := regexp.MustCompile("[\x60\"](SELECT [a-zA-Z_*(]|INSERT INTO |UPDATE [a-z_]+ SET |DELETE FROM |PRAGMA )")
	filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasPrefix(path, "store") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		if b, _ := os.ReadFile(path); sqlRE.Match(b) {
			t.Errorf("%s writes SQL; only store may", path)
		}
		return nil
	})
}
