package main

import (
	"context"
	"fmt"

	"github.com/kscmp/intake/casework"
)

// acceptCommand is `intake accept`.
func acceptCommand() command {
	a := action{name: "accept", minArgs: 1, maxArgs: 1,
		do: func(ctx context.Context, cw *casework.Casework, by, reason string, args []string) (string, error) {
			ref := casework.NormalizeRef(args[0])
			if err := cw.Accept(ctx, by, ref, reason); err != nil {
				return "", err
			}
			return fmt.Sprintf("%s accepted for rapid review: the agency summary requests and the referrer's notice are in the outbox.", ref), nil
		}}
	return command{
		Name:    "accept",
		Summary: "accept a referral for rapid review: the agencies are asked",
		Usage: usageText(
			"Usage: intake accept REF --by NAME --reason TEXT [--config FILE]",
			"",
			"Accepts case REF's referral for rapid review, as NAME, for the reason",
			"given. Screening only advises: this is the decision. The summary",
			"requests go to every core agency and each agency the referral names,",
			"due on Day 10 (or five working days from today, if fewer remain: the",
			"case is then flagged \"timetable at risk\"), and the referrer is told",
			"when the decision is due. A referral with information missing, or",
			"more than twelve months old, is refused with what to do instead",
			"(`intake route`).",
			"",
			"Example:",
			"  intake accept KSCMP-2026-0042 --by \"Jo Screener\" --reason \"meets every criterion; agreed with the chair\"",
		),
		Run: a.run,
	}
}
