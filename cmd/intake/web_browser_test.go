package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/internal/casegen"
	"github.com/kscmp/intake/internal/loopmail"
	"github.com/kscmp/intake/internal/webtest"
)

// TestServeInTheBrowser drives a real headless Chromium through the work
// queue of a real intake serve: an in-process Main built from a
// configuration with [web] on (the demo's, pointed at the demo's
// in-process IMAP and SMTP servers), signing in through a real OpenID
// Connect provider on loopback. Mail arrives from the demo's scenario
// (referrals from a hospital, a school, a GP, a youth club and another
// area) and the daemon's passes file and send it as the clock moves. In
// the browser a business team member accepts the hospital's referral,
// records the local authority's notification, opens the police's
// summary attachment (it downloads, it does not open), corrects an
// answer and records the Rapid Review Group's decision. The test checks
// the emails that reached the SMTP peer and the audit lines with the
// person's name, and saves screenshots of Today, the case and the mail
// queue when INTAKE_SCREENSHOTS names a folder (docs/screenshots).
func TestServeInTheBrowser(t *testing.T) {
	start := time.Now()
	b := webtest.NewBrowser(t, 3*time.Minute)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	clock := intake.NewManualClock(demoStart)
	p := webtest.StartOIDC(t, clock.Now)
	mb := loopmail.MustIMAP(t, demoIMAPOptions(demoIMAPUser, demoIMAPPassword))
	smtpd := loopmail.MustSMTP(t, loopmail.SMTPOptions{Now: clock.Now})

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	base := "http://" + addr
	cfg := demoConfig(filepath.Join(t.TempDir(), "intake.db"), mb.Addr(), smtpd.Addr())
	cfg.Web.Listen, cfg.Web.BaseURL, cfg.Web.CookieSecure = addr, base, false
	cfg.Web.OIDC.BusinessTeam, cfg.Web.OIDC.Viewers = []string{"Intake.BusinessTeam"}, []string{"Intake.Viewer"}
	cfg.Web.OIDC.ButtonText = "Sign in with Microsoft"
	// The case's clock jumps days at a time here: the session must last.
	cfg.Web.SessionIdle, cfg.Web.SessionAbsolute = duration{30 * 24 * time.Hour}, duration{30 * 24 * time.Hour}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	secrets := map[string]string{oidcIssuerEnv: p.Issuer, oidcClientIDEnv: p.ClientID, oidcClientSecretEnv: p.ClientSecret}
	env := &Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Logger: slog.New(slog.DiscardHandler),
		Getenv: func(k string) string {
			if v, ok := secrets[k]; ok {
				return v
			}
			return demoGetenv(k)
		}}
	m, err := NewMain(ctx, cfg, env, clock)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	served := make(chan error, 1)
	go func() { served <- m.Web.Run(ctx) }()

	// The daemon's passes, run until nothing changes, as the demo runs
	// them: ingest, filing, the outbox.
	settle := func() {
		t.Helper()
		fingerprint := func() string {
			var last int64
			m.Store.View(ctx, func(tx intake.Tx) error {
				if a, _ := tx.AuditSince(0, 0); len(a) > 0 {
					last = a[len(a)-1].ID
				}
				return nil
			})
			n, _ := mb.Count("INBOX")
			return fmt.Sprint(last, len(smtpd.Messages()), n)
		}
		for range 10 {
			before := fingerprint()
			if err := m.RunOnce(ctx); err != nil {
				t.Fatalf("a pass failed: %v", err)
			}
			if fingerprint() == before {
				return
			}
		}
	}
	delivered := 0
	deliver := func(file string, at time.Time, answers string) {
		t.Helper()
		clock.Set(at)
		delivered++
		data := newDemoMailData(at, delivered)
		if answers != "" {
			h, ok := sentTo(smtpd, answers, "")
			if !ok {
				t.Fatalf("%s answers %s, who was sent nothing", file, answers)
			}
			data.Subject, data.InReplyTo, data.CaseRef, data.Recipient = h.Subject, h.MessageID, h.CaseRef, answers
		}
		raw, err := renderDemoMail(file, data)
		if err != nil {
			t.Fatal(err)
		}
		deliverRaw(t, mb, raw, at)
	}
	day := func(n int, hhmm string) time.Time {
		d := demoWorkingDay(n)
		var h, mi int
		fmt.Sscanf(hhmm, "%d:%d", &h, &mi)
		return time.Date(d.Year(), d.Month(), d.Day(), h, mi, 0, 0, d.Location())
	}

	// Day 1: the referrals arrive and are acknowledged.
	deliver("referral-body.eml", day(1, "09:12"), "")
	deliver("referral-pdf.eml", day(1, "09:20"), "")
	deliver("referral-docx.eml", day(1, "09:25"), "")
	deliver("referral-gp.eml", day(1, "09:30"), "")
	deliver("referral-incomplete.eml", day(1, "09:40"), "")
	deliver("referral-outofarea.eml", day(1, "09:50"), "")
	settle()
	ack, ok := sentTo(smtpd, mainReferrer, "")
	if !ok || ack.CaseRef == "" {
		t.Fatalf("the hospital was not acknowledged: %d emails sent", len(smtpd.Messages()))
	}
	ref := ack.CaseRef
	clock.Set(day(1, "10:05"))

	// Signing in through single sign-on.
	b.Navigate(base + "/")
	p.Queue(webtest.User{Subject: "s-ann", Email: "ann.example@kscmp.example", Name: "Ann Example", Roles: []string{"Intake.BusinessTeam"}})
	b.ClickAndWait("#sso")
	if h := b.Text("h1"); h != "Today" {
		t.Fatalf("after signing in the page is %q at %s", h, b.Location())
	}
	if s := b.Text("#decisions + ul"); !strings.Contains(s, ref) {
		t.Errorf("Today's decisions do not list %s:\n%s", ref, s)
	}

	// Accept the hospital's referral.
	b.ClickAndWait(`#decisions + ul a[href="/cases/` + ref + `"]`)
	b.ClickAndWait("#do-accept")
	b.Fill("#accept-reason", "Meets every criterion; agreed with the partners' duty manager.")
	b.ClickAndWait("#confirm")
	if s := b.Text(".banner-success"); !strings.Contains(s, "accepted for rapid review") {
		t.Fatalf("after accepting: %q", s)
	}
	settle()
	if _, ok := sentTo(smtpd, "spoc@police.kestmoor.example", ref); !ok {
		t.Error("no summary request reached the police's SPOC")
	}
	if n := len(sentAll(smtpd, mainReferrer, ref)); n != 2 {
		t.Errorf("%d emails to the hospital about %s, want 2 (the acknowledgement, then that it was accepted)", n, ref)
	}

	// Record the local authority's notification to the Panel.
	b.Navigate(base + "/cases/" + ref)
	b.ClickAndWait("#record-la_notification")
	b.Fill("#record-step-note", "Panel notification form copied to the partnership by children's social care")
	b.ClickAndWait("#confirm")
	if s := b.Text("#step-la_notification"); !strings.Contains(s, "Done") || !strings.Contains(s, "Ann Example") {
		t.Errorf("the notification step: %q", s)
	}

	// Day 2: the police's summary arrives with its form attached, and the
	// school's SPOC asks a question.
	clock.Set(day(2, "10:30"))
	req, ok := sentTo(smtpd, "spoc@police.kestmoor.example", ref)
	if !ok {
		t.Fatal("no request to answer")
	}
	deliverRaw(t, mb, casegen.Summary(ref, strings.Trim(req.MessageID, "<>"), clock.Now()), clock.Now())
	deliver("question.eml", day(2, "11:00"), "spoc@education.kestmoor.example")
	settle()
	clock.Set(day(2, "11:30"))

	// Open the summary's file: it downloads; the page stays.
	b.Navigate(base + "/cases/" + ref)
	if s := b.Text("#request-police"); !strings.Contains(s, "Received") {
		t.Fatalf("the police's request: %q", s)
	}
	b.ClickAndWait("#summary-police")
	before := b.Location()
	d := b.Download("#file-1")
	got, err := os.ReadFile(d.Path)
	if err != nil || !strings.Contains(string(got), "Summary of involvement") || d.SuggestedName != "police-summary.txt" {
		t.Errorf("downloaded %q as %q: %v", got, d.SuggestedName, err)
	}
	if after := b.Location(); after != before {
		t.Errorf("the download navigated from %s to %s", before, after)
	}

	// Correct an answer.
	b.Navigate(base + "/cases/" + ref + "/do/correct?field=referrer_role")
	b.Fill("#correct-value", "Named nurse for safeguarding children")
	b.Fill("#correct-reason", "confirmed by phone with the referrer")
	b.ClickAndWait("#confirm")
	if s := b.Text("#field-referrer_role"); !strings.Contains(s, "Named nurse for safeguarding children") || !strings.Contains(s, "corrected by Ann Example") {
		t.Errorf("the corrected answer: %q", s)
	}

	// The screenshots: Today, the case, the mail queue.
	b.Navigate(base + "/")
	if s := b.Text("#needs-person + ul"); !strings.Contains(s, "Needs a person") {
		t.Errorf("Today's mail: %q", s)
	}
	b.Screenshot("today")
	b.Navigate(base + "/cases/" + ref)
	b.ScreenshotTop("case", 1280, 2000)
	b.Navigate(base + "/mail")
	if s := b.Text("#mail"); !strings.Contains(s, "spoc@education.kestmoor.example") {
		t.Errorf("the mail queue: %q", s)
	}
	b.Screenshot("mail")

	// Day 14: the Rapid Review Group's decision.
	clock.Set(day(14, "15:30"))
	b.Navigate(base + "/cases/" + ref)
	b.ClickAndWait("#do-outcome")
	b.Click(`input[name="decision"][value="lcspr"]`)
	b.Fill("#outcome-reason", "Multi-agency learning identified about sharing concerns over unexplained injuries.")
	b.ClickAndWait("#confirm")
	if s := b.Text("#outcome"); !strings.Contains(s, "local child safeguarding practice review") || !strings.Contains(s, "Ann Example") {
		t.Errorf("the outcome: %q", s)
	}
	settle()
	outcome := 0
	for _, to := range []string{mainReferrer, gpReferrer} {
		for _, msg := range sentAll(smtpd, to, ref) {
			if strings.Contains(string(msg.Data), "Multi-agency learning identified") {
				outcome++
			}
		}
	}
	if outcome != 2 {
		t.Errorf("%d outcome emails with the rationale reached the hospital and the GP, want 2", outcome)
	}

	// The audit trail names the person for every view, download and action.
	var trail []intake.AuditEntry
	m.Store.View(ctx, func(tx intake.Tx) (err error) { trail, err = tx.AuditTrail(ref); return err })
	const ann = "Ann Example <ann.example@kscmp.example>"
	for _, action := range []string{"case.viewed", "route.accept", "step.recorded", "message.viewed", "message.file_downloaded", "field.corrected", "case.outcome"} {
		if !slices.ContainsFunc(trail, func(e intake.AuditEntry) bool { return e.Action == action && e.Actor == ann }) {
			t.Errorf("no %s line by %s in the audit trail", action, ann)
		}
	}
	var all []intake.AuditEntry
	m.Store.View(ctx, func(tx intake.Tx) (err error) { all, err = tx.AuditTrail(""); return err })
	if !slices.ContainsFunc(all, func(e intake.AuditEntry) bool {
		return e.Action == "web.login" && e.Actor == ann && e.Detail == "via oidc, role business_team"
	}) {
		t.Error("the sign-in is not in the audit trail")
	}

	cancel()
	if err := <-served; err != nil {
		t.Errorf("the work queue stopped with %v", err)
	}
	if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		c.Close()
		t.Error("the work queue still listens after the daemon stopped")
	}
	t.Logf("the browser test took %s", time.Since(start).Round(time.Millisecond))
}

// sentTo returns the latest email sent to addr (about case ref, if
// given).
func sentTo(s *loopmail.SMTP, addr, ref string) (sentHeader, bool) {
	all := sentAll(s, addr, ref)
	if len(all) == 0 {
		return sentHeader{}, false
	}
	return readSentHeader(all[len(all)-1].Data), true
}

// sentAll returns every email sent to addr (about case ref, if given).
func sentAll(s *loopmail.SMTP, addr, ref string) []loopmail.Message {
	var out []loopmail.Message
	for _, m := range s.Messages() {
		if !slices.ContainsFunc(m.To, func(to string) bool { return strings.EqualFold(to, addr) }) {
			continue
		}
		if ref != "" && readSentHeader(m.Data).CaseRef != ref {
			continue
		}
		out = append(out, m)
	}
	return out
}

// deliverRaw puts a message in the demo mailbox, with the receiving
// server's Authentication-Results the demo's senders pass.
func deliverRaw(t *testing.T, mb *loopmail.IMAP, raw []byte, at time.Time) {
	t.Helper()
	if !strings.Contains(string(raw), "Authentication-Results:") {
		from := ""
		for _, line := range strings.Split(string(raw), "\r\n") {
			if strings.HasPrefix(line, "From:") {
				from = line
				break
			}
		}
		if i := strings.LastIndex(from, "@"); i >= 0 {
			domain := strings.ToLower(strings.Trim(from[i+1:], "> \t"))
			raw = append([]byte("Authentication-Results: "+demoAuthservID+"; dmarc=pass header.from="+domain+"\r\n"), raw...)
		}
	}
	if _, err := mb.Deliver(raw, at); err != nil {
		t.Fatal(err)
	}
}
