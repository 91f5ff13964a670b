package main

import (
	"embed"
	"strings"
	"time"
)

//go:embed demodata/*.eml demodata/*.pdf demodata/*.docx
var demoData embed.FS

// The demo's invented partnership: its mailbox, its business team and the
// agencies' SPOCs. Every address is under .example (RFC 2606).
const (
	demoMailbox      = "reviews@kscmp.example"
	demoBusinessTeam = "business.team@kscmp.example"
	demoIMAPUser     = "reviews"
	demoIMAPPassword = "demo-password-not-secret"
)

// demoStart is the first simulated moment: 07:00 on Monday 9 November 2026
// (Europe/London, GMT in November), working day 1 of the demo. Fifteen
// working days from it hold no bank holiday.
var demoStart = time.Date(2026, 11, 9, 7, 0, 0, 0, demoLondon())

// demoWorkingDays is how many working days the demo runs through.
const demoWorkingDays = 15

func demoLondon() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		// No tz database on this machine: November in London is UTC.
		return time.FixedZone("GMT", 0)
	}
	return loc
}

// demoEvent is one thing that happens to the mailbox during the demo: a
// message delivered, or the business team recording an outcome.
type demoEvent struct {
	Day  int    // working day, 1 = Monday 9 November 2026
	At   string // local time "15:04"
	File string // template under demodata/, "" for an outcome
	Says string // what the timeline says arrived (no personal data)
	// Role names the sender for the timeline's list of who is who, and
	// Address is that sender's address.
	Role, Address string
	// Answers, for a reply, is the address whose email about a case this
	// message answers (a SPOC's reply to its summary request, an
	// out-of-office, a bounce, a referrer's reply). The case is the one
	// opened for CaseOf's referral (the main case when empty).
	Answers, CaseOf string
	// Decision, for an outcome, is what the Rapid Review Group decided
	// for the main case.
	Decision, Reason, By string
}

// mainReferrer is the referrer of the demo's main case, the one whose SPOCs
// reply and whose outcome is recorded; its case reference is learnt from
// the acknowledgement intake sends it.
const mainReferrer = "dana.inventa@kestmoor-hospital.example"

// demoSPOCs are the agencies' single points of contact, by address.
var demoSPOCs = map[string]string{
	"spoc@police.kestmoor.example":    "police SPOC",
	"spoc@childrens.kestmoor.example": "children's services SPOC",
	"spoc@icb.kestmoor.example":       "ICB (health) SPOC",
	"spoc@education.kestmoor.example": "school SPOC",
	"spoc@yjs.kestmoor.example":       "youth justice SPOC",
	"spoc@hv.kestmoor.example":        "health visiting SPOC",
}

// demoScenario is what happens, in order. The main case's agency summaries
// come back over the following days: the police early, the school (after
// an out-of-office) two days late, and the youth justice SPOC's address
// bounces.
var demoScenario = []demoEvent{
	{Day: 1, At: "09:12", File: "referral-body.eml", Says: "referral pasted into the email body", Role: "referrer (hospital)", Address: mainReferrer},
	{Day: 1, At: "10:40", File: "referral-pdf.eml", Says: "referral as a fillable PDF", Role: "referrer (school)", Address: "s.obriain@kestmoor-primary.example"},
	{Day: 1, At: "11:50", File: "referral-docx.eml", Says: "referral as a Word form (.docx), about the same child as the PDF", Role: "referrer (children's services)", Address: "sam.sample@kestmoor-childrens.example"},
	{Day: 1, At: "14:20", File: "referral-incomplete.eml", Says: "referral with items missing, in the email body", Role: "referrer (youth club)", Address: "lee.madeup@kestmoor-youthclub.example"},
	{Day: 2, At: "09:30", File: "referral-outofarea.eml", Says: "referral about a child from another area", Role: "referrer (Eastholm)", Address: "pat.fictional@eastholm-council.example"},
	{Day: 2, At: "10:05", File: "out-of-office.eml", Says: "out-of-office reply to the summary request", Role: "school SPOC", Address: "spoc@education.kestmoor.example", Answers: "spoc@education.kestmoor.example"},
	{Day: 2, At: "11:15", File: "bounce.eml", Says: "bounce: the summary request was undeliverable", Role: "mail system", Address: "MAILER-DAEMON@mx.kscmp.example", Answers: "spoc@yjs.kestmoor.example"},
	{Day: 3, At: "11:20", File: "referrer-reply.eml", Says: "reply with the missing information", Role: "referrer (youth club)", Address: "lee.madeup@kestmoor-youthclub.example",
		Answers: "lee.madeup@kestmoor-youthclub.example", CaseOf: "lee.madeup@kestmoor-youthclub.example"},
	{Day: 4, At: "15:00", File: "summary-police.eml", Says: "agency summary from the police", Role: "police SPOC", Address: "spoc@police.kestmoor.example", Answers: "spoc@police.kestmoor.example"},
	{Day: 7, At: "11:30", File: "summary-childrens.eml", Says: "agency summary from children's services", Role: "children's services SPOC", Address: "spoc@childrens.kestmoor.example", Answers: "spoc@childrens.kestmoor.example"},
	{Day: 9, At: "16:45", File: "summary-icb.eml", Says: "agency summary from the ICB", Role: "ICB (health) SPOC", Address: "spoc@icb.kestmoor.example", Answers: "spoc@icb.kestmoor.example"},
	{Day: 12, At: "10:15", File: "summary-education.eml", Says: "agency summary from the school (late)", Role: "school SPOC", Address: "spoc@education.kestmoor.example", Answers: "spoc@education.kestmoor.example"},
	{Day: 14, At: "15:30", Says: "business team records the rapid review outcome", Decision: "lcspr",
		Reason: "Rapid Review Group meeting: multi-agency learning identified", By: "Rapid Review Group chair"},
}

// demoWorkingDay returns the date of working day n (1-based) counted from
// demoStart, skipping weekends. (The demo's fortnight holds no bank
// holiday; the daemon itself uses the configured calendar.)
func demoWorkingDay(n int) time.Time {
	d := demoStart
	for i := 1; i < n; {
		d = d.AddDate(0, 0, 1)
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			i++
		}
	}
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, d.Location())
}

// eventTime returns when e happens.
func (e demoEvent) eventTime() time.Time {
	t, err := time.Parse("15:04", e.At)
	if err != nil {
		panic("demo: bad event time " + e.At)
	}
	d := demoWorkingDay(e.Day)
	return time.Date(d.Year(), d.Month(), d.Day(), t.Hour(), t.Minute(), 0, 0, d.Location())
}

// demoRoles says who each address of the demo is, for the timeline.
func demoRoles() map[string]string {
	roles := map[string]string{demoBusinessTeam: "business team", demoMailbox: "partnership mailbox"}
	for a, r := range demoSPOCs {
		roles[a] = r
	}
	for _, e := range demoScenario {
		if e.Address != "" {
			if _, ok := roles[strings.ToLower(e.Address)]; !ok {
				roles[strings.ToLower(e.Address)] = e.Role
			}
		}
	}
	return roles
}
