package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/store"
)

// TestCaseworkEndToEnd runs raw messages through the casework part with a
// manual clock: referrals become cases (one linked), summaries are matched
// by thread and by case reference, auto-replies and bounces are not
// answered, and chasers, escalations and the referrer reminder fall due
// on the right days.
func TestCaseworkEndToEnd(t *testing.T) {
	f := newCaseworkFixture(t, london("2026-11-02 14:00"))
	mMeets := f.deliver(referralMeets)
	mLinked := f.deliver(referralLinked)
	mIncomplete := f.deliver(referralIncomplete)
	mAuto := f.deliver(autoReply)
	mOwn := f.deliver(ownReferral)
	f.runOnce()

	for id, want := range map[int64]string{mMeets: "processed", mLinked: "processed", mIncomplete: "processed", mAuto: "ignored", mOwn: "processed"} {
		if got := f.messageState(id); got != want {
			t.Errorf("message %d state %s, want %s", id, got, want)
		}
	}
	c1 := f.caseOf("KSCMP-2026-0001")
	if c1.State != intake.StateAwaitingSummaries || c1.Verdict != "meets_criteria" || c1.Linked != 1 ||
		!reflect.DeepEqual(c1.UnknownAgencies, []string{"Kestmoor Dental Practice"}) || c1.Referrer != "dana.inventa@kestmoor-hospitals.nhs.example" {
		t.Fatalf("case 1: %+v", c1)
	}
	var agencies []string
	for _, r := range c1.Requests {
		agencies = append(agencies, r.Agency)
		if r.Due.Format("2006-01-02") != "2026-11-13" || r.MessageID == "" || r.Status != intake.SummaryRequested {
			t.Errorf("request %+v", r)
		}
	}
	if strings.Join(agencies, " ") != "social_care police icb hospitals" {
		t.Errorf("agencies asked: %v", agencies)
	}
	c2 := f.caseOf("KSCMP-2026-0002")
	if c2.State != intake.StateAwaitingReferrer || !c2.Paused() || c2.Verdict != "incomplete" || len(c2.Missing) == 0 {
		t.Errorf("case 2: %+v", c2)
	}
	c3 := f.caseOf("KSCMP-2026-0003")
	if c3.State != intake.StateReceived || c3.Verdict != "does_not_meet" || len(c3.Requests) != 0 {
		t.Errorf("case 3 (own address, criteria not met): %+v", c3)
	}
	ob := f.outbox()
	wantKeys := []string{
		"acknowledgement:KSCMP-2026-0001",
		"acknowledgement:KSCMP-2026-0001:" + itoa(mLinked),
		"acknowledgement:KSCMP-2026-0002",
		"linked_referral:KSCMP-2026-0001:" + itoa(mLinked),
		"summary_request:KSCMP-2026-0001:hospitals",
		"summary_request:KSCMP-2026-0001:icb",
		"summary_request:KSCMP-2026-0001:police",
		"summary_request:KSCMP-2026-0001:social_care",
		"summary_request:KSCMP-2026-0002:education",
		"summary_request:KSCMP-2026-0002:icb",
		"summary_request:KSCMP-2026-0002:police",
		"summary_request:KSCMP-2026-0002:social_care",
	}
	if got := keysOf(ob); !reflect.DeepEqual(got, wantKeys) {
		t.Fatalf("outbox after the referrals:\n got %v\nwant %v", got, wantKeys)
	}
	ack := ob["acknowledgement:KSCMP-2026-0001"].Notice
	if ack.InReplyTo != "<ref1@kestmoor-hospitals.nhs.example>" || ack.To[0] != "dana.inventa@kestmoor-hospitals.nhs.example" || ack.Verdict != "meets_criteria" {
		t.Errorf("acknowledgement %+v", ack)
	}
	// It says when the decision is due: the rapid review step, after the
	// summaries (due 13 Nov); the incomplete case's clock waits, so no date.
	if d := ack.DueDate; d.IsZero() || !d.After(london("2026-11-13 00:00")) || d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
		t.Errorf("acknowledgement decision due %v", d)
	}
	if d := ob["acknowledgement:KSCMP-2026-0002"].Notice.DueDate; !d.IsZero() {
		t.Errorf("incomplete referral's acknowledgement promises a decision by %v", d)
	}
	req := ob["summary_request:KSCMP-2026-0001:police"].Notice
	if req.ChildIdentity != "A.S., born 2012-02-14" || req.DueDate.Format("2006-01-02") != "2026-11-13" || req.To[0] != "review.spoc@kestmoor.police.example" {
		t.Errorf("summary request %+v", req)
	}
	if n := ob["linked_referral:KSCMP-2026-0001:"+itoa(mLinked)].Notice; n.To[0] != "business.team@kscmp.example" {
		t.Errorf("linked referral notice %+v", n)
	}
	// The next thing due: the referrer reminder for case 2, 3 working
	// days after 2 Nov, at 09:00.
	if !f.part.nextDue.Equal(london("2026-11-05 09:00")) {
		t.Errorf("next due %v", f.part.nextDue)
	}

	// Thursday 5 Nov: summaries arrive; a bounce of our acknowledgement.
	f.clock.Set(london("2026-11-05 10:00"))
	var policeReq intake.SummaryRequest
	for _, r := range c1.Requests {
		if r.Agency == "police" {
			policeReq = r
		}
	}
	mPolice := f.deliver(summaryEML("Kestmoor Police SPOC <review.spoc@kestmoor.police.example>", "Re: Summary request", "s1@kestmoor.police.example", policeReq.MessageID, "", "Kestmoor Police"))
	mHosp := f.deliver(summaryEML("Someone <someone.at.home@mail.example>", "KSCMP-2026-0001 agency summary", "s2@mail.example", "", "", "Kestmoor Hospitals"))
	mStray := f.deliver(summaryEML("Someone <stray@mail.example>", "Agency summary", "s3@mail.example", "", "", "Kestmoor Dental Practice"))
	mBounce := f.deliver(bounceEML(ob["acknowledgement:KSCMP-2026-0001"].MessageID))
	f.runOnce()
	c1 = f.caseOf("KSCMP-2026-0001")
	status := map[string]intake.SummaryStatus{}
	for _, r := range c1.Requests {
		status[r.Agency] = r.Status
	}
	if status["police"] != intake.SummaryReceived || status["hospitals"] != intake.SummaryReceivedUnverified || status["icb"] != intake.SummaryRequested {
		t.Errorf("statuses %v", status)
	}
	for id, want := range map[int64]string{mPolice: "processed", mHosp: "processed", mStray: "processed", mBounce: "processed"} {
		if got := f.messageState(id); got != want {
			t.Errorf("message %d state %s, want %s", id, got, want)
		}
	}
	var pr intake.ParseResult
	f.st.View(f.ctx, func(tx intake.Tx) (err error) {
		pr, err = tx.ParseResult(mStray)
		return err
	})
	if pr.Kind != "agency_summary" || pr.CaseRef != "" {
		t.Errorf("stray summary parse result %+v", pr)
	}
	ob = f.outbox()
	if ob["acknowledgement:KSCMP-2026-0001"].State != intake.OutboxBounced {
		t.Errorf("bounced acknowledgement state %s", ob["acknowledgement:KSCMP-2026-0001"].State)
	}
	if n := ob["summary_receipt:KSCMP-2026-0001:police"].Notice; n.InReplyTo != "<s1@kestmoor.police.example>" {
		t.Errorf("receipt %+v", n)
	}
	if r := ob["referrer_reminder:KSCMP-2026-0002"]; r.Notice.NotBefore.IsZero() || !r.Notice.NotBefore.Equal(london("2026-11-05 09:00")) {
		t.Errorf("referrer reminder %+v", r)
	}

	// Wednesday 11 Nov 09:00: two working days before the due date, the
	// first chasers to the agencies still outstanding (not the paused case).
	// The referrer of case 2 answers the acknowledgement with the missing
	// information: the case moves on and its clock restarts.
	f.clock.Set(london("2026-11-11 09:00"))
	mCompleted := f.deliver(referralCompleted)
	f.runOnce()
	c2 = f.caseOf("KSCMP-2026-0002")
	if c2.State != intake.StateAwaitingSummaries || c2.Paused() || c2.Verdict != "meets_criteria" || c2.Linked != 1 || len(c2.Missing) != 0 {
		t.Errorf("case 2 after the missing information: %+v", c2)
	}
	if f.messageState(mCompleted) != "processed" {
		t.Errorf("completed referral state %s", f.messageState(mCompleted))
	}
	if c, err := f.st.Cases(f.ctx, store.CaseFilter{ChildDOB: "2016-05-03"}); err != nil || len(c) != 1 || c[0].Ref != "KSCMP-2026-0002" {
		t.Errorf("child identity not filled in from the linked referral: %v %v", c, err)
	}
	ob = f.outbox()
	for _, k := range []string{"chaser:KSCMP-2026-0001:social_care:1", "chaser:KSCMP-2026-0001:icb:1"} {
		n, ok := ob[k]
		if !ok || !n.Notice.NotBefore.Equal(london("2026-11-11 09:00")) || n.Notice.ChaserNumber != 1 {
			t.Errorf("%s: %+v %v", k, n.Notice, ok)
		}
	}
	for k := range ob {
		if strings.Contains(k, ":police:") && strings.HasPrefix(k, "chaser") || strings.Contains(k, "KSCMP-2026-0002") && strings.HasPrefix(k, "chaser") {
			t.Errorf("unexpected chaser %s", k)
		}
	}
	if !f.part.nextDue.Equal(london("2026-11-13 09:00")) {
		t.Errorf("next due %v", f.part.nextDue)
	}

	// Thursday 19 Nov 09:00: chaser 3 and the escalations.
	f.clock.Set(london("2026-11-19 09:00"))
	f.runOnce()
	ob = f.outbox()
	for _, k := range []string{"chaser:KSCMP-2026-0001:icb:3", "escalation:KSCMP-2026-0001:icb", "escalation:KSCMP-2026-0001:social_care"} {
		if _, ok := ob[k]; !ok {
			t.Errorf("%s not queued", k)
		}
	}
	if _, ok := ob["chaser:KSCMP-2026-0001:icb:2"]; ok {
		t.Error("chaser 2 queued although the daemon slept through its day (no backlog wanted)")
	}
	// A second pass queues nothing new.
	before := len(ob)
	f.runOnce()
	if after := len(f.outbox()); after != before {
		t.Errorf("second pass queued %d more", after-before)
	}

	// The commands, in-process, against the same database.
	cfgPath := filepath.Join(t.TempDir(), "intake.toml")
	if err := os.WriteFile(cfgPath, []byte("[store]\npath = \""+f.cfg.Store.Path+"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	old := cliClock
	cliClock = f.clock
	defer func() { cliClock = old }()
	run := func(args ...string) (string, int) {
		var out, errb bytes.Buffer
		env := &Env{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }, Logger: f.part.log}
		code := Run(f.ctx, env, append(args, "--config", cfgPath))
		return out.String() + errb.String(), code
	}
	out, code := run("cases", "--overdue", "--json")
	var rows []caseListRow
	if code != 0 || json.Unmarshal([]byte(out), &rows) != nil || len(rows) != 1 || rows[0].Ref != "KSCMP-2026-0001" || rows[0].Received != 2 || rows[0].Requested != 4 {
		t.Errorf("cases --overdue: %d %s", code, out)
	}
	out, code = run("case", "KSCMP-2026-0001")
	for _, want := range []string{"awaiting summaries", "OVERDUE", "Kestmoor Police", "received unverified", "case.created", "summary.received"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("case output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Alex") || strings.Contains(out, "2012-02-14") {
		t.Errorf("case output shows the child's identity:\n%s", out)
	}
	if out, code = run("outcome", "KSCMP-2026-0001", "--decision", "maybe", "--reason", "x", "--by", "y"); code != 2 {
		t.Errorf("bad decision: %d %s", code, out)
	}
	out, code = run("outcome", "KSCMP-2026-0001", "--decision", "lcspr", "--reason", "multi-agency learning", "--by", "A. Chair")
	if code != 0 || !strings.Contains(out, "outcome:KSCMP-2026-0001") {
		t.Fatalf("outcome: %d %s", code, out)
	}
	if n := f.outbox()["outcome:KSCMP-2026-0001"].Notice; n.Decision != "lcspr" || n.To[0] != "dana.inventa@kestmoor-hospitals.nhs.example" {
		t.Errorf("outcome notice %+v", n)
	}
	if out, code = run("outcome", "KSCMP-2026-0001", "--decision", "lcspr", "--reason", "again", "--by", "A. Chair"); code != 1 || !strings.Contains(out, "transition not allowed") {
		t.Errorf("second outcome: %d %s", code, out)
	}
	// A decided case is chased no more (case 2 still is).
	count := func() (n int) {
		for k := range f.outbox() {
			if strings.Contains(k, "KSCMP-2026-0001") {
				n++
			}
		}
		return n
	}
	f.clock.Set(london("2026-12-01 09:00"))
	before = count()
	f.runOnce()
	if after := count(); after != before {
		t.Errorf("after the decision %d more notices for case 1", after-before)
	}
	if _, ok := f.outbox()["escalation:KSCMP-2026-0002:education"]; !ok {
		t.Error("case 2, running again, was not escalated")
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
