package main

// Brackwater: a referral written in sentences, "This is (your name):",
// as the multi-agency referral tools are, and agency summaries pasted
// into the body of a reply.
func brackwater() *partnership {
	p := &partnership{
		key: "brackwater", name: "Brackwater Safeguarding Partnership", short: "BSP",
		area: []string{"Brackwater", "Brackwater and Tey"}, towns: []string{"Brackwater", "Tey Mouth", "Hollins"}, postcodeArea: "BW",
		hospital: "Tey Valley Hospital", mailbox: "learning.reviews@bsp.example",
		agencies: []agency{
			{"Brackwater Police", "brackwater.police.example", []string{"police"}},
			{"Brackwater and Tey Children's Services", "bt.gov.example", []string{"children's services"}},
			{"Tey Valley NHS Foundation Trust", "teyvalley.nhs.example", []string{"hospital"}},
			{"Hollins Community College", "hollins.example", []string{"college"}},
			{"Brackwater Housing and Communities", "bt.gov.example", []string{"housing"}},
		},
		referrerAgencies: []refAgency{
			{"Tey Valley NHS Foundation Trust", "teyvalley.nhs.example", []string{"Named Nurse", "Emergency Department Consultant"}},
			{"Hollins Community College", "hollins.example", []string{"Designated Safeguarding Lead"}},
		},
		referralFormats: []string{"docx", "pdf", "docx", "pdf"},
		summaryFormats:  []string{"text", "html", "text"},
	}
	p.refPattern, p.caseRef = dashedRefs("BSP")
	s := func(f *form, label, key, shown string, want any) {
		f.add(para(run(label+" "), run(shown)))
		f.expect(key, want)
	}
	p.referralForm = func(f *form, r *referral) {
		st := f.st
		f.title("Serious Incident / Learning Request Form")
		f.boldNote("About you")
		s(f, "This is (your name):", "referrer_name", r.referrer.String(), r.referrer.String())
		s(f, "I am a (job title):", "referrer_role", r.role, r.role)
		s(f, "from (organisation):", "referrer_agency", r.agency, r.agency)
		s(f, "Email address:", "referrer_email", r.email, r.email)
		s(f, "Telephone:", "referrer_phone", r.phone, r.phone)
		s(f, "Today's date:", "referral_date", st.date(r.referralDate), r.referralDate.iso())
		f.boldNote("About the child")
		s(f, "I am referring a child called:", "child_name", r.child.String(), r.child.String())
		s(f, "Date of birth/ expected birth date:", "child_dob", st.date(r.dob), r.dob.iso())
		s(f, "Child's address:", "child_address", r.address, r.address)
		s(f, "Postcode:", "child_postcode", r.postcode, r.postcode)
		f.boldNote("What happened")
		s(f, "The incident happened on:", "incident_date", st.date(r.incident), r.incident.iso())
		s(f, "It happened at:", "incident_location", r.location, r.location)
		s(f, "My agency became aware on:", "aware_date", st.date(r.aware), r.aware.iso())
		s(f, "The outcome for the child is:", "harm_outcome", r.harmWords, r.harm)
		f.add(para(run("I am completing this request because (please describe what happened):")))
		f.add(paraText(r.summary))
		f.expect("incident_summary", r.summary)
		s(f, "The agencies who know the family are:", "agencies_involved", f.textList(r.agencies), r.agencies)
		s(f, "I think the learning for the partnership is:", "learning", r.learning, r.learning)
		s(f, "This request was agreed by:", "agreement_by", r.agreedBy, r.agreedBy)
		f.boldNote("Criteria")
		yn := func(label, key string, b bool) {
			f.add(para(run(label+" ")), yesNoBoxes(b, false))
			f.expect(key, b)
		}
		yn("Is abuse or neglect known or suspected and linked to the harm?", "c_abuse_neglect_linked", r.linked)
		yn("Does the child live in Brackwater, or did the incident happen here?", "c_resident_or_occurred_in_area", r.inArea)
		yn("Is there learning for more than one agency?", "c_multi_agency_learning", r.lessons)
	}
	p.summaryText = func(f *form, m *summary) {
		st := f.st
		put := func(label, key, shown string, want any) {
			f.tline("%s: %s", label, shown)
			f.expect(key, want)
		}
		put("Our ref", "case_ref", m.caseRef, m.caseRef)
		put("Agency", "agency", m.agency, m.agency)
		put("Completed by", "author_name", m.author.String(), m.author.String())
		put("Position held", "author_role", m.role, m.role)
		put("Date completed", "completed_date", st.date(m.completed), m.completed.iso())
		put("Child", "child_name", m.child.String(), m.child.String())
		put("DOB", "child_dob", st.date(m.dob), m.dob.iso())
		put("Known to us", "involvement", st.yn(m.involved), m.involved)
		if m.involved {
			f.tline("Period of involvement: %s", period(st, m))
			expectPeriod(f, m)
		}
		f.tline("Summary of involvement:\n%s", m.text)
		f.expect("summary", m.text)
		f.tline("Learning:\n%s", m.learning)
		f.expect("learning", m.learning)
		put("Signed off by", "signed_off_by", m.signedOff, m.signedOff)
	}
	return p
}
