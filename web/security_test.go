package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/internal/casegen"
)

// stateChanging is one of every kind of state-changing request, with a
// form the business team's session would get done, against the rig's
// real cases, messages and emails.
func (r *rig) stateChanging() []struct {
	path string
	form url.Values
} {
	q := strconv.FormatInt(r.question, 10)
	return []struct {
		path string
		form url.Values
	}{
		{"/cases/" + r.ready + "/do/accept", url.Values{"reason": {"meets every criterion"}}},
		{"/cases/" + r.ready2 + "/do/correct", url.Values{"field": {"child_name"}, "value": {"A. Hartley"}, "reason": {"misread"}}},
		{"/cases/" + r.accepted + "/do/record-step", url.Values{"step": {"la_notification"}, "on": {"2026-11-19"}}},
		{"/cases/" + r.accepted + "/do/no-involvement", url.Values{"agency": {"education"}, "reason": {"no record"}}},
		{"/cases/" + r.accepted + "/pack", url.Values{}},
		{"/mail/" + q + "/do/dismiss", url.Values{"reason": {"dealt with by phone"}}},
		{"/outbox/" + strconv.FormatInt(r.failedEmail, 10) + "/retry", url.Values{}},
		{"/outbox/" + strconv.FormatInt(r.heldEmail, 10) + "/release", url.Values{}},
	}
}

// TestStateChangingRequestsRefused sends every kind of state-changing
// request without a session, with a forged one, from another site with
// the business team's cookie, and with a viewer's session: each is
// refused, and the store (cases, messages, emails, audit trail) is
// exactly as it was. The same requests from the business team then go
// through, so the refusals were not for some other reason.
func TestStateChangingRequestsRefused(t *testing.T) {
	r := newRig(t)
	team := r.login(teamEmail)
	viewer := r.login(viewerEmail)
	before := r.snapshot()
	for _, sc := range r.stateChanging() {
		t.Run(sc.path, func(t *testing.T) {
			// No session: sent to sign in.
			r.post(sc.path, sc.form, nil).redirectsTo(t, "/login")
			// A stale or forged session cookie: the same.
			r.post(sc.path, sc.form, &http.Cookie{Name: r.srv.cookieName(), Value: "forged"}).redirectsTo(t, "/login")
			// Another site's page posting with the business team's cookie.
			r.request(http.MethodPost, sc.path, sc.form, team, "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example.com").
				mustStatus(t, http.StatusForbidden).mustContain(t, "another website", "Nothing was changed")
			// An older browser: no Sec-Fetch-Site, an Origin that is not this host.
			r.request(http.MethodPost, sc.path, sc.form, team, "Sec-Fetch-Site", "", "Origin", "https://evil.example.com").
				mustStatus(t, http.StatusForbidden)
			// A viewer.
			r.post(sc.path, sc.form, viewer).mustStatus(t, http.StatusForbidden).mustContain(t, "You can read but not change")
		})
	}
	if after := r.snapshot(); after != before {
		t.Errorf("refused requests changed the store:\n%s\n%s", before, after)
	}
	if n := len(r.store.Lines("pack.built")); n != 0 {
		t.Errorf("a refused pack was built")
	}
	for _, sc := range r.stateChanging() {
		res := r.post(sc.path, sc.form, team)
		if res.StatusCode != http.StatusSeeOther && res.StatusCode != http.StatusOK {
			t.Errorf("POST %s by the business team: %d\n%s", sc.path, res.StatusCode, res.Body)
		}
	}
	if r.snapshot() == before {
		t.Error("the business team's requests changed nothing either")
	}
	if cs := r.caseOf(r.ready); cs.State != intake.StateAwaitingSummaries || cs.Route.By != "Ann Example <"+teamEmail+">" {
		t.Errorf("the accepted case: %s %+v", cs.State, cs.Route)
	}
}

func TestViewerCannotOpenActionForms(t *testing.T) {
	r := newRig(t)
	viewer := r.login(viewerEmail)
	r.get("/cases/"+r.ready+"/do/accept", viewer).mustStatus(t, http.StatusForbidden)
	r.get("/mail/"+strconv.FormatInt(r.question, 10)+"/do/dismiss", viewer).mustStatus(t, http.StatusForbidden)
	res := r.get("/cases/"+r.ready, viewer).mustStatus(t, http.StatusOK)
	res.mustNotContain(t, `id="do-accept"`, `/do/correct`, `id="build-pack"`)
	r.get("/outbox", viewer).mustNotContain(t, "/retry\"", "/release\"")
	c := r.login(teamEmail)
	r.get("/cases/"+r.ready, c).mustContain(t, `id="do-accept"`, `/do/correct`, `id="build-pack"`)
}

// TestFieldValuesAreShownAsText files a referral whose answers hold
// markup and script, from a sender whose name does too, and checks that
// every page that shows them writes them as text.
func TestFieldValuesAreShownAsText(t *testing.T) {
	r := newRig(t)
	const evil = `<script>alert("x")</script><img src=x onerror=alert(1)>`
	raw := casegen.Referral{Child: "Eve " + evil, Summary: "Injured. " + evil}.Email(900, r.clock.Now())
	_, ref, err := casegen.Deliver(t.Context(), r.store, r.cw, raw)
	if err != nil || ref == "" {
		t.Fatalf("the referral: %q %v", ref, err)
	}
	id, _, err := casegen.Deliver(t.Context(), r.store, r.cw, casegen.Question(casegen.SchoolSPOC, evil, r.clock.Now()))
	if err != nil {
		t.Fatal(err)
	}
	c := r.login(teamEmail)
	r.post("/cases/"+ref+"/do/correct", url.Values{"field": {"referrer_role"}, "value": {evil}, "reason": {evil}}, c).redirectsTo(t, "/cases/"+ref)
	for _, p := range []string{"/cases/" + ref, "/cases?q=" + url.QueryEscape(evil), "/mail", "/mail/" + strconv.FormatInt(id, 10),
		"/cases/" + ref + "/do/correct?field=child_name", "/"} {
		res := r.get(p, c).mustStatus(t, http.StatusOK)
		if strings.Contains(res.Body, "<script>alert") || strings.Contains(res.Body, "<img src=x") {
			t.Errorf("%s: a value was written as markup", p)
		}
		if n := strings.Count(res.Body, "<script"); n != 1 {
			t.Errorf("%s: %d script elements, want only the external one", p, n)
		}
		if p != "/" && !strings.Contains(res.Body, "&lt;script&gt;alert(") {
			t.Errorf("%s: the value is not shown as text", p)
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	r := newRig(t)
	c := r.login(teamEmail)
	for _, res := range []response{r.get("/login", nil), r.get("/cases/"+r.ready, c), r.get("/nothing-here", c)} {
		h := res.Header
		csp := h.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "frame-ancestors 'none'", "script-src 'self'", "form-action 'self'", "object-src 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("CSP %q lacks %s", csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
			t.Errorf("CSP allows unsafe code: %q", csp)
		}
		for k, v := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",
			"X-Frame-Options": "DENY", "Cache-Control": "no-store"} {
			if h.Get(k) != v {
				t.Errorf("%s: %q, want %q", k, h.Get(k), v)
			}
		}
		if strings.Contains(res.Body, " style=") || strings.Contains(res.Body, "<style") || strings.Contains(res.Body, " onclick=") {
			t.Error("a page has inline style or script, which the CSP blocks")
		}
	}
}

func TestSessionCookie(t *testing.T) {
	r := newRig(t, func(c *Config) { c.InsecureCookie = false })
	res := r.post("/login", url.Values{"email": {teamEmail}, "password": {password}}, nil)
	c := sessionCookie(res.Response, "__Host-intake")
	if c == nil {
		t.Fatalf("no __Host-intake cookie: %v", res.Header["Set-Cookie"])
	}
	if !c.Secure || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || c.Domain != "" || c.MaxAge != 0 || !c.Expires.IsZero() {
		t.Errorf("cookie %+v: want Secure, HttpOnly, SameSite=Lax, Path=/, no Domain, no expiry", c)
	}
	if len(c.Value) < 43 {
		t.Errorf("token %q is shorter than 256 bits", c.Value)
	}
	// The store keeps the token's hash, never the token.
	if ss, err := r.store.Session(sessionKey(c.Value)); err != nil || ss.Email != teamEmail {
		t.Errorf("the session is not stored under the token's hash: %+v, %v", ss, err)
	}
	if _, err := r.store.Session(c.Value); err == nil {
		t.Error("the token itself is a stored key")
	}
	if res.Header.Get("Strict-Transport-Security") == "" {
		t.Error("no HSTS with secure cookies")
	}
	r.get("/", c).mustStatus(t, http.StatusOK)
}

func TestInsecureCookieOnlyOnLoopback(t *testing.T) {
	cfg := DefaultConfig()
	cfg.LocalAccounts = true
	cfg.InsecureCookie = true
	for addr, ok := range map[string]bool{"127.0.0.1:8080": true, "[::1]:8080": true, "localhost:80": true, "0.0.0.0:8080": false, ":8080": false, "10.1.2.3:80": false} {
		cfg.Listen = addr
		if err := cfg.Validate(); (err == nil) != ok {
			t.Errorf("insecure cookie on %s: err %v", addr, err)
		}
	}
}

func TestSessionIdleTimeout(t *testing.T) {
	r := newRig(t)
	c := r.login(teamEmail)
	r.clock.Advance(29 * time.Minute)
	r.get("/", c).mustStatus(t, http.StatusOK) // last seen now
	r.clock.Advance(29 * time.Minute)
	r.get("/cases", c).mustStatus(t, http.StatusOK)
	r.clock.Advance(30 * time.Minute) // 30 minutes idle
	res := r.get("/cases/"+r.ready, c)
	res.redirectsTo(t, "/login?")
	if loc := res.Header.Get("Location"); !strings.Contains(loc, "expired=1") || !strings.Contains(loc, "next=%2Fcases%2FKSCMP-2026-0001") {
		t.Errorf("redirect to %q", loc)
	}
	if _, err := r.store.Session(sessionKey(c.Value)); err == nil {
		t.Error("the expired session is still stored")
	}
	if l := r.store.Lines("web.session_expired"); len(l) != 1 || !strings.Contains(l[0].Actor, teamEmail) || l[0].Detail != "idle timeout" {
		t.Errorf("audit: %+v", l)
	}
	// Going back in the clock does not revive it.
	r.get("/", c).redirectsTo(t, "/login")
	r.get("/login?expired=1", nil).mustContain(t, "You were signed out because")
}

func TestSessionAbsoluteTimeout(t *testing.T) {
	r := newRig(t)
	c := r.login(teamEmail)
	for range 7*4 + 3 { // used every 15 minutes for 7 hours 45 minutes
		r.clock.Advance(15 * time.Minute)
		r.get("/", c).mustStatus(t, http.StatusOK)
	}
	r.clock.Advance(15 * time.Minute) // 8 hours after signing in
	r.get("/", c).redirectsTo(t, "/login")
	if l := r.store.Lines("web.session_expired"); len(l) != 1 || l[0].Detail != "absolute timeout" {
		t.Errorf("audit: %+v", l)
	}
}

func TestLockedAccountStaysLocked(t *testing.T) {
	r := newRig(t)
	wrong := url.Values{"email": {teamEmail}, "password": {"not the password at all"}}
	for i := 0; i < 5; i++ {
		res := r.post("/login", wrong, nil).mustStatus(t, http.StatusUnauthorized)
		if sessionCookie(res.Response, r.srv.cookieName()) != nil {
			t.Fatal("a wrong password set a session cookie")
		}
	}
	if l := r.store.Lines("web.locked"); len(l) != 1 || l[0].Actor != teamEmail {
		t.Fatalf("lockout audit: %+v", l)
	}
	right := url.Values{"email": {teamEmail}, "password": {password}}
	// Locked: the right password does not sign in, and the page says
	// nothing different from a wrong one.
	for _, after := range []time.Duration{0, 14*time.Minute + 59*time.Second} {
		r.clock.Advance(after)
		res := r.post("/login", right, nil).mustStatus(t, http.StatusUnauthorized)
		if sessionCookie(res.Response, r.srv.cookieName()) != nil {
			t.Fatal("a locked account signed in")
		}
		res.mustContain(t, "The email address or password is not right")
	}
	if l := r.store.Lines("web.login_refused"); len(l) != 2 {
		t.Errorf("attempts on the locked account audited %d times, want 2", len(l))
	}
	if len(r.store.Lines("web.login")) != 0 {
		t.Error("a sign-in was audited while locked")
	}
	// Fifteen minutes after the lock it opens.
	r.clock.Advance(time.Second)
	r.post("/login", right, nil).redirectsTo(t, "/")
	if l := r.store.Lines("web.login"); len(l) != 1 || l[0].Actor != "Ann Example <"+teamEmail+">" {
		t.Errorf("sign-in audit: %+v", l)
	}
}

func TestLoginFailuresAreAuditedAndAlike(t *testing.T) {
	r := newRig(t)
	unknown := r.post("/login", url.Values{"email": {"nobody@example.org"}, "password": {"whatever password"}}, nil).mustStatus(t, http.StatusUnauthorized)
	wrong := r.post("/login", url.Values{"email": {teamEmail}, "password": {"whatever password"}}, nil).mustStatus(t, http.StatusUnauthorized)
	msg := func(b string) string {
		i := strings.Index(b, `<div class="error-summary"`)
		j := strings.Index(b[i:], "</div>")
		return b[i : i+j]
	}
	if msg(unknown.Body) != msg(wrong.Body) {
		t.Error("an unknown name and a wrong password get different answers")
	}
	wrong.mustContain(t, `value="`+teamEmail+`"`) // the email address is kept
	if strings.Contains(wrong.Body, "whatever password") {
		t.Error("the password was written back into the page")
	}
	l := r.store.Lines("web.login_failed")
	if len(l) != 2 || l[0].Actor != "nobody@example.org" || l[0].Detail != "no such account" || l[1].Actor != teamEmail || l[1].Detail != "wrong password" {
		t.Errorf("audit: %+v", l)
	}
	r.post("/login", url.Values{"email": {""}, "password": {""}}, nil).mustStatus(t, http.StatusUnprocessableEntity).
		mustContain(t, `href="#email"`, "Enter your email address", `href="#password"`, "Enter your password")
}

func TestLogout(t *testing.T) {
	r := newRig(t)
	c := r.login(teamEmail)
	r.post("/logout", url.Values{}, c).redirectsTo(t, "/login?signed_out=1")
	if _, err := r.store.Session(sessionKey(c.Value)); !errors.Is(err, intake.ErrNotFound) {
		t.Errorf("the session is still stored: %v", err)
	}
	if l := r.store.Lines("web.logout"); len(l) != 1 || l[0].Actor != "Ann Example <"+teamEmail+">" {
		t.Errorf("audit: %+v", l)
	}
	r.get("/", c).redirectsTo(t, "/login")
	// Signing out from another site is refused like any other post.
	c = r.login(teamEmail)
	r.request(http.MethodPost, "/logout", url.Values{}, c, "Sec-Fetch-Site", "cross-site").mustStatus(t, http.StatusForbidden)
	r.get("/", c).mustStatus(t, http.StatusOK)
}

func TestSafeNext(t *testing.T) {
	for in, want := range map[string]string{
		"/cases/KSCMP-2026-0001": "/cases/KSCMP-2026-0001", "/cases?q=x": "/cases?q=x", "": "/",
		"//evil.example.com": "/", "https://evil.example.com/": "/", "/\\evil.example.com": "/", "evil": "/",
		"/ok\r\nSet-Cookie: x": "/", "javascript:alert(1)": "/",
	} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
	r := newRig(t)
	res := r.post("/login", url.Values{"email": {teamEmail}, "password": {password}, "next": {"//evil.example.com/x"}}, nil)
	res.redirectsTo(t, "/")
	if loc := res.Header.Get("Location"); loc != "/" {
		t.Errorf("redirect to %q", loc)
	}
}

func TestCaseViewIsAudited(t *testing.T) {
	r := newRig(t)
	c := r.login(viewerEmail)
	r.get("/cases/"+r.accepted, c).mustStatus(t, http.StatusOK)
	r.get("/mail/"+strconv.FormatInt(r.question, 10), c).mustStatus(t, http.StatusOK)
	v := r.store.Lines("case.viewed")
	if len(v) != 1 || v[0].CaseRef != r.accepted || v[0].Actor != "Vic Viewer <"+viewerEmail+">" || !v[0].At.Equal(testNow) {
		t.Errorf("case view audit: %+v", v)
	}
	if m := r.store.Lines("message.viewed"); len(m) != 1 || m[0].MessageID != r.question || m[0].Actor != "Vic Viewer <"+viewerEmail+">" {
		t.Errorf("message view audit: %+v", m)
	}
	r.get("/cases/KSCMP-2099-0001", c).mustStatus(t, http.StatusNotFound)
	if len(r.store.Lines("case.viewed")) != 1 {
		t.Error("a case that does not exist was audited as viewed")
	}
	// Opening an action's form shows the case's answers: a view too.
	team := r.login(teamEmail)
	r.get("/cases/"+r.ready+"/do/correct?field=child_name", team).mustStatus(t, http.StatusOK)
	if v := r.store.Lines("case.viewed"); len(v) != 2 || v[1].CaseRef != r.ready || !strings.Contains(v[1].Actor, teamEmail) {
		t.Errorf("the form's view: %+v", v)
	}
}

func TestNothingShownWhenTheViewCannotBeAudited(t *testing.T) {
	r := newRig(t)
	c := r.login(teamEmail)
	r.cw.Store = failingAudit{r.store.Store}
	name, _ := casegen.Child(3)
	sum := strconv.FormatInt(r.summary, 10)
	for _, p := range []string{"/cases/" + r.accepted, "/mail/" + sum, "/mail/" + sum + "/files/1", "/mail/" + sum + "/raw", "/cases/" + r.accepted + "/do/correct"} {
		res := r.get(p, c).mustStatus(t, http.StatusInternalServerError)
		if strings.Contains(res.Body, name) || strings.Contains(res.Body, "PC Jordan") || strings.Contains(res.Body, "Contacts with the family") {
			t.Errorf("%s: data was sent though its access could not be recorded", p)
		}
	}
	res := r.post("/cases/"+r.accepted+"/pack", url.Values{}, c)
	if res.StatusCode != http.StatusInternalServerError || res.Header.Get("Content-Disposition") != "" {
		t.Errorf("the pack was sent though its sharing could not be recorded: %d", res.StatusCode)
	}
}

func TestDownloads(t *testing.T) {
	r := newRig(t)
	c := r.login(viewerEmail)
	sum := strconv.FormatInt(r.summary, 10)
	r.get("/mail/"+sum, c).mustContain(t, `href="/mail/`+sum+`/files/1"`, "police-summary.txt")
	r.get("/cases/"+r.accepted, c).mustContain(t, `href="/mail/`+sum+`" id="summary-police"`)
	for _, d := range []struct{ path, name, action, body string }{
		{"/mail/" + sum + "/files/1", `attachment; filename="police-summary.txt"`, "message.file_downloaded", "Summary of involvement: Contacts with the family"},
		{"/mail/" + sum + "/raw", `attachment; filename="message-` + sum + `.eml"`, "message.downloaded", "Content-Disposition: attachment; filename=\"police-summary.txt\""},
	} {
		res := r.get(d.path, c).mustStatus(t, http.StatusOK)
		h := res.Header
		if h.Get("Content-Type") != "application/octet-stream" || h.Get("Content-Disposition") != d.name || h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: headers %v", d.path, h)
		}
		if !strings.Contains(h.Get("Content-Security-Policy"), "sandbox") {
			t.Errorf("%s: CSP %q", d.path, h.Get("Content-Security-Policy"))
		}
		if !strings.Contains(res.Body, d.body) {
			t.Errorf("%s: body %q", d.path, res.Body)
		}
		l := r.store.Lines(d.action)
		if len(l) != 1 || l[0].Actor != "Vic Viewer <"+viewerEmail+">" || l[0].MessageID != r.summary || l[0].CaseRef != r.accepted {
			t.Errorf("%s: audit %+v", d.path, l)
		}
		if strings.Contains(l[0].Detail, "police-summary") {
			t.Errorf("%s: the file's name is in the audit trail: %q", d.path, l[0].Detail)
		}
	}
	r.get("/mail/"+sum+"/files/2", c).mustStatus(t, http.StatusNotFound)
	r.get("/mail/"+sum+"/files/0", c).mustStatus(t, http.StatusNotFound)
	r.get("/mail/99999/raw", c).mustStatus(t, http.StatusNotFound)
	// Building the pack is an action: a viewer cannot.
	r.post("/cases/"+r.accepted+"/pack", url.Values{}, c).mustStatus(t, http.StatusForbidden)
	team := r.login(teamEmail)
	res := r.post("/cases/"+r.accepted+"/pack", url.Values{}, team).mustStatus(t, http.StatusOK)
	if cd := res.Header.Get("Content-Disposition"); cd != `attachment; filename="`+r.accepted+`-rapid-review-pack.zip"` || !strings.HasPrefix(res.Body, "PK") {
		t.Errorf("pack: %q", cd)
	}
	if l := r.store.Lines("pack.built"); len(l) != 1 || l[0].Actor != "Ann Example <"+teamEmail+">" {
		t.Errorf("pack audit %+v (all: %v)", l, actions(r.store.Lines("")))
	}
}

func actions(l []intake.AuditEntry) []string {
	var out []string
	for _, e := range l {
		out = append(out, e.Action)
	}
	return out
}

func TestContentDisposition(t *testing.T) {
	for in, want := range map[string]string{
		"summary.pdf":          `attachment; filename="summary.pdf"`,
		`a"b;c%.pdf`:           `attachment; filename="a_b_c_.pdf"; filename*=UTF-8''a%22b%3Bc%25.pdf`,
		"../../etc/passwd":     `attachment; filename="etcpasswd"`,
		"Zoë's summary.docx":   `attachment; filename="Zo_'s summary.docx"; filename*=UTF-8''Zo%C3%AB%27s%20summary.docx`,
		"x\r\nSet-Cookie: a=b": `attachment; filename="xSet-Cookie: a=b"`,
		"":                     `attachment; filename="download"`,
	} {
		if got := contentDisposition(in); got != want {
			t.Errorf("contentDisposition(%q) = %s, want %s", in, got, want)
		}
	}
}
