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
