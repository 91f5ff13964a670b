package parse

import (
	"context"
	"strings"
	"testing"
)

func TestClassifyHeaders(t *testing.T) {
	body := "\r\nI am away until Monday.\r\n"
	for _, c := range []struct {
		name, headers, want string
	}{
		{"auto-submitted auto-replied", "Auto-Submitted: auto-replied\r\nSubject: Away\r\n", KindAutoReply},
		{"auto-submitted auto-generated", "Auto-Submitted: auto-generated\r\nSubject: Notice\r\n", KindAutoReply},
		{"auto-submitted no", "Auto-Submitted: no\r\nSubject: Question\r\n", KindOther},
		{"x-autoreply", "X-Autoreply: yes\r\nSubject: Away\r\n", KindAutoReply},
		{"x-autorespond", "X-Autorespond: Out of office\r\nSubject: Away\r\n", KindAutoReply},
		{"x-auto-response-suppress with automatic reply subject", "X-Auto-Response-Suppress: All\r\nSubject: Automatic reply: request\r\n", KindAutoReply},
		{"x-auto-response-suppress, ordinary subject", "X-Auto-Response-Suppress: All\r\nSubject: Meeting notes\r\n", KindOther},
		{"precedence auto_reply", "Precedence: auto_reply\r\nSubject: Thanks\r\n", KindAutoReply},
		{"read receipt", "Subject: Read: referral\r\nContent-Type: multipart/report; report-type=disposition-notification; boundary=b\r\n", KindAutoReply},
		{"empty return-path and auto-submitted", "Return-Path: <>\r\nAuto-Submitted: auto-replied\r\nSubject: Away\r\n", KindAutoReply},
		// Return-Path: <> alone is not a bounce (issue 12): a person sees it.
		{"empty return-path alone", "Return-Path: <>\r\nSubject: Message rejected\r\n", KindOther},
		{"automatic reply subject alone", "Subject: Automatic reply: Referral\r\n", KindAutoReply},
		{"out of office subject alone", "Subject: Out of Office: away until Monday\r\n", KindAutoReply},
		{"mailer-daemon", "Subject: Warning\r\n", KindBounce}, // From set below
		{"delivery report", "Subject: x\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\r\n", KindBounce},
		{"undeliverable subject", "Subject: Undeliverable: Referral\r\n", KindBounce},
		{"list", "List-Id: <bulletin.lists.example>\r\nSubject: Bulletin\r\n", KindOther},
		{"bulk", "Precedence: bulk\r\nSubject: Offer\r\n", KindOther},
		{"s/mime encrypted", "Subject: Referral\r\nContent-Type: application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m\r\n", KindUnreadable},
	} {
		t.Run(c.name, func(t *testing.T) {
			from := "From: someone@kestmoor.example\r\n"
			if c.name == "mailer-daemon" {
				from = "From: MAILER-DAEMON@mx.kestmoor.example\r\n"
			}
			raw := from + c.headers
			if strings.Contains(c.headers, "multipart/report") {
				raw += "\r\n--b\r\nContent-Type: text/plain\r\n\r\nReport.\r\n--b--\r\n"
			} else {
				raw += body
			}
			if r := parseMsg(t, []byte(raw), DefaultOptions()); r.Kind != c.want {
				t.Errorf("kind %q; want %q", r.Kind, c.want)
			}
		})
	}
}

// TestFormBeatsAutomationHeaders checks that a complete referral that
// carries list or automation headers is read as a referral, with why a
// person must look at it, not ignored (issue 12).
func TestFormBeatsAutomationHeaders(t *testing.T) {
	body := "Referrer name: R. Referrer\r\nChild's name: A.B.\r\nDate of birth: 03/04/2015\r\nDate of incident: 03/11/2026\r\n" +
		"Has the child died or been seriously harmed: Seriously harmed\r\nBrief summary of the incident: Injuries.\r\n"
	for _, c := range []struct{ header, automated string }{
		{"Auto-Submitted: auto-generated\r\n", "an automatic reply"},
		{"Precedence: bulk\r\n", "list or bulk mail"},
		{"List-Id: <referrals.lists.example>\r\n", "list or bulk mail"},
		{"X-Autoreply: yes\r\n", "an automatic reply"},
		{"", ""},
	} {
		raw := "From: r@school.example\r\nSubject: Referral\r\nMessage-ID: <f1@school.example>\r\n" + c.header + "\r\n" + body
		r, err := Parse(context.Background(), []byte(raw), DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		if r.Kind != KindReferral || r.Automated != c.automated {
			t.Errorf("%q: kind %s automated %q; want referral, %q", c.header, r.Kind, r.Automated, c.automated)
		}
	}
}
