package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/kscmp/intake"
)

func init() {
	register(command{
		Name:    "case",
		Summary: "show one case: timeline with due dates, summaries, audit trail",
		Usage: usageText(
			"Usage: intake case [--config FILE] [--json] REF",
			"",
			"Shows a case: its state and screening, every timetable step with its",
			"due date (moved on by any pause), each agency's summary status, the",
			"pauses, the outcome, and the audit trail of what was received,",
			"decided and sent.",
			"",
			"Example:",
			"  intake case KSCMP-2026-0042",
		),
		Run: runCase,
	})
}

type caseView struct {
	Case     *intake.Case        `json:"case"`
	Schedule intake.CaseSchedule `json:"schedule"`
	Audit    []intake.AuditEntry `json:"audit"`
}

func runCase(ctx context.Context, env *Env, args []string) int {
	var configPath string
	var asJSON bool
	fs := newFlags(env, "case", &configPath)
	fs.BoolVar(&asJSON, "json", false, "print JSON")
	pos, code := parseInterspersed(fs, args)
	if code >= 0 {
		return code
	}
	if len(pos) != 1 {
		fs.Usage()
		return 2
	}
	cw, err := openCasework(ctx, env, configPath)
	if err != nil {
		fmt.Fprintln(env.Stderr, err)
		return 1
	}
	defer cw.store.Close()
	c, err := cw.store.Case(ctx, strings.ToUpper(strings.TrimSpace(pos[0])))
	if errors.Is(err, intake.ErrNotFound) {
		fmt.Fprintf(env.Stderr, "intake case: no case %s\n", pos[0])
		return 1
	}
	if err != nil {
		fmt.Fprintln(env.Stderr, err)
		return 1
	}
	var trail []intake.AuditEntry
	err = cw.store.View(ctx, func(tx intake.Tx) error {
		trail, err = tx.AuditTrail(c.Ref)
		return err
	})
	if err != nil {
		fmt.Fprintln(env.Stderr, err)
		return 1
	}
	v := caseView{Case: c, Schedule: c.Schedule(cw.tt, cw.cal, cliClock.Now()), Audit: trail}
	if asJSON {
		if err := writeJSON(env.Stdout, v); err != nil {
			return 1
		}
		return 0
	}
	printCase(env, v)
	return 0
}

func printCase(env *Env, v caseView) {
	c, s, w := v.Case, v.Schedule, env.Stdout
	fmt.Fprintf(w, "%s  %s", c.Ref, stateWords(c.State))
	if s.Paused {
		fmt.Fprint(w, " (clock paused)")
	}
	if s.Overdue {
		fmt.Fprint(w, "  OVERDUE")
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Screening: %s", orDash(c.Verdict))
	if len(c.Missing) > 0 {
		fmt.Fprintf(w, "; missing %s", strings.Join(c.Missing, ", "))
	}
	if len(c.Flags) > 0 {
		fmt.Fprintf(w, "; flags %s", strings.Join(c.Flags, ", "))
	}
	fmt.Fprintln(w)
	if c.Referrer != "" {
		fmt.Fprintf(w, "Referrer: %s\n", c.Referrer)
	}
	if c.Linked > 0 {
		fmt.Fprintf(w, "Linked referrals: %d\n", c.Linked)
	}
	if len(c.UnknownAgencies) > 0 {
		fmt.Fprintf(w, "Agencies named that match none configured: %s\n", strings.Join(c.UnknownAgencies, "; "))
	}
	fmt.Fprintf(w, "Clock starts: %s\n\nTimeline:\n", dayText(s.ClockStart))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, st := range s.Steps {
		mark := ""
		switch {
		case st.Done:
			mark = "done"
		case st.Overdue:
			mark = "OVERDUE"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", dayText(st.Due), st.Title, st.Owner, mark)
	}
	tw.Flush()
	fmt.Fprintln(w, "\nAgency summaries:")
	if len(s.Requests) == 0 {
		fmt.Fprintln(w, "  none requested")
	}
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, r := range s.Requests {
		got := ""
		if !r.ReceivedAt.IsZero() {
			got = "received " + dayText(r.ReceivedAt)
		}
		fmt.Fprintf(tw, "  %s\t%s\tdue %s\t%s\n", r.AgencyName, strings.ReplaceAll(string(r.Status), "_", " "), dayText(r.Due), got)
	}
	tw.Flush()
	if len(c.Pauses) > 0 {
		fmt.Fprintln(w, "\nPauses:")
		for _, p := range c.Pauses {
			end := "running"
			if !p.End.IsZero() {
				end = fmt.Sprintf("ended %s by %s: %s", p.End.In(intake.London).Format("2006-01-02 15:04"), p.EndBy, p.EndReason)
			}
			fmt.Fprintf(w, "  %s by %s: %s; %s\n", p.Start.In(intake.London).Format("2006-01-02 15:04"), p.By, p.Reason, end)
		}
	}
	if c.Outcome != nil {
		fmt.Fprintf(w, "\nOutcome: %s (%s), recorded by %s on %s\n  %s\n", c.Outcome.Decision, c.Outcome.Decision.Words(),
			c.Outcome.By, c.Outcome.At.In(intake.London).Format("2006-01-02 15:04"), c.Outcome.Reason)
	}
	fmt.Fprintln(w, "\nAudit trail:")
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, e := range v.Audit {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", e.At.In(intake.London).Format("2006-01-02 15:04"), e.Actor, e.Action, e.Detail)
	}
	tw.Flush()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
