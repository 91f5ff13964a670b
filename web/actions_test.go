package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/internal/casegen"
)

// snapshot is what "nothing changed" compares: every case, every
// message's state, every email, and every audit line but the records of
// someone looking (views, downloads, signing in and out).
func (r *rig) snapshot() string {
	r.t.Helper()
	var b strings.Builder
	err := r.store.Update(context.Background(), func(tx intake.Tx) error {
		cases, err := tx.Cases(intake.CaseFilter{})
		if err != nil {
			return err
		}
		for _, c := range cases {
			doc, _ := json.Marshal(c)
			b.Write(doc)
		}
		msgs, err := tx.Messages(intake.MessageFilter{})
		if err != nil {
			return err
		}
		for _, m := range msgs {
			fmt.Fprintf(&b, "|m%d %s %s", m.ID, m.State, m.StateDetail)
		}
		rows, err := tx.ListOutbox(intake.OutboxFilter{})
		if err != nil {
			return err
		}
		for _, o := range rows {
			fmt.Fprintf(&b, "|o%d %s %s %s", o.ID, o.Key, o.State, o.LastError)
		}
		trail, err := tx.AuditTrail("")
		for _, e := range trail {
			if !strings.HasSuffix(e.Action, ".viewed") && !strings.HasSuffix(e.Action, "downloaded") && !strings.HasPrefix(e.Action, "web.") {
				fmt.Fprintf(&b, "|a%d %s", e.ID, e.Action)
			}
		}
		return err
	})
	if err != nil {
		r.t.Fatal(err)
	}
	return b.String()
}

func TestAcceptShowsTheResult(t *testing.T) {
	r := newRig(t)
	c := r.login(teamEmail)
	r.get("/cases/"+r.ready+"/do/accept", c).mustContain(t, "Accept the referral for rapid review", `action="/cases/`+r.ready+`/do/accept"`)
	res := r.post("/cases/"+r.ready+"/do/accept", url.Values{"reason": {"Meets every criterion"}}, c)
	res.redirectsTo(t, "/cases/"+r.ready+"?done=accept")
	cs := r.caseOf(r.ready)
	if cs.State != intake.StateAwaitingSummaries || cs.Route == nil || cs.Route.By != team || cs.Route.Reason != "Meets every criterion" {
		t.Fatalf("after accepting: %s, %+v", cs.State, cs.Route)
	}
	loc, _, _ := strings.Cut(res.Header.Get("Location"), "#") // a browser keeps the fragment
	page := r.get(loc, c).mustStatus(t, http.StatusOK)
	page.mustContain(t, "The referral was accepted for rapid review", "Awaiting summaries", "Day 1 is Friday 20 November 2026",
		"Kestmoor Police", "Summary request", "route.accept", "Ann Example &lt;"+teamEmail+"&gt;")
	page.mustNotContain(t, `id="do-accept"`)
}

func TestActionErrorsKeepTheForm(t *testing.T) {
	r := newRig(t)
	c := r.login(teamEmail)
	before := r.snapshot()
	// Missing input: the summary links to the field; nothing is done.
	res := r.post("/cases/"+r.ready+"/do/correct", url.Values{"field": {"child_name"}, "value": {"Amelia Q. Hartley"}, "reason": {""}}, c).
		mustStatus(t, http.StatusUnprocessableEntity)
	res.mustContain(t, "There is a problem", `<a href="#correct-reason">Enter the reason</a>`, `<title>Error: Correct an answer`,
		`>Amelia Q. Hartley</textarea>`, `<option value="child_name" selected>`, `aria-describedby="correct-reason-hint correct-reason-error"`)
	// A choice not offered.
	r.post("/cases/"+r.ready+"/do/correct", url.Values{"field": {"secret_column"}, "value": {"x"}, "reason": {"y"}}, c).
		mustStatus(t, http.StatusUnprocessableEntity).mustContain(t, `href="#correct-field"`)
	// Not a date.
	r.post("/cases/"+r.accepted+"/do/extend", url.Values{"agency": {"education"}, "due": {"31/11/2026"}, "reason": {"y"}}, c).
		mustStatus(t, http.StatusUnprocessableEntity).mustContain(t, "New due date must be a real date")
	// Casework refuses: its words, on the same page, the text kept.
	res = r.post("/cases/"+r.accepted+"/do/accept", url.Values{"reason": {"Second look: still meets the criteria"}}, c).
		mustStatus(t, http.StatusUnprocessableEntity)
	res.mustContain(t, r.accepted+" is accepted, waiting for the agency summaries: a route is chosen only for a referral waiting for one.",
		">Second look: still meets the criteria</textarea>")
	res = r.post("/cases/"+r.incomplete+"/do/accept", url.Values{"reason": {"Looks serious"}}, c).mustStatus(t, http.StatusUnprocessableEntity)
	res.mustContain(t, "cannot be accepted yet: information is missing (child&#39;s date of birth)", ">Looks serious</textarea>")
	res = r.post("/cases/"+r.accepted+"/do/reassign", url.Values{"agency": {"education"}, "address": {"new.spoc@school.example"}, "reason": {"moved"}}, c)
	res.redirectsTo(t, "/cases/"+r.accepted+"?done=reassign")
	before2 := r.snapshot()
	if before2 == before {
		t.Fatal("the reassignment changed nothing")
	}
	// A future date for a step.
	r.post("/cases/"+r.accepted+"/do/record-step", url.Values{"step": {"collation"}, "on": {"2026-12-01"}}, c).
		mustStatus(t, http.StatusUnprocessableEntity).mustContain(t, "is in the future: record a step once it is done", `value="2026-12-01"`)
	// Anything else: said plainly, the detail only in the log, nothing lost.
	r.cw.Store = failingAudit{r.store.Store}
	r.post("/cases/"+r.accepted+"/do/extend", url.Values{"agency": {"education"}, "due": {"2026-12-11"}, "reason": {"asked"}}, c).
		mustStatus(t, http.StatusUnprocessableEntity).mustContain(t, "This could not be done: something went wrong inside intake, and nothing was changed.", `value="2026-12-11"`).
		mustNotContain(t, "disk full")
	r.cw.Store = r.store.Store
	if after := r.snapshot(); after != before2 {
		t.Errorf("refused or incomplete forms changed the store:\n%s\n%s", before2, after)
	}
	// Unknown case or action.
	r.post("/cases/KSCMP-2099-0001/do/accept", url.Values{"reason": {"x"}}, c).mustStatus(t, http.StatusNotFound)
	r.post("/cases/"+r.ready+"/do/delete", url.Values{}, c).mustStatus(t, http.StatusNotFound)
}

func TestRecordStepAndOutcome(t *testing.T) {
	r := newRig(t)
	c := r.login(teamEmail)
	ref := r.accepted
	form := r.get("/cases/"+ref+"/do/record-step?step=collation", c)
	form.mustContain(t, `<option value="collation" selected>`, `value="2026-11-20"`, `<option value="la_notification">`)
	form.mustNotContain(t, `<option value="sos_ofsted_notification">`, `<option value="rapid_review">`)
	r.post("/cases/"+ref+"/do/record-step", url.Values{"step": {"la_notification"}, "on": {"2026-11-19"}, "note": {"phoned the Panel"}}, c).
		redirectsTo(t, "/cases/"+ref+"?done=record-step")
	// The same form sent again (a double click, the browser's back button):
	// nothing changes, and the page says why the choice is gone.
	r.post("/cases/"+ref+"/do/record-step", url.Values{"step": {"la_notification"}, "on": {"2026-11-20"}, "note": {"again"}}, c).
		mustStatus(t, http.StatusUnprocessableEntity).
		mustContain(t, "Choose one of the options for step: the choices may have changed since this form was opened")
	page := r.get("/cases/"+ref+"?done=record-step", c)
	page.mustContain(t, "The step was recorded.", "Thursday 19 November 2026, recorded by "+teamName+" &lt;"+teamEmail+"&gt;", "phoned the Panel")
	if rec, ok := r.caseOf(ref).Recorded(intake.StepNotification); !ok || rec.By != team || rec.How != "phoned the Panel" {
		t.Errorf("the step: %+v", rec)
	}
	r.post("/cases/"+ref+"/do/outcome", url.Values{"decision": {"lcspr"}, "reason": {"Significant learning about information sharing"}}, c).
		redirectsTo(t, "/cases/"+ref+"?done=outcome")
	r.get("/cases/"+ref, c).mustContain(t, "A local child safeguarding practice review will be commissioned.",
		"Significant learning about information sharing", "Amend the outcome", "Outcome")
	if o := r.caseOf(ref).Outcome; o == nil || o.Decision != intake.DecisionLCSPR || o.By != team {
		t.Errorf("the outcome: %+v", o)
	}
	r.post("/cases/"+ref+"/do/outcome", url.Values{"decision": {"weekly_review"}, "reason": {"x"}}, c).
		mustStatus(t, http.StatusUnprocessableEntity).mustContain(t, "Choose one of the options for decision")
	r.get("/cases/"+ref+"/do/amend-outcome", c).mustContain(t, `value="lcspr" checked`, "Significant learning about information sharing</textarea>")
	r.post("/cases/"+ref+"/do/amend-outcome", url.Values{"decision": {"alternative_review"}, "rationale": {"A learning review fits better"}, "reason": {"the group met again"}}, c).
		redirectsTo(t, "/cases/"+ref+"?done=amend-outcome")
	if o := r.caseOf(ref).Outcome; o.Decision != intake.DecisionAlternativeReview || o.Amendments != 1 {
		t.Errorf("the amended outcome: %+v", o)
	}
}

func TestCorrectAndAskReferrer(t *testing.T) {
	r := newRig(t)
	c := r.login(teamEmail)
	r.get("/cases/"+r.incomplete+"/do/correct?field=child_dob", c).mustContain(t, `<option value="child_dob" selected>`)
	r.post("/cases/"+r.incomplete+"/do/correct", url.Values{"field": {"child_dob"}, "value": {"03/02/2014"}, "reason": {"the referrer phoned"}}, c).
		redirectsTo(t, "/cases/"+r.incomplete+"?done=correct")
	cs := r.caseOf(r.incomplete)
	if cs.Referral.ChildDOB != "2014-02-03" || cs.Screening.Verdict != intake.VerdictMeetsCriteria || !strings.HasPrefix(cs.Sources["child_dob"], "corrected by "+team) {
		t.Errorf("after the correction: %q %s %q", cs.Referral.ChildDOB, cs.Screening.Verdict, cs.Sources["child_dob"])
	}
	r.get("/cases/"+r.incomplete, c).mustContain(t, "3 February 2014", "corrected by "+teamName)
	// Asking the referrer: the boxes are what screening found missing.
	r2 := newRig(t)
	c2 := r2.login(teamEmail)
	r2.get("/cases/"+r2.incomplete+"/do/ask-referrer", c2).mustContain(t, `name="ask" value="child_dob"`)
	r2.post("/cases/"+r2.incomplete+"/do/ask-referrer", url.Values{"ask": {"child_dob"}, "reason": {"needed to search records"}}, c2).
		redirectsTo(t, "/cases/"+r2.incomplete+"?done=ask-referrer")
	if cs := r2.caseOf(r2.incomplete); cs.State != intake.StateAwaitingReferrer || len(cs.AskedFor) != 1 || cs.AskedFor[0] != "child_dob" {
		t.Errorf("after asking: %s %v", cs.State, cs.AskedFor)
	}
	r2.post("/cases/"+r2.ready+"/do/ask-referrer", url.Values{"ask": {"password"}, "reason": {"x"}}, c2).
		mustStatus(t, http.StatusUnprocessableEntity).mustContain(t, "Choose among the options for what to ask for")
}

func TestMailActions(t *testing.T) {
	r := newRig(t)
	c := r.login(teamEmail)
	q := strconv.FormatInt(r.question, 10)
	r.get("/mail", c).mustContain(t, "Re: ["+r.accepted+"] Agency summary requested", "Needs a person", casegen.SchoolSPOC)
	r.get("/mail/"+q, c).mustContain(t, "File it as an agency's summary", `id="raw"`)
	r.get("/mail/"+q+"/do/attach", c).mustContain(t, `value="`+r.accepted+`"`, `<option value="education">`)
	r.post("/mail/"+q+"/do/attach", url.Values{"ref": {"KSCMP-2099-0001"}, "agency": {"education"}, "reason": {"checked by phone"}}, c).
		mustStatus(t, http.StatusUnprocessableEntity).mustContain(t, "There is no case KSCMP-2099-0001.")
	r.post("/mail/"+q+"/do/attach", url.Values{"ref": {strings.ToLower(r.accepted)}, "agency": {"education"}, "reason": {"checked by phone"}}, c).
		redirectsTo(t, "/cases/"+r.accepted+"?done=mail-attach")
	r.get("/cases/"+r.accepted+"?done=mail-attach", c).mustContain(t, "The summary was filed on the case.")
	if req, _ := r.caseOf(r.accepted).RequestFor("education"); req.Status != intake.SummaryReceived || req.By != team || req.Message != r.question {
		t.Errorf("the school's request: %+v", req)
	}
	r.get("/mail", c).mustContain(t, "No message is waiting for a person.")
	// The message is filed: the queue's actions are no longer offered,
	// and casework refuses them.
	r.get("/mail/"+q, c).mustNotContain(t, `id="do-attach"`)
	r.post("/mail/"+q+"/do/dismiss", url.Values{"reason": {"x"}}, c).mustStatus(t, http.StatusUnprocessableEntity)
}

func TestOutboxActions(t *testing.T) {
	r := newRig(t)
	c := r.login(teamEmail)
	failed, held := strconv.FormatInt(r.failedEmail, 10), strconv.FormatInt(r.heldEmail, 10)
	r.get("/outbox", c).mustContain(t, "550 5.1.1 no such user", `action="/outbox/`+failed+`/retry"`, `action="/outbox/`+held+`/release"`)
	r.get("/outbox?state=held", c).mustContain(t, `id="email-`+held+`"`).mustNotContain(t, `id="email-`+failed+`"`)
	r.post("/outbox/"+failed+"/retry", url.Values{}, c).redirectsTo(t, "/outbox?done=retry")
	r.post("/outbox/"+failed+"/retry", url.Values{}, c).mustStatus(t, http.StatusUnprocessableEntity).mustContain(t, "Email "+failed+" is pending, not failed")
	r.post("/outbox/"+held+"/release", url.Values{}, c).redirectsTo(t, "/outbox?done=release")
	r.post("/outbox/99999/retry", url.Values{}, c).mustStatus(t, http.StatusNotFound)
	r.post("/outbox/"+held+"/delete", url.Values{}, c).mustStatus(t, http.StatusNotFound)
	l := r.store.Lines("outbox.retry")
	if len(l) != 2 || l[0].Actor != team || !strings.Contains(l[0].Detail, "tried again from the work queue") || !strings.Contains(l[1].Detail, "released") {
		t.Errorf("audit %+v", l)
	}
}

func TestTodayAndCases(t *testing.T) {
	r := newRig(t)
	c := r.login(viewerEmail)
	res := r.get("/", c).mustStatus(t, http.StatusOK)
	res.mustContain(t, "Referrals to accept or route", `href="/cases/`+r.ready+`"`, "Accept or route the referral",
		`href="/mail/`+strconv.FormatInt(r.question, 10)+`"`, `href="/outbox#email-`+strconv.FormatInt(r.failedEmail, 10)+`"`,
		"Waiting on the referrer", `href="/cases/`+r.asked+`"`, `aria-current="page">Today`)
	name, _ := casegen.Child(0)
	res = r.get("/cases?q="+url.QueryEscape(strings.ToLower(name)), c).mustStatus(t, http.StatusOK)
	if n := strings.Count(res.Body, `<td><a href="/cases/`); n != 1 || !strings.Contains(res.Body, r.ready) {
		t.Errorf("the search for %s found %d cases", name, n)
	}
	res.mustContain(t, "A. H.", "Clear the filters").mustNotContain(t, name) // initials only
	r.get("/cases?q=nobody-by-this-name", c).mustContain(t, "0 cases match.")
	r.get("/cases?q=kestmoor+primary", c).mustContain(t, "5 cases match.")
	r.get("/cases?state=awaiting_referrer", c).mustContain(t, `<option value="awaiting_referrer" selected>`, "1 case matches.")
	r.get("/cases?overdue=1", c).mustContain(t, "5 cases match.") // the statutory notification, not recorded
}

// A child's name already written as initials shows as those initials,
// by the rule linking uses; a short name shows only its first letter.
func TestCaseListInitials(t *testing.T) {
	r := newRig(t)
	c := r.login(viewerEmail)
	for i, w := range []struct{ child, shown string }{{"J.D.", "J. D."}, {"JD", "J. D."}, {"Amy Zed", "A. Z."}, {"Amy", "A."}} {
		_, ref, err := deliverRaw(r, casegen.Referral{Child: w.child}.Email(10+i, r.clock.Now()))
		if err != nil {
			t.Fatal(err)
		}
		r.get("/cases?q="+url.QueryEscape(ref), c).mustContain(t, "<td>"+w.shown+"</td>")
	}
}

func TestCasesPages(t *testing.T) {
	r := newRig(t)
	if _, err := casegen.Cases(context.Background(), r.store, r.cw, 100, 116); err != nil {
		t.Fatal(err)
	}
	c := r.login(teamEmail)
	res := r.get("/cases", c).mustContain(t, "121 cases.", "Page 1 of 3", `rel="next" href="/cases?page=2"`)
	res.mustNotContain(t, `rel="prev"`)
	r.get("/cases?page=3", c).mustContain(t, "Page 3 of 3", `rel="prev" href="/cases?page=2"`)
	// Today lists the first of a long list, with a link to the rest.
	res = r.get("/", c).mustStatus(t, http.StatusOK)
	res.mustContain(t, `<h2 id="decisions">Referrals to accept or route <span class="count">119</span>`, `<a href="/cases?state=received">See all 119`)
	i := strings.Index(res.Body, `id="decisions"`)
	j := strings.Index(res.Body, `id="statutory"`)
	if n := strings.Count(res.Body[i:j], "<li>"); n != todayLimit {
		t.Errorf("%d decisions listed, want %d", n, todayLimit)
	}
}

func TestDates(t *testing.T) {
	for in, want := range map[time.Time]string{
		time.Date(2026, 11, 20, 9, 5, 0, 0, time.UTC):  "Friday 20 November 2026",
		time.Date(2026, 6, 30, 23, 30, 0, 0, time.UTC): "Wednesday 1 July 2026", // BST: already the 1st in London
		{}: "",
	} {
		if got := FormatDate(in); got != want {
			t.Errorf("FormatDate(%v) = %q, want %q", in, got, want)
		}
	}
	if got := FormatDateTime(time.Date(2026, 6, 30, 8, 5, 0, 0, time.UTC)); got != "Tuesday 30 June 2026 at 9:05am" {
		t.Errorf("FormatDateTime = %q", got)
	}
	if got := durationWords(90 * time.Minute); got != "1 hour 30 minutes" {
		t.Errorf("durationWords = %q", got)
	}
}

func TestPasswords(t *testing.T) {
	h, err := HashPassword("correct horse battery staple", cheapPasswords)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Errorf("hash %q", h)
	}
	if ok, err := VerifyPassword("correct horse battery staple", h); !ok || err != nil {
		t.Errorf("the right password: %v, %v", ok, err)
	}
	if ok, _ := VerifyPassword("correct horse battery stapler", h); ok {
		t.Error("a wrong password matched")
	}
	if h2, _ := HashPassword("correct horse battery staple", cheapPasswords); h2 == h {
		t.Error("two hashes share a salt")
	}
	for _, bad := range []string{"", "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", "$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", "plain"} {
		if ok, err := VerifyPassword("x", bad); ok || err == nil {
			t.Errorf("VerifyPassword(%q) = %v, %v", bad, ok, err)
		}
	}
	if CheckPassword("short") == nil || CheckPassword("three random words") != nil {
		t.Error("CheckPassword")
	}
	if err := DefaultPasswordParams().Validate(); err != nil {
		t.Error(err)
	}
}

func TestUserAdmin(t *testing.T) {
	clock := newTestClock()
	m := openTestStore(t, clock)
	u := UserAdmin{Store: m, Params: cheapPasswords}
	ctx := t.Context()
	if err := u.Add(ctx, "root", "Bea.Team@Kestmoor.example.org", "Bea Team", intake.RoleBusinessTeam, "short"); intake.ErrorCode(err) != intake.EINVALID {
		t.Errorf("a short password: %v", err)
	}
	if err := u.Add(ctx, "root", "not an address", "Bea Team", intake.RoleBusinessTeam, password); intake.ErrorCode(err) != intake.EINVALID {
		t.Errorf("a bad address: %v", err)
	}
	if err := u.Add(ctx, "root", "Bea.Team@Kestmoor.example.org", "Bea Team", intake.RoleBusinessTeam, password); err != nil {
		t.Fatal(err)
	}
	if err := u.Add(ctx, "root", "bea.team@kestmoor.example.org", "Bea", intake.RoleViewer, password); intake.ErrorCode(err) != intake.ECONFLICT {
		t.Errorf("adding twice: %v", err)
	}
	a, _ := m.Account("bea.team@kestmoor.example.org")
	if ok, _ := VerifyPassword(password, a.PasswordHash); !ok || a.Name != "Bea Team" || a.Role != intake.RoleBusinessTeam || !a.CreatedAt.Equal(testNow) {
		t.Fatalf("account %+v", a)
	}
	// Lock it, then a new password unlocks it and ends its sessions.
	a.LockedUntil = testNow.Add(time.Hour)
	m.put(a)
	m.createSession(intake.Session{Key: "k", Email: a.Email, CreatedAt: testNow, LastSeen: testNow})
	if err := u.SetPassword(ctx, "root", a.Email, "a whole new passphrase"); err != nil {
		t.Fatal(err)
	}
	a, _ = m.Account(a.Email)
	if a.Locked(testNow) || a.FailedLogins != 0 {
		t.Errorf("still locked after a new password: %+v", a)
	}
	if ok, _ := VerifyPassword("a whole new passphrase", a.PasswordHash); !ok {
		t.Error("the new password does not match")
	}
	if _, err := m.Session("k"); err == nil {
		t.Error("a session survived the new password")
	}
	if err := u.SetRole(ctx, "root", a.Email, intake.RoleViewer); err != nil {
		t.Fatal(err)
	}
	if err := u.Unlock(ctx, "root", a.Email); err != nil {
		t.Fatal(err)
	}
	if list, err := u.List(ctx); err != nil || len(list) != 1 || list[0].Role != intake.RoleViewer {
		t.Errorf("List = %+v, %v", list, err)
	}
	if err := u.Remove(ctx, "root", a.Email); err != nil {
		t.Fatal(err)
	}
	if err := u.Remove(ctx, "root", a.Email); !errors.Is(err, intake.ErrNotFound) {
		t.Errorf("removing twice: %v", err)
	}
	var actions []string
	for _, l := range m.Lines("") {
		actions = append(actions, l.Action+" by "+l.Actor)
	}
	if got := strings.Join(actions, ", "); got != "web.account_added by root, web.password_set by root, web.role_set by root, web.account_unlocked by root, web.account_removed by root" {
		t.Errorf("audit: %s", got)
	}
	if p := GeneratePassword(); CheckPassword(p) != nil || p == GeneratePassword() {
		t.Errorf("GeneratePassword = %q", p)
	}
}

func TestMergeAndUnlink(t *testing.T) {
	r := newRig(t)
	c := r.login(teamEmail)
	r.get("/cases/"+r.ready2, c).mustContain(t, `id="do-merge"`)
	r.get("/cases/"+r.accepted, c).mustNotContain(t, `id="do-merge"`) // it has asked agencies
	r.post("/cases/"+r.ready2+"/do/merge", url.Values{"into": {r.ready2}, "reason": {"same child"}}, c).
		mustStatus(t, http.StatusUnprocessableEntity).mustContain(t, "A case cannot be linked to itself.")
	r.post("/cases/"+r.ready2+"/do/merge", url.Values{"into": {strings.ToLower(r.ready)}, "reason": {"the same child and incident"}}, c).
		redirectsTo(t, "/cases/"+r.ready2+"?done=merge")
	if c2 := r.caseOf(r.ready2); c2.State != intake.StateClosed || c2.Closure.Reason != "merged" {
		t.Fatalf("the merged case: %s %+v", c2.State, c2.Closure)
	}
	target := r.caseOf(r.ready)
	if len(target.Referrals) != 2 || !target.Referrals[1].Linked || target.Referrals[1].By != team {
		t.Fatalf("the case merged into: %+v", target.Referrals)
	}
	id := strconv.FormatInt(target.Referrals[1].Message, 10)
	r.get("/cases/"+r.ready, c).mustContain(t, "A further referral from", `/do/unlink?message=`+id)
	r.get("/cases/"+r.ready+"/do/unlink?message="+id, c).mustContain(t, `<option value="`+id+`" selected>`)
	r.post("/cases/"+r.ready+"/do/unlink", url.Values{"message": {id}, "reason": {"another child after all"}}, c).
		redirectsTo(t, "/cases/"+r.ready+"?done=unlink")
	if n := len(r.caseOf(r.ready).Referrals); n != 1 {
		t.Errorf("%d referrals left on the case, want 1", n)
	}
	if l := r.store.Lines("case.unlinked"); len(l) != 1 || l[0].Actor != team {
		t.Errorf("audit %+v", l)
	}
}

func TestSummaryByHand(t *testing.T) {
	r := newRig(t)
	c := r.login(teamEmail)
	page := r.get("/cases/"+r.accepted+"/do/summary-by-hand?agency=education", c)
	page.mustContain(t, `enctype="multipart/form-data"`, `type="file"`, `<option value="education" selected>`)
	post := func(file []byte) response {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		mw.WriteField("agency", "education")
		mw.WriteField("reason", "handed over at the partnership meeting")
		if file != nil {
			fw, _ := mw.CreateFormFile("file", "school-summary.txt")
			fw.Write(file)
		}
		mw.Close()
		return r.request(http.MethodPost, "/cases/"+r.accepted+"/do/summary-by-hand", nil, c, "Content-Type", mw.FormDataContentType(), "Body", body.String())
	}
	post(nil).mustStatus(t, http.StatusUnprocessableEntity).mustContain(t, "Choose the summary&#39;s file", "handed over at the partnership meeting</textarea>")
	post([]byte("Agency: Kestmoor Primary School\nSummary of involvement: attendance concerns since 2025.\n")).redirectsTo(t, "/cases/"+r.accepted+"?done=summary-by-hand")
	req, _ := r.caseOf(r.accepted).RequestFor("education")
	if req.Status != intake.SummaryReceived || req.By != team || req.Message == 0 {
		t.Fatalf("the school's request: %+v", req)
	}
	res := r.get("/mail/"+strconv.FormatInt(req.Message, 10)+"/files/1", c).mustStatus(t, http.StatusOK)
	if !strings.Contains(res.Body, "attendance concerns since 2025") {
		t.Errorf("the recorded file: %q", res.Body)
	}
}
