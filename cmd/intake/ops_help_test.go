package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
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

// TestUsageAndStates (issue 14, point 15): intake with no command prints
// the usage and exits 2; a state that does not exist is refused with the
// list of those that do, before any database is opened.
func TestUsageAndStates(t *testing.T) {
	env, out, errb := testEnv("")
	if code := Run(context.Background(), env, nil); code != 2 || out.Len() != 0 || !strings.Contains(errb.String(), "Usage: intake COMMAND") {
		t.Errorf("no arguments: exit %d, stdout %q, stderr %q", code, out, errb)
	}
	missing := filepath.Join(t.TempDir(), "intake.toml")
	os.WriteFile(missing, []byte("[store]\npath = \""+filepath.Join(filepath.Dir(missing), "none.db")+"\"\n"), 0o600)
	for cmd, states := range map[string]string{
		"cases":    "received, awaiting_referrer, awaiting_summaries, ready_for_review, decided, closed",
		"messages": "stored, quarantined, processed, unreadable, ignored, needs_person, failed, dismissed",
	} {
		env, _, errb := testEnv("")
		if code := Run(context.Background(), env, []string{cmd, "--config", missing, "--state", "bogus"}); code != 2 || !strings.Contains(errb.String(), states) {
			t.Errorf("%s --state bogus: exit %d, %q", cmd, code, errb)
		}
		if _, err := os.Stat(filepath.Join(filepath.Dir(missing), "none.db")); err == nil {
			t.Errorf("%s --state bogus created the database", cmd)
		}
	}
}
