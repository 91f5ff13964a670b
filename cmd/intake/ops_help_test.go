package main

import (
	"bytes"
	"context"
	"sort"
	"strings"
	"testing"
)

// TestEveryCommandHasHelpWithExample checks that `intake NAME --help`
// exits 0 and shows an example for every registered command, and that
// `intake help NAME` prints the same usage.
func TestEveryCommandHasHelpWithExample(t *testing.T) {
	var names []string
	for _, c := range commandList() {
		names = append(names, c.Name)
	}
	sort.Strings(names)
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // a command that ignored --help must not get to do anything
	for _, n := range names {
		t.Run(n, func(t *testing.T) {
			c, _ := lookupCommand(n)
			if !strings.Contains(strings.ToLower(c.Usage), "example") {
				t.Errorf("intake %s: usage has no \"Example\" section", n)
			}
			if !strings.Contains(c.Usage, "intake "+n) {
				t.Errorf("intake %s: usage never shows the command being run", n)
			}
			if c.Summary == "" {
				t.Errorf("intake %s: no summary for the command list", n)
			}
			var out bytes.Buffer
			if code := Run(ctx, opsTestEnv(&out), []string{n, "--help"}); code != 0 {
				t.Errorf("intake %s --help exited %d", n, code)
			}
			if !strings.Contains(strings.ToLower(out.String()), "example") {
				t.Errorf("intake %s --help printed no example:\n%s", n, out.String())
			}
		})
	}
}
