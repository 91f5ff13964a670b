package main

// Referrals from partnerships whose forms word every label differently
// from the parse package's label table: the package must read them
// through its word rules. Every name and place is invented.

// freshBody is a "Label: value" referral pasted into an email. Criterion
// 2 is answered no, and a looked-after child died.
const freshBody = `Good afternoon,

Please accept this notification.

Your full name: Dev Sample
Referrer's telephone: 01632 960 222
Date referral submitted: 09/11/2026

Name of the young person: T.B.
Child's DoB: 3/11/15
Child's ethnic background: Mixed White and Black Caribbean
Is the young person in local authority care? Yes
Date the incident took place: 2026-11-03
Date LA notified: 04/11/2026
Location where harm occurred: Kestmoor Canal towpath
Outcome for the young person: Died
Is this a suspected suicide? Y/N: N
Please describe what happened:
T.B. was found in the canal.
Police and the coroner are investigating.
Agencies that know the family:
Kestmoor Police
Kestmoor Children's Social Care
Kestmoor GP Surgery
Are police investigating? Y

Criterion 1 – Has the child died or suffered serious harm? Yes – see below
Criterion 2 – Is the harm linked to known or suspected abuse/neglect? N
Criterion 3 – Does the child usually live within the Kestmoor boundary, or did it happen within it? Y
Criterion 4 – Is there learning for the wider safeguarding system? Yes
Criterion 5 – Has your Designated Safeguarding Lead agreed this referral? ☒ Yes ☐ No

Many thanks,
Dev
`

// freshHTML is a referral as an HTML table, with its criteria numbered
// and tailed "(please tick)". A child died in a regulated setting.
const freshHTML = `<html><body>
<p>Dear colleagues, please see our referral below.</p>
<table border="1">
<tr><th colspan="2">Section 1: Child details</th></tr>
<tr><td>Child / young person (name or initials)</td><td>E.F.</td></tr>
<tr><td>D.O.B.</td><td>2014-03-09</td></tr>
<tr><td>Age (years)</td><td>12</td></tr>
<tr><td>Child's home postcode</td><td>KM2 9XY</td></tr>
<tr><td>Child's legal status (CP/CIN/CLA)</td><td>Child in need</td></tr>
<tr><th colspan="2">Section 2: The incident</th></tr>
<tr><td>Date of the child's death</td><td>Nov 3, 2026</td></tr>
<tr><td>Date your organisation was informed</td><td>04/11/2026</td></tr>
<tr><td>Setting where the incident took place</td><td>Kestmoor House residential school</td></tr>
<tr><td>Did the death take place in a setting regulated by Ofsted?</td><td>Yes</td></tr>
<tr><td>Nature of harm</td><td>Died</td></tr>
<tr><td>Is maltreatment known or suspected?</td><td>Suspected</td></tr>
<tr><td>Brief account of the circumstances</td><td><p>E.F. was found unresponsive in the dormitory.</p><p>Staff had not checked overnight.</p></td></tr>
<tr><td>Professionals working with the child</td><td>Kestmoor House School, Kestmoor Police and Kestmoor Community Health Trust</td></tr>
<tr><th colspan="2">Section 3: Criteria</th></tr>
<tr><td>1. Child has died or been seriously harmed (please tick)</td><td>☒ Yes ☐ No</td></tr>
<tr><td>2. Is abuse and/or neglect known or suspected? (please tick)</td><td>Yes ☒ No ☐</td></tr>
<tr><td>3. Criterion 3 – child normally resides in the area / incident took place in the area (please tick)</td><td>Y</td></tr>
<tr><td>4. Does the case indicate learning for the wider safeguarding system, not a single agency? (please tick)</td><td>X Yes</td></tr>
<tr><td>5. Consent to refer from senior manager (please tick)</td><td>Yes</td></tr>
<tr><th colspan="2">Section 4: Referrer</th></tr>
<tr><td>Referrer's name</td><td>Kit Example</td></tr>
<tr><td>Referrer's organisation</td><td>Kestmoor House School</td></tr>
<tr><td>Referrer's e-mail</td><td>kit.example@kestmoor-house.example</td></tr>
<tr><td>Referral authorised by (name and role)</td><td>Mo Invented, Head Teacher</td></tr>
</table>
</body></html>`

// freshCases are the messages carrying the forms above and the docx and
// PDF generators' fresh-wording referrals.
func freshCases(fx *fixtures) []eml {
	out := []eml{
		{"fresh-wording-body", msg("Dev Sample <dev.sample@kestmoor-csc.example>", "Serious incident notification", date, "<fresh-body@kestmoor-csc.example>", nil,
			textQP("plain", "utf-8", []byte(freshBody)))},
		{"fresh-wording-html", msg("Kit Example <kit.example@kestmoor-house.example>", "Child safeguarding incident", date, "<fresh-html@kestmoor-house.example>", nil,
			textQP("html", "utf-8", []byte(freshHTML)))},
	}
	if b := fx.form("docx", "referral_fresh_wording.docx"); b != nil {
		out = append(out, eml{"fresh-wording-docx", msg(referrer, "Notification form", date, "<fresh-docx@kestmoor-academy.example>", nil,
			multipart("mixed", "mixed-fresh-docx", "",
				text8("plain", "us-ascii", []byte("Our notification form is attached.\n")),
				file(docxType, "attachment", "name=\"notification.docx\"", "filename=\"notification.docx\"", b)))})
	}
	if b := fx.form("pdf", "fillable-fresh-wording.pdf"); b != nil {
		out = append(out, eml{"fresh-wording-pdf", msg("Robin Fictional <robin.fictional@kch.example>", "Notification", date, "<fresh-pdf@kch.example>", nil,
			multipart("mixed", "mixed-fresh-pdf", "",
				text8("plain", "us-ascii", []byte("Completed notification attached.\n")),
				file("application/pdf", "attachment", "name=\"notification.pdf\"", "filename=\"notification.pdf\"", b)))})
	}
	return out
}
