package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/kscmp/intake/casework"
)

// recordCommand is `intake record`.
func recordCommand() command {
	var done, how string
	a := action{name: "record", minArgs: 2, maxArgs: 2,
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&done, "done", "", "the date it was done, e.g. 2026-11-12 (default: today)")
			fs.StringVar(&how, "how", "", "how it was done (e.g. \"Panel notification form, ref 1234\")")
		},
		do: func(ctx context.Context, cw *casework.Casework, by, reason string, args []string) (string, error) {
			step, ref := args[0], casework.NormalizeRef(args[1])
			var day time.Time
			if done != "" {
				d, err := parseDay(done)
				if err != nil {
					return "", invalid(err)
				}
				day = d
			}
			if how == "" {
				how = reason
			}
			if err := cw.RecordStep(ctx, by, ref, step, day, how); err != nil {
				return "", err
			}
			return fmt.Sprintf("%s: %s recorded as done.", ref, step), nil
		}}
	return command{
		Name:    "record",
		Summary: "record a step a person did: the LA's notification, papers, outcome to the Panel",
		Usage: usageText(
			"Usage: intake record STEP REF --by NAME [--done DATE] [--how TEXT] [--config FILE]",
			"",
			"Records that a timetable step of case REF was done, when (--done,",
			"default today) and how, with who recorded it. intake never records",
			"these steps itself: until a person does, a step past its day is",
			"overdue. The steps (with the default timetable):",
			"  la_notification           the local authority notified the national Panel",
			"  sos_ofsted_notification   ... the Secretary of State and Ofsted (looked-after child)",
			"  collation                 summaries collated into the case report",
			"  papers                    papers sent to the Rapid Review Group",
			"  outcome_to_panel          the chair sent the outcome to the national Panel",
			"",
			"Example:",
			"  intake record la_notification KSCMP-2026-0042 --done 2026-11-10 --how \"Panel notification form\" --by \"Jo Screener\"",
		),
		Run: a.run,
	}
}
