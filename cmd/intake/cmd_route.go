package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/casework"
)

// routeCommand is `intake route`.
func routeCommand() command {
	var to, ask string
	var learning bool
	a := action{name: "route", minArgs: 2, maxArgs: 2,
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&to, "to", "", "redirect: the neighbouring partnership (its key, name or area)")
			fs.StringVar(&ask, "ask", "", "ask_referrer: the fields to ask for, comma-separated (default: what screening found missing)")
			fs.BoolVar(&learning, "local-learning", false, "not_accepted: keep the case as single-agency or local learning")
		},
		do: func(ctx context.Context, cw *casework.Casework, by, reason string, args []string) (string, error) {
			ref := casework.NormalizeRef(args[0])
			r, err := intake.ParseRoute(args[1])
			if err != nil {
				return "", err
			}
			switch r {
			case intake.RouteAccept:
				err = cw.Accept(ctx, by, ref, reason)
			case intake.RouteException:
				err = cw.AcceptException(ctx, by, ref, reason)
			case intake.RouteAskReferrer:
				var keys []string
				for _, k := range strings.Split(ask, ",") {
					if k = strings.TrimSpace(k); k != "" {
						keys = append(keys, k)
					}
				}
				err = cw.AskReferrer(ctx, by, ref, reason, keys)
			case intake.RouteRedirect:
				if to == "" {
					return "", intake.Errorf(intake.EINVALID, "Say where to redirect the referral: --to PARTNERSHIP.")
				}
				err = cw.Redirect(ctx, by, ref, to, reason)
			case intake.RouteNotAccepted:
				err = cw.NotAccepted(ctx, by, ref, reason, learning)
			}
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%s: %s. Its emails are in the outbox.", ref, r.Words()), nil
		}}
	return command{
		Name:    "route",
		Summary: "route a referral: ask the referrer, redirect, not accepted, exception",
		Usage: usageText(
			"Usage: intake route REF ROUTE --by NAME --reason TEXT [options] [--config FILE]",
			"",
			"Records what a person decided to do with case REF's referral, with",
			"who and why, and sends that route's emails:",
			"  accept         accept for rapid review (as `intake accept`)",
			"  exception      accept a referral more than twelve months old; the",
			"                 reason says what significant new information emerged",
			"  ask_referrer   ask the referrer for missing information (--ask KEYS,",
			"                 default what screening found missing); nothing goes",
			"                 to agencies meanwhile, and the referrer is reminded",
			"  redirect       forward the referral to a neighbouring partnership",
			"                 (--to KEY); the referrer is told where; the case closes",
			"  not_accepted   the criteria are not met; the referrer is told the",
			"                 reason; --local-learning keeps it as local learning",
			"",
			"Examples:",
			"  intake route KSCMP-2026-0043 ask_referrer --by \"Jo Screener\" --reason \"no date of birth\" --ask child_dob",
			"  intake route KSCMP-2026-0044 redirect --to eastholm --by \"Jo Screener\" --reason \"the child lives in Eastholm\"",
			"  intake route KSCMP-2026-0045 not_accepted --local-learning --by \"Jo Screener\" --reason \"no abuse or neglect is suspected\"",
		),
		Run: a.run,
	}
}
