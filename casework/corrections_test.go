package casework

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake"
)

// TestCorrectFieldScreensAgain checks that a corrected answer is kept,
// said to come from the person, screened again, and audited without its
// value.
func TestCorrectFieldScreensAgain(t *testing.T) {
	ctx := context.Background()
	b := newBench(t)
	ref := b.referral(map[string]string{"DOB": ""})
	if err := b.cw.CorrectField(ctx, person, ref, "child_dob", "14/02/2012", "confirmed with the referrer by phone"); err != nil {
		t.Fatal(err)
	}
	c := b.caseOf(ref)
	if c.Referral.ChildDOB != "2012-02-14" || c.Screening.Verdict != intake.VerdictMeetsCriteria || !strings.Contains(c.Sources["child_dob"], person) {
		t.Errorf("after the correction: dob %q verdict %s source %q", c.Referral.ChildDOB, c.Screening.Verdict, c.Sources["child_dob"])
	}
	if a := b.audit(ref); strings.Contains(a, "2012") {
		t.Errorf("the audit trail holds the value: %s", a)
	}
	// The aware date moves the statutory clock.
	if err := b.cw.CorrectField(ctx, person, ref, "aware_date", "02/11/2026", "the LA's own record"); err != nil {
		t.Fatal(err)
	}
	if c := b.caseOf(ref); ymd(c.AwareDate) != "2026-11-02" {
		t.Errorf("aware date %s", ymd(c.AwareDate))
	}
}

// TestCorrectionsBadInput checks each correction's bad input.
func TestCorrectionsBadInput(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name string
		act  func(b *bench, ref string) error
		code string
		says string
	}{
		{"unknown field", func(b *bench, ref string) error { return b.cw.CorrectField(ctx, person, ref, "shoe_size", "3", "x") }, intake.EINVALID, "not a field of the referral form"},
		{"bad date", func(b *bench, ref string) error { return b.cw.CorrectField(ctx, person, ref, "child_dob", "soon", "x") }, intake.EINVALID, "not a date"},
		{"no reason", func(b *bench, ref string) error {
			return b.cw.CorrectField(ctx, person, ref, "child_dob", "01/01/2012", "")
		}, intake.EINVALID, "Give a reason"},
		{"unknown agency", func(b *bench, ref string) error { return b.cw.AddAgency(ctx, person, ref, "the zoo", "x") }, intake.EINVALID, "not a configured agency"},
		{"agency already asked", func(b *bench, ref string) error { return b.cw.AddAgency(ctx, person, ref, "police", "x") }, intake.ECONFLICT, "already asked"},
		{"reassign to a non-address", func(b *bench, ref string) error {
			return b.cw.ReassignRequest(ctx, person, ref, "police", "not an address", "x")
		}, intake.EINVALID, "not an email address"},
		{"remove an agency not asked", func(b *bench, ref string) error { return b.cw.RemoveAgency(ctx, person, ref, "youth justice", "x") }, intake.EINVALID, "no request"},
		{"amend with no outcome", func(b *bench, ref string) error {
			return b.cw.AmendOutcome(ctx, person, ref, intake.DecisionNoFurtherReview, "x", "y")
		}, intake.ECONFLICT, "no decision to amend"},
		{"close an undecided case", func(b *bench, ref string) error { return b.cw.CloseCase(ctx, person, ref, "done") }, intake.ECONFLICT, "once it is decided"},
		{"merge into itself", func(b *bench, ref string) error { return b.cw.MergeCase(ctx, person, ref, ref, "x") }, intake.EINVALID, "itself"},
		{"summary by hand with no file", func(b *bench, ref string) error {
			return b.cw.RecordSummaryByHand(ctx, person, ref, "police", "summary.pdf", nil, "by post")
		}, intake.EINVALID, "file is empty"},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := newBench(t)
			ref, _ := b.accepted()
			before := b.snapshot(ref)
			err := c.act(b, ref)
			if intake.ErrorCode(err) != c.code || !strings.Contains(intake.ErrorMessage(err), c.says) {
				t.Fatalf("err %v (%s); want %s saying %q", err, intake.ErrorCode(err), c.code, c.says)
			}
			if b.snapshot(ref) != before {
				t.Errorf("a refused correction changed the case")
			}
		})
	}
}

// TestAgenciesAndAddresses checks adding, withdrawing and re-addressing
// a request.
func TestAgenciesAndAddresses(t *testing.T) {
	ctx := context.Background()
	b := newBench(t)
	ref, _ := b.accepted()
	b.clock.Advance(time.Hour)
	if err := b.cw.RemoveAgency(ctx, person, ref, "Kestmoor Primary School", "named in error"); err != nil {
		t.Fatal(err)
	}
	if r, _ := b.caseOf(ref).RequestFor("education"); r.Status != intake.SummaryWithdrawn {
		t.Errorf("school %+v", r)
	}
	found := false
	for _, k := range b.outbox() {
		found = found || strings.HasPrefix(k, "request_withdrawn:"+ref+":education")
	}
	if !found {
		t.Errorf("the school's SPOC was not told: %v", b.outbox())
	}
	// Re-add it later: a new request goes out.
	if err := b.cw.AddAgency(ctx, person, ref, "school", "named after all"); err != nil {
		t.Fatal(err)
	}
	if r, _ := b.caseOf(ref).RequestFor("education"); r.Status != intake.SummaryRequested {
		t.Errorf("re-added school %+v", r)
	}
	// The police's address changes; the due date is kept.
	old, _ := b.caseOf(ref).RequestFor("police")
	if err := b.cw.ReassignRequest(ctx, person, ref, "police", "new.spoc@police.kestmoor.example", "the SPOC changed"); err != nil {
		t.Fatal(err)
	}
	r, _ := b.caseOf(ref).RequestFor("police")
	if r.To[0] != "new.spoc@police.kestmoor.example" || !r.Due.Equal(old.Due) || r.MessageID == old.MessageID {
		t.Errorf("reassigned %+v (was %+v)", r, old)
	}
	// A summary received by post, with its file.
	if err := b.cw.RecordSummaryByHand(ctx, person, ref, "icb", "icb-summary.pdf", []byte("%PDF-1.4 invented"), "by secure post"); err != nil {
		t.Fatal(err)
	}
	r, _ = b.caseOf(ref).RequestFor("icb")
	if r.Status != intake.SummaryReceived || r.Message == 0 || r.By != person {
		t.Errorf("by hand %+v", r)
	}
	if raw := b.raw(r.Message); !strings.Contains(string(raw), "icb-summary.pdf") {
		t.Errorf("the file is not kept")
	}
	// A request withdrawn whose summary comes by post after all: it is
	// recorded, as it would be from mail; a second one is refused.
	if err := b.cw.RemoveAgency(ctx, person, ref, "police", "named in error"); err != nil {
		t.Fatal(err)
	}
	if err := b.cw.RecordSummaryByHand(ctx, person, ref, "police", "police.pdf", []byte("%PDF-1.4 invented"), "by post after all"); err != nil {
		t.Fatalf("summary for a withdrawn request: %v", err)
	}
	if r, _ := b.caseOf(ref).RequestFor("police"); r.Status != intake.SummaryReceived {
		t.Errorf("police after a summary by hand: %+v", r)
	}
	err := b.cw.RecordSummaryByHand(ctx, person, ref, "police", "again.pdf", []byte("%PDF-1.4 invented"), "again")
	if intake.ErrorCode(err) != intake.ECONFLICT || !strings.Contains(err.Error(), "already received") {
		t.Errorf("a second summary: %v", err)
	}
}

// TestAmendWithdrawClose checks the end of a case's corrections.
func TestAmendWithdrawClose(t *testing.T) {
	ctx := context.Background()
	b := newBench(t)
	ref, _ := b.accepted()
	if err := b.cw.RecordOutcome(ctx, "A. Chair", ref, intake.DecisionLCSPR, "learning"); err != nil {
		t.Fatal(err)
	}
	if err := b.cw.AmendOutcome(ctx, "A. Chair", ref, intake.DecisionAlternativeReview, "a thematic review fits better", "the group met again"); err != nil {
		t.Fatal(err)
	}
	n := b.notice("outcome:" + ref + ":0:amended:1")
	if n.Decision != string(intake.DecisionAlternativeReview) || n.Reason != "a thematic review fits better" {
		t.Errorf("amended notice %+v", n)
	}
	if err := b.cw.CloseCase(ctx, person, ref, "the review is commissioned"); err != nil {
		t.Fatal(err)
	}
	// A closed case's decision stands, as the case page shows (no amend
	// button): amending it is refused and no notice goes.
	err := b.cw.AmendOutcome(ctx, person, ref, intake.DecisionLCSPR, "a review after all", "the group met again")
	if intake.ErrorCode(err) != intake.ECONFLICT || !strings.Contains(err.Error(), "can no longer be amended") {
		t.Errorf("amending a closed case: %v", err)
	}
	if k := "outcome:" + ref + ":0:amended:2"; slices.Contains(b.outbox(), k) {
		t.Errorf("a closed case's amendment was sent: %s", k)
	}
	// Withdrawing an open case tells every SPOC still asked.
	b2 := newBench(t)
	ref2, _ := b2.accepted()
	if err := b2.cw.WithdrawCase(ctx, person, ref2, "the referrer withdrew it: a duplicate of another"); err != nil {
		t.Fatal(err)
	}
	c := b2.caseOf(ref2)
	told := 0
	for _, k := range b2.outbox() {
		if strings.HasPrefix(k, "request_withdrawn:"+ref2) {
			told++
		}
	}
	if c.State != intake.StateClosed || told != len(c.Requests) {
		t.Errorf("withdrawn: %s, %d of %d SPOCs told", c.State, told, len(c.Requests))
	}
}

// TestMergeAndUnlink checks linking two referrals intake did not
// recognise as one, and unlinking one it linked wrongly.
func TestMergeAndUnlink(t *testing.T) {
	ctx := context.Background()
	b := newBench(t)
	a := b.referral(nil)
	// The same child and incident, but with a date of birth mistyped:
	// intake opens a second case.
	second := b.referral(map[string]string{"ID": "m2", "DOB": "15/02/2012"})
	if err := b.cw.MergeCase(ctx, person, second, a, "the same child: the DOB was mistyped"); err != nil {
		t.Fatal(err)
	}
	if c := b.caseOf(a); len(c.Referrals) != 2 {
		t.Errorf("merged referrals %+v", c.Referrals)
	}
	if c := b.caseOf(second); c.State != intake.StateClosed || c.Closure.Reason != "merged" {
		t.Errorf("merged case %s %+v", c.State, c.Closure)
	}
	msg := b.caseOf(a).Referrals[1].Message
	newRef, err := b.cw.UnlinkReferral(ctx, person, a, msg, "on reflection, a different incident")
	if err != nil {
		t.Fatal(err)
	}
	if len(b.caseOf(a).Referrals) != 1 || b.caseOf(newRef).Referrals[0].Message != msg {
		t.Errorf("unlinked into %s", newRef)
	}
}

func (b *bench) raw(id int64) []byte {
	b.t.Helper()
	var raw []byte
	b.store.View(context.Background(), func(tx intake.Tx) error {
		var err error
		raw, err = tx.MessageRaw(id)
		return err
	})
	return raw
}
