package main

import (
	"archive/zip"
	"bytes"
	"context"
	"embed"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/casework"
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

// demoEvent is one thing that happens during the demo: a message
// delivered to the mailbox, or something the business team does in the
// work queue (through casework, as the web pages and commands do), or a
// look at a case whose result the timeline records.
type demoEvent struct {
	Day  int    // working day, 1 = Monday 9 November 2026
	At   string // local time "15:04"
	File string // a message: its template under demodata/
	Says string // what the timeline says arrived or was done (no personal data)
	// Role names the sender for the timeline's list of who is who, and
	// Address is that sender's address.
	Role, Address string
	// Answers, for a reply, is the address whose email about a case this
	// message answers (a SPOC's reply to its summary request, an
	// out-of-office, a bounce, a referrer's reply). The case is the one
	// opened for CaseOf's referral (the main case when empty).
	Answers, CaseOf string
	// Do is the business team's action on CaseOf's case (ref); Check
	// looks at it and says what the timeline should show.
	Do    func(ctx context.Context, cw *casework.Casework, ref string) error
	Check func(ctx context.Context, d *demo, ref string) (string, error)
}

// mainReferrer is the referrer of the demo's main case, the one whose SPOCs
// reply and whose outcome is recorded; its case reference is learnt from
// the acknowledgement intake sends it.
const mainReferrer = "dana.inventa@kestmoor-hospital.example"

// The demo's other referrers, by the case each opens.
const (
	schoolReferrer    = "s.obriain@kestmoor-primary.example"
	youthClubReferrer = "lee.madeup@kestmoor-youthclub.example"
	eastholmReferrer  = "pat.fictional@eastholm-council.example"
)

// demoTeam is the business team member who acts in the demo.
const demoTeam = "Jo Screener (business team)"

// demoSPOCs are the agencies' single points of contact, by address.
var demoSPOCs = map[string]string{
	"spoc@police.kestmoor.example":    "police SPOC",
	"spoc@childrens.kestmoor.example": "children's services SPOC",
	"spoc@icb.kestmoor.example":       "ICB (health) SPOC",
	"spoc@education.kestmoor.example": "school SPOC",
	"spoc@yjs.kestmoor.example":       "youth justice SPOC",
	"spoc@hv.kestmoor.example":        "health visiting SPOC",
}

// demoScenario is what happens, in order.
//
// The main case (the hospital's referral, with the GP's linked to it) is
// accepted by a person before any agency is asked; the youth justice
// SPOC's address bounces and a person gives the request a new one; the
// school's SPOC asks a question and the ICB's says it had no involvement,
// both dealt with from the queue; the summaries come back (the school's
// late, after an out-of-office); the pack is built on Day 11 and the
// decision goes, with its reasons, to both referrers.
//
// The school's referral (a PDF, with a Word form about the same child
// linked to it) is incomplete; a person corrects it from a phone call and
// accepts it; nobody records the local authority's notification on it,
// which becomes overdue. The youth club's referral waits for its
// referrer, who answers; it is accepted, then paused without its SPOCs'
// dates moving. An out-of-area referral is forwarded to its partnership.
var demoScenario = []demoEvent{
	{Day: 1, At: "09:12", File: "referral-body.eml", Says: "referral pasted into the email body", Role: "referrer (hospital)", Address: mainReferrer},
	{Day: 1, At: "10:05", Says: "the business team accepts the hospital's referral for rapid review", Do: func(ctx context.Context, cw *casework.Casework, ref string) error {
		return cw.Accept(ctx, demoTeam, ref, "meets every criterion; agreed with the partners' duty manager")
	}},
	{Day: 1, At: "10:40", File: "referral-pdf.eml", Says: "referral as a fillable PDF", Role: "referrer (school)", Address: schoolReferrer},
	{Day: 1, At: "11:50", File: "referral-docx.eml", Says: "referral as a Word form (.docx), about the same child as the PDF", Role: "referrer (children's services)", Address: "sam.sample@kestmoor-childrens.example"},
	{Day: 1, At: "13:10", File: "referral-gp.eml", Says: "referral from a GP, about the same child as the hospital's", Role: "referrer (GP)", Address: gpReferrer},
	{Day: 1, At: "14:20", File: "referral-incomplete.eml", Says: "referral with items missing, in the email body", Role: "referrer (youth club)", Address: youthClubReferrer},
	{Day: 1, At: "15:00", CaseOf: youthClubReferrer, Says: "the business team asks the youth club for what is missing", Do: func(ctx context.Context, cw *casework.Casework, ref string) error {
		return cw.AskReferrer(ctx, demoTeam, ref, "the date of birth and the agreement to refer are missing", nil)
	}},
	{Day: 1, At: "16:30", Says: "the business team records the local authority's notification to the Panel on the hospital's case", Do: func(ctx context.Context, cw *casework.Casework, ref string) error {
		return cw.RecordStep(ctx, demoTeam, ref, intake.StepNotification, demoWorkingDay(1), "Panel notification form copied to the partnership by children's social care")
	}},
	{Day: 2, At: "09:30", File: "referral-outofarea.eml", Says: "referral about a child from another area", Role: "referrer (Eastholm)", Address: eastholmReferrer},
	{Day: 2, At: "10:05", File: "out-of-office.eml", Says: "out-of-office reply to the summary request", Role: "school SPOC", Address: "spoc@education.kestmoor.example", Answers: "spoc@education.kestmoor.example"},
	{Day: 2, At: "10:30", CaseOf: eastholmReferrer, Says: "the business team redirects the Eastholm referral to its partnership", Do: func(ctx context.Context, cw *casework.Casework, ref string) error {
		return cw.Redirect(ctx, demoTeam, ref, "eastholm", "the child lives in Eastholm and was harmed there")
	}},
	{Day: 2, At: "11:15", File: "bounce.eml", Says: "bounce: the summary request was undeliverable", Role: "mail system", Address: "MAILER-DAEMON@mx.kscmp.example", Answers: "spoc@yjs.kestmoor.example"},
	{Day: 2, At: "11:45", Says: "the business team sends the youth justice request to the service's new address", Do: func(ctx context.Context, cw *casework.Casework, ref string) error {
		return cw.ReassignRequest(ctx, demoTeam, ref, "youth_justice", demoYJSAddress, "the SPOC's address bounced; the service gave a new one by phone")
	}},
	{Day: 2, At: "14:00", CaseOf: schoolReferrer, Says: "the business team corrects the school's referral from a phone call", Do: func(ctx context.Context, cw *casework.Casework, ref string) error {
		for _, c := range [][2]string{{"c_abuse_neglect_linked", "yes"}, {"c_multi_agency_learning", "yes"}, {"agreement_by", "Head teacher"}} {
			if err := cw.CorrectField(ctx, demoTeam, ref, c[0], c[1], "confirmed by phone with the school's designated safeguarding lead"); err != nil {
				return err
			}
		}
		return nil
	}},
	{Day: 2, At: "14:05", CaseOf: schoolReferrer, Says: "the business team accepts the school's referral, now complete", Do: func(ctx context.Context, cw *casework.Casework, ref string) error {
		return cw.Accept(ctx, demoTeam, ref, "complete now; meets every criterion")
	}},
	{Day: 3, At: "10:30", File: "question.eml", Says: "a question from the school's SPOC about the summary request", Role: "school SPOC", Address: "spoc@education.kestmoor.example", Answers: "spoc@education.kestmoor.example"},
	{Day: 3, At: "11:20", File: "referrer-reply.eml", Says: "reply with the missing information", Role: "referrer (youth club)", Address: youthClubReferrer,
		Answers: youthClubReferrer, CaseOf: youthClubReferrer},
	{Day: 3, At: "14:00", CaseOf: youthClubReferrer, Says: "the business team accepts the youth club's referral, now complete", Do: func(ctx context.Context, cw *casework.Casework, ref string) error {
		return cw.Accept(ctx, demoTeam, ref, "complete now; meets every criterion")
	}},
	{Day: 4, At: "07:31", Says: "the digest", Check: demoCheckDigestQueue},
	{Day: 4, At: "09:40", Says: "the business team answers the school's question by phone and files it on the case", Do: func(ctx context.Context, cw *casework.Casework, ref string) error {
		return demoSettleQueued(ctx, cw, ref, "education", func(id int64) error {
			return cw.LinkMessage(ctx, demoTeam, id, ref, "answered by phone: the full name and address given to the SPOC", false)
		})
	}},
	{Day: 4, At: "15:00", File: "summary-police.eml", Says: "agency summary from the police", Role: "police SPOC", Address: "spoc@police.kestmoor.example", Answers: "spoc@police.kestmoor.example"},
	{Day: 5, At: "10:00", CaseOf: youthClubReferrer, Says: "the business team pauses the youth club's case", Do: func(ctx context.Context, cw *casework.Casework, ref string) error {
		return cw.Pause(ctx, demoTeam, ref, "the police asked us to wait for the strategy meeting")
	}},
	{Day: 5, At: "10:01", CaseOf: youthClubReferrer, Says: "the youth club's case while paused", Check: demoCheckRequests},
	{Day: 6, At: "10:20", File: "no-involvement.eml", Says: "a reply from the ICB's SPOC: no involvement", Role: "ICB (health) SPOC", Address: "spoc@icb.kestmoor.example", Answers: "spoc@icb.kestmoor.example"},
	{Day: 6, At: "11:00", Says: "the business team records that the ICB had no involvement", Do: func(ctx context.Context, cw *casework.Casework, ref string) error {
		return demoSettleQueued(ctx, cw, ref, "icb", func(id int64) error {
			return cw.MessageNoInvolvement(ctx, demoTeam, id, ref, "icb", "the SPOC's reply says the ICB had no involvement")
		})
	}},
	{Day: 7, At: "09:00", CaseOf: schoolReferrer, Says: "the school's case", Check: demoCheckStatutory},
	{Day: 7, At: "09:01", Says: "the hospital's case", Check: demoCheckStatutory},
	{Day: 7, At: "11:30", File: "summary-childrens.eml", Says: "agency summary from children's services", Role: "children's services SPOC", Address: "spoc@childrens.kestmoor.example", Answers: "spoc@childrens.kestmoor.example"},
	{Day: 8, At: "09:30", CaseOf: youthClubReferrer, Says: "the business team resumes the youth club's case", Do: func(ctx context.Context, cw *casework.Casework, ref string) error {
		return cw.Resume(ctx, demoTeam, ref, "strategy meeting held")
	}},
	{Day: 8, At: "09:31", CaseOf: youthClubReferrer, Says: "the youth club's case after the pause", Check: demoCheckRequests},
	{Day: 9, At: "16:45", File: "summary-yjs.eml", Says: "agency summary from youth justice, from the new address", Role: "youth justice (new address)", Address: demoYJSAddress, Answers: demoYJSAddress},
	{Day: 10, At: "09:05", Says: "the hospital's case", Check: demoCheckAgencies},
	{Day: 11, At: "10:00", Says: "the business team builds the rapid review pack", Check: demoBuildPack},
	{Day: 12, At: "10:15", File: "summary-education.eml", Says: "agency summary from the school (late)", Role: "school SPOC", Address: "spoc@education.kestmoor.example", Answers: "spoc@education.kestmoor.example"},
	{Day: 14, At: "15:30", Says: "the business team records the Rapid Review Group's decision", Do: func(ctx context.Context, cw *casework.Casework, ref string) error {
		return cw.RecordOutcome(ctx, "Rapid Review Group chair", ref, intake.DecisionLCSPR, "multi-agency learning identified about sharing concerns over unexplained injuries")
	}},
	{Day: 15, At: "11:00", Says: "the business team records that the chair sent the outcome to the Panel", Do: func(ctx context.Context, cw *casework.Casework, ref string) error {
		return cw.RecordStep(ctx, "Rapid Review Group chair", ref, intake.StepOutcomeToPanel, time.Time{}, "sent by the chair through the Panel's portal")
	}},
}

// demoYJSAddress is the youth justice service's new address, given after
// the first bounced.
const demoYJSAddress = "yjs.reviews@kestmoor.example"

// gpReferrer is the GP whose referral is linked to the main case.
const gpReferrer = "robin.notreal@kestmoor-surgery.example"

// demoSettleQueued finds the message waiting for a person from agency's
// SPOC about case ref, and settles it with act.
func demoSettleQueued(ctx context.Context, cw *casework.Casework, ref, agency string, act func(id int64) error) error {
	t, err := cw.Today(ctx, cw.Clock.Now())
	if err != nil {
		return err
	}
	a, _ := cw.Policy.Agencies.ByKey(agency)
	for _, m := range t.NeedsPerson {
		if m.CaseRef == ref && a.IsSPOC(m.From) {
			return act(m.ID)
		}
	}
	return fmt.Errorf("no message from %s's SPOC about %s waits for a person", agency, ref)
}

// demoCheckDigestQueue says what the last digest told the business team
// needs a person.
func demoCheckDigestQueue(ctx context.Context, d *demo, ref string) (string, error) {
	sent := d.smtp.Messages()
	for i := len(sent) - 1; i >= 0; i-- {
		h := readSentHeader(sent[i].Data)
		if !strings.HasPrefix(h.Subject, "Intake digest") {
			continue
		}
		body := string(sent[i].Data)
		if strings.Contains(body, "about "+ref) && strings.Contains(body, "spoc@education.kestmoor.example") {
			return fmt.Sprintf("the digest lists, under mail a person must see, the school SPOC's question about %s", ref), nil
		}
		return "the digest does NOT list the school SPOC's question", nil
	}
	return "no digest was sent", nil
}

// demoCheckAgencies says where each agency of the case stands.
func demoCheckAgencies(ctx context.Context, d *demo, ref string) (string, error) {
	v, err := d.view(ctx, ref)
	if err != nil {
		return "", err
	}
	var parts []string
	for _, r := range v.Schedule.Requests {
		parts = append(parts, r.Agency+" "+r.Status.Words())
	}
	return ref + ": " + strings.Join(parts, ", "), nil
}

// demoBuildPack builds the case's pack as the business team would and
// says what is in it.
func demoBuildPack(ctx context.Context, d *demo, ref string) (string, error) {
	p, err := d.main.Casework.BuildPack(ctx, demoTeam, ref)
	if err != nil {
		return "", err
	}
	zr, err := zip.NewReader(bytes.NewReader(p.Data), int64(len(p.Data)))
	if err != nil {
		return "", err
	}
	if d.opts.OutDir != "" {
		if err := os.WriteFile(filepath.Join(d.opts.OutDir, p.Name), p.Data, 0o600); err != nil {
			return "", err
		}
	}
	return fmt.Sprintf("%s: the rapid review pack holds index.html and %d original files (%s)", ref, len(zr.File)-1, p.Name), nil
}

// demoCheckRequests says the dates the case's SPOCs were given.
func demoCheckRequests(ctx context.Context, d *demo, ref string) (string, error) {
	v, err := d.view(ctx, ref)
	if err != nil {
		return "", err
	}
	var dates []string
	for _, r := range v.Schedule.Requests {
		dates = append(dates, r.Agency+" "+r.Due.Format("Mon 2 Jan"))
	}
	paused := "running"
	if v.Schedule.Paused {
		paused = "paused"
	}
	return fmt.Sprintf("%s is %s; its SPOCs' dates stay as given: %s", ref, paused, strings.Join(dates, ", ")), nil
}

// demoCheckStatutory says where the local authority's notification
// stands on the case.
func demoCheckStatutory(ctx context.Context, d *demo, ref string) (string, error) {
	v, err := d.view(ctx, ref)
	if err != nil {
		return "", err
	}
	for _, st := range v.Schedule.Statutory {
		if st.Name != intake.StepNotification {
			continue
		}
		switch {
		case st.Done:
			return fmt.Sprintf("%s: the local authority's notification was recorded by %s", ref, st.Record.By), nil
		case st.Overdue:
			return fmt.Sprintf("%s: the local authority's notification is OVERDUE (due %s; nobody has recorded it)", ref, st.Due.Format("Mon 2 Jan")), nil
		}
		return fmt.Sprintf("%s: the local authority's notification is due %s", ref, st.Due.Format("Mon 2 Jan")), nil
	}
	return ref + ": no notification step", nil
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
	roles := map[string]string{demoBusinessTeam: "business team", demoMailbox: "partnership mailbox",
		"referrals@eastholm-scp.example": "Eastholm partnership", demoYJSAddress: "youth justice (new address)"}
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
