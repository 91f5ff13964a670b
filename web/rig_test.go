package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/casework"
	"github.com/kscmp/intake/internal/casegen"
)

// rig is the web server over the real backend: casework over a real
// store in the test's directory, with invented cases filed from
// invented referral emails, on a clock the test moves. Requests go
// straight to the handler.
type rig struct {
	t       *testing.T
	srv     *Server
	store   *testStore
	cw      *casework.Casework
	clock   *intake.ManualClock
	backend Backend

	// The invented data: a referral waiting for a decision (meets the
	// criteria), another, an incomplete one, one accepted (with the
	// police's summary in and a question from the school waiting), and
	// one waiting for its referrer.
	ready, ready2, incomplete, accepted, asked string
	question, summary                          int64 // messages: a question waiting for a person; the police's summary
	failedEmail, heldEmail                     int64
}

const (
	teamEmail   = "ann.example@kestmoor.example.org"
	teamName    = "Ann Example"
	viewerEmail = "vic.viewer@kestmoor.example.org"
	password    = "correct horse battery staple"
	team        = teamName + " <" + teamEmail + ">"
	screener    = "Jo Screener <jo.screener@kestmoor.example.org>"
)

func newRig(t *testing.T, change ...func(*Config)) *rig {
	t.Helper()
	ctx := context.Background()
	clock := newTestClock()
	st, cw, err := casegen.OpenIn(ctx, t.TempDir(), clock)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	r := &rig{t: t, store: &testStore{Store: st, t: t}, cw: cw, clock: clock, backend: NewCasework(cw)}
	r.seed(ctx)
	cfg := DefaultConfig()
	cfg.Partnership = "Kestmoor Safeguarding Children Partnership"
	cfg.LocalAccounts = true
	cfg.Passwords = cheapPasswords
	cfg.Listen = "127.0.0.1:8080"
	for _, c := range change {
		c(&cfg)
	}
	srv, err := New(cfg, Deps{Backend: r.backend, Store: r.store, Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	r.srv = srv
	for _, a := range []intake.Account{
		{Email: teamEmail, Name: teamName, Role: intake.RoleBusinessTeam, PasswordHash: mustHash(t, password)},
		{Email: viewerEmail, Name: "Vic Viewer", Role: intake.RoleViewer, PasswordHash: mustHash(t, password)},
	} {
		r.store.put(a)
	}
	return r
}

// seed files the invented mail and takes the decisions that put the
// cases where the tests want them.
func (r *rig) seed(ctx context.Context) {
	t := r.t
	t.Helper()
	deliver := func(raw []byte) (int64, string) {
		t.Helper()
		id, ref, err := casegen.Deliver(ctx, r.store, r.cw, raw)
		if err != nil {
			t.Fatal(err)
		}
		return id, ref
	}
	now := r.clock.Now()
	_, r.ready = deliver(casegen.Referral{}.Email(0, now))
	_, r.ready2 = deliver(casegen.Referral{}.Email(1, now))
	_, r.incomplete = deliver(casegen.Referral{LeaveOutDOB: true}.Email(2, now))
	_, r.accepted = deliver(casegen.Referral{}.Email(3, now))
	_, r.asked = deliver(casegen.Referral{LeaveOutDOB: true}.Email(4, now))
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(r.cw.Accept(ctx, screener, r.accepted, "Meets every criterion."))
	must(r.cw.AskReferrer(ctx, screener, r.asked, "The date of birth is missing.", nil))
	msgID, err := casegen.RequestMessageID(ctx, r.store, r.accepted, "police")
	must(err)
	r.summary, _ = deliver(casegen.Summary(r.accepted, msgID, now))
	r.question, _ = deliver(casegen.Question(casegen.SchoolSPOC, r.accepted, now))
	if m, _ := r.message(r.question); m.State != intake.MessageNeedsPerson {
		t.Fatalf("the question is %s, not waiting for a person", m.State)
	}
	// Two acknowledgements that did not go: one failed, one held.
	must(r.store.Update(ctx, func(tx intake.Tx) error {
		rows, err := tx.ListOutbox(intake.OutboxFilter{Kind: string(intake.NoticeAcknowledgement)})
		if err != nil || len(rows) < 2 {
			t.Fatalf("acknowledgements: %d, %v", len(rows), err)
		}
		r.failedEmail, r.heldEmail = rows[0].ID, rows[1].ID
		if err := tx.MarkFailed(r.failedEmail, "permanent failure: 550 5.1.1 no such user"); err != nil {
			return err
		}
		return tx.MarkHeld(r.heldEmail, tx.Now().Add(24*time.Hour), "held: the daily cap for this address was reached")
	}))
}

func (r *rig) message(id int64) (m intake.Message, err error) {
	r.store.View(context.Background(), func(tx intake.Tx) error { m, err = tx.Message(id); return nil })
	return m, err
}

// caseOf returns a case as it stands.
func (r *rig) caseOf(ref string) *intake.Case {
	r.t.Helper()
	var c *intake.Case
	if err := r.store.Update(context.Background(), func(tx intake.Tx) (err error) { c, err = tx.Case(ref); return err }); err != nil {
		r.t.Fatal(err)
	}
	return c
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
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i] == "Body" { // a body made by the test (a multipart form)
			body = strings.NewReader(headers[i+1])
		}
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
		if headers[i] == "Body" {
			continue
		}
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

func (res response) mustNotContain(t *testing.T, parts ...string) response {
	t.Helper()
	for _, p := range parts {
		if strings.Contains(res.Body, p) {
			t.Errorf("the page contains %q", p)
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

// deliverRaw stores and files one more message.
func deliverRaw(r *rig, raw []byte) (int64, string, error) {
	return casegen.Deliver(context.Background(), r.store, r.cw, raw)
}
