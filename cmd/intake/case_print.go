package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/casework"
)

// printCase writes a case for a person at a terminal.
func printCase(w io.Writer, v *casework.CaseView) {
	c, s := v.Case, v.Schedule
	fmt.Fprintf(w, "%s  %s", c.Ref, c.State.Words())
	if s.Paused {
		fmt.Fprint(w, " (paused)")
	}
	if s.Overdue {
		fmt.Fprint(w, "  OVERDUE")
	}
	if s.AtRisk {
		fmt.Fprint(w, "  TIMETABLE AT RISK")
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Received %s; Day 1 is %s; the local authority became aware %s\n",
		c.Received.In(intake.London).Format("Mon 2006-01-02 15:04"), dayText(c.Day1), orDash(dayText(c.AwareDate)))
	fmt.Fprintf(w, "Screening advice: %s", c.Screening.Verdict)
	if len(c.Screening.Missing) > 0 {
		fmt.Fprintf(w, "; missing %s", strings.Join(c.Screening.Missing, ", "))
	}
	if len(c.Screening.Failed) > 0 {
		fmt.Fprintf(w, "; answered no: %s", strings.Join(c.Screening.Failed, ", "))
	}
	if len(c.Screening.Flags) > 0 {
		fmt.Fprintf(w, "; flags: %s", strings.Join(c.Screening.Flags, ", "))
	}
	fmt.Fprintln(w)
	if c.Route != nil {
		fmt.Fprintf(w, "Decision: %s by %s on %s: %s\n", c.Route.Route, c.Route.By, c.Route.At.In(intake.London).Format("2006-01-02 15:04"), c.Route.Reason)
	} else if c.AwaitsRoute() {
		fmt.Fprintln(w, "Decision: waiting for a person (intake accept, or intake route)")
	}
	if v.Neighbour != nil {
		fmt.Fprintf(w, "Out of area: the places named suggest %s (intake route %s redirect --to %s)\n", v.Neighbour.Name, c.Ref, v.Neighbour.Key)
	}
	for _, r := range c.Referrals {
		kind := "referral"
		if r.Linked {
			kind = "further referral"
		}
		fmt.Fprintf(w, "%s: message %d from %s, %s\n", kind, r.Message, r.From, r.At.In(intake.London).Format("2006-01-02 15:04"))
	}
	if len(c.UnknownAgencies) > 0 {
		fmt.Fprintf(w, "Agencies named that match none configured: %s\n", strings.Join(c.UnknownAgencies, "; "))
	}
	printReferral(w, c)
	printSteps(w, "The local authority's statutory notifications (from awareness; no pause moves them)", s.Statutory)
	printSteps(w, "The rapid review (from Day 1)", s.RapidReview)
	printRequests(w, s.Requests)
	printPauses(w, c.Pauses)
	if c.Outcome != nil {
		fmt.Fprintf(w, "\nOutcome: %s (%s), recorded by %s on %s\n  %s\n", c.Outcome.Decision, c.Outcome.Decision.Words(),
			c.Outcome.By, c.Outcome.At.In(intake.London).Format("2006-01-02 15:04"), c.Outcome.Reason)
	}
	if c.Closure != nil {
		fmt.Fprintf(w, "\nClosed (%s) by %s on %s: %s\n", c.Closure.Reason, c.Closure.By, c.Closure.At.In(intake.London).Format("2006-01-02"), c.Closure.Note)
	}
	printEmails(w, v.Emails)
	fmt.Fprintln(w, "\nAudit trail:")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, e := range v.Audit {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", e.At.In(intake.London).Format("2006-01-02 15:04"), e.Actor, e.Action, e.Detail)
	}
	tw.Flush()
	printAccess(w, v.Access)
}

// printAccess lists the latest views and downloads of a case (--json has
// them all).
func printAccess(w io.Writer, access []intake.AuditEntry) {
	const shown = 10
	if len(access) == 0 {
		return
	}
	times := "times"
	if len(access) == 1 {
		times = "time"
	}
	fmt.Fprintf(w, "\nViewed or downloaded %d %s", len(access), times)
	if len(access) > shown {
		fmt.Fprintf(w, "; the latest %d (--json lists them all)", shown)
	}
	fmt.Fprintln(w, ":")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, e := range access[:min(len(access), shown)] {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", e.At.In(intake.London).Format("2006-01-02 15:04"), e.Actor, e.Action, e.Detail)
	}
	tw.Flush()
}

func printReferral(w io.Writer, c *intake.Case) {
	fields := c.Referral.Fields()
	if len(fields) == 0 {
		return
	}
	fmt.Fprintln(w, "\nThe referral:")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, k := range intake.ReferralKeys() {
		v, ok := fields[k]
		if !ok {
			continue
		}
		text := fmt.Sprint(v)
		switch x := v.(type) {
		case bool:
			text = map[bool]string{true: "yes", false: "no"}[x]
		case []string:
			text = strings.Join(x, "; ")
		}
		text = strings.ReplaceAll(text, "\n", " / ")
		text = clipField(text)
		fmt.Fprintf(tw, "  %s\t%s\t(%s)\n", intake.FieldLabel(k), text, c.Sources[k])
	}
	tw.Flush()
}

// clipField shortens a field's text for the table: over 90 bytes, it is
// cut to at most 87 bytes, at the start of a character so that none is
// split, and "..." is added.
func clipField(text string) string {
	if len(text) <= 90 {
		return text
	}
	cut := 87
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	return text[:cut] + "..."
}

func printSteps(w io.Writer, title string, steps []intake.StepStatus) {
	fmt.Fprintf(w, "\n%s:\n", title)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, st := range steps {
		mark := ""
		switch {
		case st.NotApplicable:
			mark = "not applicable"
		case st.Done && st.Record.By != "":
			mark = fmt.Sprintf("done %s, recorded by %s", dayText(st.Record.Done), st.Record.By)
			if st.Record.How != "" {
				mark += ": " + st.Record.How
			}
		case st.Done:
			mark = "done"
		case st.Overdue:
			mark = "OVERDUE: not recorded"
		}
		day := fmt.Sprintf("Day %d", st.Day)
		if st.Clock == intake.StatutoryClock {
			day = fmt.Sprintf("%d working days", st.Day)
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", dayText(st.Due), day, st.Title, st.Owner, mark)
	}
	tw.Flush()
}

func printRequests(w io.Writer, reqs []intake.SummaryRequest) {
	fmt.Fprintln(w, "\nAgency summaries:")
	if len(reqs) == 0 {
		fmt.Fprintln(w, "  none requested")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, r := range reqs {
		note := ""
		if !r.ReceivedAt.IsZero() {
			note = fmt.Sprintf("%s, recorded by %s", dayText(r.ReceivedAt), r.By)
		}
		if r.Bounced {
			note += " UNDELIVERABLE: give the agency another SPOC address"
		}
		fmt.Fprintf(tw, "  %s\t%s\tdue %s\t%s\t%s\n", r.AgencyName, r.Status.Words(), dayText(r.Due),
			strings.Join(r.To, ", "), note)
	}
	tw.Flush()
}

func printPauses(w io.Writer, pauses []intake.Pause) {
	if len(pauses) == 0 {
		return
	}
	fmt.Fprintln(w, "\nPauses:")
	for _, p := range pauses {
		end := "running"
		if !p.End.IsZero() {
			end = fmt.Sprintf("ended %s by %s: %s", p.End.In(intake.London).Format("2006-01-02 15:04"), p.EndBy, p.EndReason)
		}
		fmt.Fprintf(w, "  %s by %s: %s; %s\n", p.Start.In(intake.London).Format("2006-01-02 15:04"), p.By, p.Reason, end)
	}
}

func printEmails(w io.Writer, rows []intake.OutboxRow) {
	fmt.Fprintln(w, "\nEmails:")
	if len(rows) == 0 {
		fmt.Fprintln(w, "  none")
		return
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].CreatedAt.Before(rows[j].CreatedAt) })
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, r := range rows {
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s\n", r.ID, r.Kind, strings.Join(r.Notice.To, ", "), r.State, r.LastError)
	}
	tw.Flush()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
