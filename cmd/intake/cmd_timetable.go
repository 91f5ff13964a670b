package main

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/kscmp/intake"
)

// timetableCommand is `intake timetable`.
func timetableCommand() command {
	return command{
		Name:    "timetable",
		Summary: "print both clocks' due dates for a referral received at a time",
		Usage: usageText(
			"Usage: intake timetable [--config FILE] --received TIME [--aware DATE] [--request DATE] [--json]",
			"",
			"Prints Day 1 for a referral received at TIME (YYYY-MM-DDTHH:MM, or a",
			"date for the working day) and every step of the configured timetable",
			"with its due date: the local authority's statutory notifications in",
			"working days from --aware (default: Day 1), and the rapid review steps",
			"on Day N from Day 1. --request gives the day the summary requests go",
			"out, to show the date a SPOC would be given (and whether the",
			"timetable would be at risk).",
			"",
			"Examples:",
			"  intake timetable --received 2026-12-23T10:00",
			"  intake timetable --received 2026-12-24T17:30 --aware 2026-12-22 --request 2027-01-05",
		),
		Run: runTimetable,
	}
}

type timetableRow struct {
	Step  string `json:"step"`
	Title string `json:"title"`
	Clock string `json:"clock"`
	Day   int    `json:"day"`
	Owner string `json:"owner"`
	Due   string `json:"due"`

	due time.Time // Due for the table
}

type timetableView struct {
	Day1       string         `json:"day1"`
	Steps      []timetableRow `json:"steps"`
	SummaryDue string         `json:"summary_due,omitempty"`
	AtRisk     bool           `json:"timetable_at_risk,omitempty"`
	RequestDay string         `json:"request_day,omitempty"`
}

func runTimetable(ctx context.Context, env *Env, args []string) int {
	var configPath, received, aware, request string
	var asJSON bool
	fs := newFlags(env, "timetable", &configPath)
	fs.StringVar(&received, "received", "", "when the referral was received (YYYY-MM-DDTHH:MM, Europe/London); required")
	fs.StringVar(&aware, "aware", "", "the day the local authority became aware (default: Day 1)")
	fs.StringVar(&request, "request", "", "the day the summary requests go out")
	fs.BoolVar(&asJSON, "json", false, "print JSON")
	pos, code := parseInterspersed(fs, args)
	if code >= 0 {
		return code
	}
	if received == "" || len(pos) != 0 {
		fs.Usage()
		return 2
	}
	cfg, err := env.LoadConfig(configPath)
	if err != nil {
		return fail(env, "timetable", err)
	}
	cal, tt, err := cfg.caseClock()
	if err != nil {
		return fail(env, "timetable", err)
	}
	at, err := time.ParseInLocation("2006-01-02T15:04", received, intake.London)
	if err != nil {
		if at, err = parseDay(received); err != nil {
			return fail(env, "timetable", invalid(fmt.Errorf("--received: %q is not a time like 2026-12-23T10:00", received)))
		}
	}
	day1 := tt.Day1(cal, at)
	awareDay := day1
	if aware != "" {
		if awareDay, err = parseDay(aware); err != nil {
			return fail(env, "timetable", invalid(err))
		}
	}
	v := timetableView{Day1: day1.Format("2006-01-02")}
	var summaryDue time.Time // v.SummaryDue for the text
	for _, s := range tt.Steps {
		due := s.Due(cal, day1, awareDay)
		v.Steps = append(v.Steps, timetableRow{Step: s.Name, Title: s.Title, Clock: string(s.Clock), Day: s.Day, Owner: s.Owner, Due: due.Format("2006-01-02"), due: due})
	}
	if request != "" {
		req, err := parseDay(request)
		if err != nil {
			return fail(env, "timetable", invalid(err))
		}
		due, risk := tt.SummaryDue(cal, day1, req)
		v.RequestDay, v.SummaryDue, v.AtRisk = req.Format("2006-01-02"), due.Format("2006-01-02"), risk
		summaryDue = due
	}
	if asJSON {
		if err := writeJSON(env.Stdout, v); err != nil {
			return 1
		}
		return 0
	}
	fmt.Fprintf(env.Stdout, "Received %s: Day 1 is %s.\n\n", at.Format("Mon 2006-01-02 15:04"), dayText(day1))
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DUE\tDAY\tSTEP\tOWNER")
	for _, r := range v.Steps {
		day := fmt.Sprintf("Day %d", r.Day)
		if r.Clock == string(intake.StatutoryClock) {
			day = fmt.Sprintf("%d working days after awareness", r.Day)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", dayText(r.due), day, r.Title, r.Owner)
	}
	tw.Flush()
	if !summaryDue.IsZero() {
		fmt.Fprintf(env.Stdout, "\nRequests sent on %s would be due %s", v.RequestDay, dayText(summaryDue))
		if v.AtRisk {
			fmt.Fprint(env.Stdout, " (fewer than the minimum working days remained: the timetable is at risk)")
		}
		fmt.Fprintln(env.Stdout, ".")
	}
	return 0
}
