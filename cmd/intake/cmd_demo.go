package main

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
)

// demoCommand is `intake demo`.
func demoCommand() command {
	return command{
		Name:    "demo",
		Summary: "run the whole product on invented data: fifteen working days in seconds",
		Usage: usageText(
			"Usage: intake demo [--out DIR] [--speed N] [--verbose]",
			"",
			"Starts an in-process IMAP server (the partnership mailbox) and SMTP",
			"server, and a temporary database; runs the real daemon, every part",
			"of `intake serve`, against them while a simulated clock moves through",
			"fifteen working days from Monday 9 November 2026. Invented referrals",
			"arrive (pasted into the body, a PDF, a Word form about the same child",
			"as the PDF, one incomplete, one from another area), agency SPOCs reply",
			"over the following days (one late, one out of office, one address",
			"bounces), and the business team records an outcome. Prints the",
			"timeline: what arrived, what intake decided and what it sent, when.",
			"Every email sent, digests included, is written to DIR as an .eml.",
			"Everyone in it is invented; nothing leaves the machine.",
			"",
			"Examples:",
			"  intake demo",
			"  intake demo --out /tmp/demo-mail --speed 24   # one simulated day a second",
		),
		Run: runDemoCommand,
	}
}

func runDemoCommand(ctx context.Context, env *Env, args []string) int {
	fs := newFlags(env, "demo", nil)
	out := fs.String("out", "demo-out", "folder for the sent emails (.eml)")
	speed := fs.Float64("speed", 0, "simulated hours per second of real time (0: as fast as possible)")
	verbose := fs.Bool("verbose", false, "show the daemon's log on standard error")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 || *speed < 0 {
		fs.Usage()
		return 2
	}
	opts := demoOptions{OutDir: *out, Speed: *speed}
	if *verbose {
		opts.Logger = env.Logger
		if opts.Logger == nil {
			opts.Logger = slog.Default()
		}
	}
	tl, err := runDemo(ctx, opts)
	if tl != nil {
		tl.write(env.Stdout)
	}
	if err != nil {
		fmt.Fprintln(env.Stderr, err)
		return 1
	}
	abs, _ := filepath.Abs(*out)
	fmt.Fprintf(env.Stdout, "\nEvery email sent is in %s\n", abs)
	if tl.passErrors > 0 {
		fmt.Fprintf(env.Stderr, "intake demo: %d of the daemon's passes reported errors; run with --verbose to see them\n", tl.passErrors)
		return 1
	}
	return 0
}
