package main

// Wexcombe: a "one panel" referral with two label/value pairs to a row,
// the criteria as a Yes/No grid marked with X or a tick, and an agency
// return in a two-column table whose period of involvement is written
// "from ... until ...".
func wexcombe() *partnership {
	p := &partnership{
		key: "wexcombe", name: "Wexcombe Safeguarding Children Partnership", short: "WSCP",
		area: []string{"Wexcombe"}, towns: []string{"Wexcombe", "Lower Wex", "Stanbridge"}, postcodeArea: "WX",
		hospital: "Wexcombe District Hospital", mailbox: "onepanel@wscp.example",
		agencies: []agency{
			{"Wexcombe Constabulary", "wexcombe.police.example", []string{"police"}},
			{"Wexcombe Council Children's Services", "wexcombe.gov.example", []string{"children's services"}},
			{"Wexcombe Health and Wellbeing Board", "wexcombe.gov.example", nil},
			{"Stanbridge Medical Practice", "stanbridge-mp.nhs.example", []string{"GP"}},
			{"Lower Wex Nursery and Pre-School", "lowerwex-nursery.example", []string{"nursery"}},
		},
		referrerAgencies: []refAgency{
			{"Wexcombe Council Children's Services", "wexcombe.gov.example", []string{"Team Manager", "Social Worker"}},
			{"Stanbridge Medical Practice", "stanbridge-mp.nhs.example", []string{"GP Safeguarding Lead"}},
		},
		referralFormats: []string{"docx", "pdf", "doc", "pdf"},
		summaryFormats:  []string{"pdf", "docx", "doc"},
	}
	p.refPattern, p.caseRef = dashedRefs("WSCP")
	p.referralForm = func(f *form, r *referral) {
		st := f.st
		f.title("Referral form for the One Panel")
		f.boldNote("1. Referrer")
		f.startTable(2000, 2800, 2000, 2800)
		f.pairs2("Name:", "referrer_name", r.referrer.String(), r.referrer.String(), "Role:", "referrer_role", r.role, r.role)
		f.pairs2("Agency:", "referrer_agency", r.agency, r.agency, "Tel. number:", "referrer_phone", r.phone, r.phone)
		f.pairs2("Email:", "referrer_email", r.email, r.email, "Date of notification:", "referral_date", st.date(r.referralDate), r.referralDate.iso())
		f.endTable()
		f.boldNote("2. Subject's details")
		f.startTable(2000, 2800, 2000, 2800)
		f.pairs2("Child's name", "child_name", r.child.String(), r.child.String(), "Date of birth", "child_dob", st.date(r.dob), r.dob.iso())
		f.pairs2("Gender", "child_gender", r.gender, r.gender, "Ethnicity", "child_ethnicity", r.ethnicity, r.ethnicity)
		f.pairs2("Date of incident", "incident_date", st.date(r.incident), r.incident.iso(), "Date LA became aware", "aware_date", st.date(r.aware), r.aware.iso())
		f.endTable()
		f.startTable(2000, 7600)
		f.pair("Home address", "child_address", r.address, r.address)
		f.pair("Responsible local authority", "child_home_authority", r.homeLA, r.homeLA)
		f.pair("Outcome", "harm_outcome", r.harmWords, r.harm)
		f.pair("Agencies known to be involved", "agencies_involved", f.textList(r.agencies), r.agencies)
		f.endTable()
		f.startTable(9600)
		f.question("3. Case outline (what happened, and the agencies' involvement)", "incident_summary", r.summary, r.summary)
		f.endTable()
		f.boldNote("4. Criteria (mark one column)")
		marks := []string{"X", "✓", "x"}
		m := pick(st.rng, marks)
		grid := func(q, key string, b bool) {
			y, n := "", m
			if b {
				y, n = m, ""
			}
			f.row(cell(6600, false, para(run(q))), cell(1500, false, para(run(y))), cell(1500, false, para(run(n))))
			f.expect(key, b)
		}
		f.startTable(6600, 1500, 1500)
		f.row(cell(6600, true, para(bold("Criterion"))), cell(1500, true, para(bold("Yes"))), cell(1500, true, para(bold("No"))))
		grid("The child has died or has been seriously harmed", "c_died_or_seriously_harmed", r.died)
		grid("Abuse or neglect is known or suspected and is directly linked to the death or serious harm", "c_abuse_neglect_linked", r.linked)
		grid("The child is normally resident in Wexcombe, or the incident occurred in Wexcombe", "c_resident_or_occurred_in_area", r.inArea)
		grid("The case highlights potential learning for the safeguarding system, not just one agency", "c_multi_agency_learning", r.lessons)
		grid("You have agreement to refer from your executive representative or senior safeguarding lead", "c_agreement_to_refer", r.agreed)
		f.endTable()
		f.startTable(2000, 7600)
		f.pair("Agreed by (senior safeguarding lead)", "agreement_by", r.agreedBy, r.agreedBy)
		f.endTable()
	}
	p.summaryForm = func(f *form, m *summary) {
		st := f.st
		f.title("One Panel – Agency Return")
		f.startTable(3200, 6400)
		f.pair("Case no.", "case_ref", m.caseRef, m.caseRef)
		f.pair("Agency", "agency", m.agency, m.agency)
		f.pair("Name of author", "author_name", m.author.String(), m.author.String())
		f.pair("Role", "author_role", m.role, m.role)
		f.pair("Secure email", "author_email", m.email, m.email)
		f.pair("Date", "completed_date", st.date(m.completed), m.completed.iso())
		f.pair("Child's name", "child_name", m.child.String(), m.child.String())
		f.pair("Child's date of birth", "child_dob", st.date(m.dob), m.dob.iso())
		f.pair("Has your agency had any involvement with the child or family?", "involvement", st.yn(m.involved), m.involved)
		if m.involved {
			f.row(f.label(0, "Dates of involvement"), f.value(1, period(st, m)))
			expectPeriod(f, m)
		}
		f.pair("Summary of agency involvement", "summary", m.text, m.text)
		f.pair("Analysis of involvement", "analysis", m.analysis, m.analysis)
		f.pair("Lessons learned", "learning", m.learning, m.learning)
		f.pair("Recommendations", "recommendations", m.recommendations, m.recommendations)
		f.pair("Authorised by (senior manager)", "signed_off_by", m.signedOff, m.signedOff)
		f.endTable()
	}
	return p
}
