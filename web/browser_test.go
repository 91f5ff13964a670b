package web

import (
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/internal/webtest"
)

// TestBrowser drives a real headless Chromium through the work queue
// over the real backend: sign in through a real OIDC provider, see
// Today, open a case, check that the page reflows at 200% zoom and shows
// where the keyboard is, accept the referral (first forgetting the
// reason: the error summary takes the focus, which needs the page's own
// script to run under the strict CSP), download an agency's summary file
// (it is saved, not shown) and a raw message holding script (saved,
// never run). The whole of `intake serve` is driven the same way by
// cmd/intake's TestServeInTheBrowser.
func TestBrowser(t *testing.T) {
	b := webtest.NewBrowser(t, 2*time.Minute)
	ts := httptest.NewUnstartedServer(nil)
	base := "http://" + ts.Listener.Addr().String()
	p := webtest.StartOIDC(t, func() time.Time { return testNow })
	r := newRig(t, func(c *Config) {
		c.LocalAccounts, c.InsecureCookie, c.Listen = false, true, ts.Listener.Addr().String()
		c.OIDC = &OIDCConfig{Issuer: p.Issuer, ClientID: p.ClientID, ClientSecret: p.ClientSecret, RedirectURL: base + "/auth/oidc/callback",
			BusinessTeam: []string{"Intake.BusinessTeam"}, ButtonText: "Sign in with Microsoft"}
	})
	ts.Config.Handler = r.srv.Handler()
	ts.Start()
	t.Cleanup(ts.Close)

	// Signing in.
	b.Navigate(base + "/")
	if loc := b.Location(); !strings.HasPrefix(loc, base+"/login") {
		t.Fatalf("not sent to sign in: %s", loc)
	}
	p.Queue(webtest.User{Subject: "s-1", Email: teamEmail, Name: teamName, Roles: []string{"Intake.BusinessTeam"}})
	b.ClickAndWait("#sso")
	if h := b.Text("h1"); h != "Today" {
		t.Fatalf("after signing in the page is %q at %s", h, b.Location())
	}
	if who := b.Text(".who"); !strings.Contains(who, teamName) {
		t.Errorf("the header says %q", who)
	}

	// Focus is visible: a focused link turns the GOV.UK focus yellow.
	b.Do(chromedp.Focus(chromedp.CSS(`a[href="/cases"]`)))
	if bg, _ := chromedp.Run(b.Ctx, chromedp.Evaluate[string](`getComputedStyle(document.activeElement).backgroundColor`)); bg != "rgb(255, 221, 0)" {
		t.Errorf("a focused link's background is %q", bg)
	}

	// A referral waiting for a decision, from Today.
	b.ClickAndWait(`#decisions ~ ul a[href="/cases/` + r.ready + `"]`)
	if h := b.Text("h1"); !strings.Contains(h, r.ready) || !strings.Contains(h, "Received") {
		t.Fatalf("case page heading %q", h)
	}

	// At 200% zoom (half the width in CSS pixels) the page reflows: it
	// never needs scrolling sideways (wide tables scroll in their own box).
	b.Do(chromedp.EmulateViewport(640, 900))
	for _, u := range []string{"/cases/" + r.accepted, "/", "/cases", "/mail", "/outbox"} {
		b.Navigate(base + u)
		if over, _ := chromedp.Run(b.Ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > document.documentElement.clientWidth`)); over {
			wide, _ := chromedp.Run(b.Ctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll("body *")).filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth).map(e => e.tagName + "." + e.className + ":" + e.textContent.slice(0, 40)).slice(0, 5).join(" | ")`))
			t.Errorf("%s scrolls sideways at 200%% zoom: %s", u, wide)
		}
	}
	b.Do(chromedp.EmulateViewport(1280, 900))
	b.Navigate(base + "/cases/" + r.ready)

	// Accept it, first forgetting the reason.
	b.ClickAndWait("#do-accept")
	b.ClickAndWait("#confirm")
	if s := b.Text(".error-summary"); !strings.Contains(s, "Enter why the referral is accepted") {
		t.Fatalf("error summary %q", s)
	}
	if focused, _ := chromedp.Run(b.Ctx, chromedp.Evaluate[string](`document.activeElement.className`)); focused != "error-summary" {
		t.Errorf("the error summary is not focused (%q): the script did not run", focused)
	}
	b.Fill("#accept-reason", "Meets every criterion; the police notified us on Thursday.")
	b.ClickAndWait("#confirm")
	if s := b.Text(".banner-success"); !strings.Contains(s, "The referral was accepted for rapid review") {
		t.Errorf("banner %q", s)
	}
	if s := b.Text("h1"); !strings.Contains(s, "Awaiting summaries") {
		t.Errorf("after accepting, the heading is %q", s)
	}
	if s := b.Text("#requests"); !strings.Contains(s, "Kestmoor Police") || !strings.Contains(s, "Requested") {
		t.Errorf("agencies %q", s)
	}
	if c := r.caseOf(r.ready); c.State != intake.StateAwaitingSummaries || c.Route.By != team {
		t.Errorf("the case: %s, %+v", c.State, c.Route)
	}

	// An agency's summary file downloads; the page stays where it was.
	b.Navigate(base + "/cases/" + r.accepted)
	b.ClickAndWait("#summary-police")
	before := b.Location()
	d := b.Download("#file-1")
	got, err := os.ReadFile(d.Path)
	if err != nil || !strings.Contains(string(got), "Summary of involvement: Contacts with the family") {
		t.Errorf("downloaded %q: %v", got, err)
	}
	if d.SuggestedName != "police-summary.txt" {
		t.Errorf("saved as %q", d.SuggestedName)
	}
	if after := b.Location(); after != before {
		t.Errorf("the download navigated from %s to %s", before, after)
	}
	if l := r.store.Lines("message.file_downloaded"); len(l) != 1 || l[0].Actor != team || l[0].CaseRef != r.accepted {
		t.Errorf("download audit %+v", l)
	}

	// The mail queue, and a raw message holding HTML and script: saved,
	// never run.
	id, _, err := deliverScript(r)
	if err != nil {
		t.Fatal(err)
	}
	b.Navigate(base + "/mail")
	if h := b.Text("h1"); h != "Mail to deal with" {
		t.Errorf("mail heading %q", h)
	}
	b.ClickAndWait(`a[href="/mail/` + strconv.FormatInt(id, 10) + `"]`)
	before = b.Location()
	d = b.Download("#raw")
	if got, _ := os.ReadFile(d.Path); !strings.Contains(string(got), "<script>alert(1)</script>") {
		t.Errorf("raw message %q", got)
	}
	if after := b.Location(); after != before {
		t.Errorf("the raw message navigated to %s", after)
	}
	if l := r.store.Lines("web.login"); len(l) != 1 || !strings.Contains(l[0].Detail, "oidc") {
		t.Errorf("sign-in audit %+v", l)
	}
}

// deliverScript files an HTML email with a script in it: it waits for a
// person.
func deliverScript(r *rig) (int64, string, error) {
	raw := []byte("From: Head Teacher <head@brambleford.example>\r\nTo: reviews@kscmp.example\r\nSubject: Referral form\r\n" +
		"Date: Fri, 20 Nov 2026 09:00:00 +0000\r\nMessage-ID: <html-1@brambleford.example>\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>Please call me.</p><script>alert(1)</script></body></html>\r\n")
	return deliverRaw(r, raw)
}
