package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestOperationsGuideSnippets checks that every TOML snippet in
// docs/operations.md names only settings intake knows, with values of the
// right type, so that the guide cannot drift from the code.
func TestOperationsGuideSnippets(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "operations.md"))
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```toml\n(.*?)```").FindAllStringSubmatch(string(doc), -1)
	if len(blocks) < 3 {
		t.Fatalf("found %d TOML snippets in the guide, want several", len(blocks))
	}
	for _, b := range blocks {
		// Snippets inside numbered lists are indented.
		var lines []string
		for _, l := range strings.Split(b[1], "\n") {
			lines = append(lines, strings.TrimLeft(l, " "))
		}
		if _, err := ParseConfigFile(strings.NewReader(strings.Join(lines, "\n"))); err != nil {
			t.Errorf("snippet does not parse: %v\n%s", err, b[1])
		}
	}
}

// TestDocumentedCommandsExist checks that every `intake ...` command the
// README and the guides show is a command intake has, and that every
// option shown with it is one its --help lists, so that the docs cannot
// drift from the program.
func TestDocumentedCommandsExist(t *testing.T) {
	fenced := regexp.MustCompile("(?s)```[a-z]*\n(.*?)```")
	inline := regexp.MustCompile("`([^`\n]+)`")
	inv := regexp.MustCompile(`(?m)(?:^|[\s(])(intake(?:-run)? [a-z][a-z-]*[^\n]*)`)
	flagRE := regexp.MustCompile(`(?:^|\s)--([a-z][a-z-]*)`)
	for _, doc := range []string{"README.md", "docs/casework.md", "docs/design.md", "docs/operations.md"} {
		b, err := os.ReadFile(filepath.Join("..", "..", doc))
		if err != nil {
			t.Fatal(err)
		}
		var code []string
		for _, f := range fenced.FindAllStringSubmatch(string(b), -1) {
			code = append(code, f[1])
		}
		prose := fenced.ReplaceAllString(string(b), "")
		for _, m := range inline.FindAllStringSubmatch(prose, -1) {
			code = append(code, m[1])
		}
		var lines []string
		for _, l := range strings.Split(strings.Join(code, "\n"), "\n") {
			if i := strings.Index(l, "# "); i >= 0 {
				l = l[:i] // a shell comment
			}
			lines = append(lines, l)
		}
		for _, m := range inv.FindAllStringSubmatch(strings.Join(lines, "\n"), -1) {
			words := strings.Fields(m[1])
			if len(words) < 2 || strings.Contains(words[1], ".") {
				continue // a unit's name, not a command
			}
			name := words[1]
			c, ok := lookupCommand(name)
			if !ok {
				t.Errorf("%s shows %q, but intake has no command %q", doc, m[1], name)
				continue
			}
			var out strings.Builder
			env, _, errb := testEnv("")
			env.Stdout = &out
			Run(t.Context(), env, []string{name, "--help"})
			help := c.Usage + out.String() + errb.String()
			for _, f := range flagRE.FindAllStringSubmatch(m[1], -1) {
				if f[1] == "help" {
					continue
				}
				if !strings.Contains(help, "-"+f[1]) {
					t.Errorf("%s shows %q, but `intake %s --help` lists no --%s", doc, m[1], name, f[1])
				}
			}
		}
	}
}
