package main

import (
	"strconv"
	"strings"
)

func itoa(n int) string { return strconv.Itoa(n) }

var abuseOptions = []string{"Physical", "Sexual", "Emotional", "Neglect"}

// abuseTicks writes the categories of abuse as glyph boxes, with "Other"
// ticked only when the referrer wrote one in.
func abuseTicks(r *referral, oneLine bool) string {
	t := map[string]bool{}
	for _, a := range r.abuse {
		t[strings.ToUpper(a[:1])+a[1:]] = true
	}
	opts := append([]string{}, abuseOptions...)
	other := "Other (please specify)"
	if r.otherAbuse != "" {
		other = "Other (please specify): " + r.otherAbuse
		t[other] = true
	}
	opts = append(opts, other)
	return ticks(opts, t, oneLine)
}

func aonWords(a string) string {
	switch a {
	case "known":
		return "Known"
	case "suspected":
		return "Suspected"
	}
	return "Not suspected"
}

// period writes a period of involvement as one answer, in one of the ways
// people write it.
func period(st *style, m *summary) string {
	from := st.date(m.from)
	if m.toPresent {
		return pick(st.rng, []string{from + " – present", "Since " + from, "From " + from + " to date", from + " - ongoing"})
	}
	to := st.date(m.to)
	return pick(st.rng, []string{from + " to " + to, "From " + from + " until " + to, from + " – " + to, "between " + from + " and " + to})
}

// expectPeriod records both ends of a period of involvement.
func expectPeriod(f *form, m *summary) {
	f.expect("involvement_from", m.from.iso())
	if !m.toPresent {
		f.expect("involvement_to", m.to.iso())
	}
}
