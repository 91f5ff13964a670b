package intake

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Retention is how long intake keeps the raw bytes of a message and its
// attachments (the case record is kept for ever): a retention period written as a whole number of days,
// weeks, months or years: "730d", "104w", "24mo", "2y". Months and years
// are calendar months and years (24mo before 2026-03-31 is 2024-03-31),
// counted in Europe/London. Hours, minutes and seconds are refused, and
// so is a bare "m": a period meant as months must never be read as
// minutes.
type Retention struct {
	N    int
	Unit string // "d", "w", "mo" or "y"
}

// retentionUnits are the units a retention takes, longest suffix first.
var retentionUnits = []struct{ suffix, name string }{
	{"mo", "months"}, {"d", "days"}, {"w", "weeks"}, {"y", "years"},
}

// ParseRetention reads a retention period.
func ParseRetention(s string) (Retention, error) {
	s = strings.TrimSpace(s)
	for _, u := range retentionUnits {
		n, ok := strings.CutSuffix(s, u.suffix)
		if !ok {
			continue
		}
		v, err := strconv.Atoi(n)
		if err != nil || v < 0 {
			break
		}
		if v == 0 {
			return Retention{}, fmt.Errorf("retention %q: must be more than zero", s)
		}
		return Retention{N: v, Unit: u.suffix}, nil
	}
	if strings.HasSuffix(s, "m") || strings.HasSuffix(s, "h") || strings.HasSuffix(s, "s") {
		return Retention{}, fmt.Errorf("retention %q: write days, weeks, months or years, like \"730d\", \"104w\", \"24mo\" or \"2y\" (months are \"mo\": \"m\" is not accepted)", s)
	}
	return Retention{}, fmt.Errorf("retention %q: want a whole number of days, weeks, months or years, like \"730d\", \"104w\", \"24mo\" or \"2y\"", s)
}

// UnmarshalText parses a retention period (TOML and flags).
func (r *Retention) UnmarshalText(b []byte) error {
	v, err := ParseRetention(string(b))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// MarshalText writes the period back as it is read.
func (r Retention) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// String is the period as written: "730d".
func (r Retention) String() string {
	if r.N == 0 {
		return ""
	}
	return strconv.Itoa(r.N) + r.Unit
}

// Words is the period in words: "730 days".
func (r Retention) Words() string {
	for _, u := range retentionUnits {
		if u.suffix == r.Unit {
			if r.N == 1 {
				return "1 " + strings.TrimSuffix(u.name, "s")
			}
			return fmt.Sprintf("%d %s", r.N, u.name)
		}
	}
	return r.String()
}

// IsZero reports whether no period is set.
func (r Retention) IsZero() bool { return r.N == 0 }

// Before returns the moment the period before now began, on the calendar
// of Europe/London.
func (r Retention) Before(now time.Time) time.Time {
	t := now.In(London)
	switch r.Unit {
	case "d":
		return t.AddDate(0, 0, -r.N)
	case "w":
		return t.AddDate(0, 0, -7*r.N)
	case "mo":
		return addMonthsClamped(t, -r.N)
	case "y":
		return addMonthsClamped(t, -12*r.N)
	}
	return now
}

// addMonthsClamped moves t by n calendar months, keeping the day of the
// month where the target month has it and taking the month's last day
// where it does not (31 March less one month is 28 or 29 February, not
// 3 March as time.AddDate would have it).
func addMonthsClamped(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
	last := first.AddDate(0, 1, -1).Day()
	return time.Date(first.Year(), first.Month(), min(d, last), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
}

// PurgeCutoff is the moment before which a purge keeping r deletes raw
// bytes. A period shorter than floor (the partnership's minimum
// retention), counted back from now, is refused: personal data the
// partnership must keep is never deleted by a mistyped period.
func (r Retention) PurgeCutoff(floor Retention, now time.Time) (time.Time, error) {
	if r.IsZero() {
		return time.Time{}, Errorf(EINVALID, "no retention period is set")
	}
	cutoff := r.Before(now)
	if cutoff.After(floor.Before(now)) {
		return time.Time{}, Errorf(EINVALID, "%s is shorter than the minimum retention, %s", r.Words(), floor.Words())
	}
	return cutoff, nil
}

// ShorterThan reports whether r is shorter than floor, taking months and
// years at their mean length in the Gregorian calendar: for comparing
// two configured periods without a date to count from.
func (r Retention) ShorterThan(floor Retention) bool {
	return r.approxDays() < floor.approxDays()
}

// approxDays is the period in days at the mean lengths of months and
// years.
func (r Retention) approxDays() float64 {
	switch r.Unit {
	case "w":
		return 7 * float64(r.N)
	case "mo":
		return 365.2425 / 12 * float64(r.N)
	case "y":
		return 365.2425 * float64(r.N)
	}
	return float64(r.N)
}
