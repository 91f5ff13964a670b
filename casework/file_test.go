package casework

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/parse"
)

// accepted files the testdata referral, accepts it, and returns its
// reference and the Message-ID of the police's request.
func (b *bench) accepted() (ref, requestID string) {
	b.t.Helper()
	ref = b.referral(nil)
	if err := b.cw.Accept(context.Background(), person, ref, "meets"); err != nil {
		b.t.Fatal(err)
	}
	r, _ := b.caseOf(ref).RequestFor("police")
	return ref, "<" + r.MessageID + ">"
}

// TestSummaryTrust checks that only the agency's SPOC, authenticated by
// the trusted server, settles a request by email; anything else waits
// for a person, changes nothing and gets no receipt.
func TestSummaryTrust(t *testing.T) {
	for _, c := range []struct {
		name    string
		fields  map[string]string
		settled bool
		reason  string
	}{
		{"the SPOC, DMARC passing", map[string]string{"Extra": "\nAuthentication-Results: " + mx + "; dmarc=pass header.from=police.kestmoor.example"}, true, ""},
		{"the SPOC, aligned DKIM", map[string]string{"Extra": "\nAuthentication-Results: " + mx + "; dkim=pass header.d=kestmoor.example"}, true, ""},
		{"the SPOC, DKIM failing", map[string]string{"Extra": "\nAuthentication-Results: " + mx + "; dkim=fail header.d=police.kestmoor.example"}, false, "not authenticated"},
		{"the SPOC, a pass from an untrusted server", map[string]string{"Extra": "\nAuthentication-Results: evil.example; dmarc=pass header.from=police.kestmoor.example"}, false, "not authenticated"},
		{"the SPOC, no Authentication-Results", map[string]string{"Extra": ""}, false, "not authenticated"},
		{"a forged pass below the real fail", map[string]string{"Extra": "\nAuthentication-Results: " + mx + "; dmarc=fail header.from=police.kestmoor.example\nAuthentication-Results: " + mx + "; dmarc=pass header.from=police.kestmoor.example"}, false, "not authenticated"},
		{"another address at the police, authenticated", map[string]string{"From": "constable@police.kestmoor.example",
			"Extra": "\nAuthentication-Results: " + mx + "; dmarc=pass header.from=police.kestmoor.example"}, false, "who is not Kestmoor Police's SPOC"},
		{"an outsider quoting the reference", map[string]string{"From": "someone@elsewhere.example", "InReplyTo": "<nothing@elsewhere.example>",
			"Extra": "\nAuthentication-Results: " + mx + "; dmarc=pass header.from=elsewhere.example"}, false, "SPOC"},
		{"an unparseable From", map[string]string{"From": "spoc@police.kestmoor.example <", "Extra": ""}, false, "could not be read"},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := newBench(t)
			ref, reqID := b.accepted()
			before := b.snapshot(ref)
			f := map[string]string{"CaseRef": ref, "InReplyTo": reqID, "ID": "s1"}
			for k, v := range c.fields {
				f[k] = v
			}
			id := b.deliver(message(t, "summary.eml", f))
			m := b.message(id)
			r, _ := b.caseOf(ref).RequestFor("police")
			if c.settled {
				if r.Status != intake.SummaryReceived || m.State != intake.MessageProcessed || r.By != Intake {
					t.Fatalf("request %+v, message %s %q", r, m.State, m.StateDetail)
				}
				b.notice("summary_receipt:" + ref + ":police")
				return
			}
			if m.State != intake.MessageNeedsPerson || !strings.Contains(m.StateDetail, c.reason) {
				t.Errorf("message %s %q; want needs_person saying %q", m.State, m.StateDetail, c.reason)
			}
			after := b.snapshot(ref)
			if strings.Split(after, "|")[0] != strings.Split(before, "|")[0] || strings.Contains(after, "summary_receipt") {
				t.Errorf("an untrusted summary changed the case or got a receipt")
			}
		})
	}
}

// TestNoInvolvementByForm checks that a SPOC's form saying the agency had
// no involvement settles the request as such, and stops its chasers.
func TestNoInvolvementByForm(t *testing.T) {
	b := newBench(t)
	ref, reqID := b.accepted()
	b.deliver(message(t, "summary.eml", map[string]string{"CaseRef": ref, "InReplyTo": reqID, "Involved": "No",
		"Extra": "\nAuthentication-Results: " + mx + "; dmarc=pass header.from=police.kestmoor.example"}))
	r, _ := b.caseOf(ref).RequestFor("police")
	if r.Status != intake.SummaryNoInvolvement {
		t.Fatalf("status %s", r.Status)
	}
	b.clock.Set(time.Date(2026, 11, 24, 9, 0, 0, 0, intake.London))
	if _, err := b.cw.Chase(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, k := range b.outbox() {
		if strings.HasPrefix(k, "chaser:"+ref+":police") {
			t.Errorf("the no-involvement agency was chased: %s", k)
		}
	}
}

// TestReferralQuotingAnotherCase checks the two hijacks of issue 12: an
// outsider quoting a case's reference, and a referral about a different
// child quoting it.
func TestReferralQuotingAnotherCase(t *testing.T) {
	b := newBench(t)
	ref := b.referral(map[string]string{"DOB": ""})
	before := b.snapshot(ref)
	// An outsider quoting the reference, authenticated as themselves:
	// held for a person.
	id := b.deliver(message(t, "referral.eml", map[string]string{"Subject": "Re: [" + ref + "]", "ID": "x1", "Sender": "someone@elsewhere.example",
		"Extra": "\nAuthentication-Results: " + mx + "; dmarc=pass header.from=elsewhere.example"}))
	if m := b.message(id); m.State != intake.MessageNeedsPerson || !strings.Contains(m.StateDetail, "not that case's referrer") {
		t.Errorf("outsider's update: %s %q", m.State, m.StateDetail)
	}
	// The same referrer's address but not authenticated: held too.
	id2 := b.deliver(message(t, "referral.eml", map[string]string{"Subject": "Re: [" + ref + "]", "ID": "x2", "Extra": ""}))
	if m := b.message(id2); m.State != intake.MessageNeedsPerson {
		t.Errorf("unauthenticated update from the referrer's address: %s %q", m.State, m.StateDetail)
	}
	if strings.Split(b.snapshot(ref), "|")[0] != strings.Split(before, "|")[0] {
		t.Errorf("an unauthenticated update changed the case")
	}
	// A different child quoting the reference opens a new case.
	b.deliver(message(t, "referral.eml", map[string]string{"Subject": "Re: [" + ref + "]", "ID": "x3", "Child": "Robin Other", "DOB": "01/01/2016"}))
	var n int
	b.store.View(context.Background(), func(tx intake.Tx) error {
		cases, err := tx.Cases(intake.CaseFilter{})
		n = len(cases)
		return err
	})
	if n != 2 {
		t.Errorf("%d cases; want the different child's referral to open a second", n)
	}
}

// TestPanicFilingOneMessage checks that a message that makes filing panic
// is marked failed and counted, and the messages before and after it are
// filed.
func TestPanicFilingOneMessage(t *testing.T) {
	b := newBench(t)
	opts := parse.DefaultOptions()
	b.cw.Parse = func(ctx context.Context, raw []byte) (parse.Result, error) {
		if strings.Contains(string(raw), "<poison@") {
			panic("a reader fault")
		}
		return parse.Parse(ctx, raw, opts)
	}
	var ids []int64
	for _, id := range []string{"first", "poison", "last"} {
		raw := message(t, "referral.eml", map[string]string{"ID": id, "Child": "Child " + id, "DOB": "01/02/2013"})
		b.uid++
		b.store.Update(context.Background(), func(tx intake.Tx) error {
			mid, _, err := tx.InsertMessage(intake.NewMessage{Mailbox: "INBOX", UIDValidity: 1, UID: b.uid, SHA256: id, Size: int64(len(raw)),
				Raw: raw, ReceivedAt: b.clock.Now(), State: intake.MessageStored})
			ids = append(ids, mid)
			return err
		})
	}
	filed, err := b.cw.FileStored(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if filed != 3 || b.cw.Panics() != 1 {
		t.Errorf("filed %d, panics %d", filed, b.cw.Panics())
	}
	for i, want := range []string{intake.MessageProcessed, intake.MessageFailed, intake.MessageProcessed} {
		if m := b.message(ids[i]); m.State != want {
			t.Errorf("message %d: %s %q, want %s", i, m.State, m.StateDetail, want)
		}
	}
	today, err := b.cw.Today(context.Background(), b.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(today.NeedsPerson) != 1 || today.NeedsPerson[0].ID != ids[1] || today.NeedsPerson[0].State != intake.MessageFailed {
		t.Errorf("needs a person: %+v", today.NeedsPerson)
	}
}

// TestPauseAndExtend checks that a pause leaves the SPOCs' dates alone
// and stops chasers, and that extending one SPOC tells them.
func TestPauseAndExtend(t *testing.T) {
	ctx := context.Background()
	b := newBench(t)
	ref, _ := b.accepted()
	if err := b.cw.Pause(ctx, person, ref, "police strategy meeting"); err != nil {
		t.Fatal(err)
	}
	b.clock.Set(time.Date(2026, 11, 24, 9, 0, 0, 0, intake.London))
	if _, err := b.cw.Chase(ctx); err != nil {
		t.Fatal(err)
	}
	for _, k := range b.outbox() {
		if strings.HasPrefix(k, "chaser:") {
			t.Fatalf("chased while paused: %s", k)
		}
	}
	if r, _ := b.caseOf(ref).RequestFor("police"); ymd(r.Due) != "2026-11-20" {
		t.Errorf("a pause moved the SPOC's date to %s", ymd(r.Due))
	}
	if err := b.cw.Resume(ctx, person, ref, "meeting held"); err != nil {
		t.Fatal(err)
	}
	err := b.cw.ExtendSummary(ctx, person, ref, "Kestmoor Police", time.Date(2026, 11, 27, 0, 0, 0, 0, intake.London), "records archived off site")
	if err != nil {
		t.Fatal(err)
	}
	n := b.notice("due_date_changed:" + ref + ":police:1")
	if ymd(n.DueDate) != "2026-11-27" || ymd(n.OldDueDate) != "2026-11-20" || n.To[0] != police {
		t.Errorf("notice %+v", n)
	}
	// A Saturday, or a date not after the current one, is refused.
	for _, d := range []time.Time{time.Date(2026, 11, 28, 0, 0, 0, 0, intake.London), time.Date(2026, 11, 26, 0, 0, 0, 0, intake.London)} {
		if err := b.cw.ExtendSummary(ctx, person, ref, "police", d, "x"); intake.ErrorCode(err) != intake.EINVALID {
			t.Errorf("extend to %s: %v", ymd(d), err)
		}
	}
}

// TestOutcomeToEveryReferrer checks the decision goes, with its
// rationale, to each referrer on a linked case.
func TestOutcomeToEveryReferrer(t *testing.T) {
	ctx := context.Background()
	b := newBench(t)
	ref, _ := b.accepted()
	b.deliver(message(t, "referral.eml", map[string]string{"ID": "second", "Extra": "", "Subject": "Serious incident referral (school)"}))
	c := b.caseOf(ref)
	if len(c.Referrals) != 2 {
		t.Fatalf("referrals %+v", c.Referrals)
	}
	// The second referral came from the same address here: give it
	// another, as a second referrer would.
	c.Referrals[1].From = "head@kestmoor-primary.example"
	b.store.Update(ctx, func(tx intake.Tx) error { return tx.SaveCase(c) })
	if err := b.cw.RecordOutcome(ctx, "A. Chair", ref, intake.DecisionLCSPR, "learning on information sharing"); err != nil {
		t.Fatal(err)
	}
	for i, to := range []string{referrer, "head@kestmoor-primary.example"} {
		n := b.notice(keyf("outcome:%s:%d", ref, i))
		if n.To[0] != to || n.Reason != "learning on information sharing" || n.Decision != "lcspr" {
			t.Errorf("outcome %d: %+v", i, n)
		}
	}
	if st, ok := b.caseOf(ref).Schedule(b.cw.Policy.Timetable, b.cw.Policy.Calendar, b.clock.Now()).Step(intake.StepRapidReview); !ok || !st.Done || st.Record.By != "A. Chair" {
		t.Errorf("rapid review step %+v", st)
	}
	if err := b.cw.RecordOutcome(ctx, "A. Chair", ref, intake.DecisionLCSPR, "again"); intake.ErrorCode(err) != intake.ECONFLICT {
		t.Errorf("second outcome: %v", err)
	}
}

// TestUntrustedShapes checks the shapes of mail that must wait for a
// person and be answered nothing: a form sent as list or automatic mail,
// a From that is not an address, our own email come back.
func TestUntrustedShapes(t *testing.T) {
	for _, c := range []struct {
		name, sender, extra, state, says string
	}{
		{"list headers on a referral", "Dana Inventa <" + referrer + ">", "\nPrecedence: bulk", intake.MessageNeedsPerson, "list or bulk mail"},
		{"auto-submitted referral", "Dana Inventa <" + referrer + ">", "\nAuto-Submitted: auto-generated", intake.MessageNeedsPerson, "an automatic reply"},
		{"a From that does not parse", "Dana Inventa <dana.inventa@kestmoor-hospital.example", "", intake.MessageNeedsPerson, "could not be read"},
		{"two From addresses", "a@x.example, b@y.example", "", intake.MessageNeedsPerson, "could not be read"},
		{"our own email back", "reviews@kscmp.example", "\nX-Loop: reviews@kscmp.example", intake.MessageIgnored, "X-Loop"},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := newBench(t)
			id := b.deliver(message(t, "referral.eml", map[string]string{"Sender": c.sender, "Extra": c.extra}))
			m := b.message(id)
			if m.State != c.state || !strings.Contains(m.StateDetail, c.says) {
				t.Errorf("%s %q; want %s saying %q", m.State, m.StateDetail, c.state, c.says)
			}
			if keys := b.outbox(); len(keys) != 0 {
				t.Errorf("answered: %v", keys)
			}
		})
	}
}
