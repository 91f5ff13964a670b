package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
)

// demoCommand is `intake demo`.
func demoCommand() command {
	return command{
		Name:    "demo",
		Summary: "run the whole product on invented data: fifteen working days in seconds",
		Usage: usageText(
			"Usage: intake demo [--out DIR] [--speed N] [--verbose] [--web [--listen ADDR]] [--db PATH]",
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
			"With --web, once the fifteen days have run, the demo keeps its",
			"database and serves the business team's work queue on a loopback",
			"address (--listen, default a free port on 127.0.0.1), with an account",
			"to sign in with; it prints the address and the password, and the",
			"daemon carries on in real time until Ctrl-C. --db keeps the database",
			"at PATH (which must not exist yet); with --web and no --db it is kept",
			"in a new temporary directory, which is printed.",
			"",
			"Examples:",
			"  intake demo",
			"  intake demo --web                                # then open the printed address",
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
	serveWeb := fs.Bool("web", false, "then serve the work queue on loopback until Ctrl-C")
	listen := fs.String("listen", "127.0.0.1:0", "with --web: the loopback address to serve on")
	db := fs.String("db", "", "keep the demo's database at this path (new)")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 || *speed < 0 {
		fs.Usage()
		return 2
	}
	if *listen != "127.0.0.1:0" && !*serveWeb {
		fmt.Fprintln(env.Stderr, "intake demo: --listen goes with --web")
		return 2
	}
	opts := demoOptions{OutDir: *out, Speed: *speed, DBPath: *db}
	if *db != "" {
		if _, err := os.Stat(*db); err == nil {
			fmt.Fprintf(env.Stderr, "intake demo: %s exists: the demo makes a new database; give a path that does not exist\n", *db)
			return 2
		}
	}
	if *verbose {
		opts.Logger = env.Logger
		if opts.Logger == nil {
			opts.Logger = slog.Default()
		}
	}
	abs, _ := filepath.Abs(*out)
	if *serveWeb {
		if opts.DBPath == "" {
			dir, err := os.MkdirTemp("", "intake-demo-web-")
			if err != nil {
				fmt.Fprintln(env.Stderr, "intake demo:", err)
				return 1
			}
			opts.DBPath = filepath.Join(dir, "intake.db")
		}
		dw := &demoWeb{Listen: *listen, Out: env.Stdout}
		opts.AfterScenario = func(ctx context.Context, d *demo) error {
			d.tl.write(env.Stdout)
			fmt.Fprintf(env.Stdout, "\nEvery email sent is in %s\n", abs)
			return dw.serve(ctx, d)
		}
	}
	tl, err := runDemo(ctx, opts)
	if *serveWeb {
		if err != nil && ctx.Err() == nil {
			fmt.Fprintln(env.Stderr, err)
			return 1
		}
		fmt.Fprintf(env.Stdout, "\nStopped. The demo's database is kept at %s\n", opts.DBPath)
		return 0
	}
	if tl != nil {
		tl.write(env.Stdout)
	}
	if err != nil {
		fmt.Fprintln(env.Stderr, err)
		return 1
	}
	fmt.Fprintf(env.Stdout, "\nEvery email sent is in %s\n", abs)
	if opts.DBPath != "" {
		fmt.Fprintf(env.Stdout, "The demo's database is kept at %s\n", opts.DBPath)
	}
	if tl.passErrors > 0 {
		fmt.Fprintf(env.Stderr, "intake demo: %d of the daemon's passes reported errors; run with --verbose to see them\n", tl.passErrors)
		return 1
	}
	return 0
}
