package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/kscmp/intake"
)

// casesCommand is `intake cases`.
func casesCommand() command {
	return command{
		Name:    "cases",
		Summary: "list cases with their state, next due date and summaries",
		Usage: usageText(
			"Usage: intake cases [--config FILE] [--json] [--open | --overdue | --due-within N | --state S]",
			"",
			"Lists every case: its reference, state, the next step due and when,",
			"how many agency summaries are in, and whether anything is overdue.",
			"--open lists cases not yet decided or closed; --overdue those with an",
			"overdue step or summary; --due-within N those with something due in",
			"the next N working days (or overdue).",
			"",
			"Example:",
			"  intake cases --overdue",
		),
		Run: runCases,
	}
}

type caseListRow struct {
	Ref       string   `json:"ref"`
	State     string   `json:"state"`
	Verdict   string   `json:"verdict,omitempty"`
	Flags     []string `json:"flags,omitempty"`
	NextStep  string   `json:"next_step,omitempty"`
	NextDue   string   `json:"next_due,omitempty"`
	Received  int      `json:"summaries_received"`
	Requested int      `json:"summaries_requested"`
	Overdue   bool     `json:"overdue"`
	Paused    bool     `json:"paused"`
	AtRisk    bool     `json:"timetable_at_risk"`

	nextDue time.Time // NextDue for the table
}

func runCases(ctx context.Context, env *Env, args []string) int {
	var configPath string
	var asJSON, open, overdue bool
	var state string
	dueWithin := -1
	fs := newFlags(env, "cases", &configPath)
	fs.BoolVar(&asJSON, "json", false, "print JSON")
	fs.BoolVar(&open, "open", false, "only cases not yet decided or closed")
	fs.BoolVar(&overdue, "overdue", false, "only cases with something overdue")
	fs.StringVar(&state, "state", "", "only cases in this state (received, awaiting_referrer, awaiting_summaries, ready_for_review, decided, closed)")
	fs.IntVar(&dueWithin, "due-within", -1, "only cases with something due within `N` working days")
	pos, code := parseInterspersed(fs, args)
	if code >= 0 {
		return code
	}
	if len(pos) != 0 {
		fs.Usage()
		return 2
	}
	// A decided case may still have something overdue (the chair's
	// outcome to the Panel, a statutory notification), as the web's case
	// list shows: --overdue and --due-within look at every case.
	f := intake.CaseFilter{Open: open}
	if state != "" {
		st, err := intake.ParseCaseState(state)
		if err != nil {
			return fail(env, "cases", err)
		}
		f.States = []intake.CaseState{st}
	}
	cl, err := openCLI(ctx, env, configPath)
	if err != nil {
		return fail(env, "cases", err)
	}
	defer cl.store.Close()
	now := env.Clock.Now()
	list, err := cl.cw.ListCases(ctx, f, now)
	if err != nil {
		return fail(env, "cases", err)
	}
	horizon := cl.cw.Policy.Calendar.AddWorkingDays(now, max(dueWithin, 0))
	var rows []caseListRow
	for _, cs := range list {
		c, s := cs.Case, cs.Schedule
		if overdue && !s.Overdue {
			continue
		}
		if dueWithin >= 0 && !s.DueBy(horizon) {
			continue
		}
		r := caseListRow{Ref: c.Ref, State: string(c.State), Verdict: c.Screening.Verdict, Flags: c.Screening.Flags, NextStep: s.NextStep,
			Received: s.Received, Requested: s.Received + s.Awaited, Overdue: s.Overdue, Paused: s.Paused, AtRisk: s.AtRisk}
		if !s.NextDue.IsZero() {
			r.NextDue, r.nextDue = s.NextDue.Format("2006-01-02"), s.NextDue
		}
		rows = append(rows, r)
	}
	if asJSON {
		if rows == nil {
			rows = []caseListRow{}
		}
		if err := writeJSON(env.Stdout, rows); err != nil {
			return 1
		}
		return 0
	}
	if len(rows) == 0 {
		fmt.Fprintln(env.Stdout, "No cases.")
		return 0
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CASE\tSTATE\tNEXT DUE\tSTEP\tSUMMARIES\tNOTES")
	for _, r := range rows {
		var notes []string
		if r.Overdue {
			notes = append(notes, "OVERDUE")
		}
		if r.Paused {
			notes = append(notes, "paused")
		}
		if r.AtRisk {
			notes = append(notes, "timetable at risk")
		}
		notes = append(notes, r.Flags...)
		next := "-"
		if !r.nextDue.IsZero() {
			// In the time's own zone, as next_due is in the JSON, so
			// that both give the same date.
			next = r.nextDue.Format("Mon 2006-01-02")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d/%d\t%s\n", r.Ref, intake.CaseState(r.State).Label(), next, r.NextStep,
			r.Received, r.Requested, strings.Join(notes, ", "))
	}
	tw.Flush()
	return 0
}
