package web

import (
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/internal/webtest"
)

// TestBrowser drives a real headless Chromium through the work queue:
// sign in through a real OIDC provider, see Today, open a case, accept
// the referral, see the result, download the referral form (it is saved,
// not shown), and see the mail queue. It saves screenshots of Today, a
// case and the mail queue when INTAKE_SCREENSHOTS names a directory.
func TestBrowser(t *testing.T) {
	b := webtest.NewBrowser(t, 2*time.Minute)
	clock := newTestClock()
	p := webtest.StartOIDC(t, clock.Now)
	ts := httptest.NewUnstartedServer(nil)
	base := "http://" + ts.Listener.Addr().String()
	backend, store := newFake(12, testNow), openTestStore(t, clock)
	cfg := DefaultConfig()
	cfg.Partnership = "Kestmoor Safeguarding Children Partnership"
	cfg.Listen, cfg.InsecureCookie = ts.Listener.Addr().String(), true
	cfg.OIDC = &OIDCConfig{Issuer: p.Issuer, ClientID: p.ClientID, ClientSecret: p.ClientSecret, RedirectURL: base + "/auth/oidc/callback",
		BusinessTeam: []string{"Intake.BusinessTeam"}, ButtonText: "Sign in with Microsoft"}
	srv, err := New(cfg, Deps{Backend: backend, Store: store, Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	ts.Config.Handler = srv.Handler()
	ts.Start()
	t.Cleanup(ts.Close)

	// Signing in.
	b.Navigate(base + "/")
	if loc := b.Location(); !strings.HasPrefix(loc, base+"/login") {
		t.Fatalf("not sent to sign in: %s", loc)
	}
	p.Queue(webtest.User{Subject: "s-1", Email: "ann.example@kestmoor.example.org", Name: "Ann Example", Roles: []string{"Intake.BusinessTeam"}})
	b.ClickAndWait("#sso")
	if h := b.Text("h1"); h != "Today" {
		t.Fatalf("after signing in the page is %q at %s", h, b.Location())
	}
	if who := b.Text(".who"); !strings.Contains(who, "Ann Example") {
		t.Errorf("the header says %q", who)
	}
	b.Screenshot("today")

	// Focus is visible: a focused link turns the GOV.UK focus yellow.
	b.Do(chromedp.Focus(chromedp.CSS(`a[href="/cases"]`)))
	if bg, _ := chromedp.Run(b.Ctx, chromedp.Evaluate[string](`getComputedStyle(document.activeElement).backgroundColor`)); bg != "rgb(255, 221, 0)" {
		t.Errorf("a focused link's background is %q", bg)
	}

	// A referral waiting for a decision, from Today.
	b.ClickAndWait(`#decisions ~ ul a[href="/cases/KSCMP-2026-0004"]`)
	if h := b.Text("h1"); !strings.Contains(h, "KSCMP-2026-0004") || !strings.Contains(h, "Received") {
		t.Fatalf("case page heading %q", h)
	}
	b.Screenshot("case")

	// At 200% zoom (half the width in CSS pixels) the page reflows: it
	// never needs scrolling sideways (wide tables scroll in their own box).
	b.Do(chromedp.EmulateViewport(640, 900))
	for _, u := range []string{"/cases/KSCMP-2026-0004", "/", "/cases", "/mail"} {
		b.Navigate(base + u)
		if over, _ := chromedp.Run(b.Ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > document.documentElement.clientWidth`)); over {
			t.Errorf("%s scrolls sideways at 200%% zoom", u)
		}
	}
	b.Do(chromedp.EmulateViewport(1280, 900))
	b.Navigate(base + "/cases/KSCMP-2026-0004")

	// Accept it, first forgetting the reason: the error summary takes
	// the focus (the page's script runs under the CSP), the form stays.
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
	if calls := backend.Calls(); len(calls) != 1 || calls[0] != "accept KSCMP-2026-0004 by ann.example@kestmoor.example.org" {
		t.Errorf("backend calls %q", calls)
	}

	// The referral form downloads; the page stays where it was.
	before := b.Location()
	d := b.Download(`a[href="/cases/KSCMP-2026-0004/files/form"]`)
	got, err := os.ReadFile(d.Path)
	if err != nil || !strings.Contains(string(got), "invented docx bytes for KSCMP-2026-0004") {
		t.Errorf("downloaded %q: %v", got, err)
	}
	if d.SuggestedName != "referral.docx" {
		t.Errorf("saved as %q", d.SuggestedName)
	}
	if after := b.Location(); after != before {
		t.Errorf("the download navigated from %s to %s", before, after)
	}
	if l := store.Lines("case.downloaded"); len(l) != 1 || l[0].Actor != "Ann Example <ann.example@kestmoor.example.org>" {
		t.Errorf("download audit %+v", l)
	}

	// The mail queue, and a raw message holding HTML and script: saved,
	// never run.
	b.Navigate(base + "/mail")
	if h := b.Text("h1"); h != "Mail to deal with" {
		t.Errorf("mail heading %q", h)
	}
	b.Screenshot("mail")
	b.ClickAndWait(`a[href="/mail/902"]`)
	before = b.Location()
	d = b.Download("#raw")
	if got, _ := os.ReadFile(d.Path); !strings.Contains(string(got), "<script>alert(1)</script>") {
		t.Errorf("raw message %q", got)
	}
	if after := b.Location(); after != before {
		t.Errorf("the raw message navigated to %s", after)
	}
	if v := store.Lines("case.viewed"); len(v) != 4 { // the case page: before accepting, twice at 200%, after accepting
		t.Errorf("%d case views audited, want 4", len(v))
	}
	if l := store.Lines("web.login"); len(l) != 1 || !strings.Contains(l[0].Detail, "oidc") {
		t.Errorf("sign-in audit %+v", l)
	}
	_ = intake.RoleBusinessTeam
}
