package casework

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake"
)

// TestReferralWaitsForAPerson checks that a referral meeting every
// criterion opens a case that asks no agency until a person accepts it.
func TestReferralWaitsForAPerson(t *testing.T) {
	b := newBench(t)
	ref := b.referral(nil)
	c := b.caseOf(ref)
	if c.State != intake.StateReceived || c.Screening.Verdict != intake.VerdictMeetsCriteria || len(c.Requests) != 0 {
		t.Fatalf("new case: state %s, verdict %s, %d requests", c.State, c.Screening.Verdict, len(c.Requests))
	}
	if ymd(c.Day1) != "2026-11-09" || ymd(c.AwareDate) != "2026-11-06" {
		t.Errorf("Day 1 %s, aware %s", ymd(c.Day1), ymd(c.AwareDate))
	}
	if got := b.outbox(); !slices.Equal(got, []string{"acknowledgement:" + ref}) {
		t.Errorf("outbox before acceptance: %v; want only the acknowledgement", got)
	}
	b.advance(2 * time.Hour)
	if err := b.cw.Accept(context.Background(), person, ref, "meets every criterion; agreed with the chair"); err != nil {
		t.Fatal(err)
	}
	c = b.caseOf(ref)
	if c.State != intake.StateAwaitingSummaries || c.Route.By != person || len(c.Requests) != 4 {
		t.Fatalf("accepted: state %s, route %+v, %d requests", c.State, c.Route, len(c.Requests))
	}
	for _, r := range c.Requests {
		if ymd(r.Due) != "2026-11-20" { // Day 10
			t.Errorf("%s due %s, want Day 10 (2026-11-20)", r.Agency, ymd(r.Due))
		}
	}
	n := b.notice("summary_request:" + ref + ":police")
	if n.ChildIdentity != "A.S., born 2012-02-14" || n.Agency != "Kestmoor Police" {
		t.Errorf("request %+v", n)
	}
	if acc := b.notice("accepted:" + ref + ":0"); ymd(acc.DueDate) != "2026-11-26" { // Day 14
		t.Errorf("accepted notice promises %s, want the Day 14 decision date", ymd(acc.DueDate))
	}
	if a := b.audit(ref); !strings.Contains(a, person+":route.accept") {
		t.Errorf("audit %s", a)
	}
}

// TestAcceptedLateKeepsTheMinimum checks that a referral accepted on Day
// 8 still gives SPOCs five working days, and puts the timetable at risk.
func TestAcceptedLateKeepsTheMinimum(t *testing.T) {
	b := newBench(t)
	ref := b.referral(nil)
	b.clock.Set(time.Date(2026, 11, 18, 10, 0, 0, 0, intake.London)) // Day 8
	if err := b.cw.Accept(context.Background(), person, ref, "late, agreed at the partners' meeting"); err != nil {
		t.Fatal(err)
	}
	c := b.caseOf(ref)
	if !c.TimetableAtRisk || ymd(c.Requests[0].Due) != "2026-11-25" {
		t.Errorf("at risk %v, due %s; want at risk and due Wed 25 Nov", c.TimetableAtRisk, ymd(c.Requests[0].Due))
	}
	if n := b.notice("accepted:" + ref + ":0"); ymd(n.DueDate) != "2026-11-26" {
		t.Errorf("decision due %s", ymd(n.DueDate))
	}
	// Accepted after the decision day: no date in the past is promised.
	b2 := newBench(t)
	ref2 := b2.referral(nil)
	b2.clock.Set(time.Date(2026, 12, 2, 10, 0, 0, 0, intake.London))
	if err := b2.cw.Accept(context.Background(), person, ref2, "very late"); err != nil {
		t.Fatal(err)
	}
	if n := b2.notice("accepted:" + ref2 + ":0"); !n.DueDate.IsZero() {
		t.Errorf("promised %s, a day already past", ymd(n.DueDate))
	}
}

// TestRouteBadInput checks each bad action ends in a clear error naming
// what to do, and changes nothing.
func TestRouteBadInput(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name   string
		fields map[string]string
		act    func(b *bench, ref string) error
		code   string
		says   string
	}{
		{"unknown reference", nil, func(b *bench, _ string) error { return b.cw.Accept(ctx, person, "KSCMP-2026-0999", "x") },
			intake.ENOTFOUND, "There is no case KSCMP-2026-0999"},
		{"missing reason", nil, func(b *bench, ref string) error { return b.cw.Accept(ctx, person, ref, "  ") },
			intake.EINVALID, "Give a reason"},
		{"missing who", nil, func(b *bench, ref string) error { return b.cw.Accept(ctx, "", ref, "x") },
			intake.EINVALID, "Say who is doing this"},
		{"incomplete", map[string]string{"DOB": ""}, func(b *bench, ref string) error { return b.cw.Accept(ctx, person, ref, "x") },
			intake.ECONFLICT, "Ask the referrer for it"},
		{"older than twelve months", map[string]string{"Incident": "01/09/2025"}, func(b *bench, ref string) error { return b.cw.Accept(ctx, person, ref, "x") },
			intake.ECONFLICT, "accept it as an exception"},
		{"exception when not old", nil, func(b *bench, ref string) error { return b.cw.AcceptException(ctx, person, ref, "x") },
			intake.ECONFLICT, "no exception is needed"},
		{"unknown partnership", nil, func(b *bench, ref string) error { return b.cw.Redirect(ctx, person, ref, "Westmarch", "x") },
			intake.EINVALID, "choose one of eastholm"},
		{"wrong state", nil, func(b *bench, ref string) error {
			if err := b.cw.NotAccepted(ctx, person, ref, "not serious harm", false); err != nil {
				return err
			}
			return b.cw.Accept(ctx, person, ref, "x")
		}, intake.ECONFLICT, "a route is chosen only for a referral waiting for one"},
		{"outcome before acceptance", nil, func(b *bench, ref string) error {
			return b.cw.RecordOutcome(ctx, person, ref, intake.DecisionLCSPR, "x")
		},
			intake.ECONFLICT, "choose the route \"not accepted\""},
		{"unknown step", nil, func(b *bench, ref string) error { return b.cw.RecordStep(ctx, person, ref, "tea", time.Time{}, "") },
			intake.EINVALID, "la_notification"},
		{"step in the future", nil, func(b *bench, ref string) error {
			return b.cw.RecordStep(ctx, person, ref, intake.StepNotification, time.Date(2026, 12, 1, 0, 0, 0, 0, intake.London), "")
		}, intake.EINVALID, "in the future"},
		{"ask for an unknown field", nil, func(b *bench, ref string) error {
			return b.cw.AskReferrer(ctx, person, ref, "x", []string{"shoe_size"})
		},
			intake.EINVALID, "not a field of the referral form"},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := newBench(t)
			ref := b.referral(c.fields)
			before := b.snapshot(ref)
			err := c.act(b, ref)
			if intake.ErrorCode(err) != c.code || !strings.Contains(intake.ErrorMessage(err), c.says) {
				t.Fatalf("err %v (%s); want %s saying %q", err, intake.ErrorCode(err), c.code, c.says)
			}
			if c.name != "wrong state" && b.snapshot(ref) != before {
				t.Errorf("a refused action changed the case:\n%s\n%s", before, b.snapshot(ref))
			}
		})
	}
}

// TestAskReferrer checks the incomplete referral's route: the referrer
// is asked, nothing goes to agencies, the referrer is reminded, and
// their reply brings the case back to a person, who accepts it.
func TestAskReferrer(t *testing.T) {
	ctx := context.Background()
	b := newBench(t)
	ref := b.referral(map[string]string{"DOB": ""})
	if c := b.caseOf(ref); c.Screening.Verdict != intake.VerdictIncomplete {
		t.Fatalf("verdict %s", c.Screening.Verdict)
	}
	if err := b.cw.AskReferrer(ctx, person, ref, "no date of birth", nil); err != nil {
		t.Fatal(err)
	}
	c := b.caseOf(ref)
	if c.State != intake.StateAwaitingReferrer || !c.Paused() || len(c.Requests) != 0 {
		t.Fatalf("asked: state %s paused %v requests %d", c.State, c.Paused(), len(c.Requests))
	}
	// Three working days later, the referrer is reminded once.
	b.clock.Set(time.Date(2026, 11, 12, 9, 0, 0, 0, intake.London))
	if _, err := b.cw.Chase(ctx); err != nil {
		t.Fatal(err)
	}
	if n := b.notice("referrer_reminder:" + ref + ":1"); len(n.Missing) != 1 || n.Missing[0] != "child_dob" {
		t.Errorf("reminder asks for %v", n.Missing)
	}
	// Their reply, quoting the reference, supplies the answer.
	b.deliver(message(t, "referral.eml", map[string]string{"Subject": "Re: [" + ref + "] More information", "ID": "m2"}))
	c = b.caseOf(ref)
	if c.State != intake.StateReceived || c.Paused() || c.Screening.Verdict != intake.VerdictMeetsCriteria || len(c.Requests) != 0 {
		t.Fatalf("after the reply: state %s paused %v verdict %s requests %d", c.State, c.Paused(), c.Screening.Verdict, len(c.Requests))
	}
	if err := b.cw.Accept(ctx, person, ref, "complete now"); err != nil {
		t.Fatal(err)
	}
	if c := b.caseOf(ref); len(c.Requests) != 4 {
		t.Errorf("accepted: %d requests", len(c.Requests))
	}
}

// TestRedirect checks an out-of-area referral forwarded to its
// partnership: the referral attached, the referrer told, the case closed.
func TestRedirect(t *testing.T) {
	b := newBench(t)
	ref := b.referral(map[string]string{"Area": "Eastholm", "InArea": "No"})
	c := b.caseOf(ref)
	if !c.Flagged(intake.FlagOutOfArea) {
		t.Fatalf("flags %v", c.Screening.Flags)
	}
	if err := b.cw.Redirect(context.Background(), person, ref, "Eastholm", "the child lives in Eastholm"); err != nil {
		t.Fatal(err)
	}
	c = b.caseOf(ref)
	if c.State != intake.StateClosed || c.Closure.Reason != intake.ClosedRedirected || c.Route.To != "eastholm" {
		t.Fatalf("redirected: %s %+v %+v", c.State, c.Closure, c.Route)
	}
	fwd := b.notice("redirect:" + ref)
	if fwd.To[0] != "referrals@eastholm-scp.example" || fwd.ForwardMessage != c.Referrals[0].Message || fwd.Neighbour == "" {
		t.Errorf("forward %+v", fwd)
	}
	if told := b.notice("redirected:" + ref + ":0"); told.To[0] != referrer || told.Neighbour != "Eastholm Safeguarding Children Partnership" {
		t.Errorf("referrer told %+v", told)
	}
	if s := c.Schedule(b.cw.Policy.Timetable, b.cw.Policy.Calendar, time.Date(2026, 12, 1, 9, 0, 0, 0, intake.London)); s.Overdue {
		t.Errorf("a redirected case is overdue: %+v", s)
	}
}

// TestNotAccepted checks the referrer is told why, and the case kept as
// local learning.
func TestNotAccepted(t *testing.T) {
	b := newBench(t)
	ref := b.referral(nil)
	if err := b.cw.NotAccepted(context.Background(), person, ref, "no abuse or neglect is suspected", true); err != nil {
		t.Fatal(err)
	}
	c := b.caseOf(ref)
	if c.State != intake.StateClosed || !c.Route.LocalLearning || c.Closure.Reason != intake.ClosedNotAccepted {
		t.Fatalf("%s %+v %+v", c.State, c.Route, c.Closure)
	}
	if n := b.notice("not_accepted:" + ref + ":0"); n.Reason != "no abuse or neglect is suspected" || n.Ending != "screened_out" {
		t.Errorf("notice %+v", n)
	}
}

func ymd(t time.Time) string { return t.In(intake.London).Format("2006-01-02") }

// TestViewingChangesNothing checks that looking at a case is audited as
// access and changes nothing of the case.
func TestViewingChangesNothing(t *testing.T) {
	b := newBench(t)
	ref := b.referral(nil)
	before := b.caseOf(ref)
	b.advance(time.Hour)
	if _, err := b.cw.ViewCase(context.Background(), person, ref); err != nil {
		t.Fatal(err)
	}
	after := b.caseOf(ref)
	if !after.UpdatedAt.Equal(before.UpdatedAt) {
		t.Errorf("viewing moved the case's update time from %v to %v", before.UpdatedAt, after.UpdatedAt)
	}
	if !strings.Contains(b.audit(ref), person+":case.viewed") {
		t.Errorf("the view is not audited: %s", b.audit(ref))
	}
	if _, err := b.cw.ViewCase(context.Background(), "", ref); intake.ErrorCode(err) != intake.EINVALID {
		t.Errorf("an anonymous view: %v", err)
	}
	b.advance(time.Hour)
	v, err := b.cw.ViewCase(context.Background(), "Second Viewer", ref)
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Access) != 2 || v.Access[0].Actor != "Second Viewer" || v.Access[1].Actor != person {
		t.Errorf("access, newest first: %+v", v.Access)
	}
	for _, e := range v.Audit {
		if e.Action == "case.viewed" {
			t.Errorf("a view in the trail of what happened: %+v", e)
		}
	}
	if len(v.Audit) == 0 {
		t.Error("the trail of what happened is empty")
	}
}
