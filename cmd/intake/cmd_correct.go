package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/casework"
)

// correctCommand is `intake correct`.
func correctCommand() command {
	a := action{name: "correct", minArgs: 3, maxArgs: 3,
		do: func(ctx context.Context, cw *casework.Casework, by, reason string, args []string) (string, error) {
			ref := casework.NormalizeRef(args[0])
			if err := cw.CorrectField(ctx, by, ref, args[1], args[2], reason); err != nil {
				return "", err
			}
			return fmt.Sprintf("%s: %s corrected, and the referral screened again.", ref, intake.FieldLabel(args[1])), nil
		}}
	return command{
		Name:    "correct",
		Summary: "correct one answer of a case's referral (screened again)",
		Usage: usageText(
			"Usage: intake correct REF FIELD VALUE --by NAME --reason TEXT [--config FILE]",
			"",
			"Sets FIELD (a canonical key, such as child_dob or c_agreement_to_refer)",
			"of case REF's referral to VALUE, records that NAME corrected it and",
			"why, and screens the referral again. Dates may be written 14/02/2012;",
			"yes/no answers as yes or no; lists separated by commas; an empty",
			"VALUE (\"\") clears the answer. `intake case REF` shows every field.",
			"",
			"Example:",
			"  intake correct KSCMP-2026-0042 child_dob 14/02/2012 --by \"Jo Screener\" --reason \"confirmed with the referrer by phone\"",
		),
		Run: a.run,
	}
}

// linkCommand is `intake link`.
func linkCommand() command {
	var into string
	a := action{name: "link", minArgs: 1, maxArgs: 1,
		flags: func(fs *flag.FlagSet) { fs.StringVar(&into, "into", "", "the case to link REF's referral to") },
		do: func(ctx context.Context, cw *casework.Casework, by, reason string, args []string) (string, error) {
			if into == "" {
				return "", intake.Errorf(intake.EINVALID, "Say which case to link it to: --into REF.")
			}
			ref := casework.NormalizeRef(args[0])
			return fmt.Sprintf("%s's referral linked to %s; %s is closed.", ref, casework.NormalizeRef(into), ref), cw.MergeCase(ctx, by, ref, into, reason)
		}}
	return command{
		Name:    "link",
		Summary: "link a case's referral into another case (the same child and incident)",
		Usage: usageText(
			"Usage: intake link REF --into OTHER --by NAME --reason TEXT [--config FILE]",
			"",
			"Links case REF's referral into case OTHER, when both are about the",
			"same child and incident and intake did not see it (a mistyped date of",
			"birth): REF closes as merged. A case that has asked agencies cannot be",
			"merged (withdraw it instead).",
			"",
			"Example:",
			"  intake link KSCMP-2026-0045 --into KSCMP-2026-0042 --by \"Jo Screener\" --reason \"the same child: the DOB was mistyped\"",
		),
		Run: a.run,
	}
}

// unlinkCommand is `intake unlink`.
func unlinkCommand() command {
	a := action{name: "unlink", minArgs: 2, maxArgs: 2,
		do: func(ctx context.Context, cw *casework.Casework, by, reason string, args []string) (string, error) {
			id, err := messageID(args[1])
			if err != nil {
				return "", err
			}
			ref, err := cw.UnlinkReferral(ctx, by, args[0], id, reason)
			return fmt.Sprintf("Message %d is now case %s of its own.", id, ref), err
		}}
	return command{
		Name:    "unlink",
		Summary: "take a wrongly linked referral off a case into a case of its own",
		Usage: usageText(
			"Usage: intake unlink REF MESSAGE --by NAME --reason TEXT [--config FILE]",
			"",
			"Takes the further referral MESSAGE (its number, from `intake case REF`)",
			"off case REF, where intake linked it wrongly, and opens a case of its",
			"own for it.",
			"",
			"Example:",
			"  intake unlink KSCMP-2026-0042 57 --by \"Jo Screener\" --reason \"a different incident\"",
		),
		Run: a.run,
	}
}

// agencyCommand is `intake agency`.
func agencyCommand() command {
	var file string
	a := action{name: "agency", minArgs: 3, maxArgs: 4,
		flags: func(fs *flag.FlagSet) { fs.StringVar(&file, "file", "", "by-hand: the summary's file") },
		do: func(ctx context.Context, cw *casework.Casework, by, reason string, args []string) (string, error) {
			ref, verb, agency := casework.NormalizeRef(args[0]), args[1], args[2]
			switch {
			case verb == "add" && len(args) == 3:
				return fmt.Sprintf("%s: %s added.", ref, agency), cw.AddAgency(ctx, by, ref, agency, reason)
			case verb == "remove" && len(args) == 3:
				return fmt.Sprintf("%s: %s's request withdrawn; its SPOC is told.", ref, agency), cw.RemoveAgency(ctx, by, ref, agency, reason)
			case verb == "no-involvement" && len(args) == 3:
				return fmt.Sprintf("%s: %s recorded as having no involvement.", ref, agency), cw.NoInvolvement(ctx, by, ref, agency, reason)
			case verb == "reassign" && len(args) == 4:
				return fmt.Sprintf("%s: %s's request sent to %s, due date kept.", ref, agency, args[3]), cw.ReassignRequest(ctx, by, ref, agency, args[3], reason)
			case verb == "by-hand" && len(args) == 3:
				if file == "" {
					return "", intake.Errorf(intake.EINVALID, "Give the summary's file: --file PATH.")
				}
				data, err := os.ReadFile(file)
				if err != nil {
					return "", intake.Errorf(intake.EINVALID, "Cannot read %s: %v.", file, err)
				}
				return fmt.Sprintf("%s: %s's summary recorded with %s.", ref, agency, filepath.Base(file)),
					cw.RecordSummaryByHand(ctx, by, ref, agency, filepath.Base(file), data, reason)
			}
			return "", intake.Errorf(intake.EINVALID, "Unknown agency action %q: use add, remove, no-involvement, reassign ADDRESS or by-hand --file PATH.", verb)
		}}
	return command{
		Name:    "agency",
		Summary: "add or withdraw an agency, record no involvement, re-address or record a summary by hand",
		Usage: usageText(
			"Usage: intake agency REF add|remove|no-involvement AGENCY --by NAME --reason TEXT [--config FILE]",
			"       intake agency REF reassign AGENCY ADDRESS --by NAME --reason TEXT",
			"       intake agency REF by-hand AGENCY --file PATH --by NAME --reason TEXT",
			"",
			"Changes case REF's agencies (AGENCY is a configured agency's key, name",
			"or alias): add asks one more (at once on an accepted case); remove",
			"withdraws a request made in error (its SPOC is told and not chased);",
			"no-involvement records that the agency knew nothing of the child;",
			"reassign sends the request to another SPOC address, keeping its date",
			"(after a bounce); by-hand records a summary received outside email,",
			"keeping its file.",
			"",
			"Examples:",
			"  intake agency KSCMP-2026-0042 add \"health visiting\" --by \"Jo Screener\" --reason \"named in the strategy meeting\"",
			"  intake agency KSCMP-2026-0042 reassign youth_justice yjs.reviews@kestmoor.example --by \"Jo Screener\" --reason \"the first address bounced\"",
		),
		Run: a.run,
	}
}

// withdrawCommand is `intake withdraw`.
func withdrawCommand() command {
	a := action{name: "withdraw", minArgs: 1, maxArgs: 1,
		do: func(ctx context.Context, cw *casework.Casework, by, reason string, args []string) (string, error) {
			ref := casework.NormalizeRef(args[0])
			return ref + " withdrawn; every SPOC still asked is told.", cw.WithdrawCase(ctx, by, ref, reason)
		}}
	return command{
		Name:    "withdraw",
		Summary: "withdraw an open case (the referrer withdrew it, a duplicate)",
		Usage: usageText(
			"Usage: intake withdraw REF --by NAME --reason TEXT [--config FILE]",
			"",
			"Closes open case REF: every request still open is withdrawn and its",
			"SPOC told, and nothing more is chased.",
			"",
			"Example:",
			"  intake withdraw KSCMP-2026-0045 --by \"Jo Screener\" --reason \"duplicates KSCMP-2026-0042\"",
		),
		Run: a.run,
	}
}

// closeCommand is `intake close`.
func closeCommand() command {
	a := action{name: "close", minArgs: 1, maxArgs: 1,
		do: func(ctx context.Context, cw *casework.Casework, by, reason string, args []string) (string, error) {
			ref := casework.NormalizeRef(args[0])
			return ref + " closed.", cw.CloseCase(ctx, by, ref, reason)
		}}
	return command{
		Name:    "close",
		Summary: "close a decided case",
		Usage: usageText(
			"Usage: intake close REF --by NAME --reason TEXT [--config FILE]",
			"",
			"Closes decided case REF once its work is done.",
			"",
			"Example:",
			"  intake close KSCMP-2026-0042 --by \"Jo Screener\" --reason \"the LCSPR is commissioned\"",
		),
		Run: a.run,
	}
}

// packCommand is `intake pack`.
func packCommand() command {
	var out string
	a := action{name: "pack", minArgs: 1, maxArgs: 1,
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&out, "out", "", "where to write the pack (default REF-rapid-review-pack.zip)")
		},
		do: func(ctx context.Context, cw *casework.Casework, by, _ string, args []string) (string, error) {
			p, err := cw.BuildPack(ctx, by, args[0])
			if err != nil {
				return "", err
			}
			if out == "" {
				out = p.Name
			}
			if err := os.WriteFile(out, p.Data, 0o600); err != nil {
				return "", fmt.Errorf("writing %s: %w", out, err)
			}
			return fmt.Sprintf("The rapid review pack is in %s (readable by you only). Record the collation step once you have sent it: intake record collation %s.", out, casework.NormalizeRef(args[0])), nil
		}}
	return command{
		Name:    "pack",
		Summary: "build the rapid review pack for the Rapid Review Group (Day 11)",
		Usage: usageText(
			"Usage: intake pack REF --by NAME [--out FILE] [--config FILE]",
			"",
			"Collates case REF's referral (with where each answer came from), the",
			"screening and the decision to review, each agency's summary with its",
			"original files, the timetable and the timeline into one zip archive",
			"(index.html and originals/), for the Rapid Review Group. Building it is",
			"recorded as an information share in the audit trail. The file holds",
			"special category personal data: it is written readable by you only.",
			"",
			"Example:",
			"  intake pack KSCMP-2026-0042 --by \"Jo Screener\" --out /secure/packs/KSCMP-2026-0042.zip",
		),
		Run: a.run,
	}
}
