package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/store"
)

func init() {
	register(command{
		Name:    "outcome",
		Summary: "record the rapid review decision and queue the outcome notice",
		Usage: usageText(
			"Usage: intake outcome [--config FILE] REF --decision D --reason TEXT --by NAME",
			"",
			"Records the Rapid Review Group's decision on case REF, with the reason",
			"and who recorded it, in the audit trail, moves the case to decided,",
			"and in the same transaction queues the outcome notice to the referrer",
			"(and to the agencies' SPOCs if [partnership] outcome_to_agencies).",
			"The notice says the decision in plain words and nothing more.",
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
		Run: runOutcome,
	})
}

func runOutcome(ctx context.Context, env *Env, args []string) int {
	var configPath, decision, reason, by string
	fs := newFlags(env, "outcome", &configPath)
	fs.StringVar(&decision, "decision", "", "lcspr, national_review, alternative_review, no_further_review or criteria_not_met")
	fs.StringVar(&reason, "reason", "", "why (kept in the audit trail; not sent)")
	fs.StringVar(&by, "by", "", "who records the decision")
	pos, code := parseInterspersed(fs, args)
	if code >= 0 {
		return code
	}
	if len(pos) != 1 {
		fs.Usage()
		return 2
	}
	d, err := intake.ParseDecision(decision)
	if err != nil {
		fmt.Fprintln(env.Stderr, err)
		return 2
	}
	o := intake.Outcome{Decision: d, Reason: strings.TrimSpace(reason), By: strings.TrimSpace(by)}
	if err := o.Validate(); err != nil {
		fmt.Fprintln(env.Stderr, err)
		return 2
	}
	cw, err := openCasework(ctx, env, configPath)
	if err != nil {
		fmt.Fprintln(env.Stderr, err)
		return 1
	}
	defer cw.store.Close()
	o.At = cliClock.Now()
	ref := strings.ToUpper(strings.TrimSpace(pos[0]))
	var queued []string
	err = cw.store.Update(ctx, func(tx intake.Tx) error {
		var err error
		queued, err = recordOutcome(ctx, tx, cw.cfg, ref, o)
		return err
	})
	if errors.Is(err, intake.ErrNotFound) {
		fmt.Fprintf(env.Stderr, "intake outcome: no case %s\n", ref)
		return 1
	}
	if err != nil {
		fmt.Fprintln(env.Stderr, err)
		return 1
	}
	fmt.Fprintf(env.Stdout, "%s: decided (%s). %s\n", ref, d, d.Words())
	if len(queued) == 0 {
		fmt.Fprintln(env.Stdout, "No outcome notice queued: the case has no referrer address.")
	}
	for _, k := range queued {
		fmt.Fprintf(env.Stdout, "Queued %s\n", k)
	}
	env.Logger.Info("outcome recorded", "case", ref, "decision", string(d), "notices", len(queued))
	return 0
}

// recordOutcome records o on case ref inside tx and enqueues its outcome
// notices, returning their keys.
func recordOutcome(ctx context.Context, tx intake.Tx, cfg *Config, ref string, o intake.Outcome) ([]string, error) {
	if err := store.RecordOutcome(ctx, tx, ref, o); err != nil {
		return nil, err
	}
	c, err := store.GetCase(ctx, tx, ref)
	if err != nil {
		return nil, err
	}
	notices := outcomeNotices(cfg, c, o.At)
	var keys []string
	for _, n := range notices {
		if _, err := tx.Enqueue(n); err != nil {
			return nil, err
		}
		keys = append(keys, n.Key)
	}
	return keys, tx.Audit(intake.AuditEntry{At: o.At, Actor: o.By, Action: "outcome.notified", CaseRef: ref,
		Detail: fmt.Sprintf("%d outcome notices queued", len(keys))})
}

// outcomeNotices are the outcome notice to the referrer and, by
// configuration, one to each agency asked for a summary.
func outcomeNotices(cfg *Config, c *intake.Case, now time.Time) []intake.Notice {
	var out []intake.Notice
	if c.Referrer != "" && c.Referrer != cfg.Partnership.MailboxAddress() {
		out = append(out, intake.Notice{Key: "outcome:" + c.Ref, Kind: intake.NoticeOutcome, CaseRef: c.Ref,
			To: []string{c.Referrer}, NotBefore: now, InReplyTo: intake.AngleID(c.ReferrerMessageID),
			References: nonEmptyIDs(intake.AngleID(c.ReferrerMessageID)), Decision: string(c.Outcome.Decision)})
	}
	if cfg.Partnership.OutcomeToAgencies {
		for _, r := range c.Requests {
			if len(r.To) == 0 {
				continue
			}
			out = append(out, intake.Notice{Key: "outcome:" + c.Ref + ":" + r.Agency, Kind: intake.NoticeOutcome, CaseRef: c.Ref,
				To: r.To, NotBefore: now, Agency: r.AgencyName, Decision: string(c.Outcome.Decision),
				InReplyTo: intake.AngleID(r.MessageID), References: nonEmptyIDs(intake.AngleID(r.MessageID))})
		}
	}
	return out
}

func nonEmptyIDs(ids ...string) []string {
	var out []string
	for _, id := range ids {
		if id != "" {
			out = append(out, id)
		}
	}
	return out
}
