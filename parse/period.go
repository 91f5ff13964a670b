package parse

import "strings"

// setPeriod fills involvement_from and involvement_to from one answer
// giving both ends: "14/02/2025 to 02/11/2026", "from ... until ...",
// "between ... and ...", "14/02/2025 – present", "since 14/02/2025". A
// period still running has no end. An end already read is kept.
func setPeriod(fields map[string]any, value string) {
	ds := datesIn(value)
	if len(ds) == 0 {
		return
	}
	if _, ok := fields["involvement_from"]; !ok {
		fields["involvement_from"] = ds[0].iso
	}
	if len(ds) > 1 {
		if _, ok := fields["involvement_to"]; !ok {
			fields["involvement_to"] = ds[1].iso
		}
	}
}

// personKeys are keys whose answer is a person's name: in a cell that
// gives more ("Referrer details": name, role and agency a line), the name
// is the first line.
var personKeys = map[string]bool{"referrer_name": true, "author_name": true}

// firstLine is the first line of a text.
func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return strings.TrimSpace(s[:i])
	}
	return s
}
