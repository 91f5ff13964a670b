package main

import (
	"context"
	"fmt"
	"time"

	"github.com/kscmp/intake"
)

// purgeCommand is `intake purge`.
func purgeCommand() command {
	return command{
		Name:    "purge",
		Summary: "delete raw messages and attachments past the retention period",
		Usage: usageText(
			"Usage: intake purge [--config FILE] [--older-than DURATION] [--by NAME] [--dry-run]",
			"",
			"Deletes the raw bytes (the whole message, or the header kept for a",
			"quarantined one) and the stored attachments of every processed",
			"message that intake stored longer ago than DURATION. The default is",
			"[store] retain_raw_messages (730d unless configured).",
			"",
			"Kept for ever: the case record (parsed form, screening, timeline,",
			"decisions), each message's row (Message-ID, mailbox, UID, size,",
			"content hash, dates, state), the outbox and the audit trail. A",
			"message not yet processed is never purged. Every purged message and",
			"the run itself are recorded in the audit trail. Run it from a daily",
			"timer; it is safe while 'intake serve' runs.",
			"",
			"DURATION is days (\"730d\") or a Go duration (\"17520h\").",
			"",
			"Examples:",
			"  intake purge --config /etc/intake/intake.toml --dry-run",
			"  intake purge --config /etc/intake/intake.toml --older-than 730d --by \"A. Operator\"",
		),
		Run: runPurge,
	}
}

func runPurge(ctx context.Context, env *Env, args []string) int {
	var configPath, by string
	var olderThan duration
	var dryRun bool
	fs := newFlags(env, "purge", &configPath)
	fs.TextVar(&olderThan, "older-than", duration{}, "delete raw bytes of messages stored longer ago than this (default [store] retain_raw_messages)")
	fs.StringVar(&by, "by", "intake purge", "who is purging, for the audit trail")
	fs.BoolVar(&dryRun, "dry-run", false, "say what would be deleted, delete nothing")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	cfg, err := env.LoadConfig(configPath)
	if err != nil {
		fmt.Fprintln(env.Stderr, err)
		return 1
	}
	age := olderThan.Duration
	if age == 0 {
		age = cfg.Store.RetainRawMessages.Duration
	}
	if age <= 0 {
		fmt.Fprintln(env.Stderr, "purge: --older-than must be positive")
		return 2
	}
	st, err := cfg.openStore(ctx, intake.SystemClock{})
	if err != nil {
		fmt.Fprintln(env.Stderr, err)
		return 1
	}
	defer st.Close()
	res, err := st.PurgeRaw(ctx, intake.SystemClock{}.Now().Add(-age), by, dryRun)
	if err != nil {
		fmt.Fprintln(env.Stderr, err)
		return 1
	}
	verb := "deleted"
	if dryRun {
		verb = "would delete"
	}
	fmt.Fprintf(env.Stdout, "%s the raw bytes of %d message(s) (%d bytes) stored before %s\n",
		verb, res.Messages, res.Bytes, res.Cutoff.UTC().Format(time.RFC3339))
	return 0
}
