package main

import (
	"context"
	"fmt"
	"sort"
	"text/tabwriter"
	"time"
)

func init() {
	register(command{
		Name:    "timetable",
		Summary: "print every step's due date for a case that became known on a date",
		Usage: usageText(
			"Usage: intake timetable [--config FILE] --aware DATE [--notification DATE] [--request DATE] [--json]",
			"",
			"Prints the configured rapid review timetable's steps with their due",
			"dates, in working days from the day the local authority became aware",
			"(day 1). --notification and --request give the day the referral",
			"arrived and the day the summary requests went out, when they differ.",
			"",
			"Example:",
			"  intake timetable --aware 2026-12-23",
		),
		Run: runTimetable,
	})
}

type timetableRow struct {
	Step   string `json:"step"`
	Title  string `json:"title"`
	Owner  string `json:"owner"`
	Due    string `json:"due"`
	Day    int    `json:"working_day"` // day N of the timetable, counting the clock's start as day 1
	Chased bool   `json:"chased"`
}

func runTimetable(ctx context.Context, env *Env, args []string) int {
	var configPath, aware, notification, request string
	var asJSON bool
	fs := newFlags(env, "timetable", &configPath)
	fs.StringVar(&aware, "aware", "", "the day the local authority became aware (YYYY-MM-DD); required")
	fs.StringVar(&notification, "notification", "", "the day the notification reached the partnership (default: --aware)")
	fs.StringVar(&request, "request", "", "the day the summary requests went out (default: the timetable's day)")
	fs.BoolVar(&asJSON, "json", false, "print JSON")
	pos, code := parseInterspersed(fs, args)
	if code >= 0 {
		return code
	}
	if aware == "" || len(pos) != 0 {
		fs.Usage()
		return 2
	}
	cfg, err := env.LoadConfig(configPath)
	if err != nil {
		fmt.Fprintln(env.Stderr, err)
		return 1
	}
	cal, tt, err := cfg.caseClock()
	if err != nil {
		fmt.Fprintln(env.Stderr, err)
		return 1
	}
	var dates [3]time.Time
	for i, s := range []string{aware, notification, request} {
		if s == "" {
			continue
		}
		if dates[i], err = parseDay(s); err != nil {
			fmt.Fprintln(env.Stderr, "intake timetable:", err)
			return 2
		}
	}
	start := dates[0]
	if string(tt.ClockStart) == "notification" && !dates[1].IsZero() {
		start = dates[1]
	}
	var rows []timetableRow
	for _, sd := range tt.DueDates(dates[0], dates[1], dates[2], cal) {
		rows = append(rows, timetableRow{Step: sd.Step.Name, Title: sd.Step.Title, Owner: sd.Step.Owner,
			Due: sd.Due.Format("2006-01-02"), Day: cal.WorkingDaysBetween(cal.AddWorkingDays(start, 0), sd.Due) + 1, Chased: sd.Step.Chased})
	}
	// In date order, as the days of the process run (the notification
	// step, due within 5 working days, comes after the day 1 steps).
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Due < rows[j].Due })
	if asJSON {
		if err := writeJSON(env.Stdout, rows); err != nil {
			return 1
		}
		return 0
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DAY\tDUE\tSTEP\tOWNER")
	for _, r := range rows {
		d, _ := parseDay(r.Due)
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", r.Day, dayText(d), r.Title, r.Owner)
	}
	tw.Flush()
	return 0
}
