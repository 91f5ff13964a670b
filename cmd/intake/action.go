package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/kscmp/intake/casework"
)

// action is a business team's action on a case from the command line:
// every one takes --by (who is acting: the audit trail records it) and
// --reason, and calls one casework method.
type action struct {
	name    string
	minArgs int // positional arguments wanted (the reference first)
	maxArgs int
	flags   func(fs *flag.FlagSet) // further options
	do      func(ctx context.Context, cw *casework.Casework, by, reason string, args []string) (string, error)
}

// run parses args and does the action, printing what it did.
func (a action) run(ctx context.Context, env *Env, args []string) int {
	var configPath, by, reason string
	fs := newFlags(env, a.name, &configPath)
	fs.StringVar(&by, "by", "", "who is doing this (recorded in the audit trail)")
	fs.StringVar(&reason, "reason", "", "why (recorded in the audit trail)")
	if a.flags != nil {
		a.flags(fs)
	}
	pos, code := parseInterspersed(fs, args)
	if code >= 0 {
		return code
	}
	if len(pos) < a.minArgs || len(pos) > a.maxArgs {
		fs.Usage()
		return 2
	}
	c, err := openCLI(ctx, env, configPath)
	if err != nil {
		return fail(env, a.name, err)
	}
	defer c.store.Close()
	done, err := a.do(ctx, c.cw, by, reason, pos)
	if err != nil {
		return fail(env, a.name, err)
	}
	fmt.Fprintln(env.Stdout, done)
	env.Logger.Info("action recorded", "command", a.name)
	return 0
}
