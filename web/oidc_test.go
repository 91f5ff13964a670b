package web

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/internal/webtest"
)

// oidcRig is a web server on a loopback port that signs in through a
// real OIDC provider (also on loopback).
type oidcRig struct {
	*rig
	provider *webtest.Provider
	url      string
}

func newOIDCRig(t *testing.T) *oidcRig {
	p := webtest.StartOIDC(t, func() time.Time { return testNow })
	ts := httptest.NewUnstartedServer(nil)
	base := "http://" + ts.Listener.Addr().String()
	r := newRig(t, func(c *Config) {
		c.LocalAccounts = false
		c.InsecureCookie = true
		c.Listen = ts.Listener.Addr().String()
		c.OIDC = &OIDCConfig{Issuer: p.Issuer, ClientID: p.ClientID, ClientSecret: p.ClientSecret,
			RedirectURL: base + "/auth/oidc/callback", BusinessTeam: []string{"Intake.BusinessTeam"}, Viewers: []string{"Intake.Viewer"},
			Users: map[string]intake.Role{"Listed.Person@Kestmoor.example.org": intake.RoleViewer}, ButtonText: "Sign in with Microsoft"}
	})
	srv, err := New(r.srv.cfg, Deps{Backend: r.backend, Store: r.store, Now: r.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	r.srv = srv
	ts.Config.Handler = srv.Handler()
	ts.Start()
	t.Cleanup(ts.Close)
	return &oidcRig{rig: r, provider: p, url: base}
}

// signIn follows the whole flow as a browser would, from the sign-in
// button, and returns the final page and the browser's client.
func (o *oidcRig) signIn(t *testing.T, next string) (*http.Response, string, *http.Client) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	start := o.url + "/auth/oidc/start"
	if next != "" {
		start += "?next=" + next
	}
	res, err := client.Get(start)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b), client
}

func TestOIDCSignIn(t *testing.T) {
	o := newOIDCRig(t)
	o.get("/login", nil).mustContain(t, `href="/auth/oidc/start"`, "Sign in with Microsoft")
	o.provider.Queue(webtest.User{Subject: "s-1", Email: "Ann.Example@Kestmoor.example.org", Name: "Ann Example", Roles: []string{"Intake.BusinessTeam"}})
	res, body, _ := o.signIn(t, "/cases/"+o.ready)
	if res.StatusCode != http.StatusOK || res.Request.URL.Path != "/cases/"+o.ready || !strings.Contains(body, "Ann Example") || !strings.Contains(body, "(business team)") {
		t.Fatalf("ended at %s with %d:\n%s", res.Request.URL, res.StatusCode, body)
	}
	auths := o.provider.Authorizations()
	if len(auths) != 1 {
		t.Fatalf("%d authorization requests", len(auths))
	}
	a := auths[0]
	if a.Get("code_challenge_method") != "S256" || len(a.Get("code_challenge")) < 43 || len(a.Get("nonce")) < 43 || len(a.Get("state")) < 43 {
		t.Errorf("authorization request without PKCE, nonce or state: %v", a)
	}
	if !strings.Contains(a.Get("scope"), "openid") || a.Get("redirect_uri") != o.url+"/auth/oidc/callback" {
		t.Errorf("authorization request %v", a)
	}
	l := o.store.Lines("web.login")
	if len(l) != 1 || l[0].Actor != "Ann Example <ann.example@kestmoor.example.org>" || l[0].Detail != "via oidc, role business_team" {
		t.Errorf("audit %+v", l)
	}

	// A viewer by role; a listed person with no role claim.
	o.provider.Queue(webtest.User{Subject: "s-2", Email: "vic@kestmoor.example.org", Name: "Vic Viewer", Roles: []string{"Intake.Viewer", "Something.Else"}})
	if _, body, _ := o.signIn(t, ""); !strings.Contains(body, "(viewer)") || !strings.Contains(body, "<h1>Today</h1>") {
		t.Errorf("viewer:\n%s", body)
	}
	o.provider.Queue(webtest.User{Subject: "s-3", Email: "listed.person@kestmoor.example.org", Name: "Lee Listed"})
	if _, body, _ := o.signIn(t, ""); !strings.Contains(body, "Lee Listed") || !strings.Contains(body, "(viewer)") {
		t.Errorf("allow-listed person:\n%s", body)
	}
}

func TestOIDCRefusesPeopleWithoutARole(t *testing.T) {
	o := newOIDCRig(t)
	o.provider.Queue(webtest.User{Subject: "s-9", Email: "stranger@elsewhere.example.org", Name: "A Stranger", Roles: []string{"Other.App"}})
	res, body, client := o.signIn(t, "")
	if res.StatusCode != http.StatusForbidden || !strings.Contains(body, "You do not have access to intake") {
		t.Fatalf("%d:\n%s", res.StatusCode, body)
	}
	if l := o.store.Lines("web.login_refused"); len(l) != 1 || !strings.Contains(l[0].Actor, "stranger@elsewhere.example.org") {
		t.Errorf("audit %+v", l)
	}
	if len(o.store.Lines("web.login")) != 0 {
		t.Error("a sign-in was audited")
	}
	// The browser is not signed in.
	res, err := client.Get(o.url + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.Request.URL.Path != "/login" {
		t.Errorf("after a refusal / went to %s", res.Request.URL)
	}
}

func TestOIDCCallbackChecksState(t *testing.T) {
	o := newOIDCRig(t)
	// A callback with no sign-in started in this browser (login CSRF).
	o.get("/auth/oidc/callback?code=abc&state=xyz", nil).mustStatus(t, http.StatusForbidden).mustContain(t, "You could not be signed in")
	// A flow cookie whose state is not the one returned.
	f := loginFlow{State: "s1", Nonce: "n1", Verifier: "v1", Next: "/", Started: testNow}
	o.request(http.MethodGet, "/auth/oidc/callback?code=abc&state=other", nil, &http.Cookie{Name: o.srv.flowCookieName(), Value: f.encode()}).
		mustStatus(t, http.StatusForbidden).mustContain(t, "could not be matched")
	// A code the provider never issued.
	o.request(http.MethodGet, "/auth/oidc/callback?code=abc&state=s1", nil, &http.Cookie{Name: o.srv.flowCookieName(), Value: f.encode()}).
		mustStatus(t, http.StatusForbidden).mustContain(t, "did not confirm")
	// A flow started too long ago.
	o.clock.Advance(11 * 60e9)
	o.request(http.MethodGet, "/auth/oidc/callback?code=abc&state=s1", nil, &http.Cookie{Name: o.srv.flowCookieName(), Value: f.encode()}).
		mustStatus(t, http.StatusForbidden).mustContain(t, "took too long")
	if n := len(o.store.Lines("web.login_failed")); n != 4 {
		t.Errorf("%d failures audited, want 4", n)
	}
}

func TestOIDCRoleMapping(t *testing.T) {
	c := OIDCConfig{Issuer: "https://login.microsoftonline.com/t/v2.0", ClientID: "c", RedirectURL: "https://x/auth/oidc/callback",
		BusinessTeam: []string{"Intake.BusinessTeam"}, Viewers: []string{"Intake.Viewer"},
		Users: map[string]intake.Role{"Boss@Example.org": intake.RoleViewer}}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		email  string
		claims []string
		want   intake.Role
		ok     bool
	}{
		{"a@example.org", []string{"Intake.Viewer", "Intake.BusinessTeam"}, intake.RoleBusinessTeam, true},
		{"a@example.org", []string{"Intake.Viewer"}, intake.RoleViewer, true},
		{"a@example.org", []string{"intake.businessteam"}, "", false}, // claim values are exact
		{"a@example.org", nil, "", false},
		{"boss@example.org", []string{"Intake.BusinessTeam"}, intake.RoleViewer, true}, // the list first
	} {
		r, ok := c.Role(tc.email, tc.claims)
		if r != tc.want || ok != tc.ok {
			t.Errorf("Role(%s, %v) = %s, %v", tc.email, tc.claims, r, ok)
		}
	}
	if c.RoleClaim != "roles" || c.Scopes[0] != "openid" {
		t.Errorf("defaults: %+v", c)
	}
	bad := OIDCConfig{Issuer: "i", ClientID: "c", RedirectURL: "r"}
	if bad.Validate() == nil {
		t.Error("an OIDC setting that lets nobody in is valid")
	}
	if p := personFromClaims(map[string]any{"email": "x@example.org", "email_verified": false, "preferred_username": "upn@example.org", "name": "X"}); p.Email != "upn@example.org" {
		t.Errorf("an unverified email was used: %+v", p)
	}
	if got := stringsClaim([]any{"a", 3, "b"}); len(got) != 2 {
		t.Errorf("stringsClaim = %v", got)
	}
}
