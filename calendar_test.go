package intake

import (
	"math/rand"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02", s, London)
	if err != nil {
		panic(err)
	}
	return t
}

// TestBankHolidaysPinned pins every England and Wales bank holiday of
// 2025–2027 listed in the process guidance, and 2028's New Year substitute.
func TestBankHolidaysPinned(t *testing.T) {
	want := map[int][]string{
		2025: {"2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"},
		2026: {"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"},
		2027: {"2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"},
		2028: {"2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26"},
	}
	for y, dates := range want {
		got := bankHolidays(y)
		if len(got) != len(dates) {
			t.Errorf("%d: %d bank holidays, want %d: %v", y, len(got), len(dates), got)
		}
		for _, s := range dates {
			if !IsBankHoliday(day(s)) {
				t.Errorf("%s is not a bank holiday", s)
			}
		}
	}
	c := NewCalendar(nil, nil)
	for y := 2025; y <= 2028; y++ {
		hol := map[string]bool{}
		for _, s := range want[y] {
			hol[s] = true
		}
		for d := day(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006-01-02")); d.Year() == y; d = d.AddDate(0, 0, 1) {
			wd := d.Weekday()
			wantWorking := wd != time.Saturday && wd != time.Sunday && !hol[d.Format("2006-01-02")]
			if c.IsWorkingDay(d) != wantWorking {
				t.Errorf("IsWorkingDay(%s %s) = %v", d.Format("2006-01-02"), wd, !wantWorking)
			}
		}
	}
}

func TestAddWorkingDays(t *testing.T) {
	c := NewCalendar(nil, nil)
	tests := []struct {
		name string
		from string
		n    int
		want string
	}{
		{"issue example: aware 23 Dec 2026", "2026-12-23", 5, "2027-01-04"},
		{"Christmas run 2026 (25th Fri, 28th substitute)", "2026-12-24", 1, "2026-12-29"},
		{"Christmas run 2027 (both substitutes)", "2027-12-24", 1, "2027-12-29"},
		{"New Year 2028 substitute Monday", "2027-12-31", 1, "2028-01-04"},
		{"Christmas 2025 Thu/Fri", "2025-12-24", 1, "2025-12-29"},
		{"Easter 2026", "2026-04-02", 1, "2026-04-07"},
		{"Easter 2027 in March", "2027-03-25", 1, "2027-03-30"},
		{"Easter 2025", "2025-04-17", 1, "2025-04-22"},
		{"ten working days over Easter 2026", "2026-03-30", 10, "2026-04-15"},
		{"deadline would fall on Early May 2026", "2026-04-27", 5, "2026-05-05"},
		{"deadline would fall on Summer bank holiday 2026", "2026-08-24", 5, "2026-09-01"},
		{"from a Saturday", "2026-11-07", 1, "2026-11-09"},
		{"from a Sunday, 5 days", "2026-11-08", 5, "2026-11-13"},
		{"zero on a working day", "2026-11-04", 0, "2026-11-04"},
		{"zero on a bank holiday", "2026-12-25", 0, "2026-12-29"},
		{"zero on a Saturday", "2026-11-07", 0, "2026-11-09"},
		{"fifteen working days", "2026-11-02", 15, "2026-11-23"},
		{"back one over Christmas", "2026-12-29", -1, "2026-12-24"},
		{"back two from a Monday", "2026-11-09", -2, "2026-11-05"},
		{"back one from a bank holiday", "2026-05-25", -1, "2026-05-22"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.AddWorkingDays(day(tt.from), tt.n)
			if got.Format("2006-01-02") != tt.want {
				t.Errorf("AddWorkingDays(%s, %d) = %s, want %s", tt.from, tt.n, got.Format("2006-01-02"), tt.want)
			}
			if h, m, s := got.Clock(); h != 0 || m != 0 || s != 0 || got.Location() != London {
				t.Errorf("result %v is not midnight Europe/London", got)
			}
		})
	}
}

func TestAddWorkingDaysTimeOfDayAndZone(t *testing.T) {
	c := NewCalendar(nil, nil)
	// 23:30 UTC on 23 March 2026 is still the 23rd in London (GMT), but
	// 23:30 UTC on 1 July 2026 is already 2 July in London (BST).
	if got := c.AddWorkingDays(time.Date(2026, 3, 23, 23, 30, 0, 0, time.UTC), 1); got.Format("2006-01-02") != "2026-03-24" {
		t.Errorf("GMT evening: got %s", got.Format("2006-01-02"))
	}
	if got := c.AddWorkingDays(time.Date(2026, 7, 1, 23, 30, 0, 0, time.UTC), 1); got.Format("2006-01-02") != "2026-07-03" {
		t.Errorf("BST evening: got %s", got.Format("2006-01-02"))
	}
	// Across the clocks going forward (29 March 2026).
	if got := c.AddWorkingDays(day("2026-03-27"), 1); got.Format("2006-01-02") != "2026-03-30" || got.Hour() != 0 {
		t.Errorf("across DST: got %v", got)
	}
}

func TestExtraAndRemovedDays(t *testing.T) {
	c := NewCalendar([]time.Time{day("2026-11-10")}, []time.Time{day("2026-08-31")})
	if c.IsWorkingDay(day("2026-11-10")) {
		t.Error("extra closed day is a working day")
	}
	if !c.IsWorkingDay(day("2026-08-31")) {
		t.Error("removed bank holiday is not a working day")
	}
	if got := c.AddWorkingDays(day("2026-11-09"), 1); got.Format("2006-01-02") != "2026-11-11" {
		t.Errorf("got %s", got.Format("2006-01-02"))
	}
	// The 2022 state funeral is a one-off, already known.
	if NewCalendar(nil, nil).IsWorkingDay(day("2022-09-19")) {
		t.Error("2022-09-19 is a working day")
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	c := NewCalendar(nil, nil)
	tests := []struct {
		a, b string
		want int
	}{
		{"2026-12-23", "2027-01-04", 5},
		{"2026-11-02", "2026-11-02", 0},
		{"2026-11-02", "2026-11-03", 1},
		{"2026-11-06", "2026-11-09", 1},
		{"2026-11-07", "2026-11-08", 0},
		{"2027-01-04", "2026-12-23", -5},
		{"2026-11-03", "2026-11-02", -1},
	}
	for _, tt := range tests {
		if got := c.WorkingDaysBetween(day(tt.a), day(tt.b)); got != tt.want {
			t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestEaster(t *testing.T) {
	for y, want := range map[int]string{2024: "2024-03-31", 2025: "2025-04-20", 2026: "2026-04-05", 2027: "2027-03-28", 2038: "2038-04-25", 2285: "2285-03-22"} {
		if got := easter(y).utc().Format("2006-01-02"); got != want {
			t.Errorf("easter(%d) = %s, want %s", y, got, want)
		}
	}
}

// TestAddWorkingDaysProperties checks, for random dates and counts, that
// the result is a working day, lies strictly after (before) the start for
// positive (negative) n, is monotonic in n and in the start date, and
// round-trips through WorkingDaysBetween.
func TestAddWorkingDaysProperties(t *testing.T) {
	c := NewCalendar([]time.Time{day("2027-06-15")}, nil)
	r := rand.New(rand.NewSource(1))
	base := day("2024-01-01")
	for i := 0; i < 3000; i++ {
		d := base.AddDate(0, 0, r.Intn(6*365)).Add(time.Duration(r.Intn(24*60)) * time.Minute)
		n := r.Intn(41) - 10
		got := c.AddWorkingDays(d, n)
		if !c.IsWorkingDay(got) {
			t.Fatalf("AddWorkingDays(%v, %d) = %v, not a working day", d, n, got)
		}
		start := civilOf(d).london()
		if n > 0 && !got.After(start) || n < 0 && !got.Before(start) || n == 0 && got.Before(start) {
			t.Fatalf("AddWorkingDays(%v, %d) = %v on the wrong side", d, n, got)
		}
		// Strictly increasing in n, except that n = 0 on a closed day is
		// the same day as n = 1.
		if next := c.AddWorkingDays(d, n+1); next.Before(got) || !next.After(got) && n != 0 {
			t.Fatalf("not monotonic in n at %v, %d: %v then %v", d, n, got, next)
		}
		if later := c.AddWorkingDays(d.AddDate(0, 0, 1), n); later.Before(got) {
			t.Fatalf("not monotonic in the date at %v, %d", d, n)
		}
		if n > 0 {
			if back := c.WorkingDaysBetween(d, got); back != n {
				t.Fatalf("WorkingDaysBetween(%v, %v) = %d, want %d", d, got, back, n)
			}
		}
	}
}

func BenchmarkAddWorkingDays15(b *testing.B) {
	c := NewCalendar(nil, nil)
	d := day("2026-12-23")
	for i := 0; i < b.N; i++ {
		c.AddWorkingDays(d, 15)
	}
}

// TestCivilArithmeticMatchesTime checks the fast paths of civil dates
// (a day's step, the weekday, the order) against the time package, day
// by day from 1999 to 2031.
func TestCivilArithmeticMatchesTime(t *testing.T) {
	for d := time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2032; d = d.AddDate(0, 0, 1) {
		c := civil{d.Year(), d.Month(), d.Day()}
		if c.weekday() != d.Weekday() {
			t.Fatalf("%v: weekday %v, want %v", d, c.weekday(), d.Weekday())
		}
		for _, n := range []int{1, -1, 7} {
			y, m, dd := d.AddDate(0, 0, n).Date()
			if got := c.addDays(n); got != (civil{y, m, dd}) {
				t.Fatalf("%v + %d = %v, want %d-%d-%d", d, n, got, y, m, dd)
			}
			next := civil{y, m, dd}
			if c.before(next) != (n > 0) || next.before(c) != (n < 0) || c.before(c) {
				t.Fatalf("%v before %v is wrong", c, next)
			}
		}
	}
}

func TestDateWordsAndDayWords(t *testing.T) {
	for _, tc := range []struct {
		name      string
		t         time.Time
		date, day string
	}{
		{"London midnight", Date(2026, time.November, 20), "Friday 20 November 2026", "20 November 2026"},
		{"summer: 23:30 UTC is the next day in London", time.Date(2026, time.July, 1, 23, 30, 0, 0, time.UTC), "Thursday 2 July 2026", "2 July 2026"},
		{"winter: 23:30 UTC is the same day", time.Date(2026, time.January, 1, 23, 30, 0, 0, time.UTC), "Thursday 1 January 2026", "1 January 2026"},
		{"another zone", time.Date(2026, time.March, 2, 1, 0, 0, 0, time.FixedZone("EST", -5*3600)), "Monday 2 March 2026", "2 March 2026"},
	} {
		if got := DateWords(tc.t); got != tc.date {
			t.Errorf("%s: DateWords = %q, want %q", tc.name, got, tc.date)
		}
		if got := DayWords(tc.t); got != tc.day {
			t.Errorf("%s: DayWords = %q, want %q", tc.name, got, tc.day)
		}
	}
}
