package main

import (
	"fmt"
	"strings"
)

// Content types of the attachments, as mail programs label them.
var contentTypes = map[string]string{
	"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"pdf":  "application/pdf",
	"doc":  "application/msword",
}

// compose makes the message that carries m's form, and what reading it
// correctly gives.
func compose(m *msg) ([]byte, expected) {
	p, st := m.p, m.st
	exp := expected{Partnership: p.key, Kind: m.kind, Fields: m.form.want}
	sender, senderName, date := "", "", ""
	var subject string
	var extra [][2]string
	var sig string
	if m.kind == "referral" {
		r := m.ref
		sender, senderName = r.email, r.referrer.String()
		date = mailDate(r.referralDate, 9+st.rng.IntN(8), st.rng.IntN(60))
		subject = pick(st.rng, []string{"Rapid review referral – " + r.child.initials(), "CSPR referral", "Referral: serious incident " + st.date(r.incident),
			"OFFICIAL-SENSITIVE: referral for " + r.child.initials()})
		sig = senderName + "\n" + r.role + "\n" + r.agency + "\nTel: " + r.phone
	} else {
		s := m.sum
		sender, senderName = s.email, s.author.String()
		date = mailDate(s.completed, 9+st.rng.IntN(8), st.rng.IntN(60))
		subject = pick(st.rng, []string{"RE: Agency summary request " + s.caseRef + " – " + s.child.initials(), "RE: " + s.caseRef + " rapid review – information request",
			"Re: Request for agency information (" + s.caseRef + ")"})
		s.requestID = fmt.Sprintf("<%s.request.%d@%s>", strings.NewReplacer(" ", "", "/", "-").Replace(s.caseRef), len(s.agency), p.domain())
		extra = [][2]string{{"In-Reply-To", s.requestID}, {"References", s.requestID}}
		sig = senderName + "\n" + s.role + "\n" + s.agency
		ref := s.caseRef
		exp.CaseRef = &ref
	}
	from := fmt.Sprintf("%s <%s>", senderName, sender)
	to := p.name + " <" + p.mailbox + ">"
	id := fmt.Sprintf("<%s.%d@%s>", m.id, len(sender), strings.SplitN(sender, "@", 2)[1])
	signOff := pick(st.rng, []string{"Kind regards,", "Many thanks,", "Best wishes,", "Regards,", ""})
	quoted := ""
	if m.kind == "agency_summary" {
		quoted = requestQuote(m, st.rng.IntN(2) == 0)
	}
	var body part
	switch m.format {
	case "text", "html":
		exp.Source = "body"
		intro := pick(st.rng, []string{"Hello,", "Dear colleagues,", "Hi all,"}) + "\n\n" +
			pick(st.rng, []string{"Please see the form below.", "Our response is below.", "Details below as requested."}) + "\n\n"
		// Some sign off with no more than their name under the form.
		text := intro + m.form.text.String() + "\n" + signOff + "\n" + sig + "\n" + quoted
		if signOff == "" {
			text = intro + m.form.text.String() + "\n" + strings.SplitN(senderName, " ", 2)[0] + "\n" + sig + "\n" + quoted
		}
		if m.format == "text" {
			body = textPart("plain", text)
		} else {
			html := htmlOf(intro) + htmlTable(rowsOf(m.form.text.String())) + htmlOf("\n"+signOff+"\n"+sig+"\n") + htmlOf(quoted)
			body = multipart("alternative", "alt-"+m.id, textPart("plain", text), textPart("html", html))
		}
	default:
		name := attachmentName(m)
		exp.Source = "attachment:" + name
		text := pick(st.rng, []string{"Dear colleagues,", "Hello,", "Good afternoon,"}) + "\n\n" +
			pick(st.rng, []string{"Please find attached our completed form.", "Attached as requested.", "Please see the attached form; I am happy to discuss."}) +
			"\n\n" + signOff + "\n\n" + sig + "\n\nThis email and any attachments are confidential and intended solely for the addressee.\n" + quoted
		alt := multipart("alternative", "alt-"+m.id, textPart("plain", text), textPart("html", htmlOf(text)))
		body = multipart("mixed", "mix-"+m.id, alt, attachment(contentTypes[m.format], name, m.file))
	}
	return message(from, to, subject, date, id, extra, body), exp
}

// requestQuote is the partnership's request, quoted below a reply the
// way Outlook or Gmail quotes it. Its lines look like a form's ("Child's
// name: ..."): they must not be read as the agency's answers.
func requestQuote(m *msg, outlook bool) string {
	s := m.sum
	req := "Dear colleague,\n\nThe " + m.p.name + " is holding a rapid review.\n" +
		"Case reference: " + s.caseRef + "\nChild's name: " + s.child.initials() + "\nDate of birth: " + m.st.date(s.dob) +
		"\n\nPlease return the attached agency summary within 9 working days.\n\nBusiness Team\n" + m.p.name + "\n"
	if outlook {
		return "\n________________________________\nFrom: " + m.p.name + " <" + m.p.mailbox + ">\nSent: " +
			s.completed.add(-7).time().Format("Monday, 2 January 2006 15:04") + "\nTo: " + s.email + "\nSubject: Agency summary request " + s.caseRef + "\n\n" + req
	}
	var b strings.Builder
	b.WriteString("\nOn " + s.completed.add(-7).time().Format("Mon, 2 Jan 2006") + " at 10:02, " + m.p.name + " <" + m.p.mailbox + "> wrote:\n")
	for _, l := range strings.Split(strings.TrimRight(req, "\n"), "\n") {
		b.WriteString("> " + l + "\n")
	}
	return b.String()
}

// attachmentName is the file name a referrer gives the form.
func attachmentName(m *msg) string {
	base := pick(m.st.rng, []string{m.p.short + " referral form", "Referral form - " + m.ref.child.initials(), "CSPR referral (completed)"})
	if m.kind == "agency_summary" {
		base = pick(m.st.rng, []string{"Agency summary " + strings.NewReplacer("/", "-").Replace(m.sum.caseRef), m.p.short + " agency information form", "Rapid review return"})
	}
	return base + "." + m.format
}

// mailDate is an RFC 5322 date on a day, in London's winter time.
func mailDate(d day, h, min int) string {
	return d.time().Add(0).Format("Mon, 2 Jan 2006") + fmt.Sprintf(" %02d:%02d:00 +0000", h, min)
}

// rowsOf turns "Label: value" text (a value on the lines under a label
// that ends in a colon) back into rows for an HTML table.
func rowsOf(text string) [][2]string {
	var rows [][2]string
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if strings.TrimSpace(l) == "" {
			continue
		}
		if strings.HasSuffix(l, ":") {
			var val []string
			for i+1 < len(lines) && lines[i+1] != "" && !isLabelLine(lines[i+1]) {
				i++
				val = append(val, lines[i])
			}
			rows = append(rows, [2]string{strings.TrimSuffix(l, ":"), strings.Join(val, "\n")})
			continue
		}
		if k := strings.Index(l, ": "); k > 0 {
			rows = append(rows, [2]string{l[:k], l[k+2:]})
			continue
		}
		if k := strings.Index(l, "? "); k > 0 {
			rows = append(rows, [2]string{l[:k+1], l[k+2:]})
		}
	}
	return rows
}

// isLabelLine says whether a line of the generated text starts a field.
func isLabelLine(l string) bool {
	return strings.HasSuffix(l, ":") || (strings.Contains(l, ": ") && len(strings.SplitN(l, ": ", 2)[0]) < 45)
}
