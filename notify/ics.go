package notify

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"github.com/kscmp/intake"
)

// DeadlinesICS writes the deadlines as an iCalendar file (RFC 5545): one
// all-day VEVENT per deadline, whose UID is a hash of the case reference
// and step at domain, so that each day's digest updates the same events in
// the team's calendar instead of adding copies. Lines end in CRLF and are
// folded at 75 octets (section 3.1); text is escaped (section 3.3.11).
func DeadlinesICS(deadlines []intake.StepItem, stamp time.Time, domain string) []byte {
	var b strings.Builder
	line := func(s string) { b.WriteString(foldICS(s)) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//kscmp//intake//EN")
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	for _, d := range deadlines {
		day := d.Due.In(intake.London)
		start := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
		sum := sha256.Sum256([]byte(d.Ref + "\x00" + d.Step))
		line("BEGIN:VEVENT")
		line("UID:deadline-" + hex.EncodeToString(sum[:12]) + "@" + domain)
		line("DTSTAMP:" + stamp.UTC().Format("20060102T150405Z"))
		line("DTSTART;VALUE=DATE:" + start.Format("20060102"))
		line("DTEND;VALUE=DATE:" + start.AddDate(0, 0, 1).Format("20060102"))
		line("SUMMARY:" + escapeICS(d.Ref+": "+d.What))
		line("TRANSP:TRANSPARENT")
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	return []byte(b.String())
}

// escapeICS escapes a TEXT value (RFC 5545 section 3.3.11).
func escapeICS(s string) string {
	return strings.NewReplacer(`\`, `\\`, `;`, `\;`, `,`, `\,`, "\r\n", `\n`, "\n", `\n`).Replace(s)
}

// foldICS ends s with CRLF, folding it into lines of at most 75 octets,
// each continuation starting with a space, never splitting a UTF-8
// sequence (RFC 5545 section 3.1).
func foldICS(s string) string {
	var b strings.Builder
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8Start(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(s)
	b.WriteString("\r\n")
	return b.String()
}

func utf8Start(c byte) bool { return c&0xC0 != 0x80 }
