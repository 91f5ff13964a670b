package main

import (
	"context"
	"fmt"
	"time"

	"github.com/kscmp/intake"
)

// digestCommand is `intake digest`.
func digestCommand() command {
	return command{
		Name:    "digest",
		Summary: "preview the business team's daily digest without sending it",
		Usage: usageText(
			"Usage: intake digest --preview [--date YYYY-MM-DD] [--html | --ics] [--config FILE]",
			"",
			"Renders the daily digest from the store as it stands now, exactly as the",
			"daemon would send it on that date, and prints it: the subject and the",
			"plain-text body (default), the HTML body (--html), or the calendar",
			"attachment of coming deadlines (--ics). Nothing is sent or recorded.",
			"",
			"Examples:",
			"  intake digest --preview",
			"  intake digest --preview --date 2026-03-02 --html > digest.html",
		),
		Run: runDigest,
	}
}

func runDigest(ctx context.Context, env *Env, args []string) int {
	var configPath string
	fs := newFlags(env, "digest", &configPath)
	preview := fs.Bool("preview", false, "render the digest and print it (required: the daemon sends the real one)")
	date := fs.String("date", "", "the digest's date, YYYY-MM-DD (default: today in Europe/London)")
	asHTML := fs.Bool("html", false, "print the HTML body")
	asICS := fs.Bool("ics", false, "print the .ics attachment")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if !*preview || fs.NArg() > 0 || (*asHTML && *asICS) {
		fmt.Fprintln(env.Stderr, "intake digest: want --preview, and at most one of --html and --ics")
		return 2
	}
	now := env.Clock.Now()
	day := now
	if *date != "" {
		d, err := time.ParseInLocation("2006-01-02", *date, intake.London)
		if err != nil {
			fmt.Fprintf(env.Stderr, "intake digest: --date %q: want YYYY-MM-DD\n", *date)
			return 2
		}
		day = d
	}
	cfg, err := env.LoadConfig(configPath)
	if err != nil {
		fmt.Fprintln(env.Stderr, "intake digest:", err)
		return 1
	}
	st, err := cfg.openStore(ctx, env.Clock)
	if err != nil {
		fmt.Fprintln(env.Stderr, "intake digest:", err)
		return 1
	}
	defer st.Close()
	cw, err := newCasework(cfg, st, env.Clock, env.Logger)
	if err != nil {
		fmt.Fprintln(env.Stderr, "intake digest:", err)
		return 1
	}
	sc, err := newNotifier(cfg, env, st, env.Clock, cw)
	if err != nil {
		fmt.Fprintln(env.Stderr, "intake digest:", err)
		return 1
	}
	r, err := sc.Sender.Render(ctx, sc.DigestNotice(day), asOf(now, *date, day))
	if err != nil {
		fmt.Fprintln(env.Stderr, "intake digest:", err)
		return 1
	}
	switch {
	case *asHTML:
		fmt.Fprint(env.Stdout, r.HTML)
	case *asICS:
		for _, a := range r.Attachments {
			if a.Name == "deadlines.ics" {
				env.Stdout.Write(a.Data)
			}
		}
	default:
		fmt.Fprintf(env.Stdout, "Subject: %s\n\n%s", r.Subject, r.Text)
	}
	return 0
}

// asOf is the moment a digest preview is gathered at: now, or, for
// another date, that day at the same time of day.
func asOf(now time.Time, date string, day time.Time) time.Time {
	if date == "" {
		return now
	}
	l := now.In(intake.London)
	return time.Date(day.Year(), day.Month(), day.Day(), l.Hour(), l.Minute(), 0, 0, intake.London)
}
