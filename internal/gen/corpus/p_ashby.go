package main

// Ashby Wolds: an old protected Word form of legacy form fields and
// checkboxes, which referrers still send as .doc, and whose agency
// summary has a header table of two pairs a row.
func ashby() *partnership {
	p := &partnership{
		key: "ashby", name: "Ashby Wolds Safeguarding Children Partnership", short: "AWSCP",
		area: []string{"Ashby Wolds", "Ashby"}, towns: []string{"Ashby", "Wold Newton", "Skelby"}, postcodeArea: "AW",
		hospital: "Ashby and Wolds Hospital", mailbox: "awscp@awscp.example",
		agencies: []agency{
			{"Ashby Wolds Police", "aw.police.example", []string{"police"}},
			{"Ashby Wolds Council Children's Services", "awc.gov.example", []string{"children's services"}},
			{"Wolds Community Health and Care NHS Trust", "wchc.nhs.example", []string{"community health"}},
			{"Skelby Church of England Academy", "skelby.example", []string{"school"}},
			{"Ashby Domestic Abuse and Support Service", "adass.example", nil},
		},
		referrerAgencies: []refAgency{
			{"Ashby Wolds Council Children's Services", "awc.gov.example", []string{"Principal Social Worker"}},
			{"Wolds Community Health and Care NHS Trust", "wchc.nhs.example", []string{"School Nurse", "Named Nurse"}},
		},
		referralFormats: []string{"doc", "docx", "doc", "pdf"},
		summaryFormats:  []string{"doc", "docx", "pdf"},
	}
	p.refPattern, p.caseRef = dashedRefs("AWSCP")
	fld := func(f *form, label, name, key, shown string, want any) {
		f.row(f.label(0, label), cell(f.widths[1], false, para(formText(name, shown))))
		f.expect(key, want)
	}
	p.referralForm = func(f *form, r *referral) {
		st := f.st
		f.title("Ashby Wolds SCP – Serious Incident Notification")
		f.startTable(3600, 6000)
		fld(f, "Name of person completing this form", "Text1", "referrer_name", r.referrer.String(), r.referrer.String())
		fld(f, "Designation", "Text2", "referrer_role", r.role, r.role)
		fld(f, "Agency", "Text3", "referrer_agency", r.agency, r.agency)
		fld(f, "Telephone number", "Text4", "referrer_phone", r.phone, r.phone)
		fld(f, "Date form completed", "Text5", "referral_date", st.date(r.referralDate), r.referralDate.iso())
		fld(f, "Name of child", "Text6", "child_name", r.child.String(), r.child.String())
		fld(f, "Date of birth", "Text7", "child_dob", st.date(r.dob), r.dob.iso())
		fld(f, "Ethnicity", "Text8", "child_ethnicity", r.ethnicity, r.ethnicity)
		fld(f, "Date of serious incident", "Text9", "incident_date", st.date(r.incident), r.incident.iso())
		fld(f, "Location of incident", "Text10", "incident_location", r.location, r.location)
		fld(f, "Summary of circumstances", "Text11", "incident_summary", r.summary, r.summary)
		fld(f, "Agencies known to be involved", "Text12", "agencies_involved", f.textList(r.agencies), r.agencies)
		f.endTable()
		f.boldNote("Please tick")
		box := func(label, name, key string, b bool) {
			f.add(para(formCheck(name, b), run(" "+label)))
			if b {
				f.expect(key, true)
			}
		}
		harm := r.harm
		f.add(para(formCheck("Check1", harm == "died"), run(" Child has died   "), formCheck("Check2", harm == "seriously_harmed"), run(" Child has been seriously harmed")))
		f.expect("harm_outcome", harm)
		box("Abuse or neglect is known or suspected to be a factor", "Check3", "c_abuse_neglect_linked", r.linked)
		box("The child is looked after", "Check4", "child_looked_after", r.lookedAfter)
		box("A police investigation is under way", "Check5", "police_investigation", r.police)
		f.startTable(3600, 6000)
		fld(f, "Authorised by (name and role)", "Text13", "agreement_by", r.agreedBy, r.agreedBy)
		f.endTable()
	}
	p.summaryForm = func(f *form, m *summary) {
		st := f.st
		f.title("Request for Agency Case Information")
		f.startTable(2200, 2600, 2200, 2600)
		f.pairs2("Ref No:", "case_ref", m.caseRef, m.caseRef, "Agency:", "agency", m.agency, m.agency)
		f.pairs2("Author:", "author_name", m.author.String(), m.author.String(), "Designation:", "author_role", m.role, m.role)
		f.pairs2("Child:", "child_name", m.child.String(), m.child.String(), "DOB:", "child_dob", st.date(m.dob), m.dob.iso())
		f.pairs2("Date completed:", "completed_date", st.date(m.completed), m.completed.iso(), "Email:", "author_email", m.email, m.email)
		f.endTable()
		f.add(para(run("Was the child known to your agency? "), formCheck("Known", m.involved), run(" Yes  "), formCheck("NotKnown", !m.involved), run(" No")))
		f.expect("involvement", m.involved)
		if m.involved {
			f.add(para(run("Period of involvement: " + period(st, m))))
			expectPeriod(f, m)
		}
		f.startTable(9600)
		f.question("Summary of involvement with the child and family", "summary", m.text, m.text)
		f.question("Analysis", "analysis", m.analysis, m.analysis)
		f.question("Learning identified", "learning", m.learning, m.learning)
		f.question("Actions already taken", "actions_taken", m.actions, m.actions)
		f.endTable()
		f.add(para(run("Signed off by: " + m.signedOff)))
		f.expect("signed_off_by", m.signedOff)
	}
	return p
}
