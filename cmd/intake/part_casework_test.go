package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/store"
)

// The invented messages of the end-to-end test. Bodies carry the form as
// "Label: value" lines, which parse reads.
const (
	referralMeets = `From: Dana Inventa <dana.inventa@kestmoor-hospitals.nhs.example>
To: reviews@kscmp.example
Subject: Serious incident referral
Date: Mon, 02 Nov 2026 10:00:00 +0000
Message-ID: <ref1@kestmoor-hospitals.nhs.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Referrer name: Dana Inventa
Role: Hospital social worker
Agency: Kestmoor Hospitals
Email: dana.inventa@kestmoor-hospitals.nhs.example
Date of referral: 02/11/2026
Child's name: Alex Sample
Date of birth: 14/02/2012
Home local authority: Kestmoor
Date of incident: 30/10/2026
Date the local authority became aware: 02/11/2026
Where did the incident occur: Kestmoor
Has the child died or been seriously harmed: Seriously harmed
Type of abuse or neglect: Physical
Is abuse or neglect known or suspected: Suspected
Brief summary of the incident: Admitted with injuries that are not explained.
Agencies involved: Kestmoor Police; Kestmoor Hospitals; Kestmoor Dental Practice
Potential learning: Information held by several agencies was not brought together.
Referral agreed by: Named nurse for safeguarding
The child has died or has been seriously harmed: Yes
Abuse or neglect is known or suspected and directly linked to the death or serious harm: Yes
The child is normally resident in the area or the incident occurred in the area: Yes
The case highlights potential learning for the safeguarding system: Yes
I have agreement to refer from my executive representative or senior safeguarding lead: Yes
`
	referralLinked = `From: PC Lee Madeup <lee.madeup@kestmoor.police.example>
To: reviews@kscmp.example
Subject: Referral - child A.S.
Date: Mon, 02 Nov 2026 11:00:00 +0000
Message-ID: <ref2@kestmoor.police.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Referrer name: Lee Madeup
Child's name: A.S.
Date of birth: 14/02/2012
Date of incident: 31/10/2026
Has the child died or been seriously harmed: Seriously harmed
Is abuse or neglect known or suspected: Suspected
Brief summary of the incident: Same incident, reported by police.
Agencies involved: Kestmoor Police
The child has died or has been seriously harmed: Yes
Abuse or neglect is known or suspected and directly linked to the death or serious harm: Yes
The child is normally resident in the area or the incident occurred in the area: Yes
The case highlights potential learning for the safeguarding system: Yes
I have agreement to refer from my executive representative or senior safeguarding lead: Yes
`
	referralIncomplete = `From: Sam Placeholder <sam.placeholder@kestmoor-academy.example>
To: reviews@kscmp.example
Subject: Referral form
Date: Mon, 02 Nov 2026 12:00:00 +0000
Message-ID: <ref3@kestmoor-academy.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Referrer name: Sam Placeholder
Child's name: Jo Example
Date of incident: 28/10/2026
Has the child died or been seriously harmed: Seriously harmed
Brief summary of the incident: Injuries noticed at school.
Agencies involved: school
The child has died or has been seriously harmed: Yes
`
	referralCompleted = `From: Sam Placeholder <sam.placeholder@kestmoor-academy.example>
To: reviews@kscmp.example
Subject: Re: [KSCMP-2026-0002] Referral received
Date: Wed, 11 Nov 2026 08:30:00 +0000
Message-ID: <ref3b@kestmoor-academy.example>
In-Reply-To: <ack@kscmp.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Referrer name: Sam Placeholder
Child's name: Jo Example
Date of birth: 03/05/2016
Date of incident: 28/10/2026
Has the child died or been seriously harmed: Seriously harmed
Is abuse or neglect known or suspected: Suspected
Brief summary of the incident: Injuries noticed at school.
Agencies involved: school
The child has died or has been seriously harmed: Yes
Abuse or neglect is known or suspected and directly linked to the death or serious harm: Yes
The child is normally resident in the area or the incident occurred in the area: Yes
The case highlights potential learning for the safeguarding system: Yes
I have agreement to refer from my executive representative or senior safeguarding lead: Yes
`
	autoReply = `From: Out Of Office <someone@kestmoor-cc.example>
To: reviews@kscmp.example
Subject: Automatic reply: Serious incident referral
Date: Mon, 02 Nov 2026 12:30:00 +0000
Message-ID: <ooo1@kestmoor-cc.example>
Auto-Submitted: auto-replied
Content-Type: text/plain; charset=utf-8

I am out of the office until Monday.
`
	ownReferral = `From: reviews@kscmp.example
To: reviews@kscmp.example
Subject: Referral form (forwarded by the business team)
Date: Mon, 02 Nov 2026 13:00:00 +0000
Message-ID: <ref4@kscmp.example>
Content-Type: text/plain; charset=utf-8

Referrer name: Business Team
Child's name: Pat Invented
Date of birth: 01/01/2015
Date of incident: 01/11/2026
Has the child died or been seriously harmed: Died
Is abuse or neglect known or suspected: Suspected
Brief summary of the incident: Forwarded referral.
The child has died or has been seriously harmed: Yes
Abuse or neglect is known or suspected and directly linked to the death or serious harm: No
The child is normally resident in the area or the incident occurred in the area: Yes
The case highlights potential learning for the safeguarding system: Yes
I have agreement to refer from my executive representative or senior safeguarding lead: Yes
`
)

func summaryEML(from, subject, msgID, inReplyTo, caseRef, agency string) string {
	h := fmt.Sprintf("From: %s\nTo: reviews@kscmp.example\nSubject: %s\nDate: Thu, 05 Nov 2026 10:00:00 +0000\nMessage-ID: <%s>\n", from, subject, msgID)
	if inReplyTo != "" {
		h += fmt.Sprintf("In-Reply-To: <%s>\nReferences: <%s>\n", inReplyTo, inReplyTo)
	}
	body := "Please find our agency summary below.\n\n"
	if caseRef != "" {
		body += "Case reference: " + caseRef + "\n"
	}
	body += "Agency: " + agency + "\nCompleted by: Robin Testwell\nName of child: Alex Sample\nDate of birth: 14/02/2012\n" +
		"Did your agency know the child or family: Yes\nSummary of involvement: Contacts with the family over two years.\n" +
		"Analysis of practice: Concerns were recorded but not shared.\nLearning identified: Share concerns at once.\n"
	return h + "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n" + body
}

func bounceEML(ourMessageID string) string {
	return `From: Mail Delivery System <MAILER-DAEMON@mx.kscmp.example>
To: reviews@kscmp.example
Subject: Undelivered Mail Returned to Sender
Date: Tue, 03 Nov 2026 10:00:00 +0000
Message-ID: <dsn1@mx.kscmp.example>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8

Your message could not be delivered.

--b1
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.kscmp.example

Final-Recipient: rfc822; dana.inventa@kestmoor-hospitals.nhs.example
Action: failed
Status: 5.1.1

--b1
Content-Type: text/rfc822-headers

Message-ID: <` + ourMessageID + `>
From: reviews@kscmp.example
To: dana.inventa@kestmoor-hospitals.nhs.example
Subject: KSCMP-2026-0001 received

--b1--
`
}

type caseworkFixture struct {
	t     *testing.T
	ctx   context.Context
	cfg   *Config
	st    *store.Store
	clock *intake.ManualClock
	part  *caseworkPart
	uid   uint32
}

func newCaseworkFixture(t *testing.T, start time.Time) *caseworkFixture {
	t.Helper()
	cfg := DefaultConfig()
	cfg.Store.Path = filepath.Join(t.TempDir(), "intake.db")
	ctx := context.Background()
	clock := intake.NewManualClock(start)
	st, err := cfg.openStore(ctx, clock)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	part, err := newCasework(cfg, st, clock, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	return &caseworkFixture{t: t, ctx: ctx, cfg: cfg, st: st, clock: clock, part: part}
}

// deliver stores a raw message as ingest would.
func (f *caseworkFixture) deliver(raw string) int64 {
	f.t.Helper()
	f.uid++
	raw = strings.ReplaceAll(raw, "\n", "\r\n")
	var id int64
	err := f.st.Update(f.ctx, func(tx intake.Tx) error {
		var err error
		id, _, err = tx.InsertMessage(intake.NewMessage{Mailbox: "INBOX", UIDValidity: 1, UID: f.uid,
			SHA256: fmt.Sprint(f.uid), Size: int64(len(raw)), Raw: []byte(raw), ReceivedAt: f.clock.Now(), State: intake.MessageStored})
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return id
}

func (f *caseworkFixture) runOnce() {
	f.t.Helper()
	if err := f.part.RunOnce(f.ctx); err != nil {
		f.t.Fatal(err)
	}
}

// outbox returns the outbox rows by key.
func (f *caseworkFixture) outbox() map[string]intake.OutboxRow {
	f.t.Helper()
	var rows []intake.OutboxRow
	err := f.st.View(f.ctx, func(tx intake.Tx) error {
		var err error
		rows, err = tx.ListOutbox(intake.OutboxFilter{})
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
	out := map[string]intake.OutboxRow{}
	for _, r := range rows {
		out[r.Key] = r
	}
	return out
}

func keysOf(m map[string]intake.OutboxRow) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func (f *caseworkFixture) messageState(id int64) string {
	var m intake.Message
	err := f.st.View(f.ctx, func(tx intake.Tx) error {
		var err error
		m, err = tx.Message(id)
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return m.State
}

func (f *caseworkFixture) caseOf(ref string) *intake.Case {
	c, err := f.st.Case(f.ctx, ref)
	if err != nil {
		f.t.Fatal(err)
	}
	return c
}

func london(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, intake.London)
	if err != nil {
		panic(err)
	}
	return t
}
