package main

import (
	"fmt"
	"strings"
)

// Every person, place and case below is invented.

// fillableReferral is the referral form as a fillable PDF, filled in:
// hierarchical names, tooltips, a UTF-16 value, a radio group, checkboxes,
// a choice field, a multi-line value, a pushbutton (not a field to read).
func fillableReferral() []byte {
	fields := []*field{
		{name: "referrer", kids: []*field{
			{name: "name", tooltip: "Name of person making the referral", ft: "Tx", value: pdfUTF16("Siân Ó Briain")},
			{name: "role", tooltip: "Role", ft: "Tx", value: pdfString("Designated safeguarding lead")},
			{name: "agency", tooltip: "Agency", ft: "Tx", value: pdfString("Kestmoor Primary School")},
			{name: "email", tooltip: "Email", ft: "Tx", value: pdfString("s.obriain@kestmoor-primary.example")},
		}},
		{name: "child", kids: []*field{
			{name: "name", tooltip: "Child's name", ft: "Tx", value: pdfString("Jay Example")},
			{name: "dob", tooltip: "Date of birth", ft: "Tx", value: pdfString("03/11/2015")},
			{name: "legal_status", tooltip: "Legal status of the child", ft: "Ch", value: pdfString("Child protection plan"),
				opt: "[(None) (Child in need) (Child protection plan) (Looked after)]"},
			{name: "looked_after", tooltip: "Looked after child", ft: "Btn", value: "/Off"},
		}},
		{name: "incident_date", tooltip: "Date of incident", ft: "Tx", value: pdfString("05/11/2026")},
		{name: "incident_place", tooltip: "Where did the incident happen?", ft: "Tx", value: pdfString("Kestmoor")},
		{name: "harm", tooltip: "Has the child died or been seriously harmed?", ft: "Btn", flags: flagRadio | flagNoToggle,
			value: "/Died", options: []string{"Died", "Seriously#20harmed"}},
		{name: "summary", tooltip: "Brief summary of the incident", ft: "Tx", flags: flagMultiline,
			value: pdfString("Jay was found unresponsive at home.\rAmbulance called at 07:40.")},
		{name: "police", ft: "Btn", value: "/Yes"},
		{name: "agreed", tooltip: "I have agreement to refer from my senior safeguarding lead", ft: "Btn", value: "/Yes"},
		{name: "Print", ft: "Btn", flags: flagPushbutton},
	}
	labels := []string{"Name of person making the referral", "Role", "Agency", "Email", "Child's name",
		"Date of birth", "Legal status", "Looked after", "Date of incident", "Where", "Outcome", "Summary",
		"Police investigation", "Agreement to refer"}
	return fillable("Serious Incident Referral Form", labels, fields, "")
}

// fillableSummary is the agency summary form as a fillable PDF, filled in,
// with some fields named but given no tooltip.
func fillableSummary() []byte {
	fields := []*field{
		{name: "case_ref", tooltip: "Case reference", ft: "Tx", value: pdfString("KSCMP-2026-0042")},
		{name: "agency", tooltip: "Agency", ft: "Tx", value: pdfString("Kestmoor Community Health Trust")},
		{name: "author_name", tooltip: "Completed by", ft: "Tx", value: pdfString("Robin Placeholder")},
		{name: "author_role", ft: "Tx", value: pdfString("Named nurse for safeguarding")},
		{name: "completed", tooltip: "Date completed", ft: "Tx", value: pdfString("12/11/2026")},
		{name: "child_name", tooltip: "Name of child", ft: "Tx", value: pdfString("Jay Example")},
		{name: "child_dob", tooltip: "Child's date of birth", ft: "Tx", value: pdfString("03/11/2015")},
		{name: "involvement", tooltip: "Did your agency know the child or family?", ft: "Btn", flags: flagRadio | flagNoToggle,
			value: "/Yes", options: []string{"Yes", "No"}},
		{name: "involvement_from", tooltip: "Involvement from", ft: "Tx", value: pdfString("01/09/2019")},
		{name: "involvement_to", tooltip: "Involvement to", ft: "Tx", value: pdfString("")},
		{name: "summary", tooltip: "Summary of involvement", ft: "Tx", flags: flagMultiline,
			value: pdfString("Health visiting contacts 2019-2021.\r\nSchool nursing from 2021.")},
		{name: "learning", tooltip: "Learning identified", ft: "Tx", value: pdfString("Information about home visits was not shared.")},
		{name: "signed_off_by", ft: "Tx", value: pdfString("Dr Sam Invented")},
	}
	labels := []string{"Case reference", "Agency", "Completed by", "Role", "Date completed", "Name of child",
		"Date of birth", "Known to agency", "From", "To", "Summary", "Learning", "Signed off by"}
	return fillable("Rapid Review Agency Information Form", labels, fields, "")
}

// xfaOnly is an XFA form: an empty AcroForm whose content is XML.
func xfaOnly() []byte {
	w := newWriter()
	p := &page{}
	p.text(72, 760, 12, false, "Please wait...")
	p.text(72, 740, 10, false, "If this message is not eventually replaced by the proper contents of the document, your PDF viewer may not be able to display this type of document.")
	w.addPage(p, "")
	xfa := w.doc.add(rawStream("", []byte(`<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><template/></xdp:xdp>`)))
	return w.finish(fmt.Sprintf(" /AcroForm << /Fields [] /XFA %d 0 R >>", xfa))
}

// savedTable is the referral form saved from Word as PDF: a two-column
// table of bold labels and typed values, a wrapped label, a wrapped
// value, headings, an empty row, and words placed one by one.
func savedTable() []byte {
	w := newWriter()
	p := &page{}
	p.text(72, 790, 14, true, "Kestmoor Safeguarding Children Multi-agency Partnership")
	p.text(72, 770, 12, true, "Serious Incident Referral Form")
	y := 740.0
	heading := func(s string) {
		y -= 8
		p.text(72, y, 11, true, s)
		y -= 22
	}
	row := func(label []string, value []string) {
		top := y + 14
		for i, l := range label {
			p.text(76, y-float64(i)*13, 10, true, l)
		}
		for i, v := range value {
			p.words(300, y-float64(i)*13, 10, v)
		}
		n := max(len(label), len(value))
		h := float64(n)*13 + 8
		p.box(72, top-h, 220, h)
		p.box(292, top-h, 231, h)
		y -= h
	}
	heading("Section 1: About the referrer")
	row([]string{"Name"}, []string{"Alex Sample"})
	row([]string{"Role"}, []string{"Social worker"})
	row([]string{"Agency"}, []string{"Kestmoor Children's Services"})
	row([]string{"Date of referral:"}, []string{"06/11/2026"})
	heading("Section 2: About the child")
	row([]string{"Child's name"}, []string{"Jay Example"})
	row([]string{"Date of birth"}, []string{"03/11/2015"})
	row([]string{"Ethnicity"}, nil)
	row([]string{"Home local authority"}, []string{"Kestmoor"})
	heading("Section 3: The incident")
	row([]string{"Date of incident"}, []string{"05/11/2026"})
	row([]string{"Date the local authority", "became aware"}, []string{"05/11/2026"})
	row([]string{"What happened?"}, []string{"Jay was taken to hospital with", "injuries that need explaining.", "Police are investigating."})
	row([]string{"Did the child die?"}, []string{"No"})
	p.text(280, 40, 9, false, "Page 1 of 1")
	w.addPage(p, "")
	return w.finish("")
}

// savedColon is the referral form as "Label: value" lines, with a
// question whose answer is on the lines under it, on two pages.
func savedColon() []byte {
	w := newWriter()
	p := &page{}
	p.text(72, 790, 14, true, "Kestmoor Safeguarding Children Multi-agency Partnership")
	p.text(72, 770, 12, true, "Referral for a Rapid Review")
	lines := []string{
		"Referrer name: Alex Sample",
		"Referrer email: alex.sample@kestmoor.example",
		"Child's name: Jay Example",
		"Date of birth: 03/11/2015",
		"Place of incident: Kestmoor",
		"Incident date: 5th Nov 2026",
		"Time of call: 07:40 (ambulance)",
	}
	y := 730.0
	for _, l := range lines {
		p.text(72, y, 11, false, l)
		y -= 16
	}
	y -= 10
	p.text(72, y, 11, false, "Please summarise the incident:")
	y -= 16
	for _, l := range []string{"Jay was found unresponsive at home.", "Jay's sibling is staying with grandparents."} {
		p.text(72, y, 11, false, l)
		y -= 14
	}
	y -= 12
	p.text(72, y, 11, false, "Was the child looked after?")
	y -= 16
	p.text(72, y, 11, false, "No")
	p.text(280, 40, 9, false, "Page 1 of 2")
	w.addPage(p, "")

	p = &page{}
	p.text(72, 790, 11, true, "Criteria")
	p.text(72, 760, 11, false, "Agreement to refer given by: Chris Invented, Head of Safeguarding")
	p.text(72, 744, 11, false, "Is abuse or neglect suspected?")
	p.text(72, 700, 11, false, "Thank you for your referral.")
	p.text(280, 40, 9, false, "Page 2 of 2")
	w.addPage(p, "")
	return w.finish("")
}

// encrypted is a referral whose trailer carries an /Encrypt dictionary
// badXref is the fillable referral with every cross-reference offset
// savedPlain is savedTable with its content uncompressed: a seed from
// which fuzzing can reach the text layout code.
func savedPlain() []byte {
	compress = false
	defer func() { compress = true }()
	return savedTable()
}

// flattened is a fillable form after "flattening" (or printing to PDF
// from a viewer): the printed labels are page text, and each filled value
// is the field's appearance, a form XObject drawn with Do.
func flattened() []byte {
	w := newWriter()
	f1 := w.doc.add(fontDict("Helvetica"))
	p := &page{}
	p.text(72, 780, 14, true, "Kestmoor Safeguarding Children Multi-agency Partnership")
	p.text(72, 760, 12, true, "Serious Incident Referral Form")
	rows := [][2]string{
		{"Child's name", "Jay Example"},
		{"Date of birth", "03/11/2015"},
		{"Where did the incident happen?", "Kestmoor"},
		{"Outcome", "Died"},
	}
	var xobjs []string
	y := 720.0
	for i, r := range rows {
		p.text(72, y, 10, false, r[0])
		ap := fmt.Sprintf("/Tx BMC q BT /Helv 10 Tf 0 g 2 4.5 Td %s Tj ET Q EMC\n", pdfString(r[1]))
		fm := w.doc.add(stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 240 16] /Resources << /Font << /Helv %d 0 R >> >>", f1), []byte(ap)))
		fmt.Fprintf(&p.ops, "q 1 0 0 1 300 %g cm /Fm%d Do Q\n", y-4.5, i)
		xobjs = append(xobjs, fmt.Sprintf("/Fm%d %d 0 R", i, fm))
		y -= 24
	}
	c := w.doc.add(stream("", p.ops.Bytes()))
	res := strings.TrimSuffix(w.res, " >>") + " /XObject << " + strings.Join(xobjs, " ") + " >> >>"
	n := w.doc.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources %s /Contents %d 0 R >>", w.kids, res, c))
	w.pages = append(w.pages, n)
	return w.finish("")
}

// savedCentred is a two-column table whose cells are centred vertically,
// as LibreOffice writes a table from HTML: a one-line value sits between
// the two lines of its label, and a three-line value's lines interleave
// with its label's. A heading in a larger face sits just above the table.
func savedCentred() []byte {
	w := newWriter()
	p := &page{}
	p.text(72, 790, 14, true, "Referral form")
	// Each entry: label lines, value lines, and the y of the first line of each.
	type cell struct {
		lines []string
		y     float64
	}
	rows := []struct{ label, value cell }{
		{cell{[]string{"Child's name"}, 770}, cell{[]string{"Jay Example"}, 770}},
		{cell{[]string{"Where did the", "incident happen?"}, 745}, cell{[]string{"Kestmoor"}, 738}},
		{cell{[]string{"Summary of the", "incident"}, 700}, cell{[]string{"Jay was found unresponsive at home.", "An ambulance was called.", "Police attended."}, 707}},
		{cell{[]string{"Ethnicity"}, 665}, cell{nil, 665}},
		{cell{[]string{"Home local", "authority"}, 640}, cell{[]string{"Kestmoor"}, 633}},
		{cell{[]string{"Date of birth"}, 605}, cell{[]string{"03/11/2015"}, 605}},
	}
	for _, r := range rows {
		for i, l := range r.label.lines {
			p.text(76, r.label.y-float64(i)*14, 12, true, l)
		}
		for i, v := range r.value.lines {
			p.text(250, r.value.y-float64(i)*14, 12, false, v)
		}
	}
	p.text(72, 570, 12, false, "Referrer name: Alex Sample")
	w.addPage(p, "")
	return w.finish("")
}
