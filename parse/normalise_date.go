package parse

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

var months = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
	"october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

const monthWords = `jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?`

var (
	reISODate  = regexp.MustCompile(`\b(\d{4})-(\d{1,2})-(\d{1,2})\b`)
	reNumDate  = regexp.MustCompile(`\b(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})\b`)
	reDayMonth = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?[\s\-/.,]*(` + monthWords + `)\.?[\s\-/.,]*(\d{4}|\d{2})\b`)
	reMonthDay = regexp.MustCompile(`(?i)\b(` + monthWords + `)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
)

// normDate reads a date written the British way (day first) and returns
// it as YYYY-MM-DD: "03/11/2026", "3.11.26", "3rd Nov 2026", "Tuesday 3
// November 2026", "2026-11-03", "November 3, 2026". The first date in the
// text is taken, so "03/11/2026 (approx.)" reads. Two-digit years are
// 20YY, or 19YY when that would be more than a year in the future of 2000+
// the current century's use (above 69).
func normDate(s string) (string, bool) {
	// The first match of each shape, but three in figures; on a tie of
	// start the earlier shape wins.
	var best struct{ start, y, m, d int }
	found := false
	scanDates(s, [4]int{1, 3, 1, 1}, func(start, _, y, m, d int) {
		if !found || start < best.start {
			best.start, best.y, best.m, best.d = start, y, m, d
			found = true
		}
	})
	if !found {
		return "", false
	}
	return isoDate(best.y, best.m, best.d), true
}

func year(s string) int {
	y := atoi(s)
	if len(s) == 2 {
		if y > 69 {
			return 1900 + y
		}
		return 2000 + y
	}
	return y
}

// isoDate writes a valid date as YYYY-MM-DD.
func isoDate(y, m, d int) string {
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
}

func validDate(y, m, d int) bool {
	if y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

// aDate is a date found in a text, where it starts and ends.
type aDate struct {
	iso        string
	start, end int
}

// datesIn returns every date in s, in order ("14/02/2025 to 02/11/2026"
// gives two).
func datesIn(s string) []aDate {
	// Four matches of each shape; a date that overlaps one an earlier
	// shape found is not another date.
	var found []aDate
	scanDates(s, [4]int{4, 4, 4, 4}, func(start, end, y, m, d int) {
		for _, f := range found {
			if start < f.end && end > f.start {
				return // overlaps a date already found
			}
		}
		found = append(found, aDate{isoDate(y, m, d), start, end})
	})
	sort.Slice(found, func(i, j int) bool { return found[i].start < found[j].start })
	return found
}

// dateShapes are the ways a date is written, in the order scanDates
// tries them, each with the year, month and day of a match.
var dateShapes = [4]struct {
	re  *regexp.Regexp
	ymd func(s string, m []int) (y, mo, d int)
}{
	{reISODate, func(s string, m []int) (int, int, int) {
		return atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]])
	}},
	{reNumDate, func(s string, m []int) (int, int, int) {
		return year(s[m[6]:m[7]]), atoi(s[m[4]:m[5]]), atoi(s[m[2]:m[3]])
	}},
	{reDayMonth, func(s string, m []int) (int, int, int) {
		return year(s[m[6]:m[7]]), int(months[strings.ToLower(s[m[4]:m[5]])]), atoi(s[m[2]:m[3]])
	}},
	{reMonthDay, func(s string, m []int) (int, int, int) {
		return atoi(s[m[6]:m[7]]), int(months[strings.ToLower(s[m[2]:m[3]])]), atoi(s[m[4]:m[5]])
	}},
}

// scanDates calls each with every valid date in the first 500 bytes of
// s, where it starts and ends, shape by shape in the order of dateShapes
// and in text order within a shape, reading at most limits[i] matches of
// shape i (an invalid match counts).
func scanDates(s string, limits [4]int, each func(start, end, y, m, d int)) {
	if len(s) > 500 {
		s = s[:500]
	}
	for i, sh := range dateShapes {
		for _, m := range sh.re.FindAllStringSubmatchIndex(s, limits[i]) {
			if y, mo, d := sh.ymd(s, m); validDate(y, mo, d) {
				each(m[0], m[1], y, mo, d)
			}
		}
	}
}
