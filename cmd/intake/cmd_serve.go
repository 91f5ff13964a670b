package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/store"
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
			"One serve runs per database: a second stops at once, naming the first.",
			"The configuration is read at start; SIGHUP is logged and ignored:",
			"restart to apply a change.",
			"With --once, runs one pass of each part (ingest every folder, process,",
			"send) and exits, 1 if any part failed or any email could not be sent:",
			"for cron and for checks. --parts limits the run to the named parts",
			"(ingest, casework, outbox, ops, web), e.g. to time ingestion. With",
			"[web] listen set, it also serves the business team's work queue",
			"(docs/web.md).",
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
	// One daemon per database: a second would ingest, file and send
	// beside the first.
	release, err := store.Lock(cfg.Store.Path)
	if le := (*store.LockedError)(nil); errors.As(err, &le) {
		who := "another intake serve"
		if le.PID != 0 {
			who = fmt.Sprintf("another intake serve, process %d,", le.PID)
		}
		fmt.Fprintf(env.Stderr, "intake serve: %s holds %s (lock %s): stop it first (systemctl stop intake), or give this one its own [store] path\n",
			who, cfg.Store.Path, le.LockFile)
		return 1
	}
	if err != nil {
		fmt.Fprintln(env.Stderr, "intake serve:", err)
		return 1
	}
	defer release()
	// The configuration is read once, at start: under systemd it is a
	// credential copied when the unit starts, so a reload could not see
	// a change anyway. SIGHUP says so instead of killing the daemon.
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	m, err := NewMain(ctx, cfg, env, intake.SystemClock{})
	if err != nil {
		fmt.Fprintln(env.Stderr, "intake serve:", err)
		return 1
	}
	done := make(chan struct{})
	defer close(done)
	go func() {
		for {
			select {
			case <-hup:
				m.Logger.Warn("SIGHUP ignored: the configuration is read only at start; restart to apply configuration changes (systemctl restart intake)")
			case <-done:
				return
			}
		}
	}()
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
	if err := m.Listen(); err != nil {
		m.Close()
		fmt.Fprintln(env.Stderr, "intake serve:", err)
		return 1
	}
	m.Logger.Info("intake serving", "database", cfg.Store.Path, "mailbox", cfg.IMAP.Enabled(), "smtp", cfg.SMTP.Enabled())
	m.Run(ctx)
	<-ctx.Done()
	m.Logger.Info("stopping: finishing the work in hand")
	if err := m.Close(); err != nil {
		fmt.Fprintln(env.Stderr, "intake serve: closing:", err)
		return 1
	}
	return 0
}
