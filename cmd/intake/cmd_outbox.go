package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/kscmp/intake"
)

// outboxCommand is `intake outbox`.
func outboxCommand() command {
	return command{
		Name:    "outbox",
		Summary: "list the emails intake has sent or will send; retry one that failed",
		Usage: usageText(
			"Usage: intake outbox [--json] [--failed] [--case REF] [--config FILE]",
			"       intake outbox retry ID [--config FILE]",
			"",
			"Lists the outbox, oldest first: id, state (pending, sending, sent, failed,",
			"bounced, held), kind, case, attempts, when it is next due or was sent, and",
			"why the last attempt failed. Never recipients or contents.",
			"--failed lists only what needs a person: failed, bounced and held emails.",
			"`retry ID` makes a failed, bounced or held email due again now; the",
			"running daemon sends it at its next pass (within notify.fallback_interval).",
			"",
			"Examples:",
			"  intake outbox --failed",
			"  intake outbox retry 42",
		),
		Run: runOutbox,
	}
}

func runOutbox(ctx context.Context, env *Env, args []string) int {
	if len(args) > 0 && args[0] == "retry" {
		return runOutboxRetry(ctx, env, args[1:])
	}
	var configPath string
	fs := newFlags(env, "outbox", &configPath)
	asJSON := fs.Bool("json", false, "print a JSON array")
	failed := fs.Bool("failed", false, "only failed, bounced and held emails")
	caseRef := fs.String("case", "", "only this case's emails")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "intake outbox: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	cfg, err := env.LoadConfig(configPath)
	if err != nil {
		fmt.Fprintln(env.Stderr, "intake outbox:", err)
		return 1
	}
	st, err := cfg.openStore(ctx, env.Clock)
	if err != nil {
		fmt.Fprintln(env.Stderr, "intake outbox:", err)
		return 1
	}
	defer st.Close()
	f := intake.OutboxFilter{CaseRef: *caseRef}
	if *failed {
		f.States = intake.OutboxNotSent
	}
	var rows []intake.OutboxRow
	err = st.View(ctx, func(tx intake.Tx) error {
		rows, err = tx.ListOutbox(f)
		return err
	})
	if err != nil {
		fmt.Fprintln(env.Stderr, "intake outbox:", err)
		return 1
	}
	if *asJSON {
		if rows == nil {
			rows = []intake.OutboxRow{}
		}
		if err := writeJSON(env.Stdout, rows); err != nil {
			fmt.Fprintln(env.Stderr, "intake outbox:", err)
			return 1
		}
		return 0
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATE\tKIND\tCASE\tATTEMPTS\tWHEN\tKEY\tLAST ERROR")
	for _, r := range rows {
		when := r.NextAttemptAt
		if r.State == intake.OutboxSent || r.State == intake.OutboxBounced {
			when = r.SentAt
		}
		whenText := ""
		if !when.IsZero() {
			whenText = when.UTC().Format(time.RFC3339)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n", r.ID, r.State, r.Kind, r.CaseRef, r.Attempts, whenText, r.Key, r.LastError)
	}
	tw.Flush()
	return 0
}

func runOutboxRetry(ctx context.Context, env *Env, args []string) int {
	var configPath string
	fs := newFlags(env, "outbox", &configPath)
	by := fs.String("by", "", "who is retrying it (default $SUDO_USER or $USER)")
	reason := fs.String("reason", "", "why (for a held email: why it should go today)")
	// The ID may come before the options: "retry 42 --config FILE".
	var ids []string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		ids, args = args[:1], args[1:]
	}
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	ids = append(ids, fs.Args()...)
	if len(ids) != 1 {
		fmt.Fprintln(env.Stderr, "intake outbox retry: want one outbox ID")
		return 2
	}
	id, err := strconv.ParseInt(ids[0], 10, 64)
	if err != nil || id <= 0 {
		fmt.Fprintf(env.Stderr, "intake outbox retry: %q is not an outbox ID\n", ids[0])
		return 2
	}
	c, err := openCLI(ctx, env, configPath)
	if err != nil {
		return fail(env, "outbox retry", err)
	}
	defer c.store.Close()
	who := *by
	if who == "" {
		who = shellUser(env)
	}
	if err := c.cw.RetryEmail(ctx, who, id, *reason); err != nil {
		return fail(env, "outbox retry", err)
	}
	fmt.Fprintf(env.Stdout, "outbox %d is due again; the daemon sends it at its next pass\n", id)
	return 0
}

// shellUser is who is at the shell, for the audit trail: $SUDO_USER,
// $USER, or "operator".
func shellUser(env *Env) string {
	for _, k := range []string{"SUDO_USER", "USER"} {
		if env.Getenv != nil {
			if v := env.Getenv(k); v != "" {
				return v
			}
		}
	}
	return "operator"
}
