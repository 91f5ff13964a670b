package main

import (
	"context"
	"fmt"
	"strconv"
)

// workdaysCommand is `intake workdays`.
func workdaysCommand() command {
	return command{
		Name:    "workdays",
		Summary: "count working days (England and Wales bank holidays, Europe/London)",
		Usage: usageText(
			"Usage: intake workdays [--config FILE] add DATE N",
			"       intake workdays [--config FILE] between A B",
			"",
			"add prints the date N working days after DATE (N may be negative;",
			"0 gives DATE if it is a working day, else the next one). between",
			"prints how many working days fall after A up to and including B.",
			"Weekends, England and Wales bank holidays (substitute days included)",
			"and the configured [calendar] closed days do not count.",
			"",
			"Examples:",
			"  intake workdays add 2026-12-23 5        # 2027-01-04 (Monday)",
			"  intake workdays between 2026-12-23 2027-01-04   # 5",
		),
		Run: runWorkdays,
	}
}

func runWorkdays(ctx context.Context, env *Env, args []string) int {
	var configPath string
	fs := newFlags(env, "workdays", &configPath)
	pos, code := parseInterspersed(fs, args)
	if code >= 0 {
		return code
	}
	if len(pos) != 3 || (pos[0] != "add" && pos[0] != "between") {
		fs.Usage()
		return 2
	}
	cfg, err := env.LoadConfig(configPath)
	if err != nil {
		fmt.Fprintln(env.Stderr, err)
		return 1
	}
	cal, err := cfg.Calendar.Calendar()
	if err != nil {
		fmt.Fprintln(env.Stderr, err)
		return 1
	}
	a, err := parseDay(pos[1])
	if err != nil {
		fmt.Fprintln(env.Stderr, "intake workdays:", err)
		return 2
	}
	if pos[0] == "add" {
		n, err := strconv.Atoi(pos[2])
		if err != nil {
			fmt.Fprintf(env.Stderr, "intake workdays: %q is not a whole number of days\n", pos[2])
			return 2
		}
		d := cal.AddWorkingDays(a, n)
		fmt.Fprintf(env.Stdout, "%s (%s)\n", d.Format("2006-01-02"), d.Weekday())
		return 0
	}
	b, err := parseDay(pos[2])
	if err != nil {
		fmt.Fprintln(env.Stderr, "intake workdays:", err)
		return 2
	}
	fmt.Fprintln(env.Stdout, cal.WorkingDaysBetween(a, b))
	return 0
}
