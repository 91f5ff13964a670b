package casework

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake"
)

// question delivers a SPOC's question about case ref (not a form).
func (b *bench) question(ref, body string) int64 {
	b.t.Helper()
	return b.deliver(message(b.t, "note.eml", map[string]string{"CaseRef": ref, "ID": "q" + body[:3], "Body": body,
		"Extra": "\nAuthentication-Results: " + mx + "; dmarc=pass header.from=police.kestmoor.example"}))
}

// TestNeedsPersonQueue checks a SPOC's question and a "no involvement"
// reply reach the queue with their sender, subject and reason, and that
// each action takes them out of it.
func TestNeedsPersonQueue(t *testing.T) {
	ctx := context.Background()
	b := newBench(t)
	ref, _ := b.accepted()
	q := b.question(ref, "We cannot search on initials and date of birth: can you send the full name?")
	ni := b.question(ref, "Our records show no involvement with this child or family.")
	today, err := b.cw.Today(ctx, b.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(today.NeedsPerson) != 2 {
		t.Fatalf("queue %+v", today.NeedsPerson)
	}
	item := today.NeedsPerson[0]
	if item.From != police || !strings.Contains(item.Subject, ref) || item.CaseRef != ref ||
		!strings.Contains(item.Reason, "Kestmoor Police's SPOC that is not a summary") {
		t.Errorf("queue item %+v", item)
	}
	// Record no involvement from the reply: the request is settled and
	// not chased.
	if err := b.cw.MessageNoInvolvement(ctx, person, ni, ref, "police", "the SPOC's reply says so"); err != nil {
		t.Fatal(err)
	}
	if r, _ := b.caseOf(ref).RequestFor("police"); r.Status != intake.SummaryNoInvolvement || r.By != person || r.Message != ni {
		t.Errorf("request %+v", r)
	}
	// Link the question to the case as correspondence.
	if err := b.cw.LinkMessage(ctx, person, q, ref, "answered by phone", false); err != nil {
		t.Fatal(err)
	}
	if c := b.caseOf(ref); len(c.Correspondence) != 1 || c.Correspondence[0].Message != q {
		t.Errorf("correspondence %+v", c.Correspondence)
	}
	if today, _ := b.cw.Today(ctx, b.clock.Now()); len(today.NeedsPerson) != 0 {
		t.Errorf("still queued: %+v", today.NeedsPerson)
	}
	b.clock.Set(time.Date(2026, 11, 24, 9, 0, 0, 0, intake.London))
	b.cw.Chase(ctx)
	for _, k := range b.outbox() {
		if strings.HasPrefix(k, "chaser:"+ref+":police") {
			t.Errorf("chased the agency with no involvement: %s", k)
		}
	}
}

// TestQueueActionsBadInput checks each action's bad input: a clear error
// and nothing changed.
func TestQueueActionsBadInput(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name string
		act  func(b *bench, ref string, msg int64) error
		code string
		says string
	}{
		{"unknown message", func(b *bench, ref string, _ int64) error { return b.cw.Dismiss(ctx, person, 999, "spam") }, intake.ENOTFOUND, "no message 999"},
		{"dismiss without a reason", func(b *bench, ref string, m int64) error { return b.cw.Dismiss(ctx, person, m, "") }, intake.EINVALID, "Give a reason"},
		{"attach to an unknown agency", func(b *bench, ref string, m int64) error {
			return b.cw.AttachSummary(ctx, person, m, ref, "the zoo", "checked")
		}, intake.EINVALID, "not a configured agency"},
		{"attach to an unknown case", func(b *bench, ref string, m int64) error {
			return b.cw.AttachSummary(ctx, person, m, "KSCMP-2026-0999", "police", "checked")
		}, intake.ENOTFOUND, "no case KSCMP-2026-0999"},
		{"a message already filed", func(b *bench, ref string, m int64) error {
			return b.cw.Dismiss(ctx, person, 1, "spam") // the referral, filed on its case
		}, intake.ECONFLICT, "not waiting for a person"},
		{"link without who", func(b *bench, ref string, m int64) error { return b.cw.LinkMessage(ctx, "", m, ref, "x", false) }, intake.EINVALID, "Say who"},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := newBench(t)
			ref, _ := b.accepted()
			m := b.question(ref, "Who is the child's GP?")
			before := b.snapshot(ref) + b.message(m).State
			err := c.act(b, ref, m)
			if intake.ErrorCode(err) != c.code || !strings.Contains(intake.ErrorMessage(err), c.says) {
				t.Fatalf("err %v (%s); want %s saying %q", err, intake.ErrorCode(err), c.code, c.says)
			}
			if after := b.snapshot(ref) + b.message(m).State; after != before {
				t.Errorf("a refused action changed something")
			}
		})
	}
}

// TestAttachSummaryFromAnotherAddress checks a summary held because it
// came from an address that is not the SPOC's is attached by a person.
func TestAttachSummaryFromAnotherAddress(t *testing.T) {
	ctx := context.Background()
	b := newBench(t)
	ref, reqID := b.accepted()
	id := b.deliver(message(t, "summary.eml", map[string]string{"CaseRef": ref, "InReplyTo": reqID, "From": "constable@police.kestmoor.example",
		"Extra": "\nAuthentication-Results: " + mx + "; dmarc=pass header.from=police.kestmoor.example"}))
	if m := b.message(id); m.State != intake.MessageNeedsPerson {
		t.Fatalf("held? %s", m.State)
	}
	if err := b.cw.AttachSummary(ctx, person, id, ref, "police", "phoned the SPOC: sent by their deputy"); err != nil {
		t.Fatal(err)
	}
	r, _ := b.caseOf(ref).RequestFor("police")
	if r.Status != intake.SummaryReceived || r.By != person || !strings.Contains(r.Note, "deputy") {
		t.Errorf("request %+v", r)
	}
	if m := b.message(id); m.State != intake.MessageProcessed {
		t.Errorf("message %s", m.State)
	}
}

// TestDismissAndReprocess checks the queue's last two actions.
func TestDismissAndReprocess(t *testing.T) {
	ctx := context.Background()
	b := newBench(t)
	ref, _ := b.accepted()
	m := b.question(ref, "Unsubscribe me from everything.")
	if err := b.cw.Dismiss(ctx, person, m, "not about the case"); err != nil {
		t.Fatal(err)
	}
	if msg := b.message(m); msg.State != intake.MessageDismissed || !strings.Contains(msg.StateDetail, person) {
		t.Errorf("dismissed: %s %q", msg.State, msg.StateDetail)
	}
	// A message filed as "needs a person" because trust was not configured
	// is filed again once it is: reprocess.
	b2 := newBench(t)
	ref2, reqID := b2.accepted()
	b2.cw.Policy.Trust = Trust{}
	id := b2.deliver(message(t, "summary.eml", map[string]string{"CaseRef": ref2, "InReplyTo": reqID,
		"Extra": "\nAuthentication-Results: " + mx + "; dmarc=pass header.from=police.kestmoor.example"}))
	if msg := b2.message(id); msg.State != intake.MessageNeedsPerson {
		t.Fatalf("held? %s", msg.State)
	}
	b2.cw.Policy.Trust = Trust{AuthservIDs: []string{mx}}
	if err := b2.cw.Reprocess(ctx, person, id); err != nil {
		t.Fatal(err)
	}
	if r, _ := b2.caseOf(ref2).RequestFor("police"); r.Status != intake.SummaryReceived {
		t.Errorf("after reprocess: %+v", r)
	}
}

// TestOpenCaseFromMessage checks a person can open a case from a
// referral held for a person.
func TestOpenCaseFromMessage(t *testing.T) {
	ctx := context.Background()
	b := newBench(t)
	ref := b.referral(map[string]string{"DOB": ""})
	// An outsider's referral quoting the case's reference is held...
	id := b.deliver(message(t, "referral.eml", map[string]string{"Subject": "Re: [" + ref + "]", "ID": "o1", "Sender": "gp@surgery.example",
		"DOB": "", "Extra": "\nAuthentication-Results: " + mx + "; dmarc=pass header.from=surgery.example"}))
	if m := b.message(id); m.State != intake.MessageNeedsPerson {
		t.Fatalf("held? %s %q", m.State, m.StateDetail)
	}
	// ... and a person opens a case of its own from it.
	newRef, err := b.cw.OpenCaseFromMessage(ctx, person, id, "the GP's own referral of the same child: a separate incident")
	if err != nil {
		t.Fatal(err)
	}
	if newRef == ref || b.caseOf(newRef).Referrer != "gp@surgery.example" {
		t.Errorf("new case %s", newRef)
	}
	b.notice("acknowledgement:" + newRef)
}
