package casework

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"text/template"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/parse"
	"github.com/kscmp/intake/parse/form"
	"github.com/kscmp/intake/store"
)

// The invented partnership of these tests: its trusted receiving server,
// its agencies and a neighbour. Every address is under .example.
const (
	mx       = "mx.kscmp.example"
	referrer = "dana.inventa@kestmoor-hospital.example"
	police   = "spoc@police.kestmoor.example"
	person   = "Jo Screener"
)

func testPolicy() Policy {
	cal := intake.NewCalendar(nil, nil)
	return Policy{
		Partnership: "Kestmoor Safeguarding Children Multi-agency Partnership", Mailbox: "reviews@kscmp.example",
		BusinessTeam: []string{"business.team@kscmp.example"}, CaseRefPrefix: "KSCMP",
		Agencies: intake.Agencies{
			{Key: "social_care", Name: "Kestmoor Children's Services", SPOC: []string{"spoc@childrens.kestmoor.example"}, Aliases: []string{"children's services"}, Core: true},
			{Key: "police", Name: "Kestmoor Police", SPOC: []string{police}, Aliases: []string{"police"}, Core: true},
			{Key: "icb", Name: "Kestmoor ICB", SPOC: []string{"spoc@icb.kestmoor.example"}, Aliases: []string{"ICB"}, Core: true},
			{Key: "education", Name: "Kestmoor Primary School", SPOC: []string{"spoc@education.kestmoor.example"}, Aliases: []string{"school"}},
		},
		Neighbours:      intake.Neighbours{{Key: "eastholm", Name: "Eastholm Safeguarding Children Partnership", Address: "referrals@eastholm-scp.example", Areas: []string{"Eastholm"}}},
		Timetable:       intake.DefaultTimetable(),
		Calendar:        cal,
		Screening:       intake.ScreeningPolicy{AreaNames: []string{"Kestmoor"}, Calendar: cal},
		Trust:           Trust{AuthservIDs: []string{mx}},
		SPOCIdentifiers: []string{"initials", "dob"}, MaxAcknowledgementsPerDay: 5, SummaryReceipts: true,
		LinkWindowDays: 28, ReferrerReminderEvery: 3, ReferrerReminders: 2, SendHour: 9,
	}
}

// bench is a casework over a fresh store on a manual clock, starting at
// 09:12 on Monday 9 November 2026 (Day 1).
type bench struct {
	t     *testing.T
	cw    *Casework
	store *store.Store
	clock *intake.ManualClock
	uid   uint32
}

func newBench(t *testing.T) *bench {
	t.Helper()
	clock := intake.NewManualClock(time.Date(2026, 11, 9, 9, 12, 0, 0, intake.London))
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "intake.db"), store.Options{Clock: clock, MessageIDDomain: "kscmp.example"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	opts := parse.DefaultOptions()
	cw := &Casework{Store: st, Clock: clock, Policy: testPolicy(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Parse: func(ctx context.Context, raw []byte) (parse.Result, error) { return parse.Parse(ctx, raw, opts) },
		Attachments: func(ctx context.Context, raw []byte) ([]form.Attachment, []string, error) {
			return parse.Attachments(ctx, raw, opts)
		}}
	return &bench{t: t, cw: cw, store: st, clock: clock}
}

// message renders a testdata message with the fields given (and defaults).
func message(t *testing.T, name string, fields map[string]string) []byte {
	t.Helper()
	data := map[string]string{"Subject": "Serious incident referral", "ID": "m1", "Child": "Alex Sample", "DOB": "14/02/2012",
		"Incident": "06/11/2026", "Sender": "Dana Inventa <" + referrer + ">", "Area": "Kestmoor", "InArea": "Yes", "Agreed": "Yes", "From": police, "Involved": "Yes",
		"Extra": "\nAuthentication-Results: " + mx + "; dmarc=pass header.from=kestmoor-hospital.example"}
	for k, v := range fields {
		data[k] = v
	}
	tmpl := template.Must(template.ParseFiles(filepath.Join("testdata", name)))
	var b bytes.Buffer
	if err := tmpl.Execute(&b, data); err != nil {
		t.Fatal(err)
	}
	return bytes.ReplaceAll(b.Bytes(), []byte("\n"), []byte("\r\n"))
}

// deliver stores raw as ingest would and files it; it returns the
// message's id.
func (b *bench) deliver(raw []byte) int64 {
	b.t.Helper()
	b.uid++
	var id int64
	err := b.store.Update(context.Background(), func(tx intake.Tx) error {
		var err error
		id, _, err = tx.InsertMessage(intake.NewMessage{Mailbox: "INBOX", UIDValidity: 1, UID: b.uid, MessageID: fmt.Sprint(b.uid),
			SHA256: fmt.Sprintf("%x", sha256.Sum256(raw)), Size: int64(len(raw)), Raw: raw, ReceivedAt: b.clock.Now(), State: intake.MessageStored})
		return err
	})
	if err != nil {
		b.t.Fatal(err)
	}
	if _, err := b.cw.FileStored(context.Background()); err != nil {
		b.t.Fatal(err)
	}
	return id
}

// caseOf returns case ref as it stands.
func (b *bench) caseOf(ref string) *intake.Case {
	b.t.Helper()
	var c *intake.Case
	if err := b.store.View(context.Background(), func(tx intake.Tx) error {
		var err error
		c, err = tx.Case(ref)
		return err
	}); err != nil {
		b.t.Fatal(err)
	}
	return c
}

// message returns a stored message.
func (b *bench) message(id int64) intake.Message {
	b.t.Helper()
	var m intake.Message
	if err := b.store.View(context.Background(), func(tx intake.Tx) error {
		var err error
		m, err = tx.Message(id)
		return err
	}); err != nil {
		b.t.Fatal(err)
	}
	return m
}

// outbox returns the keys of the outbox rows, in order.
func (b *bench) outbox() []string {
	b.t.Helper()
	var keys []string
	if err := b.store.View(context.Background(), func(tx intake.Tx) error {
		rows, err := tx.ListOutbox(intake.OutboxFilter{})
		for _, r := range rows {
			keys = append(keys, r.Key)
		}
		return err
	}); err != nil {
		b.t.Fatal(err)
	}
	return keys
}

// notice returns the outbox notice with key.
func (b *bench) notice(key string) intake.Notice {
	b.t.Helper()
	var n intake.Notice
	if err := b.store.View(context.Background(), func(tx intake.Tx) error {
		rows, err := tx.ListOutbox(intake.OutboxFilter{})
		for _, r := range rows {
			if r.Key == key {
				n = r.Notice
			}
		}
		return err
	}); err != nil {
		b.t.Fatal(err)
	}
	if n.Key == "" {
		b.t.Fatalf("no notice %s in the outbox: %v", key, b.outbox())
	}
	return n
}

// audit returns the audit actions of a case, joined.
func (b *bench) audit(ref string) string {
	b.t.Helper()
	var out []string
	if err := b.store.View(context.Background(), func(tx intake.Tx) error {
		trail, err := tx.AuditTrail(ref)
		for _, e := range trail {
			out = append(out, e.Actor+":"+e.Action)
		}
		return err
	}); err != nil {
		b.t.Fatal(err)
	}
	return strings.Join(out, " ")
}

// referral files the testdata referral and returns its case reference.
func (b *bench) referral(fields map[string]string) string {
	b.t.Helper()
	id := b.deliver(message(b.t, "referral.eml", fields))
	var ref string
	b.store.View(context.Background(), func(tx intake.Tx) error {
		pr, err := tx.ParseResult(id)
		ref = pr.CaseRef
		return err
	})
	if ref == "" {
		b.t.Fatalf("the referral opened no case: message %+v", b.message(id))
	}
	return ref
}

// snapshot is what "nothing changed" compares: the case, the outbox and
// the audit trail.
func (b *bench) snapshot(ref string) string {
	b.t.Helper()
	doc, _ := json.Marshal(b.caseOf(ref))
	return fmt.Sprintf("%s|%v|%s", doc, b.outbox(), b.audit(ref))
}

func (b *bench) advance(d time.Duration) { b.clock.Advance(d) }
