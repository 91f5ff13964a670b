package main

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/internal/dovecottest"
	"github.com/kscmp/intake/internal/smtpsink"
)

// The attacks of issue 12, each tried against a real Dovecot and a real
// SMTP peer (Postfix's smtp-sink) with the whole daemon between them.

const attackMX = "mx.kscmp.example"

// attackRig is the daemon between a real Dovecot and smtp-sink, with one
// genuine case accepted and its requests out.
type attackRig struct {
	t    *testing.T
	ctx  context.Context
	srv  *dovecottest.Server
	sink *smtpsink.Sink
	m    *Main
	ref  string // the genuine case
}

func newAttackRig(t *testing.T) *attackRig {
	t.Helper()
	r := &attackRig{t: t, ctx: context.Background(), srv: dovecottest.Start(t), sink: smtpsink.Start(t)}
	cfg := DefaultConfig()
	cfg.Store.Path = filepath.Join(t.TempDir(), "intake.db")
	cfg.IMAP.Host, cfg.IMAP.Port = r.srv.Host, r.srv.Port
	cfg.IMAP.TLS, cfg.IMAP.AllowPlaintextLoopback, cfg.IMAP.Username, cfg.IMAP.IDLE = "plaintext", true, dovecottest.User, false
	cfg.SMTP.Host, cfg.SMTP.Port = "127.0.0.1", r.sink.Port
	cfg.SMTP.TLS, cfg.SMTP.AllowPlaintextLoopback, cfg.SMTP.Auth = "plaintext", true, "none"
	cfg.Ops.Listen = ""
	cfg.Notify.DigestEnabled = false
	cfg.Partnership.Mailbox, cfg.Partnership.BusinessTeam = demoMailbox, []string{demoBusinessTeam}
	cfg.Agencies = demoAgencies()
	cfg.Trust.AuthservIDs = []string{attackMX}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	env, _, _ := testEnv(dovecottest.Password)
	m, err := NewMain(r.ctx, cfg, env, intake.SystemClock{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	r.m = m
	r.deliver(attackReferral("genuine", "Dana Inventa <"+mainReferrer+">", "Serious incident referral", "Alex Sample", "14/02/2012", true, ""))
	r.ref = demoCaseRefRE.FindString(r.sentTo(mainReferrer, "Referral received"))
	if r.ref == "" {
		t.Fatalf("the genuine referral opened no case; sent: %d", len(r.sink.Messages()))
	}
	if err := m.Casework.Accept(r.ctx, "Jo Screener", r.ref, "meets every criterion"); err != nil {
		t.Fatal(err)
	}
	r.pass()
	r.sentTo("spoc@police.kestmoor.example", "Agency summary requested")
	return r
}

// deliver puts raw in the INBOX and runs the daemon until it is filed and
// its emails sent.
func (r *attackRig) deliver(raw string) {
	r.t.Helper()
	if err := r.srv.Deliver("INBOX", []byte(strings.ReplaceAll(raw, "\n", "\r\n"))); err != nil {
		r.t.Fatal(err)
	}
	r.pass()
}

// pass runs the daemon's parts twice (ingest, file, send) and lets the
// peer write what it got.
func (r *attackRig) pass() {
	r.t.Helper()
	for range 2 {
		if err := r.m.RunOnce(r.ctx); err != nil {
			r.t.Fatalf("a pass failed: %v", err)
		}
	}
	time.Sleep(100 * time.Millisecond)
}

// sentTo returns the first email to addr whose subject holds subject,
// failing if there is none.
func (r *attackRig) sentTo(addr, subject string) string {
	r.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		for _, m := range r.sink.Messages() {
			s := string(m)
			if strings.Contains(s, subject) && strings.Contains(strings.ToLower(s), "\nto: <"+strings.ToLower(addr)+">") {
				return s
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	r.t.Fatalf("no %q to %s reached the SMTP peer", subject, addr)
	return ""
}

// mails counts the emails at the peer to addr.
func (r *attackRig) mails(addr string) int {
	n := 0
	for _, m := range r.sink.Messages() {
		if strings.Contains(strings.ToLower(string(m)), "\nto: <"+strings.ToLower(addr)+">") {
			n++
		}
	}
	return n
}

// agencyMails counts every email at the peer to an agency's SPOC.
func (r *attackRig) agencyMails() int {
	n := 0
	for _, a := range demoAgencies() {
		n += r.mails(a.SPOC[0])
	}
	return n
}

// state is the genuine case as JSON, to compare before and after.
func (r *attackRig) state() string {
	v, err := r.m.Casework.ViewCase(r.ctx, "test", r.ref)
	if err != nil {
		r.t.Fatal(err)
	}
	b, _ := json.Marshal(v.Case)
	return regexp.MustCompile(`"updated_at":"[^"]*"`).ReplaceAllString(string(b), "")
}

// queued returns the reason the newest message waiting for a person was
// held, or "".
func (r *attackRig) queued() string {
	t, err := r.m.Casework.Today(r.ctx, time.Now())
	if err != nil {
		r.t.Fatal(err)
	}
	if len(t.NeedsPerson) == 0 {
		return ""
	}
	return t.NeedsPerson[len(t.NeedsPerson)-1].Reason
}

// attackReferral is a referral email. authFrom, when set, is the domain
// the receiving server's Authentication-Results says passed DMARC.
func attackReferral(id, from, subject, child, dob string, auth bool, extra string) string {
	ar := ""
	if auth {
		domain := from[strings.LastIndex(from, "@")+1:]
		ar = "Authentication-Results: " + attackMX + "; dmarc=pass header.from=" + strings.Trim(domain, ">") + "\n"
	}
	return ar + "From: " + from + "\nTo: " + demoMailbox + "\nSubject: " + subject + "\nMessage-ID: <" + id + "@attack.example>\n" +
		"Date: " + time.Now().Format(time.RFC1123Z) + "\n" + extra + "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n" +
		"Referrer name: Some One\nChild's name: " + child + "\nDate of birth: " + dob + "\nDate of incident: 06/11/2026\n" +
		"Where did the incident occur: Kestmoor\nHas the child died or been seriously harmed: Seriously harmed\n" +
		"Is abuse or neglect known or suspected: Suspected\nBrief summary of the incident: Injuries.\n" +
		"Agencies involved: Kestmoor Police, Kestmoor Health Visiting\nReferral agreed by: Named nurse\n" +
		"The child has died or has been seriously harmed: Yes\n" +
		"Abuse or neglect is known or suspected and directly linked to the death or serious harm: Yes\n" +
		"The child is normally resident in the area or the incident occurred in the area: Yes\n" +
		"The case highlights potential learning for the safeguarding system: Yes\n" +
		"I have agreement to refer from my executive representative or senior safeguarding lead: Yes\n"
}

// attackSummary is a police summary for ref from from, with the given
// Authentication-Results line ("" for none).
func attackSummary(id, from, ref, ar string) string {
	if ar != "" {
		ar = "Authentication-Results: " + ar + "\n"
	}
	return ar + "From: " + from + "\nTo: " + demoMailbox + "\nSubject: Re: [" + ref + "] Agency summary requested\n" +
		"Message-ID: <" + id + "@attack.example>\nDate: " + time.Now().Format(time.RFC1123Z) + "\nMIME-Version: 1.0\n" +
		"Content-Type: text/plain; charset=utf-8\n\nCase reference: " + ref + "\nAgency: Kestmoor Police\nCompleted by: P. Officer\n" +
		"Did your agency know the child or family: Yes\nSummary of involvement: Two call-outs.\nLearning identified: Share sooner.\n"
}

func TestAttacks(t *testing.T) {
	r := newAttackRig(t)
	const police = "spoc@police.kestmoor.example"
	for _, a := range []struct {
		name    string
		raw     func() string
		held    string // what the queue's reason says
		noReply string // an address that must get nothing
	}{
		{"1a forged summary from any address", func() string {
			return attackSummary("forged1", "someone@elsewhere.example", r.ref, attackMX+"; dmarc=pass header.from=elsewhere.example")
		}, "not Kestmoor Police's SPOC", "someone@elsewhere.example"},
		{"1b the SPOC's address with dkim=fail", func() string {
			return attackSummary("forged2", police, r.ref, attackMX+"; dkim=fail header.d=police.kestmoor.example")
		}, "not authenticated", police},
		{"1c a pass written by an untrusted server", func() string {
			return attackSummary("forged3", police, r.ref, "gateway.elsewhere.example; dmarc=pass header.from=police.kestmoor.example")
		}, "not authenticated", police},
		{"2a an outsider's referral quoting the case", func() string {
			return attackReferral("hijack1", "outsider@elsewhere.example", "Re: ["+r.ref+"] more information", "Alex Sample", "14/02/2012", true,
				"")
		}, "not that case's referrer", "outsider@elsewhere.example"},
		{"3a a From that does not parse", func() string {
			return attackReferral("from1", "Dana <"+mainReferrer, "Serious incident referral", "Robin Other", "01/01/2016", false, "")
		}, "could not be read", demoMailbox},
		{"5a a referral sent as list mail", func() string {
			return attackReferral("list1", "Sam Sample <sam@kestmoor-school.example>", "Referral", "Robin Listed", "02/02/2016", true,
				"List-Id: <staff.kestmoor-school.example>\nPrecedence: bulk\n")
		}, "list or bulk mail", "sam@kestmoor-school.example"},
		{"5b a referral sent as an automatic reply", func() string {
			return attackReferral("auto1", "Sam Sample <sam@kestmoor-school.example>", "Automatic reply: referral", "Robin Auto", "03/02/2016", true,
				"Auto-Submitted: auto-generated\n")
		}, "an automatic reply", "sam@kestmoor-school.example"},
	} {
		t.Run(a.name, func(t *testing.T) {
			r.t = t
			before, agencies, replies := r.state(), r.agencyMails(), r.mails(a.noReply)
			r.deliver(a.raw())
			if got := r.queued(); !strings.Contains(got, a.held) {
				t.Errorf("queue says %q; want it to say %q", got, a.held)
			}
			if r.state() != before {
				t.Errorf("the case changed")
			}
			if r.agencyMails() != agencies {
				t.Errorf("an agency was emailed")
			}
			if r.mails(a.noReply) != replies {
				t.Errorf("%s was answered", a.noReply)
			}
		})
	}
	r.t = t

	t.Run("2b a different child quoting the reference is a new case", func(t *testing.T) {
		r.t = t
		before := r.state()
		r.deliver(attackReferral("other1", "Kim Teacher <kim@kestmoor-school.example>", "Re: ["+r.ref+"]", "Robin Other", "01/01/2016", true, ""))
		ack := r.sentTo("kim@kestmoor-school.example", "Referral received")
		if ref := demoCaseRefRE.FindString(ack); ref == r.ref || ref == "" || r.state() != before {
			t.Errorf("merged into %s (ack for %s)", r.ref, ref)
		}
	})
	t.Run("3b a Reply-To elsewhere gets nothing", func(t *testing.T) {
		r.t = t
		r.deliver(attackReferral("replyto1", "Lee Nurse <lee@kestmoor-hospital.example>", "Referral", "Robin Reply", "04/02/2016", true,
			"Reply-To: collector@elsewhere.example\n"))
		r.sentTo("lee@kestmoor-hospital.example", "Referral received")
		if n := r.mails("collector@elsewhere.example"); n != 0 {
			t.Errorf("the Reply-To got %d emails", n)
		}
	})
	t.Run("4 junk cannot spend the SPOCs' daily cap", func(t *testing.T) {
		r.t = t
		agencies := r.agencyMails()
		for i := range 12 {
			r.deliver(attackReferral(fmt.Sprint("junk", i), "Junk Sender <junk@elsewhere.example>", "Referral", fmt.Sprint("Junk Child ", i),
				fmt.Sprintf("%02d/03/2016", i+1), true, ""))
		}
		if r.agencyMails() != agencies {
			t.Errorf("junk referrals emailed agencies")
		}
	})
	t.Run("5c an automatic reply and our own mail are never answered", func(t *testing.T) {
		r.t = t
		r.deliver(attackReferral("ooo1", "Away Person <away@kestmoor-school.example>", "Out of Office: back Monday", "", "", true, ""))
		r.deliver(attackReferral("loop1", demoMailbox, "Referral", "Robin Loop", "05/02/2016", true, "X-Loop: "+demoMailbox+"\n"))
		if r.mails("away@kestmoor-school.example") != 0 || r.mails(demoMailbox) != 0 {
			t.Errorf("answered an automatic reply or our own mail")
		}
	})
	t.Run("7 a 20,000-ID References is not copied", func(t *testing.T) {
		r.t = t
		var refs strings.Builder
		for i := range 20000 {
			fmt.Fprintf(&refs, " <r%d@elsewhere.example>", i)
		}
		r.deliver(attackReferral("refs1", "Pat Worker <pat@kestmoor-council.example>", "Referral", "Robin Refs", "06/02/2016", true,
			"References:"+refs.String()+"\n"))
		ack := r.sentTo("pat@kestmoor-council.example", "Referral received")
		if n := strings.Count(ack, "@elsewhere.example>"); n > 10 || len(ack) > 64<<10 {
			t.Errorf("the acknowledgement echoes %d References (%d bytes)", n, len(ack))
		}
	})
	t.Run("the genuine SPOC's summary still closes the request", func(t *testing.T) {
		r.t = t
		r.deliver(attackSummary("genuine-summary", "Kestmoor Police SPOC <"+police+">", r.ref, attackMX+"; dmarc=pass header.from=police.kestmoor.example"))
		v, err := r.m.Casework.ViewCase(r.ctx, "test", r.ref)
		if err != nil {
			t.Fatal(err)
		}
		if req, _ := v.Case.RequestFor("police"); req.Status != intake.SummaryReceived {
			t.Errorf("police request %+v", req)
		}
		r.sentTo(police, "Agency summary received")
	})
}
