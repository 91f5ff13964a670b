package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/kscmp/intake"
)

// serveCommand is `intake serve`.
func serveCommand() command {
	return command{
		Name:    "serve",
		Summary: "run the daemon: ingest the mailbox, process, send",
		Usage: usageText(
			"Usage: intake serve [--once] [--parts NAMES] [--config FILE]",
			"",
			"Runs every part of the daemon until SIGTERM or SIGINT, which let the",
			"work in hand (the batch of messages being stored) finish first.",
			"With --once, runs one pass of each part (ingest every folder, process,",
			"send) and exits: for cron and for checks. --parts limits the run to",
			"the named parts (ingest, casework, outbox, ops, web), e.g. to time",
			"ingestion. With [web] listen set, it also serves the business team's",
			"work queue (docs/web.md).",
			"",
			"Example:",
			"  INTAKE_IMAP_PASSWORD=... intake serve --config /etc/intake/intake.toml",
			"  intake serve --once --config intake.toml",
		),
		Run: runServe,
	}
}

func runServe(ctx context.Context, env *Env, args []string) int {
	var configPath string
	fs := newFlags(env, "serve", &configPath)
	once := fs.Bool("once", false, "run one pass of every part and exit")
	only := fs.String("parts", "", "comma-separated parts to run (default: all)")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "intake serve: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	cfg, err := env.LoadConfig(configPath)
	if err != nil {
		fmt.Fprintln(env.Stderr, "intake serve:", err)
		return 1
	}
	m, err := NewMain(ctx, cfg, env, intake.SystemClock{})
	if err != nil {
		fmt.Fprintln(env.Stderr, "intake serve:", err)
		return 1
	}
	if *only != "" {
		if err := m.keepParts(strings.Split(*only, ",")); err != nil {
			m.Close()
			fmt.Fprintln(env.Stderr, "intake serve:", err)
			return 2
		}
	}
	if *once {
		err := m.RunOnce(ctx)
		if cerr := m.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			fmt.Fprintln(env.Stderr, "intake serve:", err)
			return 1
		}
		return 0
	}
	m.Logger.Info("intake serving", "folders", len(cfg.IMAP.Folders))
	m.Run(ctx)
	<-ctx.Done()
	m.Logger.Info("stopping: finishing the work in hand")
	if err := m.Close(); err != nil {
		fmt.Fprintln(env.Stderr, "intake serve: closing:", err)
		return 1
	}
	return 0
}
