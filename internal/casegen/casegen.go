// Package casegen makes invented cases the way intake makes real ones:
// referral emails (forms pasted into the body, as referrers send them)
// stored as ingest stores mail and filed by casework, so that tests and
// benchmarks of the web work queue read data of the real shape from a
// real store. Everyone in them is invented; every address is under
// .example (RFC 2606).
package casegen

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync/atomic"
	"text/template"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/casework"
	"github.com/kscmp/intake/parse"
	"github.com/kscmp/intake/parse/form"
	"github.com/kscmp/intake/store"
)

// The invented partnership's addresses.
const (
	Mailbox     = "reviews@kscmp.example"
	AuthservID  = "mx.kscmp.example" // its receiving server, whose Authentication-Results it trusts
	PoliceSPOC  = "spoc@police.kestmoor.example"
	SchoolSPOC  = "spoc@education.kestmoor.example"
	RefDomain   = "kestmoor-hospital.example"
	PrefixOfRef = "KSCMP"
)

// Policy is the invented Kestmoor partnership: four agencies (three core
// partners and a school) and one neighbour.
func Policy() casework.Policy {
	cal := intake.NewCalendar(nil, nil)
	return casework.Policy{
		Partnership: "Kestmoor Safeguarding Children Partnership", Mailbox: Mailbox,
		BusinessTeam: []string{"business.team@kscmp.example"}, CaseRefPrefix: PrefixOfRef,
		Agencies: intake.Agencies{
			{Key: "social_care", Name: "Kestmoor Children's Services", SPOC: []string{"spoc@childrens.kestmoor.example"}, Aliases: []string{"children's services"}, Core: true},
			{Key: "police", Name: "Kestmoor Police", SPOC: []string{PoliceSPOC}, Aliases: []string{"police"}, Core: true},
			{Key: "icb", Name: "Kestmoor ICB", SPOC: []string{"spoc@icb.kestmoor.example"}, Aliases: []string{"ICB"}, Core: true},
			{Key: "education", Name: "Kestmoor Primary School", SPOC: []string{SchoolSPOC}, Aliases: []string{"school"}},
		},
		Neighbours: intake.Neighbours{{Key: "eastholm", Name: "Eastholm Safeguarding Children Partnership",
			Address: "referrals@eastholm-scp.example", Areas: []string{"Eastholm"}}},
		Timetable: intake.DefaultTimetable(), Calendar: cal,
		Screening:       intake.ScreeningPolicy{AreaNames: []string{"Kestmoor"}, Calendar: cal},
		Trust:           casework.Trust{AuthservIDs: []string{AuthservID}},
		SPOCIdentifiers: []string{"initials", "dob"}, MaxAcknowledgementsPerDay: 1000, SummaryReceipts: true,
		LinkWindowDays: 28, ReferrerReminderEvery: 3, ReferrerReminders: 2, SendHour: 9,
	}
}

// Open opens a store at path on clock with casework over it, as
// cmd/intake builds them.
func Open(ctx context.Context, path string, clock intake.Clock) (*store.Store, *casework.Casework, error) {
	st, err := store.Open(ctx, path, store.Options{Clock: clock, MessageIDDomain: "kscmp.example"})
	if err != nil {
		return nil, nil, err
	}
	opts := parse.DefaultOptions()
	opts.AreaNames = []string{"Kestmoor"}
	cw := &casework.Casework{Store: st, Clock: clock, Policy: Policy(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Parse: func(ctx context.Context, raw []byte) (parse.Result, error) { return parse.Parse(ctx, raw, opts) },
		Attachments: func(ctx context.Context, raw []byte) ([]form.Attachment, []string, error) {
			return parse.Attachments(ctx, raw, opts)
		}}
	return st, cw, nil
}

// OpenIn is Open with the database in dir.
func OpenIn(ctx context.Context, dir string, clock intake.Clock) (*store.Store, *casework.Casework, error) {
	return Open(ctx, filepath.Join(dir, "intake.db"), clock)
}

var firstNames = []string{"Amelia", "Noah", "Isla", "Leo", "Ava", "Oscar", "Freya", "Arthur", "Mia", "Theo", "Ruby", "Jack"}
var lastNames = []string{"Hartley", "Okafor", "Pennington", "Quill", "Rowntree", "Sandoval", "Thackeray", "Underwood", "Vance", "Whitlock"}

// Child returns the i-th invented child's name and date of birth (no two
// alike for the first thousands, so that no referral links to another).
func Child(i int) (name, dob string) {
	name = fmt.Sprintf("%s %s", firstNames[i%len(firstNames)], lastNames[(i/len(firstNames))%len(lastNames)])
	if n := i / (len(firstNames) * len(lastNames)); n > 0 {
		name = fmt.Sprintf("%s %s-%s", firstNames[i%len(firstNames)], lastNames[(i/len(firstNames))%len(lastNames)], lastNames[n%len(lastNames)])
	}
	dob = fmt.Sprintf("%02d/%02d/%d", 1+i%28, 1+(i/28)%12, 2010+(i/336)%8)
	return name, dob
}

// Referral is what an invented referral says. Zero fields take the i-th
// invented child and sensible answers (meeting every criterion).
type Referral struct {
	Child, DOB    string
	Incident      string // dd/mm/yyyy
	Aware         string
	Area          string // where the child lives and the incident happened
	Sender        string // the referrer's address
	Agencies      string // "Kestmoor Police, Kestmoor Primary School"
	Summary       string
	Agreed        string // the fifth criterion: "Yes" or "No"
	LeaveOutDOB   bool   // information missing: screening says incomplete
	Authenticated bool   // the receiving server's DMARC pass is added
}

func (r Referral) withDefaults(i int) Referral {
	name, dob := Child(i)
	if r.Child == "" {
		r.Child = name
	}
	if r.DOB == "" {
		r.DOB = dob
	}
	if r.Incident == "" {
		r.Incident = "05/11/2026"
	}
	if r.Aware == "" {
		r.Aware = "06/11/2026"
	}
	if r.Area == "" {
		r.Area = "Kestmoor"
	}
	if r.Sender == "" {
		r.Sender = fmt.Sprintf("referrer%d@%s", i, RefDomain)
	}
	if r.Agencies == "" {
		r.Agencies = "Kestmoor Police, Kestmoor Primary School"
	}
	if r.Summary == "" {
		r.Summary = "Admitted to hospital with injuries that are not explained."
	}
	if r.Agreed == "" {
		r.Agreed = "Yes"
	}
	return r
}

var referralTmpl = template.Must(template.New("referral").Parse(`From: Dana Inventa <{{.Sender}}>
To: Kestmoor Safeguarding Partnership <` + Mailbox + `>
Subject: Serious incident referral
Date: {{.Date}}
Message-ID: <{{.ID}}@` + RefDomain + `>{{if .Authenticated}}
Authentication-Results: ` + AuthservID + `; dmarc=pass header.from={{.SenderDomain}}{{end}}
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Please find our referral below, agreed with our named lead.

Referrer name: Dana Inventa
Role: Hospital social worker
Agency: Kestmoor General Hospital
Email: {{.Sender}}
Date of referral: 09/11/2026
Child's name: {{.Child}}
{{if not .LeaveOutDOB}}Date of birth: {{.DOB}}
{{end}}Home local authority: {{.Area}}
Legal status: Child in need
Date of incident: {{.Incident}}
Date the local authority became aware: {{.Aware}}
Where did the incident occur: {{.Area}}
Has the child died or been seriously harmed: Seriously harmed
Type of abuse or neglect: Physical, Neglect
Is abuse or neglect known or suspected: Suspected
Brief summary of the incident: {{.Summary}}
Agencies involved: {{.Agencies}}
Potential learning: Information held by several agencies was not brought together.
Referral agreed by: Named nurse for safeguarding
The child has died or has been seriously harmed: Yes
Abuse or neglect is known or suspected and directly linked to the death or serious harm: Yes
The child is normally resident in the area or the incident occurred in the area: Yes
The case highlights potential learning for the safeguarding system: Yes
I have agreement to refer from my executive representative or senior safeguarding lead: {{.Agreed}}

Kind regards,
Dana Inventa
`))

var seq atomic.Int64

// Email renders the i-th invented referral, dated at.
func (r Referral) Email(i int, at time.Time) []byte {
	r = r.withDefaults(i)
	_, domain, _ := strings.Cut(r.Sender, "@")
	var b bytes.Buffer
	err := referralTmpl.Execute(&b, struct {
		Referral
		Date, ID, SenderDomain string
	}{r, at.Format(time.RFC1123Z), fmt.Sprintf("ref-%d-%d", i, seq.Add(1)), domain})
	if err != nil {
		panic(err) // the template is fixed: a test's fault
	}
	return crlf(b.Bytes())
}

// Question is an email from a SPOC about case ref that is not a form:
// it waits for a person.
func Question(from, ref string, at time.Time) []byte {
	return crlf([]byte(fmt.Sprintf(`From: %s
To: %s
Subject: Re: [%s] Agency summary requested
Date: %s
Message-ID: <q-%d@kestmoor.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Hello, we cannot search our records on initials and a date of birth
alone. Could someone call me with the child's full name, please?
`, from, Mailbox, ref, at.Format(time.RFC1123Z), seq.Add(1))))
}

// Summary is an agency summary for case ref from the police SPOC,
// authenticated, attached as police-summary.txt.
func Summary(ref, inReplyTo string, at time.Time) []byte {
	return crlf([]byte(fmt.Sprintf(`From: %s
To: %s
Subject: Re: [%s] Agency summary requested
Date: %s
Message-ID: <s-%d@police.kestmoor.example>
In-Reply-To: <%s>
References: <%s>
Authentication-Results: %s; dmarc=pass header.from=police.kestmoor.example
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8

Our summary is attached.

--b1
Content-Type: text/plain; charset=utf-8; name="police-summary.txt"
Content-Disposition: attachment; filename="police-summary.txt"

Case reference: %s
Agency: Kestmoor Police
Completed by: PC Jordan Placeholder
Date completed: 12/11/2026
Did your agency know the child or family: Yes
Summary of involvement: Contacts with the family over two years.
Learning identified: Share concerns about unexplained injuries at once.
--b1--
`, PoliceSPOC, Mailbox, ref, at.Format(time.RFC1123Z), seq.Add(1), inReplyTo, inReplyTo, AuthservID, ref)))
}

func crlf(b []byte) []byte {
	return bytes.ReplaceAll(bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n"))
}

var uid atomic.Uint32

// Deliver stores raw as ingest would (in mailbox INBOX, received now)
// and files it with casework; it returns the message's id and the case it
// was filed on ("" if none).
func Deliver(ctx context.Context, st intake.Store, cw *casework.Casework, raw []byte) (id int64, ref string, err error) {
	u := uid.Add(1)
	err = st.Update(ctx, func(tx intake.Tx) error {
		id, _, err = tx.InsertMessage(intake.NewMessage{Mailbox: "INBOX", UIDValidity: 1, UID: u, MessageID: fmt.Sprint("casegen-", u),
			SHA256: fmt.Sprintf("%x", sha256.Sum256(raw)), Size: int64(len(raw)), Raw: raw, ReceivedAt: tx.Now(), State: intake.MessageStored})
		return err
	})
	if err != nil {
		return 0, "", err
	}
	if err := cw.FileMessage(ctx, id); err != nil {
		return id, "", err
	}
	err = st.View(ctx, func(tx intake.Tx) error {
		pr, err := tx.ParseResult(id)
		if err == nil {
			ref = pr.CaseRef
		}
		return nil
	})
	return id, ref, err
}

// Cases files n invented referrals, of the children first to
// first+n-1, and returns their references; every referral meets the
// criteria and none links to another.
func Cases(ctx context.Context, st intake.Store, cw *casework.Casework, first, n int) ([]string, error) {
	refs := make([]string, 0, n)
	for i := first; i < first+n; i++ {
		_, ref, err := Deliver(ctx, st, cw, Referral{}.Email(i, cw.Clock.Now()))
		if err != nil {
			return refs, err
		}
		if ref == "" {
			return refs, fmt.Errorf("casegen: referral %d opened no case", i)
		}
		refs = append(refs, ref)
	}
	return refs, nil
}

// RequestMessageID returns the Message-ID of the summary request case ref
// sent agency, for a reply to thread to.
func RequestMessageID(ctx context.Context, st intake.Store, ref, agency string) (string, error) {
	var id string
	err := st.View(ctx, func(tx intake.Tx) error {
		c, err := tx.Case(ref)
		if err != nil {
			return err
		}
		r, ok := c.RequestFor(agency)
		if !ok {
			return fmt.Errorf("casegen: %s asked no %s", ref, agency)
		}
		id = r.MessageID
		return nil
	})
	return id, err
}
