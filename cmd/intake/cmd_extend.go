package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/casework"
)

// extendCommand is `intake extend`.
func extendCommand() command {
	var until string
	a := action{name: "extend", minArgs: 2, maxArgs: 2,
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&until, "until", "", "the new date, e.g. 2026-11-27")
		},
		do: func(ctx context.Context, cw *casework.Casework, by, reason string, args []string) (string, error) {
			ref, agency := casework.NormalizeRef(args[0]), args[1]
			if until == "" {
				return "", intake.Errorf(intake.EINVALID, "Give the new date: --until 2026-11-27.")
			}
			due, err := parseDay(until)
			if err != nil {
				return "", invalid(err)
			}
			if err := cw.ExtendSummary(ctx, by, ref, agency, due, reason); err != nil {
				return "", err
			}
			return fmt.Sprintf("%s: %s now has until %s; the SPOC's notice is in the outbox.", ref, agency, dayText(due)), nil
		}}
	return command{
		Name:    "extend",
		Summary: "give one agency's SPOC a new date for its summary (they are told)",
		Usage: usageText(
			"Usage: intake extend REF AGENCY --until DATE --by NAME --reason TEXT [--config FILE]",
			"",
			"Gives AGENCY (its key or name) a new date for its summary on case REF",
			"and emails its SPOC the new date with the reason: a date a SPOC was",
			"given never moves without telling them. Chasers then count from the",
			"new date.",
			"",
			"Example:",
			"  intake extend KSCMP-2026-0042 police --until 2026-11-27 --by \"Jo Screener\" --reason \"records are archived off site\"",
		),
		Run: a.run,
	}
}

// invalid makes a parsing error a person's mistake (exit 2).
func invalid(err error) error { return intake.Errorf(intake.EINVALID, "%s", err.Error()) }
