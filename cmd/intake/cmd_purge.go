package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/kscmp/intake"
)

// purgeCommand is `intake purge`.
func purgeCommand() command {
	return command{
		Name:    "purge",
		Summary: "delete raw messages and attachments past the retention period",
		Usage: usageText(
			"Usage: intake purge [--config FILE] [--older-than PERIOD] [--by NAME] [--dry-run | --yes]",
			"",
			"Deletes the raw bytes (the whole message, or the header kept for a",
			"quarantined one) and the stored attachments of every processed",
			"message that intake stored longer ago than PERIOD. The default is",
			"[store] retain_raw_messages (730d unless configured).",
			"",
			"PERIOD is a whole number of days, weeks, months or years: \"730d\",",
			"\"104w\", \"24mo\", \"2y\" (months and years are calendar months and",
			"years). It may not be shorter than [store] min_retention (1y unless",
			"configured). Hours and minutes are refused, and so is \"m\": write",
			"months as \"mo\".",
			"",
			"It first says what it will delete, then asks you to type yes; --yes",
			"answers for you (for the maintenance timer), --dry-run stops after",
			"saying.",
			"",
			"Kept for ever: the case record (parsed form, screening, timeline,",
			"decisions), each message's row (Message-ID, mailbox, UID, size,",
			"content hash, dates, state), the outbox and the audit trail. A",
			"message not yet processed is never purged. Every purged message and",
			"the run itself are recorded in the audit trail. Run it from a daily",
			"timer; it is safe while 'intake serve' runs.",
			"",
			"Examples:",
			"  intake purge --config /etc/intake/intake.toml --dry-run",
			"  intake purge --config /etc/intake/intake.toml --older-than 2y --by \"A. Operator\"",
		),
		Run: runPurge,
	}
}

func runPurge(ctx context.Context, env *Env, args []string) int {
	var configPath, by, older string
	var dryRun, yes bool
	fs := newFlags(env, "purge", &configPath)
	fs.StringVar(&older, "older-than", "", "delete raw bytes of messages stored longer ago than this: 730d, 104w, 24mo, 2y (default [store] retain_raw_messages)")
	fs.StringVar(&by, "by", "intake purge", "who is purging, for the audit trail")
	fs.BoolVar(&dryRun, "dry-run", false, "say what would be deleted, delete nothing")
	fs.BoolVar(&yes, "yes", false, "do not ask for confirmation")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	cfg, err := env.LoadConfig(configPath)
	if err != nil {
		return fail(env, "purge", err)
	}
	period := cfg.Store.RetainRawMessages
	if older != "" {
		if period, err = intake.ParseRetention(older); err != nil {
			fmt.Fprintf(env.Stderr, "intake purge: --older-than: %v\n", err)
			return 2
		}
	}
	if !dryRun && !yes && !interactive(env.Stdin) {
		fmt.Fprintln(env.Stderr, "intake purge: no terminal to ask for confirmation on: run it with --dry-run first, then --yes (the maintenance timer passes --yes)")
		return 2
	}
	cutoff, err := period.PurgeCutoff(cfg.Store.MinRetention, env.Clock.Now())
	if err != nil {
		fmt.Fprintf(env.Stderr, "intake purge: --older-than %v ([store] min_retention): nothing deleted\n", err)
		return 2
	}
	st, err := cfg.openStore(ctx, env.Clock)
	if err != nil {
		return fail(env, "purge", err)
	}
	defer st.Close()
	plan, err := st.PurgeRaw(ctx, cutoff, by, true)
	if err != nil {
		return fail(env, "purge", err)
	}
	stamp := func(t time.Time) string { return t.In(intake.London).Format("2006-01-02 15:04 MST") }
	fmt.Fprintf(env.Stdout, "The raw bytes of %d message(s) (%d bytes) stored before %s (%s ago) would be deleted",
		plan.Messages, plan.Bytes, stamp(cutoff), period.Words())
	if plan.Messages > 0 {
		fmt.Fprintf(env.Stdout, ": messages %s, stored %s to %s", idRanges(plan.IDs), stamp(plan.Oldest), stamp(plan.Newest))
	}
	fmt.Fprintln(env.Stdout, ".")
	fmt.Fprintln(env.Stdout, "Kept: each message's row, the cases, the outbox and the audit trail.")
	if dryRun || plan.Messages == 0 {
		if plan.Messages == 0 {
			fmt.Fprintln(env.Stdout, "Nothing to delete.")
		}
		return 0
	}
	if !yes {
		fmt.Fprint(env.Stdout, "Type yes to delete them: ")
		line, _ := bufio.NewReader(env.Stdin).ReadString('\n')
		if strings.TrimSpace(line) != "yes" {
			fmt.Fprintln(env.Stdout, "\nNothing deleted.")
			return 1
		}
	}
	res, err := st.PurgeRaw(ctx, cutoff, by, false)
	if err != nil {
		return fail(env, "purge", err)
	}
	fmt.Fprintf(env.Stdout, "Deleted the raw bytes of %d message(s) (%d bytes) stored before %s.\n", res.Messages, res.Bytes, stamp(cutoff))
	return 0
}

// idRanges writes message numbers compactly: "3-7, 9, 12-13".
func idRanges(ids []int64) string {
	var parts []string
	for i := 0; i < len(ids); {
		j := i
		for j+1 < len(ids) && ids[j+1] == ids[j]+1 {
			j++
		}
		if j == i {
			parts = append(parts, fmt.Sprint(ids[i]))
		} else {
			parts = append(parts, fmt.Sprintf("%d-%d", ids[i], ids[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// interactive reports whether r may be a person at a keyboard: anything
// but a file, a pipe or /dev/null (what systemd and cron give a job),
// so that a scheduled purge without --yes fails at once instead of
// waiting for an answer that never comes.
func interactive(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return true // a test's reader
	}
	fi, err := f.Stat()
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	null, err := os.Stat(os.DevNull)
	return err != nil || !os.SameFile(fi, null)
}
