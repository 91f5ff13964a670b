package main

import (
	"context"
)

// caseCommand is `intake case`.
func caseCommand() command {
	return command{
		Name:    "case",
		Summary: "show one case: timeline with due dates, summaries, audit trail",
		Usage: usageText(
			"Usage: intake case [--config FILE] [--json] --by NAME REF",
			"",
			"Shows a case: its state, the referral's answers and where each came",
			"from, the screening advice and flags, both clocks (the local",
			"authority's statutory notifications, and the rapid review from Day 1)",
			"with each step's due date, whether it is done and who recorded it,",
			"each agency's request, the emails sent and their state, and the audit",
			"trail. The case holds personal data: viewing it is recorded in the",
			"audit trail with NAME.",
			"",
			"Example:",
			"  intake case KSCMP-2026-0042 --by \"Jo Screener\"",
		),
		Run: runCase,
	}
}

func runCase(ctx context.Context, env *Env, args []string) int {
	var configPath, by string
	var asJSON bool
	fs := newFlags(env, "case", &configPath)
	fs.BoolVar(&asJSON, "json", false, "print JSON")
	fs.StringVar(&by, "by", "", "who is looking (recorded in the audit trail: a case holds personal data)")
	pos, code := parseInterspersed(fs, args)
	if code >= 0 {
		return code
	}
	if len(pos) != 1 {
		fs.Usage()
		return 2
	}
	c, err := openCLI(ctx, env, configPath)
	if err != nil {
		return fail(env, "case", err)
	}
	defer c.store.Close()
	v, err := c.cw.ViewCase(ctx, by, pos[0])
	if err != nil {
		return fail(env, "case", err)
	}
	if asJSON {
		if err := writeJSON(env.Stdout, v); err != nil {
			return 1
		}
		return 0
	}
	printCase(env.Stdout, v)
	return 0
}
