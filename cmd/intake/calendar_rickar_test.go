package main

import (
	"testing"

	"github.com/kscmp/intake"
	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/gb"
)

// TestCalendarAgreesWithRickarCal cross-checks the root package's computed
// England and Wales bank holidays against github.com/rickar/cal/v2/gb, a
// maintained list, for every day from 2023 to 2060. (rickar/cal lacks the
// 2022 state funeral, so earlier years differ by design.)
func TestCalendarAgreesWithRickarCal(t *testing.T) {
	bc := cal.NewBusinessCalendar()
	bc.AddHoliday(gb.Holidays...)
	ours := intake.NewCalendar(nil, nil)
	for d := intake.Date(2023, 1, 1); d.Year() <= 2060; d = d.AddDate(0, 0, 1) {
		if got, want := ours.IsWorkingDay(d), bc.IsWorkday(d); got != want {
			t.Errorf("%s: IsWorkingDay = %v, rickar/cal IsWorkday = %v", d.Format("2006-01-02"), got, want)
		}
	}
}
