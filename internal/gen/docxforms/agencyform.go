package main

import (
	"fmt"
	"strings"
)

// The partnership's own agency summary form: the "rapid review agency
// information form" intake attaches to every summary request unless the
// configuration names another (notify/forms/agency-summary-form.docx).
// It is built from Word content controls, so that a SPOC types into grey
// boxes and ticks boxes, and every box carries its canonical key as its
// tag, so that intake reads the returned form without guessing. The
// labels are the wordings parse's default label table knows.
//
// agencyForm writes the blank form when answers is nil, and the same form
// as a SPOC returns it, filled with answers (keyed by canonical key), for
// parse's tests: the form intake sends is the form intake reads.

// agencyFormAnswers is one invented SPOC's completed form.
var agencyFormAnswers = map[string]string{
	"case_ref":         "KSCMP-2026-0042",
	"agency":           "Kestmoor Police",
	"author_name":      "Riley Example",
	"author_role":      "Detective sergeant, public protection unit",
	"author_email":     "riley.example@kestmoor.police.example",
	"completed_date":   "2026-11-16",
	"child_name":       "Jay Example",
	"child_dob":        "2015-11-03",
	"involvement":      "yes",
	"involvement_from": "2025-06-01",
	"involvement_to":   "2026-11-04",
	"summary":          "Two domestic abuse call-outs to the family home in 2025.\nA referral to children's social care followed each.",
	"analysis":         "The second call-out was not linked to the first when it was risk assessed.",
	"learning":         "Repeat call-outs to a home with young children need a single view.",
	"actions_taken":    "Call handlers briefed on checking previous call-outs.",
	"recommendations":  "None at this stage.",
	"signed_off_by":    "Morgan Sample, Detective Inspector",
	"signed_off_date":  "2026-11-16",
}

func agencyForm(answers map[string]string) string {
	// text is a one-line answer box; block a box of paragraphs; date a
	// date picker (dd/mm/yyyy).
	text := func(label, key string) string {
		if v, ok := answers[key]; ok {
			return sdtText(label, key, v, false)
		}
		return `<w:sdt>` + sdtPr(label, key, `<w:showingPlcHdr/><w:text/>`) + `<w:sdtContent>` +
			rPlaceholder("Click or tap here to enter text.") + `</w:sdtContent></w:sdt>`
	}
	date := func(label, key string) string {
		tag := key
		if key == "signed_off_date" {
			tag = "" // no canonical key: the box carries no tag
		}
		if v, ok := answers[key]; ok {
			return sdtDate(label, tag, v, v[8:10]+"/"+v[5:7]+"/"+v[0:4])
		}
		return sdtDateBlank(label, tag)
	}
	block := func(label, key, hint string) string {
		v, ok := answers[key]
		if !ok {
			return sdtBlockBlank(label, key, hint)
		}
		var paras []string
		for _, line := range strings.Split(v, "\n") {
			paras = append(paras, pt(line))
		}
		return sdtBlock(label, key, paras...)
	}
	row := func(label, key string, box func(string, string) string) string {
		return tr(tct(label), tc(p(box(label, key))))
	}
	involved := answers["involvement"]
	// A section's hint is its box's placeholder: Word shows it until the
	// SPOC types, and intake ignores it.
	section := func(title, hint, key string) string {
		return tr(tc(pb(title))) + tr(tc(block(title, key, hint)))
	}
	return uniqueIDs(withHeader(document(
		heading(1, "Kestmoor Safeguarding Children Multi-agency Partnership"),
		heading(2, "Rapid review: agency information form"),
		pt("The partnership has received a referral for a rapid review. Please complete this form for your agency and "+
			"return it by replying to the summary request email, keeping the case reference in the subject line. "+
			"Type in the grey boxes and tick the boxes that apply. If your agency had no involvement with the child "+
			"or family, tick \"No\", sign the form off and return it."),
		pSmall("Share only what the rapid review needs. The completed form is OFFICIAL-SENSITIVE, so send it to the "+
			"partnership mailbox only."),
		tbl(
			tr(tcSpan(2, pb("Agency details"))),
			row("Case reference", "case_ref", text),
			row("Agency", "agency", text),
			row("Name of person completing this form", "author_name", text),
			row("Role", "author_role", text),
			row("Email", "author_email", text),
			row("Date completed", "completed_date", date),
		),
		pt(""),
		tbl(
			tr(tcSpan(2, pb("The child"))),
			row("Name of child", "child_name", text),
			row("Date of birth", "child_dob", date),
			tr(tct("Was your agency involved with the child or family?"), tc(p(
				sdtCheck("", "", involved == "yes"), r(" Yes   "),
				sdtCheck("", "", involved == "no"), r(" No")))),
			row("Involvement from", "involvement_from", date),
			row("Involvement to", "involvement_to", date),
		),
		pt(""),
		tbl(
			section("Summary of involvement with the child and family",
				"What your agency knew of the child and family, and when: contacts, services, assessments, referrals made.", "summary"),
			section("Analysis of practice: what went well and what were the concerns?",
				"Practice that helped, and practice or systems that did not.", "analysis"),
			section("Learning identified", "Learning for your agency and for the partnership.", "learning"),
			section("Immediate action already taken", "Anything done since the incident to keep children safe.", "actions_taken"),
			section("Recommendations", "For the rapid review to consider.", "recommendations"),
		),
		pt(""),
		tbl(
			tr(tcSpan(2, pb("Sign-off"))),
			row("Signed off by (manager)", "signed_off_by", text),
			row("Date signed off", "signed_off_date", date),
		),
		pSmall("Kestmoor Safeguarding Children Multi-agency Partnership (KSCMP). This is the partnership's standard form; "+
			"your agency's own form is accepted too."),
	)))
}

// agencyFormHeader is the form's page header.
func agencyFormHeader() string {
	return header(pSmall("OFFICIAL-SENSITIVE when completed"), pSmall("KSCMP rapid review agency information form"))
}

// pSmall is a paragraph of small grey text: hints and notes.
func pSmall(text string) string {
	return `<w:p><w:r><w:rPr><w:color w:val="595959"/><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve">` + esc(text) + `</w:t></w:r></w:p>`
}

// sdtDateBlank is a date picker still showing Word's prompt.
func sdtDateBlank(alias, tag string) string {
	extra := `<w:showingPlcHdr/><w:date><w:dateFormat w:val="dd/MM/yyyy"/><w:lid w:val="en-GB"/>` +
		`<w:storeMappedDataAs w:val="dateTime"/><w:calendar w:val="gregorian"/></w:date>`
	return `<w:sdt>` + sdtPr(alias, tag, extra) + `<w:sdtContent>` + rPlaceholder("Click or tap to enter a date.") + `</w:sdtContent></w:sdt>`
}

// sdtBlockBlank is a block content control holding one paragraph of
// placeholder text, the hint.
func sdtBlockBlank(alias, tag, hint string) string {
	return `<w:sdt>` + sdtPr(alias, tag, `<w:showingPlcHdr/>`) + `<w:sdtContent>` +
		p(rPlaceholder(hint)) + `</w:sdtContent></w:sdt>`
}

// rPlaceholder is a run of placeholder text, grey as Word shows it.
func rPlaceholder(text string) string {
	return `<w:r><w:rPr><w:color w:val="808080"/></w:rPr><w:t xml:space="preserve">` + esc(text) + `</w:t></w:r>`
}

// uniqueIDs numbers the content controls' w:id in order, as Word does.
func uniqueIDs(doc string) string {
	parts := strings.Split(doc, `<w:id w:val="1"/>`)
	var b strings.Builder
	for i, part := range parts {
		if i > 0 {
			fmt.Fprintf(&b, `<w:id w:val="%d"/>`, 1000+i)
		}
		b.WriteString(part)
	}
	return b.String()
}
