package main

import "fmt"

// Easthaven: an older serious case review referral written as numbered
// questions, each answer on the line below (no table), and an agency
// report of numbered headed questions with the answer in the paragraphs
// under each.
func easthaven() *partnership {
	p := &partnership{
		key: "easthaven", name: "Easthaven Children's Safeguarding Partnership", short: "ECSP",
		area: []string{"Easthaven"}, towns: []string{"Easthaven", "Saltmarsh", "Kettering Cross"}, postcodeArea: "EH",
		hospital: "Easthaven General Hospital", mailbox: "case.reviews@ecsp.example",
		agencies: []agency{
			{"Easthaven Police", "easthaven.police.example", []string{"police"}},
			{"Easthaven Children's Social Care", "easthaven.gov.example", []string{"CSC", "social care"}},
			{"Easthaven and Saltmarsh Integrated Care Board", "esicb.nhs.example", []string{"ICB"}},
			{"Saltmarsh Academy", "saltmarsh-academy.example", []string{"school"}},
			{"Easthaven General Hospital", "egh.nhs.example", []string{"hospital"}},
		},
		referrerAgencies: []refAgency{
			{"Easthaven Children's Social Care", "easthaven.gov.example", []string{"Senior Practitioner", "Service Manager"}},
			{"Saltmarsh Academy", "saltmarsh-academy.example", []string{"Designated Safeguarding Lead"}},
			{"Easthaven Police", "easthaven.police.example", []string{"Detective Inspector"}},
		},
		referralFormats: []string{"docx", "pdf", "pdf", "docx"},
		summaryFormats:  []string{"docx", "pdf", "text"},
	}
	p.refPattern = `ECSP/\d{2}/\d{3,4}`
	p.caseRef = func(n int) string { return fmt.Sprintf("ECSP/26/%03d", n) }
	q := func(f *form, n int, question, key, shown string, want any) {
		f.add(para(run(fmt.Sprintf("%d. %s", n, question))))
		f.add(paraText(shown))
		f.blank()
		f.expect(key, want)
	}
	p.referralForm = func(f *form, r *referral) {
		st := f.st
		f.title("Referral of a Serious Incident for Consideration by the Case Review Group")
		f.note("To be completed by the referring officer within 72 hours of the incident.")
		f.blank()
		q(f, 1, "Name of professional referring", "referrer_name", r.referrer.String(), r.referrer.String())
		q(f, 2, "Designation", "referrer_role", r.role, r.role)
		q(f, 3, "Agency", "referrer_agency", r.agency, r.agency)
		q(f, 4, "Contact telephone number", "referrer_phone", r.phone, r.phone)
		q(f, 5, "Secure email address", "referrer_email", r.email, r.email)
		q(f, 6, "Date of referral", "referral_date", st.date(r.referralDate), r.referralDate.iso())
		q(f, 7, "Name of child/family being referred", "child_name", r.child.String(), r.child.String())
		q(f, 8, "Date of birth", "child_dob", st.date(r.dob), r.dob.iso())
		q(f, 9, "Ethnic origin", "child_ethnicity", r.ethnicity, r.ethnicity)
		q(f, 10, "Home address", "child_address", r.address, r.address)
		q(f, 11, "Legal status of the child", "child_legal_status", r.legal, r.legal)
		q(f, 12, "Date of critical incident", "incident_date", st.date(r.incident), r.incident.iso())
		q(f, 13, "Whereabouts at time of critical incident", "incident_location", r.location, r.location)
		q(f, 14, "Has the child died or been seriously harmed", "harm_outcome", r.harmWords, r.harm)
		q(f, 15, "Please outline events and circumstances relevant to the referral", "incident_summary", r.summary, r.summary)
		q(f, 16, "Other agencies involved", "agencies_involved", f.textList(r.agencies), r.agencies)
		q(f, 17, "Name of the designated safeguarding lead who agreed this referral", "agreement_by", r.agreedBy, r.agreedBy)
		q(f, 18, "Local authority where the child normally lives", "child_home_authority", r.homeLA, r.homeLA)
	}
	p.summaryForm = func(f *form, m *summary) {
		st := f.st
		f.title("Initial Case Review – Agency Report")
		f.add(para(run("Case reference: "+m.caseRef)), para(run("Date returned: "+st.date(m.completed))))
		f.expect("case_ref", m.caseRef)
		f.expect("completed_date", m.completed.iso())
		f.add(para(run("Author: "+m.author.String())), para(run("Role: "+m.role)), para(run("Email: "+m.email)))
		f.expect("author_name", m.author.String())
		f.expect("author_role", m.role)
		f.expect("author_email", m.email)
		f.add(para(run("Service/agency: "+m.agency)), para(run("Child's name/identifier: "+m.child.String())),
			para(run("Child's date of birth: "+st.date(m.dob))))
		f.expect("agency", m.agency)
		f.expect("child_name", m.child.String())
		f.expect("child_dob", m.dob.iso())
		f.add(para(run("Was the child or family known to the agency? " + st.yn(m.involved))))
		f.expect("involvement", m.involved)
		if m.involved {
			f.add(para(run("Dates of involvement: " + period(st, m))))
			expectPeriod(f, m)
		}
		h := func(n int, t, key, v string) {
			f.add(styled("Heading2", run(fmt.Sprintf("%d. %s", n, t))))
			f.add(paraText(v))
			f.expect(key, v)
		}
		h(1, "Summary of involvement", "summary", m.text)
		h(2, "Analysis of key practice episodes", "analysis", m.analysis)
		h(3, "Learning identified", "learning", m.learning)
		h(4, "Actions already taken", "actions_taken", m.actions)
		h(5, "Recommendations", "recommendations", m.recommendations)
		f.add(para(run("Signed off by: " + m.signedOff)))
		f.expect("signed_off_by", m.signedOff)
	}
	p.summaryText = func(f *form, m *summary) {
		st := f.st
		f.tline("Case reference: %s", m.caseRef)
		f.tline("Service/agency: %s", m.agency)
		f.tline("Author: %s", m.author.String())
		f.tline("Role: %s", m.role)
		f.tline("Date returned: %s", st.date(m.completed))
		f.tline("Child's name/identifier: %s", m.child.String())
		f.tline("Child's date of birth: %s", st.date(m.dob))
		f.tline("Was the child or family known to the agency? %s", st.yn(m.involved))
		for k, v := range map[string]any{"case_ref": m.caseRef, "agency": m.agency, "author_name": m.author.String(), "author_role": m.role,
			"completed_date": m.completed.iso(), "child_name": m.child.String(), "child_dob": m.dob.iso(), "involvement": m.involved} {
			f.expect(k, v)
		}
		if m.involved {
			f.tline("Dates of involvement: %s", period(st, m))
			expectPeriod(f, m)
		}
		f.tline("")
		f.tline("1. Summary of involvement:\n%s\n", m.text)
		f.tline("2. Analysis of key practice episodes:\n%s\n", m.analysis)
		f.tline("3. Learning identified:\n%s\n", m.learning)
		f.tline("Signed off by: %s", m.signedOff)
		f.expect("summary", m.text)
		f.expect("analysis", m.analysis)
		f.expect("learning", m.learning)
		f.expect("signed_off_by", m.signedOff)
	}
	return p
}
