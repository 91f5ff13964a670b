package web

import (
	"context"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestPagesRender(t *testing.T) {
	r := newRig(t)
	c := r.login(teamEmail)
	q := strconv.FormatInt(r.question, 10)
	for _, p := range []string{"/", "/cases", "/cases?q=amelia&state=received&overdue=1&flag=suspected_suicide", "/cases/" + r.ready,
		"/cases/" + r.accepted, "/cases/" + r.asked, "/cases/" + r.incomplete, "/mail", "/mail/" + q, "/outbox", "/outbox?state=failed",
		"/cases/" + r.ready + "/do/accept", "/cases/" + r.accepted + "/do/record-step?step=collation",
		"/cases/" + r.ready + "/do/correct?field=child_name", "/cases/" + r.accepted + "/do/outcome", "/cases/" + r.incomplete + "/do/ask-referrer",
		"/cases/" + r.accepted + "/do/extend?agency=education", "/mail/" + q + "/do/attach", "/mail/" + q + "/do/dismiss"} {
		res := r.get(p, c)
		if res.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %d\n%s", p, res.StatusCode, res.Body)
		}
	}
}

func TestServeStopsWithTheContext(t *testing.T) {
	r := newRig(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- r.srv.Serve(ctx, ln) }()
	res, err := http.Get("http://" + ln.Addr().String() + "/login")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Security-Policy") == "" {
		t.Errorf("GET /login: %d %v", res.StatusCode, res.Header)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Serve returned %v", err)
	}
}

func TestConfigValidate(t *testing.T) {
	c := DefaultConfig()
	if err := c.Validate(); err == nil {
		t.Error("a configuration with no way to sign in is valid")
	}
	c.LocalAccounts = true
	if err := c.Validate(); err != nil {
		t.Error(err)
	}
	c.IdleTimeout = 9 * time.Hour
	if err := c.Validate(); err == nil {
		t.Error("an idle timeout longer than the absolute one is valid")
	}
	c = DefaultConfig()
	c.LocalAccounts, c.TrustedOrigins = true, []string{"not an origin"}
	if _, err := New(c, Deps{Backend: Casework{}, Store: openTestStore(t, newTestClock()), Now: newTestClock().Now}); err == nil {
		t.Error("a bad trusted origin was accepted")
	}
}

// TestCasePageKeepsViewsApart checks that a case opened many times still
// shows what happened to it at a glance: the views are listed apart, the
// latest accessShown of them, with how many there have been in all.
func TestCasePageKeepsViewsApart(t *testing.T) {
	r := newRig(t)
	c := r.login(teamEmail)
	views := accessShown + 5
	var res response
	for range views {
		res = r.get("/cases/"+r.accepted, c)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET the case: %d", res.StatusCode)
		}
	}
	audit := section(t, res.Body, `id="audit-trail"`)
	if strings.Contains(audit, "case.viewed") {
		t.Errorf("views are in the audit trail of what happened:\n%s", audit)
	}
	if !strings.Contains(audit, "route.") && !strings.Contains(audit, "request.sent") {
		t.Errorf("the audit trail lost what happened:\n%s", audit)
	}
	access := section(t, res.Body, `id="access-trail"`)
	if n := strings.Count(access, "case.viewed"); n != accessShown {
		t.Errorf("%d views listed, want the latest %d", n, accessShown)
	}
	if want := "viewed or downloaded " + strconv.Itoa(views) + " times in all"; !strings.Contains(res.Body, want) {
		t.Errorf("the page does not say %q", want)
	}
}

// section returns the table of body that opens with marker.
func section(t *testing.T, body, marker string) string {
	t.Helper()
	_, after, ok := strings.Cut(body, marker)
	if !ok {
		t.Fatalf("no %s in the page", marker)
	}
	table, _, _ := strings.Cut(after, "</table>")
	return table
}
