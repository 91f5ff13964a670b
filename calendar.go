package intake

import (
	"fmt"
	"sync"
	"time"
)

// London is Europe/London, the zone every working day is judged in. The
// root package does not embed the time zone database: a binary that may
// run without one (a scratch container) imports time/tzdata in main.
var London = mustLoadLondon()

func mustLoadLondon() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic(fmt.Sprintf("intake: loading Europe/London (import _ \"time/tzdata\" in main): %v", err))
	}
	return loc
}

// DateWords writes t's date in Europe/London as the emails and pages
// write it: "Monday 2 January 2006". A zero time is not special: a caller
// that shows nothing for it checks first.
func DateWords(t time.Time) string { return t.In(London).Format("Monday 2 January 2006") }

// DayWords writes t's date in Europe/London without the weekday: "2
// January 2006".
func DayWords(t time.Time) string { return t.In(London).Format("2 January 2006") }

// Calendar says which days are working days for the partnership: Monday
// to Friday in Europe/London, excluding the England and Wales bank
// holidays (computed, substitute days included), excluding the extra
// closed days from configuration (a state funeral, a one-off holiday) and
// including again any removed days. A Calendar is immutable and safe for
// concurrent use.
type Calendar struct {
	extra   map[civil]bool
	removed map[civil]bool
}

// civil is a date without a time or a zone.
type civil struct {
	y int
	m time.Month
	d int
}

func civilOf(t time.Time) civil {
	y, m, d := t.In(London).Date()
	return civil{y, m, d}
}

// utc is the date as midnight UTC, which makes date arithmetic exact.
func (c civil) utc() time.Time { return time.Date(c.y, c.m, c.d, 0, 0, 0, 0, time.UTC) }

func (c civil) london() time.Time { return time.Date(c.y, c.m, c.d, 0, 0, 0, 0, London) }

// addDays returns the date n days after c. A step of one day within its
// month is done without the time package: the timetable and Today step
// through thousands of days per page.
func (c civil) addDays(n int) civil {
	switch {
	case n == 1 && c.d < daysIn(c.y, c.m):
		return civil{c.y, c.m, c.d + 1}
	case n == -1 && c.d > 1:
		return civil{c.y, c.m, c.d - 1}
	}
	y, m, d := c.utc().AddDate(0, 0, n).Date()
	return civil{y, m, d}
}

// daysIn returns the number of days in month m of year y (Gregorian).
func daysIn(y int, m time.Month) int {
	switch m {
	case time.April, time.June, time.September, time.November:
		return 30
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	return 31
}

// weekday is Sakamoto's method for the Gregorian calendar (years after 0).
func (c civil) weekday() time.Weekday {
	t := [...]int{0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4}
	y := c.y
	if c.m < time.March {
		y--
	}
	return time.Weekday((y + y/4 - y/100 + y/400 + t[c.m-1] + c.d) % 7)
}

func (c civil) before(o civil) bool {
	if c.y != o.y {
		return c.y < o.y
	}
	if c.m != o.m {
		return c.m < o.m
	}
	return c.d < o.d
}

// NewCalendar returns the England and Wales calendar with extra closed
// days added and removed days taken out of the bank holidays. Each date is
// taken by its date in Europe/London.
func NewCalendar(extra, removed []time.Time) *Calendar {
	c := &Calendar{extra: map[civil]bool{}, removed: map[civil]bool{}}
	for _, t := range extra {
		c.extra[civilOf(t)] = true
	}
	for _, t := range removed {
		c.removed[civilOf(t)] = true
	}
	return c
}

// Date returns midnight Europe/London on the given date; a convenience for
// building dates to give to a Calendar.
func Date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, London) }

// IsWorkingDay reports whether d's date in Europe/London is a working day.
func (c *Calendar) IsWorkingDay(d time.Time) bool { return c.working(civilOf(d)) }

// IsBankHoliday reports whether d's date in Europe/London is an England and
// Wales bank holiday (ignoring the configured extra and removed days).
func IsBankHoliday(d time.Time) bool {
	cd := civilOf(d)
	_, ok := bankHolidays(cd.y)[cd]
	return ok
}

func (c *Calendar) working(d civil) bool {
	if wd := d.weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	if c.extra[d] {
		return false
	}
	if _, ok := bankHolidays(d.y)[d]; ok && !c.removed[d] {
		return false
	}
	return true
}

// AddWorkingDays returns the date n working days after d's date, as
// midnight Europe/London. Day 0 is d's date itself and does not count, so
// n = 1 is the first working day after d, whether or not d is a working
// day. n = 0 returns d's date if it is a working day, else the next
// working day. A negative n counts back: n = -1 is the last working day
// before d's date.
func (c *Calendar) AddWorkingDays(d time.Time, n int) time.Time {
	cd := civilOf(d)
	switch {
	case n == 0:
		for !c.working(cd) {
			cd = cd.addDays(1)
		}
	case n > 0:
		for n > 0 {
			cd = cd.addDays(1)
			if c.working(cd) {
				n--
			}
		}
	default:
		for n < 0 {
			cd = cd.addDays(-1)
			if c.working(cd) {
				n++
			}
		}
	}
	return cd.london()
}

// WorkingDaysBetween counts the working days after a's date up to and
// including b's date (dates in Europe/London). It is negative when b is
// before a, counting the working days from b's date up to but excluding
// a's date. So, for a working day b, AddWorkingDays(a,
// WorkingDaysBetween(a, b)) is b.
func (c *Calendar) WorkingDaysBetween(a, b time.Time) int {
	ca, cb := civilOf(a), civilOf(b)
	if cb.before(ca) {
		n := 0
		for d := cb; d.before(ca); d = d.addDays(1) {
			if c.working(d) {
				n--
			}
		}
		return n
	}
	n := 0
	for d := ca.addDays(1); !cb.before(d); d = d.addDays(1) {
		if c.working(d) {
			n++
		}
	}
	return n
}

// holidayCache keeps each year's bank holidays once computed (year ->
// map[civil]string); the maps are never changed after they are stored.
var holidayCache sync.Map

// bankHolidays returns the England and Wales bank holidays of year y, with
// the substitute days that apply when a fixed holiday falls at a weekend
// and the one-off holidays proclaimed since 1995. The map must not be
// changed.
func bankHolidays(y int) map[civil]string {
	if h, ok := holidayCache.Load(y); ok {
		return h.(map[civil]string)
	}
	h := computeBankHolidays(y)
	holidayCache.Store(y, h)
	return h
}

func computeBankHolidays(y int) map[civil]string {
	h := map[civil]string{}
	add := func(m time.Month, d int, name string) { h[civil{y, m, d}] = name }

	// New Year's Day: a weekend day moves to the following Monday.
	switch (civil{y, time.January, 1}).weekday() {
	case time.Saturday:
		add(time.January, 3, "New Year's Day (substitute)")
	case time.Sunday:
		add(time.January, 2, "New Year's Day (substitute)")
	default:
		add(time.January, 1, "New Year's Day")
	}

	e := easter(y)
	h[e.addDays(-2)] = "Good Friday"
	h[e.addDays(1)] = "Easter Monday"

	// Early May: the first Monday, moved to 8 May for VE Day in 1995 and 2020.
	if y == 1995 || y == 2020 {
		add(time.May, 8, "Early May bank holiday (VE Day)")
	} else {
		h[nthMonday(y, time.May, 1)] = "Early May bank holiday"
	}
	// Spring: the last Monday of May, moved for the jubilees.
	switch y {
	case 2002, 2012:
		add(time.June, 4, "Spring bank holiday")
	case 2022:
		add(time.June, 2, "Spring bank holiday")
	default:
		h[lastMonday(y, time.May)] = "Spring bank holiday"
	}
	h[lastMonday(y, time.August)] = "Summer bank holiday"

	// Christmas and Boxing Day: whichever falls at a weekend moves to the
	// next weekday not already a holiday.
	switch (civil{y, time.December, 25}).weekday() {
	case time.Friday: // Boxing Day Saturday
		add(time.December, 25, "Christmas Day")
		add(time.December, 28, "Boxing Day (substitute)")
	case time.Saturday:
		add(time.December, 27, "Christmas Day (substitute)")
		add(time.December, 28, "Boxing Day (substitute)")
	case time.Sunday:
		add(time.December, 26, "Boxing Day")
		add(time.December, 27, "Christmas Day (substitute)")
	default:
		add(time.December, 25, "Christmas Day")
		add(time.December, 26, "Boxing Day")
	}

	// One-off bank holidays.
	for _, o := range oneOffHolidays {
		if o.y == y {
			h[o] = "Special bank holiday"
		}
	}
	return h
}

// oneOffHolidays are the special bank holidays proclaimed since 1995 that
// no rule produces. Future ones come from configuration ([calendar] extra).
var oneOffHolidays = []civil{
	{1999, time.December, 31},  // Millennium
	{2002, time.June, 3},       // Golden Jubilee
	{2011, time.April, 29},     // Royal wedding
	{2012, time.June, 5},       // Diamond Jubilee
	{2022, time.June, 3},       // Platinum Jubilee
	{2022, time.September, 19}, // State funeral of Queen Elizabeth II
	{2023, time.May, 8},        // Coronation
}

// easter returns Easter Sunday of year y by the anonymous Gregorian
// algorithm (Meeus/Jones/Butcher).
func easter(y int) civil {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return civil{y, time.Month(month), day}
}

func nthMonday(y int, m time.Month, n int) civil {
	d := civil{y, m, 1}
	for d.weekday() != time.Monday {
		d = d.addDays(1)
	}
	return d.addDays(7 * (n - 1))
}

func lastMonday(y int, m time.Month) civil {
	d := civil{y, m + 1, 1}.addDays(-1) // time.Date normalises month 13
	for d.weekday() != time.Monday {
		d = d.addDays(-1)
	}
	return d
}
