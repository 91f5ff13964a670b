package main

// Fenwick: a form laid out with a borderless table (no ruled lines in its
// PDF), so that its columns can be found only from where the text sits.
func fenwick() *partnership {
	p := &partnership{
		key: "fenwick", name: "Fenwick and Dale Safeguarding Children Partnership", short: "FDSCP",
		area: []string{"Fenwick", "Dale", "Fenwick and Dale"}, towns: []string{"Fenwick", "Dalesby", "Harrowgate Moor"}, postcodeArea: "FD",
		hospital: "Fenwick Infirmary", mailbox: "reviews@fdscp.example",
		agencies: []agency{
			{"Fenwick and Dale Police", "fd.police.example", []string{"police"}},
			{"Fenwick Children's Social Care", "fenwick.gov.example", []string{"CSC"}},
			{"Dale Valley NHS Trust", "dalevalley.nhs.example", []string{"trust"}},
			{"Dalesby High School", "dalesby-high.example", []string{"school"}},
			{"Fenwick Early Help and Prevention Service", "fenwick.gov.example", []string{"early help"}},
		},
		referrerAgencies: []refAgency{
			{"Fenwick Children's Social Care", "fenwick.gov.example", []string{"Practice Manager"}},
			{"Dale Valley NHS Trust", "dalevalley.nhs.example", []string{"Named Midwife", "Consultant Paediatrician"}},
		},
		referralFormats: []string{"pdf", "docx", "pdf", "pdf"},
		summaryFormats:  []string{"pdf", "docx", "pdf"},
	}
	p.refPattern, p.caseRef = dashedRefs("FDSCP")
	p.referralForm = func(f *form, r *referral) {
		st := f.st
		f.title("Fenwick and Dale SCP: Rapid Review Referral")
		f.boldNote("Referrer")
		f.startTable(3400, 6200)
		f.pair("Name of referrer", "referrer_name", r.referrer.String(), r.referrer.String())
		f.pair("Role", "referrer_role", r.role, r.role)
		f.pair("Agency", "referrer_agency", r.agency, r.agency)
		f.pair("Email", "referrer_email", r.email, r.email)
		f.endTableStyled(true)
		f.boldNote("Child")
		f.startTable(3400, 6200)
		f.pair("Name", "child_name", r.child.String(), r.child.String())
		f.pair("Date of birth", "child_dob", st.date(r.dob), r.dob.iso())
		f.pair("Gender", "child_gender", r.gender, r.gender)
		f.pair("Home address", "child_address", r.address, r.address)
		f.pair("Home local authority", "child_home_authority", r.homeLA, r.homeLA)
		f.endTableStyled(true)
		f.boldNote("Incident")
		f.startTable(3400, 6200)
		f.pair("Date of incident", "incident_date", st.date(r.incident), r.incident.iso())
		f.pair("Date the local authority became aware", "aware_date", st.date(r.aware), r.aware.iso())
		f.pair("Harm", "harm_outcome", r.harmWords, r.harm)
		f.pair("Is abuse or neglect known or suspected?", "abuse_or_neglect", aonWords(r.abuseOrNeglect), r.abuseOrNeglect)
		f.pair("Summary", "incident_summary", r.summary, r.summary)
		f.pair("Agencies involved", "agencies_involved", f.textList(r.agencies), r.agencies)
		f.pair("Learning for the system", "learning", r.learning, r.learning)
		f.pair("Agreement to refer given by", "agreement_by", r.agreedBy, r.agreedBy)
		f.endTableStyled(true)
	}
	p.summaryForm = func(f *form, m *summary) {
		st := f.st
		f.title("Fenwick and Dale SCP: Agency Summary")
		f.startTable(3400, 6200)
		f.pair("Case reference", "case_ref", m.caseRef, m.caseRef)
		f.pair("Agency", "agency", m.agency, m.agency)
		f.pair("Completed by", "author_name", m.author.String(), m.author.String())
		f.pair("Role", "author_role", m.role, m.role)
		f.pair("Date completed", "completed_date", st.date(m.completed), m.completed.iso())
		f.pair("Child's name", "child_name", m.child.String(), m.child.String())
		f.pair("Did your agency know the child or family?", "involvement", st.yn(m.involved), m.involved)
		if m.involved {
			f.row(f.label(0, "Period of involvement"), f.value(1, period(st, m)))
			expectPeriod(f, m)
		}
		f.pair("Summary of involvement", "summary", m.text, m.text)
		f.pair("Learning identified", "learning", m.learning, m.learning)
		f.pair("Signed off by", "signed_off_by", m.signedOff, m.signedOff)
		f.endTableStyled(true)
	}
	return p
}
