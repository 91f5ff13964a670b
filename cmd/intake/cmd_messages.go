package main

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/kscmp/intake"
)

// messagesCommand is `intake messages`.
func messagesCommand() command {
	return command{
		Name:    "messages",
		Summary: "list stored messages (no bodies)",
		Usage: usageText(
			"Usage: intake messages [--json] [--state STATE] [--mailbox M] [--limit N] [--config FILE]",
			"",
			"Lists the messages ingest has stored, oldest first: id, mailbox, UID,",
			"size, Message-ID, state and its reason. Never bodies or subjects.",
			"States: stored, quarantined, processed, unreadable, ignored.",
			"",
			"Example:",
			"  intake messages --state quarantined",
			"  intake messages --json | jq length",
		),
		Run: runMessages,
	}
}

func runMessages(ctx context.Context, env *Env, args []string) int {
	var configPath string
	fs := newFlags(env, "messages", &configPath)
	asJSON := fs.Bool("json", false, "print a JSON array")
	state := fs.String("state", "", "only messages in this state")
	mailbox := fs.String("mailbox", "", "only messages from this folder")
	limit := fs.Int("limit", 0, "at most this many (0: all)")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	switch *state {
	case "", intake.MessageStored, intake.MessageQuarantined, intake.MessageProcessed, intake.MessageUnreadable, intake.MessageIgnored:
	default:
		fmt.Fprintf(env.Stderr, "intake messages: unknown state %q\n", *state)
		return 2
	}
	cfg, err := env.LoadConfig(configPath)
	if err != nil {
		fmt.Fprintln(env.Stderr, "intake messages:", err)
		return 1
	}
	st, err := cfg.openStore(ctx, intake.SystemClock{})
	if err != nil {
		fmt.Fprintln(env.Stderr, "intake messages:", err)
		return 1
	}
	defer st.Close()
	var list []intake.Message
	err = st.View(ctx, func(tx intake.Tx) error {
		list, err = tx.Messages(intake.MessageFilter{State: *state, Mailbox: *mailbox, Limit: *limit})
		return err
	})
	if err != nil {
		fmt.Fprintln(env.Stderr, "intake messages:", err)
		return 1
	}
	if *asJSON {
		if list == nil {
			list = []intake.Message{}
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(list); err != nil {
			fmt.Fprintln(env.Stderr, "intake messages:", err)
			return 1
		}
		return 0
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tMAILBOX\tUID\tSIZE\tRECEIVED\tSTATE\tMESSAGE-ID\tDETAIL")
	for _, m := range list {
		fmt.Fprintf(tw, "%d\t%s\t%d\t%d\t%s\t%s\t%s\t%s\n", m.ID, m.Mailbox, m.UID, m.Size,
			m.ReceivedAt.UTC().Format(time.RFC3339), m.State, m.MessageID, m.StateDetail)
	}
	tw.Flush()
	fmt.Fprintf(env.Stdout, "%d message(s)\n", len(list))
	return 0
}
