package main

// Carrowfield: a partnership whose referrers mostly paste the form into
// the email (plain text from one mail program, an HTML table from
// Outlook), sign off under it, and reply with history quoted below.
func carrowfield() *partnership {
	p := &partnership{
		key: "carrowfield", name: "Carrowfield Safeguarding Children Partnership", short: "CSCP",
		area: []string{"Carrowfield"}, towns: []string{"Carrowfield", "Minster Lovell", "Cray"}, postcodeArea: "CF",
		hospital: "Carrowfield Royal Hospital", mailbox: "cscp@cscp.example",
		agencies: []agency{
			{"Carrowfield Police", "carrowfield.police.example", []string{"police"}},
			{"Carrowfield Children, Schools and Families", "carrowfield.gov.example", []string{"CSF"}},
			{"Carrowfield Royal Hospital", "crh.nhs.example", []string{"hospital"}},
			{"Minster Lovell Family Hub", "carrowfield.gov.example", []string{"family hub"}},
			{"Cray Valley Primary Academy", "crayvalley.example", []string{"school"}},
		},
		referrerAgencies: []refAgency{
			{"Cray Valley Primary Academy", "crayvalley.example", []string{"Designated Safeguarding Lead", "Deputy Head"}},
			{"Carrowfield Royal Hospital", "crh.nhs.example", []string{"Safeguarding Nurse"}},
		},
		referralFormats: []string{"text", "html", "docx", "text"},
		summaryFormats:  []string{"text", "html", "docx"},
	}
	p.refPattern = `CSCP\s?\d{2}/\d{3,4}`
	p.caseRef = func(n int) string { return "CSCP 26/" + itoa(1000+n) }
	lines := func(f *form, r *referral) [][3]string {
		st := f.st
		return [][3]string{
			{"Completed by", "referrer_name", r.referrer.String()},
			{"Role", "referrer_role", r.role},
			{"Organisation", "referrer_agency", r.agency},
			{"Email", "referrer_email", r.email},
			{"Date", "referral_date", st.date(r.referralDate)},
			{"Child", "child_name", r.child.String()},
			{"DOB", "child_dob", st.date(r.dob)},
			{"Address", "child_address", r.address},
			{"Date of incident", "incident_date", st.date(r.incident)},
			{"Date we became aware", "aware_date", st.date(r.aware)},
			{"Outcome", "harm_outcome", r.harmWords},
			{"Abuse known or suspected", "abuse_or_neglect", aonWords(r.abuseOrNeglect)},
			{"What happened", "incident_summary", r.summary},
			{"Agencies involved", "agencies_involved", f.textList(r.agencies)},
			{"Is there learning for more than one agency?", "c_multi_agency_learning", st.yn(r.lessons)},
			{"Agreed by (DSL / senior manager)", "agreement_by", r.agreedBy},
		}
	}
	wants := func(r *referral) map[string]any {
		return map[string]any{"referrer_name": r.referrer.String(), "referrer_role": r.role, "referrer_agency": r.agency,
			"referrer_email": r.email, "referral_date": r.referralDate.iso(), "child_name": r.child.String(), "child_dob": r.dob.iso(),
			"child_address": r.address, "incident_date": r.incident.iso(), "aware_date": r.aware.iso(), "harm_outcome": r.harm,
			"abuse_or_neglect": r.abuseOrNeglect, "incident_summary": r.summary, "agencies_involved": r.agencies,
			"c_multi_agency_learning": r.lessons, "agreement_by": r.agreedBy}
	}
	p.referralText = func(f *form, r *referral) {
		w := wants(r)
		for _, l := range lines(f, r) {
			if len(l[2]) > 60 || containsNewline(l[2]) {
				f.tline("%s:\n%s", l[0], l[2])
			} else {
				f.tline("%s: %s", l[0], l[2])
			}
			f.expect(l[1], w[l[1]])
		}
	}
	p.referralForm = func(f *form, r *referral) {
		w := wants(r)
		f.title("Carrowfield SCP – referral for a rapid review")
		f.startTable(3400, 6200)
		for _, l := range lines(f, r) {
			f.pair(l[0], l[1], l[2], w[l[1]])
		}
		f.endTable()
	}
	sumLines := func(f *form, m *summary) ([][3]string, map[string]any) {
		st := f.st
		ls := [][3]string{
			{"Case no.", "case_ref", m.caseRef},
			{"Agency", "agency", m.agency},
			{"Completed by", "author_name", m.author.String()},
			{"Job title", "author_role", m.role},
			{"Date completed", "completed_date", st.date(m.completed)},
			{"Child", "child_name", m.child.String()},
			{"Did you know the child or family?", "involvement", st.yn(m.involved)},
		}
		w := map[string]any{"case_ref": m.caseRef, "agency": m.agency, "author_name": m.author.String(), "author_role": m.role,
			"completed_date": m.completed.iso(), "child_name": m.child.String(), "involvement": m.involved,
			"summary": m.text, "learning": m.learning, "signed_off_by": m.signedOff}
		if m.involved {
			ls = append(ls, [3]string{"Period of involvement", "", period(st, m)})
		}
		ls = append(ls, [3]string{"Summary of involvement", "summary", m.text}, [3]string{"Learning", "learning", m.learning},
			[3]string{"Signed off by", "signed_off_by", m.signedOff})
		return ls, w
	}
	p.summaryText = func(f *form, m *summary) {
		ls, w := sumLines(f, m)
		for _, l := range ls {
			if containsNewline(l[2]) {
				f.tline("%s:\n%s", l[0], l[2])
			} else {
				f.tline("%s: %s", l[0], l[2])
			}
			if l[1] != "" {
				f.expect(l[1], w[l[1]])
			}
		}
		if m.involved {
			expectPeriod(f, m)
		}
	}
	p.summaryForm = func(f *form, m *summary) {
		ls, w := sumLines(f, m)
		f.title("Agency summary")
		f.startTable(3400, 6200)
		for _, l := range ls {
			f.row(f.label(0, l[0]), f.value(1, l[2]))
			if l[1] != "" {
				f.expect(l[1], w[l[1]])
			}
		}
		f.endTable()
		if m.involved {
			expectPeriod(f, m)
		}
	}
	return p
}

func containsNewline(s string) bool {
	for _, c := range s {
		if c == '\n' {
			return true
		}
	}
	return false
}
