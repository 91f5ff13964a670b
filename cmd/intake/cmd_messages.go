package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/casework"
)

// messagesCommand is `intake messages`.
func messagesCommand() command {
	return command{
		Name:    "messages",
		Summary: "stored mail, and the queue of mail a person must see, with its actions",
		Usage: usageText(
			"Usage: intake messages [--json] [--state STATE | --queue] [--mailbox M] [--limit N] [--config FILE]",
			"       intake messages show ID --by NAME [--raw FILE]",
			"       intake messages attach ID REF AGENCY --by NAME --reason TEXT",
			"       intake messages no-involvement ID REF AGENCY --by NAME --reason TEXT",
			"       intake messages link ID REF [--supply] --by NAME --reason TEXT",
			"       intake messages new-case ID --by NAME --reason TEXT",
			"       intake messages reprocess ID --by NAME",
			"       intake messages dismiss ID --by NAME --reason TEXT",
			"",
			"Lists the messages ingest has stored, oldest first: id, mailbox, size,",
			"Message-ID, state and its reason; never bodies. --queue lists the",
			"mail a person must see: a SPOC's question, a \"no involvement\" reply, a",
			"summary that matches no case or came from an unexpected sender, a",
			"form that could not be read, mail that made intake fail.",
			"",
			"show prints a message's sender, subject, state, reason and files",
			"(--raw FILE writes the whole message to FILE). The actions take a",
			"message out of the queue: attach it as AGENCY's summary on case REF,",
			"record that AGENCY had no involvement, link it to REF (a referral",
			"with --supply fills the case's blank answers from it), open a new",
			"case from it, file it again from the start, or dismiss it. Each is",
			"recorded with who and why.",
			"",
			"Examples:",
			"  intake messages --queue",
			"  intake messages show 42 --by \"Jo Screener\"",
			"  intake messages no-involvement 42 KSCMP-2026-0042 police --by \"Jo Screener\" --reason \"the SPOC's reply says so\"",
			"  intake messages dismiss 43 --by \"Jo Screener\" --reason \"a newsletter\"",
		),
		Run: runMessages,
	}
}

// messageActions are `intake messages ACTION`.
func messageActions() map[string]action {
	var supply bool
	var raw string
	return map[string]action{
		"show": {name: "messages", minArgs: 1, maxArgs: 1, flags: func(fs *flag.FlagSet) {
			fs.StringVar(&raw, "raw", "", "write the whole message to this file")
		}, do: func(ctx context.Context, cw *casework.Casework, by, _ string, args []string) (string, error) {
			id, err := messageID(args[0])
			if err != nil {
				return "", err
			}
			return showMessage(ctx, cw, by, id, raw)
		}},
		"attach": {name: "messages", minArgs: 3, maxArgs: 3, do: func(ctx context.Context, cw *casework.Casework, by, reason string, args []string) (string, error) {
			id, err := messageID(args[0])
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("Message %d attached as %s's summary on %s.", id, args[2], args[1]), cw.AttachSummary(ctx, by, id, args[1], args[2], reason)
		}},
		"no-involvement": {name: "messages", minArgs: 3, maxArgs: 3, do: func(ctx context.Context, cw *casework.Casework, by, reason string, args []string) (string, error) {
			id, err := messageID(args[0])
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%s recorded as having no involvement on %s; it will not be chased.", args[2], args[1]), cw.MessageNoInvolvement(ctx, by, id, args[1], args[2], reason)
		}},
		"link": {name: "messages", minArgs: 2, maxArgs: 2, flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&supply, "supply", false, "a referral: fill the case's blank answers from it")
		}, do: func(ctx context.Context, cw *casework.Casework, by, reason string, args []string) (string, error) {
			id, err := messageID(args[0])
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("Message %d linked to %s.", id, args[1]), cw.LinkMessage(ctx, by, id, args[1], reason, supply)
		}},
		"new-case": {name: "messages", minArgs: 1, maxArgs: 1, do: func(ctx context.Context, cw *casework.Casework, by, reason string, args []string) (string, error) {
			id, err := messageID(args[0])
			if err != nil {
				return "", err
			}
			ref, err := cw.OpenCaseFromMessage(ctx, by, id, reason)
			return fmt.Sprintf("Case %s opened from message %d.", ref, id), err
		}},
		"reprocess": {name: "messages", minArgs: 1, maxArgs: 1, do: func(ctx context.Context, cw *casework.Casework, by, _ string, args []string) (string, error) {
			id, err := messageID(args[0])
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("Message %d filed again.", id), cw.Reprocess(ctx, by, id)
		}},
		"dismiss": {name: "messages", minArgs: 1, maxArgs: 1, do: func(ctx context.Context, cw *casework.Casework, by, reason string, args []string) (string, error) {
			id, err := messageID(args[0])
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("Message %d dismissed.", id), cw.Dismiss(ctx, by, id, reason)
		}},
	}
}

func messageID(s string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || id <= 0 {
		return 0, intake.Errorf(intake.EINVALID, "%q is not a message number (see `intake messages --queue`).", s)
	}
	return id, nil
}

// showMessage prints a message's headers, state and files, and writes
// its bytes to raw when asked.
func showMessage(ctx context.Context, cw *casework.Casework, by string, id int64, raw string) (string, error) {
	v, err := cw.ViewMessage(ctx, by, id)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Message %d, received %s, %d bytes, from %s\n", id, v.Message.ReceivedAt.In(intake.London).Format("Mon 2006-01-02 15:04"),
		v.Message.Size, v.Message.Mailbox)
	fmt.Fprintf(&b, "From:    %s\nSubject: %s\nKind:    %s\n", orDash(v.From), orDash(v.Subject), orDash(v.Kind))
	if v.CaseRef != "" {
		fmt.Fprintf(&b, "Case:    %s\n", v.CaseRef)
	}
	fmt.Fprintf(&b, "State:   %s: %s\n", v.Message.State, v.Message.StateDetail)
	for _, w := range v.Warnings {
		fmt.Fprintf(&b, "Note:    %s\n", w)
	}
	for _, f := range v.Files {
		fmt.Fprintf(&b, "File:    %s\n", f)
	}
	for _, f := range v.Oversized {
		fmt.Fprintf(&b, "File:    %s (too large to read)\n", f)
	}
	if raw != "" {
		data, err := cw.RawMessage(ctx, by, id)
		if err != nil {
			return "", err
		}
		if err := os.WriteFile(raw, data, 0o600); err != nil {
			return "", fmt.Errorf("writing %s: %w", raw, err)
		}
		fmt.Fprintf(&b, "The whole message is in %s (readable by you only).\n", raw)
	}
	return strings.TrimRight(b.String(), "\n"), nil
}

func runMessages(ctx context.Context, env *Env, args []string) int {
	if len(args) > 0 {
		if a, ok := messageActions()[args[0]]; ok {
			return a.run(ctx, env, args[1:])
		}
	}
	var configPath string
	fs := newFlags(env, "messages", &configPath)
	asJSON := fs.Bool("json", false, "print a JSON array")
	state := fs.String("state", "", "only messages in this state")
	queue := fs.Bool("queue", false, "only the mail a person must see")
	mailbox := fs.String("mailbox", "", "only messages from this folder")
	limit := fs.Int("limit", 0, "at most this many (0: all)")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if a, ok := messageActions()[fs.Arg(0)]; ok {
		// "intake messages --config FILE show 8": the action after the
		// shared --config.
		others := 0
		fs.Visit(func(f *flag.Flag) {
			if f.Name != "config" {
				others++
			}
		})
		if others == 0 {
			rest := fs.Args()[1:]
			if configPath != "" {
				rest = append([]string{"--config", configPath}, rest...)
			}
			return a.run(ctx, env, rest)
		}
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "intake messages: %q is not an action (show, attach, no-involvement, link, new-case, reprocess, dismiss)\n", fs.Arg(0))
		return 2
	}
	states := []string{*state}
	if *state != "" && !slices.Contains(intake.MessageStates, *state) {
		fmt.Fprintf(env.Stderr, "intake messages: unknown state %q (the states are %s)\n", *state, strings.Join(intake.MessageStates, ", "))
		return 2
	}
	if *queue {
		states = intake.PersonQueueStates
	}
	cfg, err := env.LoadConfig(configPath)
	if err != nil {
		return fail(env, "messages", err)
	}
	st, err := cfg.openStore(ctx, env.Clock)
	if err != nil {
		return fail(env, "messages", err)
	}
	defer st.Close()
	var list []intake.Message
	err = st.View(ctx, func(tx intake.Tx) error {
		for _, s := range states {
			l, err := tx.Messages(intake.MessageFilter{State: s, Mailbox: *mailbox, Limit: *limit})
			if err != nil {
				return err
			}
			list = append(list, l...)
		}
		// The queue is read a state at a time: put it back in the order
		// the messages came, and keep the limit for the whole list.
		slices.SortFunc(list, func(a, b intake.Message) int { return cmp.Compare(a.ID, b.ID) })
		if *limit > 0 && len(list) > *limit {
			list = list[:*limit]
		}
		return nil
	})
	if err != nil {
		return fail(env, "messages", err)
	}
	if *asJSON {
		if list == nil {
			list = []intake.Message{}
		}
		if err := writeJSON(env.Stdout, list); err != nil {
			return fail(env, "messages", err)
		}
		return 0
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tMAILBOX\tSIZE\tRECEIVED\tSTATE\tDETAIL")
	for _, m := range list {
		fmt.Fprintf(tw, "%d\t%s\t%d\t%s\t%s\t%s\n", m.ID, m.Mailbox, m.Size, m.ReceivedAt.In(intake.London).Format(time.DateTime), m.State, m.StateDetail)
	}
	tw.Flush()
	fmt.Fprintf(env.Stdout, "%d message(s)\n", len(list))
	return 0
}
