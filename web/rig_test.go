package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake"
)

// rig is a web server over the fake backend and an in-memory store, with
// a clock the test moves. Requests go straight to the handler.
type rig struct {
	t       *testing.T
	srv     *Server
	backend *fakeBackend
	store   *testStore
	clock   *intake.ManualClock
}

const (
	teamEmail   = "ann.example@kestmoor.example.org"
	viewerEmail = "vic.viewer@kestmoor.example.org"
	password    = "correct horse battery staple"
)

func newRig(t *testing.T, change ...func(*Config)) *rig {
	t.Helper()
	clock := newTestClock()
	r := &rig{t: t, backend: newFake(12, testNow), store: openTestStore(t, clock), clock: clock}
	cfg := DefaultConfig()
	cfg.Partnership = "Kestmoor Safeguarding Children Partnership"
	cfg.LocalAccounts = true
	cfg.Passwords = cheapPasswords
	cfg.Listen = "127.0.0.1:8080"
	for _, c := range change {
		c(&cfg)
	}
	srv, err := New(cfg, Deps{Backend: r.backend, Store: r.store, Now: r.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	r.srv = srv
	for _, a := range []intake.Account{
		{Email: teamEmail, Name: "Ann Example", Role: intake.RoleBusinessTeam, PasswordHash: mustHash(t, password)},
		{Email: viewerEmail, Name: "Vic Viewer", Role: intake.RoleViewer, PasswordHash: mustHash(t, password)},
	} {
		r.store.put(a)
	}
	return r
}

// response is a finished request.
type response struct {
	*http.Response
	Body string
}

// request sends a request as a browser on the same site would (with
// Sec-Fetch-Site: same-origin for a POST), with the session cookie if
// one is given; headers override.
func (r *rig) request(method, target string, form url.Values, cookie *http.Cookie, headers ...string) response {
	r.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, "http://intake.example.org"+target, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if method == http.MethodPost {
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.Header.Set("Origin", "http://intake.example.org")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i+1] == "" {
			req.Header.Del(headers[i])
			continue
		}
		req.Header.Set(headers[i], headers[i+1])
	}
	if cookie != nil {
		req.AddCookie(cookie)
	}
	w := httptest.NewRecorder()
	r.srv.Handler().ServeHTTP(w, req)
	res := w.Result()
	b, _ := io.ReadAll(res.Body)
	return response{Response: res, Body: string(b)}
}

func (r *rig) get(target string, c *http.Cookie) response {
	return r.request(http.MethodGet, target, nil, c)
}

func (r *rig) post(target string, form url.Values, c *http.Cookie) response {
	return r.request(http.MethodPost, target, form, c)
}

// login signs in with a local account and returns the session cookie.
func (r *rig) login(email string) *http.Cookie {
	r.t.Helper()
	res := r.post("/login", url.Values{"email": {email}, "password": {password}}, nil)
	if res.StatusCode != http.StatusSeeOther {
		r.t.Fatalf("signing in as %s: %d\n%s", email, res.StatusCode, res.Body)
	}
	c := sessionCookie(res.Response, r.srv.cookieName())
	if c == nil {
		r.t.Fatalf("signing in as %s set no session cookie", email)
	}
	return c
}

func sessionCookie(res *http.Response, name string) *http.Cookie {
	for _, c := range res.Cookies() {
		if c.Name == name && c.Value != "" {
			return c
		}
	}
	return nil
}

func (res response) mustStatus(t *testing.T, want int) response {
	t.Helper()
	if res.StatusCode != want {
		t.Fatalf("status %d, want %d\n%s", res.StatusCode, want, res.Body)
	}
	return res
}

func (res response) mustContain(t *testing.T, parts ...string) response {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(res.Body, p) {
			t.Errorf("the page does not contain %q", p)
		}
	}
	return res
}

func (res response) redirectsTo(t *testing.T, prefix string) {
	t.Helper()
	if res.StatusCode != http.StatusSeeOther && res.StatusCode != http.StatusFound {
		t.Fatalf("status %d, want a redirect to %s\n%s", res.StatusCode, prefix, res.Body)
	}
	if loc := res.Header.Get("Location"); !strings.HasPrefix(loc, prefix) {
		t.Fatalf("redirect to %q, want %s…", loc, prefix)
	}
}

var _ = time.Second
