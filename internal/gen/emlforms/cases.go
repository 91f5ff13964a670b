package main

import (
	"strings"

	"golang.org/x/text/encoding/charmap"
)

const (
	referrer = "Priya Castellane <p.castellane@kestmoor-academy.example>"
	spoc     = "\"Forsythe, Nadia\" <nadia.forsythe@police.kestmoor.example>"
	ours     = "Kestmoor Safeguarding Partnership <referrals@kscmp.example>"
	date     = "Tue, 10 Nov 2026 10:15:00 +0000"
)

// cases returns every fixture message; one whose embedded form is missing
// has a nil raw.
func cases(fx *fixtures) []eml {
	var out []eml
	add := func(name string, raw []byte) { out = append(out, eml{name, raw}) }

	// Pasted body forms.
	add("body-referral-qp", msg(referrer, "Referral for the Rapid Review Group", date, "<body-qp@kestmoor-academy.example>", nil,
		textQP("plain", "utf-8", []byte(referralBody))))
	add("body-referral-cp1252", msg(referrer, "Referral =?windows-1252?Q?=96_R.T.?=", date, "<cp1252@kestmoor-academy.example>", nil,
		textQP("plain", "windows-1252", cp1252(strings.NewReplacer("☒", "[X]", "☐", "[ ]", "Child's", "Child’s").Replace(referralBody)))))
	add("body-referral-unknown-charset", msg(referrer, "Referral", date, "<unknown-cs@kestmoor-academy.example>", nil,
		text8("plain", "x-kestmoor-unknown", cp1252(strings.NewReplacer("☒", "[X]", "☐", "[ ]", "Child's", "Child’s").Replace(referralBody)))))
	add("body-referral-base64", msg(referrer, "Referral", date, "<b64@kestmoor-academy.example>", nil,
		textB64("plain", "utf-8", []byte(referralBody))))
	add("html-only-table", msg("Owen Marsh-Lee <owen.marshlee@kch.example>", "LCSPR referral", date, "<html-only@kch.example>", nil,
		textB64("html", "utf-8", []byte(referralHTML))))
	add("forwarded-inline-gmail", msg("Duty Manager <duty@kestmoor-csc.example>", "Fwd: Referral for the Rapid Review Group", date, "<fwd-inline@kestmoor-csc.example>", nil,
		textQP("plain", "utf-8", []byte("Forwarding for screening.\n\n---------- Forwarded message ---------\nFrom: "+referrer+"\nDate: Mon, 9 Nov 2026 at 16:40\nSubject: Referral for the Rapid Review Group\nTo: <duty@kestmoor-csc.example>\n\n"+referralBody))))

	// Forwarded as message/rfc822: the referral is inside.
	inner := msg(referrer, "Referral for the Rapid Review Group", "Mon, 9 Nov 2026 16:40:00 +0000", "<inner@kestmoor-academy.example>", nil,
		textQP("plain", "utf-8", []byte(referralBody)))
	add("forwarded-rfc822", msg("Duty Manager <duty@kestmoor-csc.example>", "FW: Referral for the Rapid Review Group", date, "<fwd-822@kestmoor-csc.example>", nil,
		multipart("mixed", "fwd-b1", "",
			text8("plain", "us-ascii", []byte("See the attached referral, sent to us in error.\n")),
			rfc822(inner, "attachment; filename=\"Referral.eml\""))))

	// A forwarded reply: the inner message's own quoted history must not
	// be unwrapped as if it were the forward.
	innerReply := msg(spoc, "RE: Agency summary request KSCMP-2026-0042", "Thu, 12 Nov 2026 14:00:00 +0000", "<inner-reply@police.kestmoor.example>", nil,
		textQP("plain", "utf-8", []byte(summaryBody+"\n"+outlookQuoted)))
	add("forwarded-rfc822-reply-history", msg("Duty Manager <duty@kestmoor-csc.example>", "FW: RE: Agency summary request KSCMP-2026-0042", date, "<fwd-reply@kestmoor-csc.example>", nil,
		multipart("mixed", "fwd-b2", "",
			text8("plain", "us-ascii", []byte("Forwarding the police summary.\n")),
			rfc822(innerReply, "attachment"))))

	// Replies with quoted history.
	add("reply-quoted-gmail", msg(spoc, "Re: Agency summary request KSCMP-2026-0042", "Thu, 12 Nov 2026 14:00:00 +0000", "<reply-gmail@police.kestmoor.example>",
		[][2]string{{"In-Reply-To", "<req-0042-police@kscmp.example>"}, {"References", "<req-0042-police@kscmp.example>"}},
		textQP("plain", "utf-8", []byte(summaryBody+"\n"+requestQuoted))))
	add("reply-quoted-outlook", msg(spoc, "RE: Agency summary request", "Thu, 12 Nov 2026 14:00:00 +0000", "<reply-outlook@police.kestmoor.example>",
		[][2]string{{"In-Reply-To", "<KSCMP-2026-0042.request.police@kscmp.example>"}},
		multipart("alternative", "alt-ol", "",
			textQP("plain", "utf-8", []byte(strings.Replace(summaryBody, "Case reference: KSCMP-2026-0042\n", "", 1)+"\n"+outlookQuoted)),
			textQP("html", "utf-8", []byte("<html><body><p>"+strings.ReplaceAll(strings.Replace(summaryBody, "Case reference: KSCMP-2026-0042\n", "", 1), "\n", "<br>\n")+"</p><div id=\"divRplyFwdMsg\"><hr><b>From:</b> "+ours+"<br><b>Sent:</b> 10 November 2026 09:02<br><b>To:</b> Forsythe, Nadia<br><b>Subject:</b> Agency summary request KSCMP-2026-0042</div><div>Child's name: Z.Z. Quoted</div></body></html>")))))

	// A referrer answers our request for missing information: two
	// answers, above our quoted request.
	add("reply-missing-information", msg(referrer, "Re: Information needed for KSCMP-2026-0045", "Wed, 11 Nov 2026 08:30:00 +0000", "<missing-info@kestmoor-academy.example>",
		[][2]string{{"In-Reply-To", "<KSCMP-2026-0045.missing@kscmp.example>"}},
		textQP("plain", "utf-8", []byte("Hello,\n\nDate of birth: 14/02/2012\nCriterion 5: Yes, agreed with Dr Wenning\n\nThanks,\nPriya\n\n"+
			"On Tue, 10 Nov 2026 at 10:16, "+ours+" wrote:\n> Please send the child's date of birth and confirm agreement to refer.\n> Child's name: R.T.\n"))))

	// An agency summary as an HTML table in an Outlook reply, our request
	// quoted below it in HTML.
	add("html-summary-table-reply", msg(spoc, "RE: Agency summary request KSCMP-2026-0042", "Thu, 12 Nov 2026 14:00:00 +0000", "<html-summary@police.kestmoor.example>", nil,
		textQP("html", "utf-8", []byte(summaryHTML))))
	// The referral as a .txt attachment.
	add("txt-attachment", msg(referrer, "Referral", date, "<txt@kestmoor-academy.example>", nil,
		multipart("mixed", "mixed-txt", "",
			text8("plain", "us-ascii", []byte("Referral attached as text.\n")),
			file("text/plain; charset=utf-8", "attachment", "name=\"referral.txt\"", "filename=\"referral.txt\"", []byte(screenRegulated)))))

	// Automatic replies.
	oof := text8("plain", "us-ascii", []byte("I am out of the office until Monday 16 November with no access to email.\nFor urgent matters call the duty desk.\n"))
	add("auto-reply-auto-submitted", msg(spoc, "Out of Office: Agency summary request KSCMP-2026-0042", date, "<oof1@police.kestmoor.example>",
		[][2]string{{"Auto-Submitted", "auto-replied"}, {"In-Reply-To", "<req-0042-police@kscmp.example>"}}, oof))
	add("auto-reply-x-autoreply", msg(spoc, "Away", date, "<oof2@police.kestmoor.example>", [][2]string{{"X-Autoreply", "yes"}}, oof))
	add("auto-reply-outlook", msg(spoc, "Automatic reply: Agency summary request KSCMP-2026-0042", date, "<oof3@police.kestmoor.example>",
		[][2]string{{"X-Auto-Response-Suppress", "All"}, {"X-MS-Exchange-Inbox-Rules-Loop", "nadia.forsythe@police.kestmoor.example"}}, oof))
	add("auto-reply-precedence", msg(spoc, "Thank you for your email", date, "<oof4@police.kestmoor.example>", [][2]string{{"Precedence", "auto_reply"}}, oof))

	// Bounces.
	ack := msg(ours, "Referral received: KSCMP-2026-0042", "Tue, 10 Nov 2026 10:16:00 +0000", "<KSCMP-2026-0042.ack@kscmp.example>",
		[][2]string{{"Auto-Submitted", "auto-generated"}}, text8("plain", "us-ascii", []byte("Thank you for your referral.\n")))
	add("bounce-dsn", msg("Mail Delivery System <MAILER-DAEMON@mx.kscmp.example>", "Undelivered Mail Returned to Sender", date, "<dsn1@mx.kscmp.example>",
		[][2]string{{"Auto-Submitted", "auto-replied"}, {"Return-Path", "<>"}},
		multipart("report", "dsn-b1", "; report-type=delivery-status",
			text8("plain", "us-ascii", []byte("This is the mail system at host mx.kscmp.example.\n\nI'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n")),
			part{Header: [][2]string{{"Content-Type", "message/delivery-status"}}, Body: "Reporting-MTA: dns; mx.kscmp.example\r\n\r\nFinal-Recipient: rfc822; nobody@kestmoor-academy.example\r\nAction: failed\r\nStatus: 5.1.1\r\n"},
			rfc822(ack, ""))))
	add("bounce-headers-only", msg("postmaster@kestmoor-academy.example", "Delivery Status Notification (Failure)", date, "<dsn2@kestmoor-academy.example>", nil,
		multipart("report", "dsn-b2", "; report-type=delivery-status",
			text8("plain", "us-ascii", []byte("Delivery has failed to these recipients.\n")),
			part{Header: [][2]string{{"Content-Type", "message/delivery-status"}}, Body: "Reporting-MTA: dns; mx.kestmoor-academy.example\r\n\r\nFinal-Recipient: rfc822; p.castellane@kestmoor-academy.example\r\nAction: failed\r\nStatus: 5.2.2\r\n"},
			part{Header: [][2]string{{"Content-Type", "text/rfc822-headers"}}, Body: "From: " + ours + "\r\nSubject: Referral received: KSCMP-2026-0043\r\nMessage-ID: <KSCMP-2026-0043.ack@kscmp.example>\r\n"})))
	add("bounce-plain-mailer-daemon", msg("MAILER-DAEMON@kestmoor-academy.example", "failure notice", date, "<dsn3@kestmoor-academy.example>", nil,
		text8("plain", "us-ascii", []byte("Hi. This is the qmail-send program.\nI'm afraid I wasn't able to deliver your message.\n\n--- Below this line is a copy of the message.\n\nSubject: Referral received: KSCMP-2026-0044\n"))))
	add("bounce-empty-return-path", msg("Kestmoor Academy Mail <mail@kestmoor-academy.example>", "Message not accepted", date, "<dsn4@kestmoor-academy.example>",
		[][2]string{{"Return-Path", "<>"}}, text8("plain", "us-ascii", []byte("Your message could not be accepted.\n"))))
	add("bounce-carrying-form", msg("MAILER-DAEMON@mx.kscmp.example", "Undeliverable: Referral for the Rapid Review Group", date, "<dsn5@mx.kscmp.example>", nil,
		multipart("report", "dsn-b5", "; report-type=delivery-status",
			text8("plain", "us-ascii", []byte("Delivery has failed.\n")),
			part{Header: [][2]string{{"Content-Type", "message/delivery-status"}}, Body: "Reporting-MTA: dns; mx.kscmp.example\r\n\r\nFinal-Recipient: rfc822; duty@kestmoor-csc.example\r\nAction: failed\r\nStatus: 5.1.1\r\n"},
			rfc822(inner, ""))))

	// Other mail.
	add("question", msg("Sam Idris <sam.idris@kestmoor-nursery.example>", "Question about referrals", date, "<question@kestmoor-nursery.example>", nil,
		text8("plain", "us-ascii", []byte(question))))
	add("list-mail", msg("Safeguarding Bulletin <bulletin@lists.example>", "November safeguarding bulletin", date, "<bulletin@lists.example>",
		[][2]string{{"List-Id", "Safeguarding bulletin <bulletin.lists.example>"}, {"Precedence", "list"}},
		textQP("plain", "utf-8", []byte("Date of incident: this is a newsletter, not a form.\nChild's name: none\nAgency: none\n"))))

	// Forms as attachments.
	if pdf := fx.form("pdf", "fillable-referral.pdf"); pdf != nil {
		add("outlook-mixed-related-alternative-pdf", msg(referrer, "Referral form attached", date, "<outlook1@kestmoor-academy.example>",
			[][2]string{{"X-Mailer", "Microsoft Outlook 16.0"}, {"Thread-Index", "AdtVb1Yq"}},
			multipart("mixed", "mixed-1", "",
				multipart("related", "rel-1", "; type=\"multipart/alternative\"",
					multipart("alternative", "alt-1", "",
						textQP("plain", "utf-8", []byte("Please find attached our referral.\n\nKind regards\nPriya\n")),
						textQP("html", "utf-8", []byte("<html><body><p>Please find attached our referral.</p><p>Kind regards<br>Priya</p><img src=\"cid:logo@01\"></body></html>"))),
					file("image/png", "inline", "name=\"logo.png\"", "filename=\"logo.png\"", []byte("\x89PNG\r\n\x1a\nnot really a png"))),
				file("application/pdf", "attachment", "name=\"Referral form.pdf\"", "filename=\"Referral form.pdf\"", pdf))))
		add("rfc2231-filename", msg(referrer, "Referral", date, "<rfc2231@kestmoor-academy.example>", nil,
			multipart("mixed", "mixed-2231", "",
				text8("plain", "us-ascii", []byte("Form attached.\n")),
				file("application/octet-stream", "attachment", "name=\"=?utf-8?Q?Referral_=E2=80=93_R.T..pdf?=\"", "filename*=utf-8''Referral%20%E2%80%93%20R.T..pdf", pdf))))
		add("rfc2047-filename", msg(referrer, "Referral", date, "<rfc2047@kestmoor-academy.example>", nil,
			multipart("mixed", "mixed-2047", "",
				text8("plain", "us-ascii", []byte("Form attached.\n")),
				file("application/pdf", "attachment", "name=\"=?iso-8859-1?Q?R=E9f=E9rral_form.pdf?=\"", "filename=\"=?iso-8859-1?Q?R=E9f=E9rral_form.pdf?=\"", pdf))))
	} else {
		add("outlook-mixed-related-alternative-pdf", nil)
	}
	if pdf := fx.form("pdf", "saved-colon.pdf"); pdf != nil {
		add("apple-inline-pdf", msg(referrer, "Referral", date, "<apple@kestmoor-academy.example>", [][2]string{{"X-Mailer", "Apple Mail (2.3774)"}},
			multipart("mixed", "Apple-Mail=_1", "",
				text8("plain", "us-ascii", []byte("Referral attached.\n\n")),
				file("application/pdf", "inline", "x-unix-mode=0644; name=\"referral.pdf\"", "filename=\"referral.pdf\"", pdf),
				text8("plain", "us-ascii", []byte("\nSent from my iPad\n")))))
	}
	if sum, img := fx.form("pdf", "fillable-summary.pdf"), fx.form("pdf", "image-only.pdf"); sum != nil && img != nil {
		add("several-attachments", msg(spoc, "RE: Agency summary request KSCMP-2026-0042", date, "<several@police.kestmoor.example>", nil,
			multipart("mixed", "mixed-sev", "",
				text8("plain", "us-ascii", []byte("Summary attached, with the scanned chronology and our letterhead.\n")),
				file("application/pdf", "attachment", "name=\"scan.pdf\"", "filename=\"scan.pdf\"", img),
				file("application/pdf", "attachment", "name=\"agency-summary.pdf\"", "filename=\"agency-summary.pdf\"", sum),
				file("text/plain", "attachment", "name=\"note.txt\"", "filename=\"note.txt\"", []byte("Please call me if you have questions.\n")))))
	}
	if enc := fx.form("pdf", "encrypted.pdf"); enc != nil {
		add("unreadable-encrypted-pdf", msg(referrer, "Referral (password protected)", date, "<encrypted@kestmoor-academy.example>", nil,
			multipart("mixed", "mixed-enc", "",
				text8("plain", "us-ascii", []byte("Form attached; I will send the password separately.\n")),
				file("application/pdf", "attachment", "name=\"referral.pdf\"", "filename=\"referral.pdf\"", enc))))
	}
	if dat := fx.form("tnef", "winmail.dat"); dat != nil {
		add("tnef-winmail", msg(referrer, "Referral", date, "<tnef@kestmoor-academy.example>", nil,
			multipart("mixed", "mixed-tnef", "",
				text8("plain", "us-ascii", []byte("Referral attached.\n")),
				file("application/ms-tnef", "attachment", "name=\"winmail.dat\"", "filename=\"winmail.dat\"", dat))))
	}
	for _, d := range docxCases(fx) {
		add(d.name, d.raw)
	}
	for _, d := range freshCases(fx) {
		add(d.name, d.raw)
	}
	doc := fx.form("docx", "old_binary.doc")
	if doc == nil {
		doc = []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1not really a Word 97 file")
	}
	add("doc-binary", msg(referrer, "Referral (old Word)", date, "<doc@kestmoor-academy.example>", nil,
		multipart("mixed", "mixed-doc", "",
			text8("plain", "us-ascii", []byte("Form attached.\n")),
			file("application/msword", "attachment", "name=\"referral.doc\"", "filename=\"referral.doc\"", doc))))

	// Screening: a criterion answered no with keys missing, out of area and
	// more than a year old, a death in a regulated setting.
	add("screening-does-not-meet", msg(referrer, "Referral", date, "<screen-dnm@kestmoor-academy.example>", nil,
		text8("plain", "utf-8", []byte(screenDoesNotMeet))))
	add("screening-out-of-area-old", msg("Councillor Ada Penrose <ada.penrose@brackenshire.example>", "Concern about a child", date, "<screen-ooa@brackenshire.example>", nil,
		text8("plain", "utf-8", []byte(screenOutOfArea))))
	add("screening-regulated-setting-death", msg("Ofsted Liaison <liaison@kestmoor-csc.example>", "Notification and referral", date, "<screen-reg@kestmoor-csc.example>", nil,
		text8("plain", "utf-8", []byte(screenRegulated))))
	return out
}

// docxCases are the messages that carry the docx helper's forms, when
// they have been generated: each form attached the plain way, one in
// Outlook's mixed > related > alternative nesting, and an agency summary
// sent as a reply.
func docxCases(fx *fixtures) []eml {
	var out []eml
	for _, name := range []string{"referral_content_controls.docx", "referral_legacy_fields.docx", "referral_paragraphs_tracked.docx", "referral_plain_tables.docx"} {
		b := fx.form("docx", name)
		if b == nil {
			continue
		}
		base := strings.ReplaceAll(strings.TrimSuffix(name, ".docx"), "_", "-")
		out = append(out, eml{"docx-" + base, msg(referrer, "Referral form", date, "<docx-"+base+"@kestmoor-academy.example>", nil,
			multipart("mixed", "mixed-docx", "",
				text8("plain", "us-ascii", []byte("Please see the attached form.\n")),
				file(docxType, "attachment", "name=\""+name+"\"", "filename=\""+name+"\"", b)))})
	}
	if b := fx.form("docx", "referral_plain_tables.docx"); b != nil {
		out = append(out, eml{"outlook-mixed-related-alternative-docx", msg(referrer, "Referral", date, "<outlook-docx@kestmoor-academy.example>",
			[][2]string{{"X-Mailer", "Microsoft Outlook 16.0"}},
			multipart("mixed", "_004_mixed", "",
				multipart("related", "_003_related", "; type=\"multipart/alternative\"",
					multipart("alternative", "_000_alt", "",
						textQP("plain", "windows-1252", cp1252("Please find our referral attached – thank you.\n\nPriya\n")),
						textQP("html", "windows-1252", cp1252("<html><body><p>Please find our referral attached – thank you.</p><p>Priya</p><img src=\"cid:image001.png@01DB\"></body></html>"))),
					file("image/png", "inline", "name=\"image001.png\"", "filename=\"image001.png\"", []byte("\x89PNG\r\n\x1a\nnot really a png"))),
				file(docxType, "attachment", "name=\"Referral form.docx\"", "filename=\"Referral form.docx\"", b)))})
	}
	if b := fx.form("docx", "agency_summary.docx"); b != nil {
		out = append(out, eml{"docx-agency-summary-reply", msg(spoc, "RE: Agency summary request KSCMP-2026-0042", "Thu, 12 Nov 2026 14:00:00 +0000", "<docx-summary@kch.example>",
			[][2]string{{"In-Reply-To", "<req-0042-health@kscmp.example>"}, {"References", "<req-0042-health@kscmp.example>"}},
			multipart("mixed", "mixed-sum", "",
				textQP("plain", "utf-8", []byte("Summary attached.\n\n"+requestQuoted)),
				file(docxType, "attachment", "name=\"agency summary.docx\"", "filename=\"agency summary.docx\"", b)))})
	}
	return out
}

const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

// cp1252 encodes text as windows-1252.
func cp1252(s string) []byte {
	b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}
