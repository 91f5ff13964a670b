package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/casework"
)

// outcomeCommand is `intake outcome`.
func outcomeCommand() command {
	var decision, amend string
	a := action{name: "outcome", minArgs: 1, maxArgs: 1,
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&decision, "decision", "", "lcspr, national_review, alternative_review, no_further_review or criteria_not_met")
			fs.StringVar(&amend, "amend", "", "amend a recorded outcome: why it changes (the referrers are told again)")
		},
		do: func(ctx context.Context, cw *casework.Casework, by, reason string, args []string) (string, error) {
			ref := casework.NormalizeRef(args[0])
			d, err := intake.ParseDecision(decision)
			if err != nil {
				return "", invalid(err)
			}
			if amend != "" {
				if err := cw.AmendOutcome(ctx, by, ref, d, reason, amend); err != nil {
					return "", err
				}
				return fmt.Sprintf("%s: the outcome is amended to %s. The referrers are told again.", ref, d), nil
			}
			if err := cw.RecordOutcome(ctx, by, ref, d, reason); err != nil {
				return "", err
			}
			return fmt.Sprintf("%s: decided (%s). %s The outcome notices are in the outbox.", ref, d, d.Words()), nil
		}}
	return command{
		Name:    "outcome",
		Summary: "record the Rapid Review Group's decision; the referrers are told",
		Usage: usageText(
			"Usage: intake outcome REF --decision D --reason RATIONALE --by NAME [--amend WHY] [--config FILE]",
			"",
			"Records the Rapid Review Group's decision on accepted case REF, with its",
			"rationale and who recorded it, records the rapid review step as done,",
			"and queues the outcome notice, with the rationale, to every referrer",
			"on the case (and to the agencies asked, if [partnership]",
			"outcome_to_agencies). Recording that the chair sent the outcome to the",
			"national Panel is its own step: `intake record outcome_to_panel REF`.",
			"With --amend WHY, changes a recorded decision or its rationale, and",
			"the referrers are told again.",
			"",
			"Decisions:",
			"  lcspr               a local child safeguarding practice review is commissioned",
			"  national_review     a national review is recommended to the Panel",
			"  alternative_review  an alternative learning review instead",
			"  no_further_review   the learning is captured by the rapid review",
			"  criteria_not_met    the case does not meet the criteria",
			"",
			"Example:",
			"  intake outcome KSCMP-2026-0042 --decision lcspr --reason \"multi-agency learning on neglect\" --by \"A. Chair\"",
		),
		Run: a.run,
	}
}
