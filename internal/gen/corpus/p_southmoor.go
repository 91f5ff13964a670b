package main

// Southmoor: forms whose questions are Word headings with the answers in
// the paragraphs below them, content controls for the answers, and the
// criteria as checkbox statements.
func southmoor() *partnership {
	p := &partnership{
		key: "southmoor", name: "Southmoor Safeguarding Children Partnership", short: "SSCP",
		area: []string{"Southmoor"}, towns: []string{"Southmoor", "Penrose", "Yarrow Bay"}, postcodeArea: "SM",
		hospital: "Southmoor University Hospital", mailbox: "sscp.reviews@sscp.example",
		agencies: []agency{
			{"Southmoor Police", "southmoor.police.example", []string{"police"}},
			{"Southmoor Children's Social Care", "southmoor.gov.example", []string{"CSC"}},
			{"Southmoor Adult Social Care", "southmoor.gov.example", nil},
			{"Penrose and Yarrow Bay Primary Care Network", "pyb-pcn.nhs.example", []string{"GP", "PCN"}},
			{"Southmoor Drug and Alcohol Service", "sdas.example", []string{"substance misuse service"}},
		},
		referrerAgencies: []refAgency{
			{"Southmoor Children's Social Care", "southmoor.gov.example", []string{"Head of Service"}},
			{"Southmoor University Hospital", "suh.nhs.example", []string{"Named Doctor for Safeguarding"}},
		},
		referralFormats: []string{"docx", "pdf", "doc", "pdf"},
		summaryFormats:  []string{"docx", "pdf", "pdf"},
	}
	p.refPattern, p.caseRef = dashedRefs("SSCP")
	h := func(f *form, q, key, shown string, want any) {
		f.add(styled("Heading2", run(q)))
		f.add(paraText(shown))
		f.expect(key, want)
	}
	p.referralForm = func(f *form, r *referral) {
		st := f.st
		f.title("Child Safeguarding Practice Review – Notification")
		h(f, "Name of the person referring", "referrer_name", r.referrer.String(), r.referrer.String())
		h(f, "Their role", "referrer_role", r.role, r.role)
		h(f, "Their organisation", "referrer_agency", r.agency, r.agency)
		h(f, "Contact email", "referrer_email", r.email, r.email)
		h(f, "Child's full name", "child_name", r.child.String(), r.child.String())
		h(f, "Child's date of birth", "child_dob", st.date(r.dob), r.dob.iso())
		h(f, "Where does the child live?", "child_address", r.address, r.address)
		h(f, "When did the incident happen?", "incident_date", st.date(r.incident), r.incident.iso())
		h(f, "When did your organisation become aware of it?", "aware_date", st.date(r.aware), r.aware.iso())
		h(f, "Describe what happened", "incident_summary", r.summary, r.summary)
		h(f, "Which agencies are involved?", "agencies_involved", f.textList(r.agencies), r.agencies)
		h(f, "What safeguarding action has been taken for other children?", "immediate_actions", r.actions, r.actions)
		f.add(styled("Heading2", run("Criteria: tick each that applies")))
		crit := func(text, key string, b bool) {
			f.add(para(sdtCheck(key, b), run(" "+text)))
			if b {
				f.expect(key, true)
			}
		}
		crit("The child has died or been seriously harmed", "c_died_or_seriously_harmed", r.died)
		crit("Abuse or neglect is known or suspected and directly linked to the harm", "c_abuse_neglect_linked", r.linked)
		crit("The child is normally resident in Southmoor or the incident occurred in Southmoor", "c_resident_or_occurred_in_area", r.inArea)
		crit("The case highlights potential learning for the safeguarding system", "c_multi_agency_learning", r.lessons)
		crit("I have agreement to refer from my senior safeguarding lead", "c_agreement_to_refer", r.agreed)
		h(f, "Senior safeguarding lead who agreed the referral", "agreement_by", r.agreedBy, r.agreedBy)
	}
	p.summaryForm = func(f *form, m *summary) {
		st := f.st
		f.title("Individual Agency Summary")
		h(f, "Case reference", "case_ref", m.caseRef, m.caseRef)
		h(f, "Agency", "agency", m.agency, m.agency)
		h(f, "Name of author", "author_name", m.author.String(), m.author.String())
		h(f, "Date completed", "completed_date", st.date(m.completed), m.completed.iso())
		h(f, "Name of child", "child_name", m.child.String(), m.child.String())
		h(f, "Was the child or family known to your agency?", "involvement", st.yn(m.involved), m.involved)
		if m.involved {
			f.add(styled("Heading2", run("Period of involvement")))
			f.add(paraText(period(st, m)))
			expectPeriod(f, m)
		}
		h(f, "Summary of involvement", "summary", m.text, m.text)
		h(f, "What went well and what could have been done differently", "analysis", m.analysis, m.analysis)
		h(f, "Learning for your agency and the partnership", "learning", m.learning, m.learning)
		h(f, "Signed off by", "signed_off_by", m.signedOff, m.signedOff)
	}
	return p
}
