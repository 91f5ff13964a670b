package intake

import (
	"strings"
	"testing"
	"time"
)

// TestRetentionBefore: months and years are calendar months and years in
// Europe/London, clamped to the end of a shorter month.
func TestRetentionBefore(t *testing.T) {
	for _, c := range []struct{ period, now, want string }{
		{"24mo", "2026-03-31 09:00", "2024-03-31 09:00"},
		{"1mo", "2026-03-31 09:00", "2026-02-28 09:00"},
		{"2y", "2028-02-29 09:00", "2026-02-28 09:00"},
		{"2w", "2026-11-30 09:00", "2026-11-16 09:00"},
		{"730d", "2026-11-30 09:00", "2024-11-30 09:00"},
	} {
		r, err := ParseRetention(c.period)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Before(londonAt(t, c.now)); !got.Equal(londonAt(t, c.want)) {
			t.Errorf("%s before %s = %s, want %s", c.period, c.now, got, c.want)
		}
	}
}

// TestParseRetentionRefuses: hours, minutes, a bare "m", fractions,
// negatives and zero are refused, each saying what to write.
func TestParseRetentionRefuses(t *testing.T) {
	for in, want := range map[string]string{
		"24m":    `"mo"`,
		"5m":     `"mo"`,
		"17520h": "write days, weeks, months or years",
		"2.5y":   "whole number",
		"-3d":    "whole number",
		"0d":     "more than zero",
		"":       "whole number",
	} {
		if r, err := ParseRetention(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseRetention(%q) = %v, %v; want an error saying %s", in, r, err, want)
		}
	}
}

// TestPurgeCutoff: a purge may not reach back less far than the minimum
// retention, counted on the calendar from now.
func TestPurgeCutoff(t *testing.T) {
	now := londonAt(t, "2026-03-31 09:00")
	year := Retention{N: 1, Unit: "y"}
	for _, c := range []struct {
		period string
		want   string // the cutoff, or "" for refused
	}{
		{"1y", "2025-03-31 09:00"},
		{"12mo", "2025-03-31 09:00"},
		{"365d", "2025-03-31 09:00"},
		{"364d", ""},
		{"52w", ""},
		{"2y", "2024-03-31 09:00"},
	} {
		r, err := ParseRetention(c.period)
		if err != nil {
			t.Fatal(err)
		}
		got, err := r.PurgeCutoff(year, now)
		switch {
		case c.want == "" && (err == nil || ErrorCode(err) != EINVALID || !strings.Contains(err.Error(), "shorter than the minimum retention, 1 year")):
			t.Errorf("%s: cutoff %v, err %v; want refused", c.period, got, err)
		case c.want != "" && (err != nil || !got.Equal(londonAt(t, c.want))):
			t.Errorf("%s: cutoff %v, err %v; want %s", c.period, got, err, c.want)
		}
	}
	if _, err := (Retention{}).PurgeCutoff(year, now); err == nil {
		t.Error("a zero period gave a cutoff")
	}
	if !(Retention{N: 30, Unit: "d"}).ShorterThan(year) || (Retention{N: 12, Unit: "mo"}).ShorterThan(year) {
		t.Error("ShorterThan: 30d should be shorter than 1y, 12mo not")
	}
}

func londonAt(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, London)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
