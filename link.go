package intake

import (
	"strings"
	"time"
)

// Initials returns the initials of a name as written: "Jane Doe" and
// "J. Doe" give "JD"; a name already written as initials ("J.D.", "JD")
// gives them upper-cased.
func Initials(name string) string {
	words := nameWords(name)
	if asWritten(words) {
		return strings.ToUpper(words[0])
	}
	var b strings.Builder
	for _, w := range words {
		b.WriteString(strings.ToUpper(string([]rune(w)[:1])))
	}
	return b.String()
}

// nameWords is a written name as words, a dot read as a space: "J.D."
// gives "j", "d".
func nameWords(name string) []string {
	return strings.Fields(NormalizeName(strings.ReplaceAll(name, ".", " ")))
}

// asWritten reports whether Initials takes a name's words as initials
// already run together: one word of three letters or fewer ("JD").
func asWritten(words []string) bool {
	return len(words) == 1 && len(words[0]) <= 3
}

// ShownInitials are the initials of a name that may be shown to people
// (the case list, a SPOC's email). Initials takes any one word of three
// letters or fewer as initials, so that "JD" links with "Jane Doe"; shown,
// such a word is initials only when written in capitals, and otherwise a
// name ("Amy" gives "A", not "AMY"), so that no more of a child's name
// shows than its initials.
func ShownInitials(name string) string {
	in := Initials(name)
	if asWritten(nameWords(name)) && strings.ToUpper(name) != name {
		in = string([]rune(in)[:1])
	}
	return in
}

// DisplayInitials writes a name's ShownInitials for people to read, each
// followed by a dot and spaced: "Amelia Hartley", "J.D." and "JD" give
// "A. H." and "J. D.".
func DisplayInitials(name string) string {
	var b strings.Builder
	for i, r := range ShownInitials(name) {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
		b.WriteByte('.')
	}
	return b.String()
}

// SameChildAndIncident reports whether two referrals are about the same
// child and incident, so that the second is linked to the first's case:
// the same date of birth, the same name or the same initials (when either
// form gives only initials), and incident dates no more than window
// calendar days apart. Without a date of birth or an incident date on both
// there is no link: a wrong link would merge two children's cases.
func SameChildAndIncident(a, b ChildIdentity, window int) bool {
	if a.DOB == "" || a.DOB != b.DOB || a.IncidentDate == "" || b.IncidentDate == "" {
		return false
	}
	na, nb := NormalizeName(a.Name), NormalizeName(b.Name)
	if na == "" || nb == "" {
		return false
	}
	if na != nb {
		ia, ib := Initials(a.Name), Initials(b.Name)
		initialsOnly := isInitials(a.Name) || isInitials(b.Name)
		if !initialsOnly || ia != ib {
			return false
		}
	}
	da, err1 := time.Parse("2006-01-02", a.IncidentDate)
	db, err2 := time.Parse("2006-01-02", b.IncidentDate)
	if err1 != nil || err2 != nil {
		return false
	}
	diff := da.Sub(db)
	if diff < 0 {
		diff = -diff
	}
	return diff <= time.Duration(window)*24*time.Hour
}

// isInitials reports whether a written name is only initials ("JD",
// "J.D.", "J D").
func isInitials(name string) bool {
	words := nameWords(name)
	if len(words) == 1 {
		return len(words[0]) <= 3
	}
	for _, w := range words {
		if len([]rune(w)) > 1 {
			return false
		}
	}
	return len(words) > 0
}
