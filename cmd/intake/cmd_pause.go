package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/store"
)

func init() {
	for _, c := range []struct{ name, summary, verb string }{
		{"pause", "stop a case's clock, recording who and why", "Stops"},
		{"resume", "restart a paused case's clock, recording who and why", "Restarts"},
	} {
		register(command{
			Name:    c.name,
			Summary: c.summary,
			Usage: usageText(
				"Usage: intake "+c.name+" [--config FILE] REF --reason TEXT --by NAME",
				"",
				c.verb+" case REF's clock and records who did it and why in the audit",
				"trail. While a case is paused no chaser goes out, and every due date",
				"after the pause moves on by the working days it lasted.",
				"",
				"Example:",
				"  intake "+c.name+" KSCMP-2026-0042 --reason \"police asked us to wait for the strategy meeting\" --by \"B. Manager\"",
			),
			Run: func(ctx context.Context, env *Env, args []string) int { return runPause(ctx, env, c.name, args) },
		})
	}
}

func runPause(ctx context.Context, env *Env, name string, args []string) int {
	var configPath, reason, by string
	fs := newFlags(env, name, &configPath)
	fs.StringVar(&reason, "reason", "", "why (kept in the audit trail)")
	fs.StringVar(&by, "by", "", "who")
	pos, code := parseInterspersed(fs, args)
	if code >= 0 {
		return code
	}
	reason, by = strings.TrimSpace(reason), strings.TrimSpace(by)
	if len(pos) != 1 || reason == "" || by == "" {
		fs.Usage()
		return 2
	}
	cw, err := openCasework(ctx, env, configPath)
	if err != nil {
		fmt.Fprintln(env.Stderr, err)
		return 1
	}
	defer cw.store.Close()
	ref := strings.ToUpper(strings.TrimSpace(pos[0]))
	now := cliClock.Now()
	err = cw.store.Update(ctx, func(tx intake.Tx) error {
		if name == "pause" {
			return store.PauseCase(ctx, tx, ref, by, reason, now)
		}
		return store.ResumeCase(ctx, tx, ref, by, reason, now)
	})
	if errors.Is(err, intake.ErrNotFound) {
		fmt.Fprintf(env.Stderr, "intake %s: no case %s\n", name, ref)
		return 1
	}
	if err != nil {
		fmt.Fprintln(env.Stderr, err)
		return 1
	}
	fmt.Fprintf(env.Stdout, "%s: clock %sd\n", ref, name)
	return 0
}
