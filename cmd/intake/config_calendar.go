package main

import (
	"errors"
	"time"

	"github.com/kscmp/intake"
)

// CalendarConfig holds the [calendar] settings: the days, beyond weekends
// and the England and Wales bank holidays, on which the partnership is
// closed (a state funeral, a one-off holiday), and bank holidays it works.
type CalendarConfig struct {
	ExtraClosedDays     []string `toml:"extra_closed_days"`     // YYYY-MM-DD
	RemovedBankHolidays []string `toml:"removed_bank_holidays"` // YYYY-MM-DD
}

func defaultCalendarConfig() CalendarConfig { return CalendarConfig{} }

func parseDays(field string, list []string) ([]time.Time, error) {
	var out []time.Time
	var errs []error
	for _, s := range list {
		t, err := time.ParseInLocation("2006-01-02", s, intake.London)
		if err != nil {
			errs = append(errs, fieldError(field, "%q is not a date like 2026-12-24", s))
			continue
		}
		out = append(out, t)
	}
	return out, errors.Join(errs...)
}

// Validate checks the [calendar] settings.
func (c CalendarConfig) Validate() error {
	_, err := c.Calendar()
	return err
}

// Calendar returns the working-day calendar the settings describe.
func (c CalendarConfig) Calendar() (*intake.Calendar, error) {
	extra, err1 := parseDays("calendar.extra_closed_days", c.ExtraClosedDays)
	removed, err2 := parseDays("calendar.removed_bank_holidays", c.RemovedBankHolidays)
	if err := errors.Join(err1, err2); err != nil {
		return nil, err
	}
	return intake.NewCalendar(extra, removed), nil
}
