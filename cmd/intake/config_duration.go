package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// duration is a time.Duration written in TOML as "30s", "5m", "2h" or,
// for retention periods, "90d" (days).
type duration struct{ time.Duration }

// UnmarshalText parses a duration; a trailing "d" counts days.
func (d *duration) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	if n, ok := strings.CutSuffix(s, "d"); ok {
		days, err := strconv.Atoi(n)
		if err != nil {
			return fmt.Errorf("duration %q: want a number of days like \"90d\"", s)
		}
		d.Duration = time.Duration(days) * 24 * time.Hour
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("duration %q: want a duration like \"30s\", \"5m\" or \"90d\"", s)
	}
	d.Duration = v
	return nil
}

// MarshalText writes the duration back as Go duration text.
func (d duration) MarshalText() ([]byte, error) { return []byte(d.Duration.String()), nil }
