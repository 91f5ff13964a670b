package main

// Northmere: a current rapid review referral form in bordered two-column
// tables under section headings, the criteria asked as lettered
// questions, and an agency information form whose period of involvement
// is one combined answer.
func northmere() *partnership {
	p := &partnership{
		key: "northmere", name: "Northmere Safeguarding Children Partnership", short: "NSCP",
		area: []string{"Northmere"}, towns: []string{"Northmere", "Aldwick", "Fellgate"}, postcodeArea: "NM",
		hospital: "Northmere Royal Infirmary", mailbox: "rapidreview@nscp.example",
		agencies: []agency{
			{"Northmere Police", "northmere.police.example", []string{"police"}},
			{"Northmere Children and Families Service", "northmere.gov.example", []string{"children's social care", "CSC"}},
			{"Northmere Health and Care Partnership NHS Trust", "nhcp.nhs.example", []string{"NHCP", "the trust"}},
			{"St Aidan's Church of England Primary School", "staidans.example", []string{"school"}},
			{"Child and Adolescent Mental Health Service", "nhcp.nhs.example", []string{"CAMHS"}},
			{"Northmere Youth Justice Service", "northmere.gov.example", []string{"YJS"}},
		},
		referrerAgencies: []refAgency{
			{"Northmere Children and Families Service", "northmere.gov.example", []string{"Social Worker", "Team Manager"}},
			{"Northmere Royal Infirmary", "nri.nhs.example", []string{"Named Nurse for Safeguarding Children", "Consultant Paediatrician"}},
			{"St Aidan's Church of England Primary School", "staidans.example", []string{"Designated Safeguarding Lead", "Headteacher"}},
		},
		referralFormats: []string{"docx", "pdf", "doc", "pdf"},
		summaryFormats:  []string{"docx", "pdf", "docx"},
	}
	p.refPattern, p.caseRef = dashedRefs("NSCP")
	p.referralForm = func(f *form, r *referral) {
		st := f.st
		f.title("Northmere Safeguarding Children Partnership – Rapid Review Referral Form")
		f.note("Please complete every section. Return to rapidreview@nscp.example.")
		f.heading("Section A – About you")
		f.startTable(3400, 6200)
		f.pair("Person making the referral", "referrer_name", r.referrer.String(), r.referrer.String())
		f.pair("Job title", "referrer_role", r.role, r.role)
		f.pair("Organisation", "referrer_agency", r.agency, r.agency)
		f.pair("Email", "referrer_email", r.email, r.email)
		f.pair("Telephone", "referrer_phone", r.phone, r.phone)
		f.pair("Date of referral", "referral_date", st.date(r.referralDate), r.referralDate.iso())
		f.endTable()
		f.heading("Section B – The child")
		f.startTable(3400, 6200)
		f.pair("Child", "child_name", r.child.String(), r.child.String())
		if r.ageOnly {
			f.pair("Date of birth (or age if not known)", "child_age", itoa(r.age)+" years", float64(r.age))
		} else {
			f.pair("Date of birth (or age if not known)", "child_dob", st.date(r.dob), r.dob.iso())
		}
		f.pair("Gender", "child_gender", r.gender, r.gender)
		f.pair("Ethnicity", "child_ethnicity", r.ethnicity, r.ethnicity)
		f.pair("Home address", "child_address", r.address, r.address)
		f.pair("Postcode", "child_postcode", r.postcode, r.postcode)
		f.pair("Status of child", "child_legal_status", r.legal, r.legal)
		f.pair("Is the child looked after?", "child_looked_after", st.yn(r.lookedAfter), r.lookedAfter)
		f.endTable()
		f.heading("Section C – The incident")
		f.startTable(3400, 6200)
		f.pair("Date of incident", "incident_date", st.date(r.incident), r.incident.iso())
		f.pair("Date your agency became aware", "aware_date", st.date(r.aware), r.aware.iso())
		f.pair("Where did it happen?", "incident_location", r.location, r.location)
		f.pair("Outcome for the child", "harm_outcome", r.harmWords, r.harm)
		f.row(f.label(0, "Category of abuse or neglect (tick all that apply)"), cell(6200, false, abuseTicks(r, false)))
		f.expect("abuse_types", r.abuse)
		f.pair("Is abuse or neglect known or suspected?", "abuse_or_neglect", aonWords(r.abuseOrNeglect), r.abuseOrNeglect)
		f.pair("Agencies involved with the family", "agencies_involved", f.textList(r.agencies), r.agencies)
		f.pair("Is there a police investigation?", "police_investigation", st.yn(r.police), r.police)
		f.endTable()
		f.startTable(9600)
		f.question("What happened? Please give a brief summary.", "incident_summary", r.summary, r.summary)
		f.endTable()
		f.heading("Section D – Criteria")
		f.note("Please answer each question yes or no.")
		f.startTable(7000, 2600)
		f.pair("a) Has the child died or been seriously harmed?", "c_died_or_seriously_harmed", st.yn(r.died), r.died)
		f.pair("b) Is abuse or neglect known or suspected, and directly linked to the death or serious harm?", "c_abuse_neglect_linked", st.yn(r.linked), r.linked)
		f.pair("c) Is the child normally resident in Northmere, or did the incident occur in Northmere?", "c_resident_or_occurred_in_area", st.yn(r.inArea), r.inArea)
		f.pair("d) Does the case highlight potential learning for the safeguarding system, not just one agency?", "c_multi_agency_learning", st.yn(r.lessons), r.lessons)
		f.pair("e) Do you have agreement to refer from your executive representative or senior safeguarding lead?", "c_agreement_to_refer", st.yn(r.agreed), r.agreed)
		f.endTable()
		f.startTable(3400, 6200)
		f.pair("Name and role of the person who agreed this referral", "agreement_by", r.agreedBy, r.agreedBy)
		f.endTable()
		f.startTable(9600)
		f.question("Why might this case hold learning for the partnership?", "learning", r.learning, r.learning)
		f.question("What has been done to keep other children safe?", "immediate_actions", r.actions, r.actions)
		f.endTable()
	}
	p.summaryForm = func(f *form, m *summary) {
		st := f.st
		f.title("Rapid Review Agency Information Form")
		f.note("Return within 9 working days of the request.")
		f.startTable(3400, 6200)
		f.pair("NSCP ref", "case_ref", m.caseRef, m.caseRef)
		f.pair("Agency", "agency", m.agency, m.agency)
		f.pair("Completed by", "author_name", m.author.String(), m.author.String())
		f.pair("Job title", "author_role", m.role, m.role)
		f.pair("Email", "author_email", m.email, m.email)
		f.pair("Date completed", "completed_date", st.date(m.completed), m.completed.iso())
		f.pair("Child", "child_name", m.child.String(), m.child.String())
		f.pair("Date of birth", "child_dob", st.date(m.dob), m.dob.iso())
		f.pair("Was the child or family known to your agency?", "involvement", st.yn(m.involved), m.involved)
		if m.involved {
			f.row(f.label(0, "Period of involvement"), f.value(1, period(st, m)))
			expectPeriod(f, m)
		}
		f.endTable()
		f.startTable(9600)
		f.question("Summary of involvement", "summary", m.text, m.text)
		f.question("Analysis of practice", "analysis", m.analysis, m.analysis)
		f.question("Learning identified", "learning", m.learning, m.learning)
		f.question("Action already taken", "actions_taken", m.actions, m.actions)
		f.question("Recommendations", "recommendations", m.recommendations, m.recommendations)
		f.endTable()
		f.startTable(3400, 6200)
		f.pair("Signed off by (senior manager)", "signed_off_by", m.signedOff, m.signedOff)
		f.endTable()
	}
	return p
}
