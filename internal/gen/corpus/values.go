package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// day is a calendar date.
type day struct{ y, m, d int }

func (d day) time() time.Time { return time.Date(d.y, time.Month(d.m), d.d, 0, 0, 0, 0, time.UTC) }

// iso is the date as the form contract writes it.
func (d day) iso() string { return fmt.Sprintf("%04d-%02d-%02d", d.y, d.m, d.d) }

func (d day) add(days int) day {
	t := d.time().AddDate(0, 0, days)
	return day{t.Year(), int(t.Month()), t.Day()}
}

// style is how one person fills in one form: how they write dates and
// yes/no answers. It is drawn at random for each message.
type style struct {
	rng     *rand.Rand
	dates   int // index into dateStyles
	yesNo   int // index into yesStyles
	listSep string
}

var dateStyles = []func(d day) string{
	func(d day) string { return fmt.Sprintf("%02d/%02d/%04d", d.d, d.m, d.y) },
	func(d day) string { return fmt.Sprintf("%d/%d/%04d", d.d, d.m, d.y) },
	func(d day) string { return fmt.Sprintf("%d%s %s %d", d.d, ordinal(d.d), d.time().Month(), d.y) },
	func(d day) string { return fmt.Sprintf("%02d.%02d.%02d", d.d, d.m, d.y%100) },
	func(d day) string { return fmt.Sprintf("%d %s %d", d.d, d.time().Month().String()[:3], d.y) },
	func(d day) string { return fmt.Sprintf("%02d-%02d-%04d", d.d, d.m, d.y) },
	func(d day) string { return fmt.Sprintf("%s %d %s %d", d.time().Weekday(), d.d, d.time().Month(), d.y) },
}

func ordinal(n int) string {
	switch {
	case n%100 >= 11 && n%100 <= 13:
		return "th"
	case n%10 == 1:
		return "st"
	case n%10 == 2:
		return "nd"
	case n%10 == 3:
		return "rd"
	}
	return "th"
}

// yesStyles write yes and no as people type them into a text cell.
var yesStyles = [][2]string{
	{"Yes", "No"}, {"Y", "N"}, {"yes", "no"}, {"YES", "NO"}, {"Yes – see below", "No"}, {"Yes.", "No."}, {"✓", "✗"},
}

func newStyle(rng *rand.Rand) *style {
	seps := []string{"\n", ", ", "; ", "\n"}
	return &style{rng: rng, dates: rng.IntN(len(dateStyles)), yesNo: rng.IntN(len(yesStyles)), listSep: seps[rng.IntN(len(seps))]}
}

// date writes a date in this person's way.
func (s *style) date(d day) string { return dateStyles[s.dates](d) }

// yn writes a yes or no in this person's way.
func (s *style) yn(b bool) string {
	if b {
		return yesStyles[s.yesNo][0]
	}
	return yesStyles[s.yesNo][1]
}

// list writes a list of agencies in this person's way.
func (s *style) list(items []string) string { return strings.Join(items, s.listSep) }

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

// person is an invented person.
type person struct{ first, last string }

func (p person) String() string { return p.first + " " + p.last }

// initials are "J.E.".
func (p person) initials() string { return p.first[:1] + "." + p.last[:1] + "." }

var firstNames = []string{"Ada", "Bryony", "Callum", "Dara", "Elif", "Finley", "Gethin", "Hana", "Isla", "Jude", "Kofi", "Lowri",
	"Mateo", "Niamh", "Oisín", "Priya", "Quinn", "Rhys", "Saoirse", "Tomasz", "Uma", "Vikram", "Wren", "Xander", "Yusuf", "Zofia",
	"Aled", "Bethan", "Ciarán", "Delyth", "Emeka", "Farah", "Greta", "Hamish", "Ines", "Jasper"}

var lastNames = []string{"Abernethy", "Bellweather", "Carrow", "Delacourt", "Edevane", "Fairbrook", "Gillowmere", "Hartigan",
	"Ingleby", "Jessop", "Kilbride", "Loxley", "Marwood", "Netherton", "O'Dowd", "Penhallow", "Quenby", "Rookwood", "Sallow",
	"Tregarthen", "Umberleigh", "Vosper", "Whitlock", "Yelland", "Zennor", "Ashdown-Price", "Brackenbury", "Colquhoun"}

var childFirst = []string{"Alfie", "Bea", "Cody", "Daisy", "Eli", "Freya", "Gabe", "Holly", "Ivo", "Jessie", "Kai", "Lyla",
	"Milo", "Nell", "Otis", "Poppy", "Rory", "Sienna", "Teddy", "Violet", "Zach", "Amara", "Leo", "Maisie"}

func (s *style) person() person { return person{pick(s.rng, firstNames), pick(s.rng, lastNames)} }

func (s *style) child() person { return person{pick(s.rng, childFirst), pick(s.rng, lastNames)} }

// email makes an address at a domain from a person's name.
func email(p person, domain string) string {
	last := strings.NewReplacer("'", "", " ", "", "-", "").Replace(strings.ToLower(p.last))
	first := strings.ToLower(strings.NewReplacer("í", "i", "á", "a").Replace(p.first))
	return first + "." + last + "@" + domain
}
