package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/kscmp/intake"
)

// timelineEntry is one line of the demo's timeline.
type timelineEntry struct {
	At   time.Time
	Kind string // arrived, decided, sent, note
	Text string
}

// timeline collects what happened during the demo, in simulated time.
type timeline struct {
	entries []timelineEntry
	roles   map[string]string // address (lower case) → who, for "sent" lines
	// passErrors counts the daemon passes that returned an error; the
	// demo expects none.
	passErrors int
}

func (tl *timeline) add(at time.Time, kind, format string, args ...any) {
	tl.entries = append(tl.entries, timelineEntry{At: at, Kind: kind, Text: fmt.Sprintf(format, args...)})
}

// who names the recipients of an email by role, never by name.
func (tl *timeline) who(addrs []string) string {
	var out []string
	seen := map[string]bool{}
	for _, a := range addrs {
		r, ok := tl.roles[strings.ToLower(a)]
		if !ok {
			r = "another address"
		}
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return "nobody"
	}
	return strings.Join(out, ", ")
}

// demoAuditHidden lists the audit actions the timeline leaves out because
// another line already says the same (an arrival, a sent email).
var demoAuditHidden = map[string]bool{
	"message.stored":       true, // the "arrived" line
	"request.sent":         true, // the request's "sent" line, with its due date
	"notice.queued":        true, // its "sent" line
	"outbox.sent":          true,
	"case.viewed":          true, // the demo's own look at a case: its "check" line
	"message.needs_person": true, // its "filed" line says why
}

// auditKind sorts an audit action into the timeline's columns: what was
// stored, where it was filed, what was queued to send, and what was
// decided.
func auditKind(action string) string {
	switch {
	case action == "message.filed":
		return "filed"
	case action == "message.settled":
		return "decided"
	case strings.HasPrefix(action, "message."):
		return "stored"
	case strings.HasPrefix(action, "outbox."):
		return "outbox"
	}
	return "decided"
}

// auditLine turns an audit entry into the timeline's words: the action,
// the case and the detail (which never holds names or form text).
func auditLine(e intake.AuditEntry) string {
	var b strings.Builder
	if e.CaseRef != "" {
		b.WriteString(e.CaseRef + "  ")
	}
	b.WriteString(e.Action)
	if e.Actor != "" && e.Actor != "intake" {
		b.WriteString(" by " + e.Actor)
	}
	if e.Detail != "" {
		b.WriteString(": " + strings.Join(strings.Fields(e.Detail), " "))
	}
	return b.String()
}

// write prints the timeline, a heading for each simulated day on which
// something happened, working days numbered from the demo's first.
func (tl *timeline) write(w io.Writer) {
	fmt.Fprintln(w, "intake demo: fifteen working days of the Kestmoor Safeguarding Children")
	fmt.Fprintln(w, "Multi-agency Partnership's mailbox, simulated. Everyone in it is invented.")
	var day time.Time
	for _, e := range tl.entries {
		local := e.At.In(demoStart.Location())
		d := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, local.Location())
		if !d.Equal(day) {
			day = d
			fmt.Fprintf(w, "\n%s\n", demoDayHeading(d))
		}
		fmt.Fprintf(w, "  %s  %-8s %s\n", local.Format("15:04"), e.Kind, e.Text)
	}
	count := map[string]int{}
	for _, e := range tl.entries {
		count[e.Kind]++
	}
	fmt.Fprintf(w, "\nIn all: %d emails arrived, %d were sent.\n", count["arrived"], count["sent"])
}

// demoDayHeading is "Day 3  Wednesday 11 November 2026", or the date alone
// for a weekend.
func demoDayHeading(d time.Time) string {
	date := intake.DateWords(d)
	for n := 1; n <= demoWorkingDays+5; n++ {
		if demoWorkingDay(n).Equal(d) {
			return fmt.Sprintf("Day %-2d %s", n, date)
		}
	}
	return "       " + date + " (not a working day)"
}
