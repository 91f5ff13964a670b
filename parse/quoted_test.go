package parse

import (
	"strings"
	"testing"

	"github.com/kscmp/intake/parse/labels"
)

func TestStripQuoted(t *testing.T) {
	tab := labels.Default()
	isLabel := func(l string) bool { return isFormLine(l, tab) }
	for _, c := range []struct {
		name, subject, body, keep, drop string
	}{
		{"gmail reply", "Re: x", "Child's name: A\n\nOn Tue, 10 Nov 2026 at 09:02, Someone <a@b.example> wrote:\n> Child's name: Z\n", "Child's name: A", "Z"},
		{"attribution over two lines", "Re: x", "Child's name: A\nOn Tue, 10 Nov 2026 at 09:02, Someone <\na@b.example> wrote:\nChild's name: Z\n", "Child's name: A", "Z"},
		{"outlook reply", "RE: x", "Child's name: A\n________________________________\nFrom: Partnership <p@k.example>\nSent: 10 November 2026 09:02\nTo: Nadia\nSubject: request\n\nChild's name: Z\n", "Child's name: A", "Z"},
		{"original message", "RE: x", "Child's name: A\n-----Original Message-----\nFrom: x\nChild's name: Z\n", "Child's name: A", "Z"},
		{"signature", "", "Child's name: A\n-- \nJo Bloggs\nTel: 0123\n", "Child's name: A", "Tel"},
		{"sign-off", "", "Child's name: A\nKind regards\nJo\nWebsite: kestmoor.example\n", "Child's name: A", "Website"},
		{"sign-off before the form", "", "Many thanks\nChild's name: A\n", "Child's name: A", ""},
		{"signature with contact labels", "", "Child's name: A\nRecommendations: none\nKind regards\nNadia\nTel: 01632 960 000\nEmail: n@k.example\n", "Recommendations: none", "Nadia"},
		{"outlook forward keeps the content", "FW: referral", "See below\n\nFrom: Jo <jo@k.example>\nSent: 9 November 2026\nTo: duty\nSubject: referral\n\nChild's name: A\n", "Child's name: A", "Sent:"},
		{"gmail forward keeps the content", "Fwd: referral", "---------- Forwarded message ---------\nFrom: Jo <jo@k.example>\nDate: Mon, 9 Nov 2026\nSubject: referral\nTo: duty\n\nChild's name: A\n\nOn Sun, 8 Nov 2026, X wrote:\n> Child's name: Z\n", "Child's name: A", "Z"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := stripQuoted(c.body, c.subject, isLabel)
			if !strings.Contains(got, c.keep) || (c.drop != "" && strings.Contains(got, c.drop)) {
				t.Errorf("stripQuoted = %q; want %q kept and %q dropped", got, c.keep, c.drop)
			}
		})
	}
}

func TestHTMLToText(t *testing.T) {
	got := htmlToText(`<html><head><style>p{}</style></head><body><p>Hi&nbsp;there</p>
<table><tr><td>Child's name:</td><td>A.B.</td></tr><tr><td>Died</td><td>X</td><td>Harmed</td><td></td></tr>
<tr><td>Summary</td><td><p>one</p><p>two</p></td></tr></table>
<blockquote>Child's name: quoted</blockquote><input type="checkbox" checked> Yes</body></html>`)
	for _, want := range []string{"Hi there", "Child's name: A.B.", "Died: X", "Summary: one\n\ntwo", "> Child's name: quoted", "☒ Yes"} {
		if !strings.Contains(got, want) {
			t.Errorf("htmlToText missing %q in:\n%s", want, got)
		}
	}
}

// TestStripQuotedHTML checks the HTML forms of quoted history: Gmail's
// blockquote, Outlook's divRplyFwdMsg block after a rule.
func TestStripQuotedHTML(t *testing.T) {
	tab := labels.Default()
	isLabel := func(l string) bool { return isLabelLine(l, tab) }
	for _, h := range []string{
		`<div>Child's name: A</div><div class="gmail_quote"><div class="gmail_attr">On Tue, 10 Nov 2026 at 09:02, P &lt;p@k.example&gt; wrote:<br></div><blockquote class="gmail_quote">Child's name: Z</blockquote></div>`,
		`<p>Child's name: A</p><div id="divRplyFwdMsg"><hr><b>From:</b> P &lt;p@k.example&gt;<br><b>Sent:</b> 10 November 2026 09:02<br><b>To:</b> N<br><b>Subject:</b> request</div><div>Child's name: Z</div>`,
		`<p>Child's name: A</p><blockquote type="cite"><p>Child's name: Z</p></blockquote>`,
	} {
		got := stripQuoted(htmlToText(h), "Re: request", isLabel)
		if !strings.Contains(got, "Child's name: A") || strings.Contains(got, "Z") {
			t.Errorf("from %s\ngot %q", h, got)
		}
	}
}
