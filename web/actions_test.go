package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake"
)

func TestAcceptShowsTheResult(t *testing.T) {
	r := newRig(t)
	c := r.login(teamEmail)
	r.get("/cases/KSCMP-2026-0004/do/accept", c).mustContain(t, "Accept the referral for rapid review", `action="/cases/KSCMP-2026-0004/do/accept"`)
	res := r.post("/cases/KSCMP-2026-0004/do/accept", url.Values{"reason": {"Meets every criterion"}}, c)
	res.redirectsTo(t, "/cases/KSCMP-2026-0004?done=accept")
	if calls := r.backend.Calls(); len(calls) != 1 || calls[0] != "accept KSCMP-2026-0004 by "+teamEmail {
		t.Errorf("calls %q", calls)
	}
	loc, _, _ := strings.Cut(res.Header.Get("Location"), "#") // a browser keeps the fragment
	page := r.get(loc, c).mustStatus(t, http.StatusOK)
	page.mustContain(t, "The referral was accepted for rapid review", "Awaiting summaries", "Day 1 is Friday 20 November 2026",
		"Kestmoor Police", "Accepted for rapid review", "Ann Example &lt;"+teamEmail+"&gt;")
	if strings.Contains(page.Body, `id="do-accept"`) {
		t.Error("the decision buttons are still offered")
	}
}

func TestActionErrorsKeepTheForm(t *testing.T) {
	r := newRig(t)
	c := r.login(teamEmail)
	// Missing input: the summary links to the field; nothing is done.
	res := r.post("/cases/KSCMP-2026-0001/do/correct", url.Values{"field": {"child_name"}, "value": {"Amelia Q. Hartley"}, "reason": {""}}, c).
		mustStatus(t, http.StatusUnprocessableEntity)
	res.mustContain(t, "There is a problem", `<a href="#correct-reason">Enter the reason</a>`, `<title>Error: Correct a field`,
		`>Amelia Q. Hartley</textarea>`, `<option value="child_name" selected>`, `aria-describedby="correct-reason-hint correct-reason-error"`)
	// A choice not offered.
	r.post("/cases/KSCMP-2026-0001/do/correct", url.Values{"field": {"secret_column"}, "value": {"x"}, "reason": {"y"}}, c).
		mustStatus(t, http.StatusUnprocessableEntity).mustContain(t, `href="#correct-field"`)
	// Not a date.
	r.post("/cases/KSCMP-2026-0001/do/extend", url.Values{"agency": {"police"}, "due": {"31/11/2026"}, "reason": {"y"}}, c).
		mustStatus(t, http.StatusUnprocessableEntity).mustContain(t, "New due date must be a real date")
	if calls := r.backend.Calls(); len(calls) != 0 {
		t.Fatalf("an incomplete form reached the backend: %q", calls)
	}
	// The backend refuses: its words, on the same page, the text kept.
	res = r.post("/cases/KSCMP-2026-0001/do/accept", url.Values{"reason": {"Second look: still meets the criteria"}}, c).
		mustStatus(t, http.StatusUnprocessableEntity)
	res.mustContain(t, "KSCMP-2026-0001 has already been decided: there is nothing to accept or route", ">Second look: still meets the criteria</textarea>")
	// A field named by the refusal is linked.
	r.post("/cases/KSCMP-2026-0001/do/no-involvement", url.Values{"agency": {"police"}, "reason": {"no record"}}, c).redirectsTo(t, "/cases/")
	r.backend.failing["reassign"] = Refuse("address", "That address bounced before: give another")
	r.post("/cases/KSCMP-2026-0001/do/reassign", url.Values{"agency": {"la"}, "address": {"old@la.example.org"}, "reason": {"moved"}}, c).
		mustStatus(t, http.StatusUnprocessableEntity).mustContain(t, `<a href="#reassign-address">That address bounced before: give another</a>`, `value="old@la.example.org"`)
	// Any other error: said plainly, and nothing lost.
	r.backend.failing["extend"] = errors.New("casework: the store is busy")
	r.post("/cases/KSCMP-2026-0001/do/extend", url.Values{"agency": {"la"}, "due": {"2026-12-11"}, "reason": {"asked"}}, c).
		mustStatus(t, http.StatusUnprocessableEntity).mustContain(t, "This could not be done: the store is busy. Nothing was changed.", `value="2026-12-11"`)
	// Unknown case or action.
	r.post("/cases/KSCMP-2099-0001/do/accept", url.Values{"reason": {"x"}}, c).mustStatus(t, http.StatusNotFound)
	r.post("/cases/KSCMP-2026-0001/do/delete", url.Values{}, c).mustStatus(t, http.StatusNotFound)
}

func TestRecordStepAndOutcome(t *testing.T) {
	r := newRig(t)
	c := r.login(teamEmail)
	form := r.get("/cases/KSCMP-2026-0001/do/record-step?step=collated", c)
	form.mustContain(t, `<option value="collated" selected>`, `value="2026-11-20"`, `<option value="la_notification">`)
	r.post("/cases/KSCMP-2026-0001/do/record-step", url.Values{"step": {"la_notification"}, "on": {"2026-11-19"}, "note": {"phoned the Panel"}}, c).
		redirectsTo(t, "/cases/KSCMP-2026-0001?done=record-step")
	page := r.get("/cases/KSCMP-2026-0001?done=record-step", c)
	page.mustContain(t, "The step was recorded.", "Thursday 19 November 2026, Ann Example")
	r.post("/cases/KSCMP-2026-0001/do/outcome", url.Values{"decision": {"lcspr"}, "reason": {"Significant learning about information sharing"}}, c).
		redirectsTo(t, "/cases/KSCMP-2026-0001?done=outcome")
	r.get("/cases/KSCMP-2026-0001", c).mustContain(t, "A local child safeguarding practice review will be commissioned.",
		"Significant learning about information sharing", "Amend the outcome")
	r.post("/cases/KSCMP-2026-0001/do/outcome", url.Values{"decision": {"weekly_review"}, "reason": {"x"}}, c).
		mustStatus(t, http.StatusUnprocessableEntity).mustContain(t, "Choose one of the options for decision")
}

func TestMailActions(t *testing.T) {
	r := newRig(t)
	c := r.login(teamEmail)
	r.get("/mail", c).mustContain(t, "Re: Agency summary request KSCMP-2026-0001", "A question", "Could not be read",
		"The attached form is a scanned image: no text could be read from it.", "head@brambleford.example.org")
	r.get("/mail/901/do/attach", c).mustContain(t, `value="KSCMP-2026-0001"`, `<option value="police" selected>`)
	r.post("/mail/901/do/attach", url.Values{"ref": {"KSCMP-2099-0001"}, "agency": {"police"}}, c).
		mustStatus(t, http.StatusUnprocessableEntity).mustContain(t, `<a href="#attach-ref">There is no case KSCMP-2099-0001. Check the reference.</a>`)
	r.post("/mail/901/do/attach", url.Values{"ref": {"KSCMP-2026-0001"}, "agency": {"police"}}, c).
		redirectsTo(t, "/cases/KSCMP-2026-0001?done=mail-attach")
	r.get("/cases/KSCMP-2026-0001?done=mail-attach", c).mustContain(t, "The summary was filed on the case.")
	res := r.post("/mail/902/do/new-case", url.Values{}, c)
	res.redirectsTo(t, "/cases/KSCMP-2026-0013?done=mail-new-case")
	r.get("/mail", c).mustContain(t, "No message is waiting for a person.")
	r.post("/mail/902/do/dismiss", url.Values{"reason": {"x"}}, c).mustStatus(t, http.StatusNotFound)
}

func TestOutboxActions(t *testing.T) {
	r := newRig(t)
	c := r.login(teamEmail)
	r.get("/outbox", c).mustContain(t, "The receiving server refused the address", `action="/outbox/71/retry"`, `action="/outbox/72/release"`)
	r.get("/outbox?state=held", c).mustContain(t, `id="email-72"`)
	r.post("/outbox/71/retry", url.Values{}, c).redirectsTo(t, "/outbox?done=retry")
	r.post("/outbox/71/retry", url.Values{}, c).mustStatus(t, http.StatusUnprocessableEntity).mustContain(t, "Email 71 is waiting, not failed")
	r.post("/outbox/99/retry", url.Values{}, c).mustStatus(t, http.StatusNotFound)
	r.post("/outbox/72/delete", url.Values{}, c).mustStatus(t, http.StatusNotFound)
	if calls := r.backend.Calls(); len(calls) != 1 || calls[0] != "retry 71 by "+teamEmail {
		t.Errorf("calls %q", calls)
	}
}

func TestTodayAndCases(t *testing.T) {
	r := newRig(t)
	c := r.login(viewerEmail)
	res := r.get("/", c).mustStatus(t, http.StatusOK)
	res.mustContain(t, "Referrals to accept or route", `href="/cases/KSCMP-2026-0004"`, "Accept or route the referral",
		`href="/mail/902"`, `href="/outbox#email-71"`, "Waiting on the referrer", `aria-current="page">Today`)
	res = r.get("/cases?q=amelia", c).mustStatus(t, http.StatusOK)
	if n := strings.Count(res.Body, `<td><a href="/cases/`); n == 0 || !strings.Contains(res.Body, "Amelia") {
		t.Errorf("the search for amelia found %d cases", n)
	}
	res.mustContain(t, `value="amelia"`, "Clear the filters")
	r.get("/cases?q=nobody-by-this-name", c).mustContain(t, "0 cases match.")
	r.get("/cases?state=awaiting_referrer", c).mustContain(t, `<option value="awaiting_referrer" selected>`, "3 cases match.")
}

func TestTodayShowsTheFirstOfLongLists(t *testing.T) {
	r := newRig(t)
	r.backend = newFake(200, testNow)
	r.srv.backend = r.backend
	c := r.login(teamEmail)
	res := r.get("/", c).mustStatus(t, http.StatusOK)
	res.mustContain(t, `<h2 id="decisions">Referrals to accept or route <span class="count">50</span>`, `<a href="/cases?state=received">See all 50`)
	i := strings.Index(res.Body, `id="decisions"`)
	j := strings.Index(res.Body, `id="statutory"`)
	if n := strings.Count(res.Body[i:j], "<li>"); n != todayLimit {
		t.Errorf("%d decisions listed, want %d", n, todayLimit)
	}
}

func TestCasesPages(t *testing.T) {
	r := newRig(t)
	r.backend = newFake(120, testNow)
	r.srv.backend = r.backend
	c := r.login(teamEmail)
	res := r.get("/cases", c).mustContain(t, "120 cases.", "Page 1 of 3", `rel="next" href="/cases?page=2"`)
	if strings.Contains(res.Body, `rel="prev"`) {
		t.Error("page 1 has a previous page")
	}
	r.get("/cases?page=3", c).mustContain(t, "Page 3 of 3", `rel="prev" href="/cases?page=2"`)
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
	if sizeWords(48213) != "48 KB" || sizeWords(1_260_000) != "1.3 MB" || sizeWords(12) != "12 bytes" {
		t.Error("sizeWords")
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
