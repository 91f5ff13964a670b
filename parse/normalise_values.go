package parse

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/kscmp/intake"
)

// normHarm maps a harm outcome onto died, seriously_harmed or other.
func normHarm(v string) (string, bool) {
	texts := tickedTexts(v)
	var died, harmed, other bool
	for _, t := range texts {
		l := strings.ToLower(t)
		switch {
		case l == "":
		case yesNo(l) != 0 && !strings.Contains(l, "died") && !strings.Contains(l, "death") && !strings.Contains(l, "harm"):
			// "Yes" answers the criterion, not which outcome.
		case strings.Contains(l, "near fatal") || strings.Contains(l, "near-fatal") || strings.Contains(l, "near death") || strings.Contains(l, "near-death"):
			harmed = true
		case strings.Contains(l, "died") || strings.Contains(l, "death") || strings.Contains(l, "deceased") || strings.Contains(l, "fatal"):
			died = true
		case strings.Contains(l, "serious") || strings.Contains(l, "injur") || strings.Contains(l, "harm"):
			harmed = true
		default:
			other = true
		}
	}
	switch {
	case died:
		return "died", true
	case harmed:
		return "seriously_harmed", true
	case other:
		return "other", true
	}
	return "", false
}

var abuseOrder = []string{"physical", "sexual", "emotional", "neglect", "other"}

var reListSep = regexp.MustCompile(`(?i)\s*(?:[,;\n/&+•]|\band\b|\bor\b)\s*`)

// normAbuseTypes maps the ticked or written categories of abuse onto
// physical, sexual, emotional, neglect and other, in that order.
func normAbuseTypes(v string) []string {
	seen := map[string]bool{}
	for _, t := range tickedTexts(v) {
		for _, p := range reListSep.Split(t, -1) {
			l := strings.ToLower(strings.TrimSpace(p))
			switch {
			case l == "" || l == "abuse" || l == "n/a" || l == "none":
			case strings.Contains(l, "physical"):
				seen["physical"] = true
			case strings.Contains(l, "sexual"), strings.Contains(l, "cse"):
				seen["sexual"] = true
			case strings.Contains(l, "emotional"), strings.Contains(l, "psycholog"):
				seen["emotional"] = true
			case strings.Contains(l, "neglect"):
				seen["neglect"] = true
			default:
				seen["other"] = true
			}
		}
	}
	var out []string
	for _, k := range abuseOrder {
		if seen[k] {
			out = append(out, k)
		}
	}
	return out
}

// normAbuseOrNeglect maps an answer onto known, suspected or not_suspected.
func normAbuseOrNeglect(v string) (string, bool) {
	var known, suspected, not bool
	for _, t := range tickedTexts(v) {
		l := strings.ToLower(t)
		switch {
		case l == "":
		case strings.Contains(l, "not suspected") || strings.Contains(l, "not known or suspected") || strings.HasPrefix(l, "neither") || yesNo(l) == -1:
			not = true
		case strings.Contains(l, "suspected"):
			suspected = true
		case strings.Contains(l, "known") || strings.Contains(l, "confirmed") || yesNo(l) == 1:
			known = true
		}
	}
	switch {
	case known:
		return "known", true
	case suspected:
		return "suspected", true
	case not:
		return "not_suspected", true
	}
	return "", false
}

var reAgencySep = regexp.MustCompile(`\s*(?:[\n;,•·]|\t)\s*`)
var reBullet = regexp.MustCompile(`^(?:[-*–•·]|\d+[.)])\s*`)

// normList splits a list of agencies written one a line, or separated by
// commas, semicolons or bullets, and at "and" where it stands between two
// names (see splitAnd).
func normList(v string, agencies intake.Agencies) []string {
	seen := map[string]bool{}
	var out []string
	var parts []string
	for _, p := range reAgencySep.Split(v, -1) {
		parts = append(parts, splitAnd(p, agencies)...)
	}
	for _, p := range parts {
		p = strings.TrimSpace(reBullet.ReplaceAllString(strings.TrimSpace(p), ""))
		p = strings.TrimRight(p, ".")
		if p == "" || seen[strings.ToLower(p)] {
			continue
		}
		seen[strings.ToLower(p)] = true
		out = append(out, p)
	}
	return out
}

// reAnd is " and " or " & " between two agency names.
var reAnd = regexp.MustCompile(`\s+(?:and|&)\s+`)

// andKeeps are words that, after "and", continue one agency's name ("Child
// and Adolescent Mental Health Services", "Police and Crime
// Commissioner") rather than begin another.
var andKeeps = map[string]bool{"adolescent": true, "adolescents": true, "young": true, "families": true, "family": true,
	"adult": true, "adults": true, "crime": true, "wellbeing": true, "care": true, "skills": true, "learning": true,
	"social": true, "safeguarding": true}

// agencyHeads are the words an agency's name ends in ("Northmere Police",
// "St Aidan's Primary School", "Dale Valley NHS Trust").
var agencyHeads = map[string]bool{"police": true, "constabulary": true, "service": true, "services": true, "school": true,
	"academy": true, "college": true, "trust": true, "board": true, "council": true, "hospital": true, "hospitals": true,
	"practice": true, "surgery": true, "team": true, "hub": true, "partnership": true, "network": true, "department": true,
	"nursery": true, "unit": true, "camhs": true, "nhs": true, "authority": true, "agency": true, "centre": true,
	"center": true, "clinic": true, "office": true, "probation": true, "icb": true, "ccg": true, "commissioner": true,
	"court": true, "cafcass": true, "pcn": true, "gp": true, "gps": true, "infirmary": true, "directorate": true}

// splitAnd cuts "Northmere Police and St Aidan's School" at "and", but
// not "Northmere Children and Families Service" or "Easthaven and
// Saltmarsh Integrated Care Board": a list is cut at "and" only between
// two whole names, each a configured agency (name or alias) or ending in
// a word agencies' names end in ("Police", "School", "Trust"), and never
// inside a name that is configured as a whole.
func splitAnd(p string, agencies intake.Agencies) []string {
	locs := reAnd.FindAllStringIndex(p, -1)
	if len(locs) == 0 {
		return []string{p}
	}
	if _, ok := agencies.Match(p); ok {
		return []string{p}
	}
	isName := func(s string) bool {
		s = strings.TrimSpace(s)
		if s == "" || !startsUpper(s) {
			return false
		}
		if _, ok := agencies.Match(s); ok {
			return true
		}
		s = strings.TrimSpace(reBracketed.ReplaceAllString(s, ""))
		words := strings.Fields(strings.ToLower(s))
		return len(words) > 0 && agencyHeads[strings.Trim(words[len(words)-1], ".,;:'’")]
	}
	var out []string
	start := 0
	for k, l := range locs {
		before := strings.TrimSpace(p[start:l[0]])
		end := len(p)
		if k+1 < len(locs) {
			end = locs[k+1][0]
		}
		after, rest := strings.TrimSpace(p[l[1]:end]), strings.TrimSpace(p[l[1]:])
		next := strings.ToLower(strings.Trim(strings.SplitN(after+" ", " ", 2)[0], "'’s"))
		if andKeeps[strings.ReplaceAll(next, "'", "")] || !isName(before) || !(isName(after) || isName(rest)) {
			continue
		}
		out = append(out, before)
		start = l[1]
	}
	return append(out, p[start:])
}

// reBracketed is a remark in brackets.
var reBracketed = regexp.MustCompile(`\([^()]*\)|\[[^\[\]]*\]`)

func startsUpper(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r) || unicode.IsDigit(r)
	}
	return false
}

var reAge = regexp.MustCompile(`(?i)(\d+(?:\.\d+)?)\s*(years?|yrs?|y|months?|mths?|mos?|weeks?|wks?|days?)?`)

// normAge reads an age in years ("14", "14 years", "6 months" is 0.5).
func normAge(v string) (float64, bool) {
	m := reAge.FindStringSubmatch(v)
	if m == nil {
		return 0, false
	}
	n, err := strconv.ParseFloat(m[1], 64)
	if err != nil || n > 25 {
		return 0, false
	}
	unit := strings.ToLower(m[2])
	switch {
	case strings.HasPrefix(unit, "m"):
		n /= 12
	case strings.HasPrefix(unit, "w"):
		n = n * 7 / 365.25
	case strings.HasPrefix(unit, "d"):
		n /= 365.25
	}
	return math.Round(n*100) / 100, true
}

var reEmail = regexp.MustCompile(`[A-Za-z0-9._%+'\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}`)

// normEmail returns the first address in v.
func normEmail(v string) (string, bool) {
	m := reEmail.FindString(v)
	return m, m != ""
}

// normText trims a free-text value and each of its lines, keeping line
// breaks, and drops blank lines at either end.
func normText(v string) string {
	lines := strings.Split(strings.ReplaceAll(v, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t\u00a0")
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}
