package main

import (
	"context"
	"fmt"

	"github.com/kscmp/intake/casework"
)

// pauseCommand is `intake pause`.
func pauseCommand() command {
	a := action{name: "pause", minArgs: 1, maxArgs: 1,
		do: func(ctx context.Context, cw *casework.Casework, by, reason string, args []string) (string, error) {
			ref := casework.NormalizeRef(args[0])
			return ref + " paused.", cw.Pause(ctx, by, ref, reason)
		}}
	return command{
		Name:    "pause",
		Summary: "pause a case (a legal hold): reminders stop",
		Usage: usageText(
			"Usage: intake pause REF --by NAME --reason TEXT [--config FILE]",
			"",
			"Pauses case REF, recording who and why. While it is paused no chaser",
			"or reminder goes out and the partnership's own steps are not called",
			"overdue; when it resumes they move on by the working days it was",
			"paused. The local authority's statutory deadline never moves, and",
			"neither does a date a SPOC was given: to give a SPOC more time, use",
			"`intake extend` (the SPOC is told).",
			"",
			"Example:",
			"  intake pause KSCMP-2026-0042 --reason \"police asked us to wait for the strategy meeting\" --by \"B. Manager\"",
		),
		Run: a.run,
	}
}

// resumeCommand is `intake resume`.
func resumeCommand() command {
	a := action{name: "resume", minArgs: 1, maxArgs: 1,
		do: func(ctx context.Context, cw *casework.Casework, by, reason string, args []string) (string, error) {
			ref := casework.NormalizeRef(args[0])
			if err := cw.Resume(ctx, by, ref, reason); err != nil {
				return "", err
			}
			return fmt.Sprintf("%s resumed.", ref), nil
		}}
	return command{
		Name:    "resume",
		Summary: "resume a paused case",
		Usage: usageText(
			"Usage: intake resume REF --by NAME --reason TEXT [--config FILE]",
			"",
			"Ends a person's pause of case REF, recording who and why.",
			"",
			"Example:",
			"  intake resume KSCMP-2026-0042 --reason \"strategy meeting held\" --by \"B. Manager\"",
		),
		Run: a.run,
	}
}
