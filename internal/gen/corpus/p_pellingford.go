package main

// Pellingford: yes/no questions as a table with a Yes and a No column,
// answered by a mark in one of them (a box glyph, a Wingdings tick, an
// X), and abuse categories as a tick grid with an "Other" row.
func pellingford() *partnership {
	p := &partnership{
		key: "pellingford", name: "Pellingford Children's Safeguarding Partnership", short: "PCSP",
		area: []string{"Pellingford"}, towns: []string{"Pellingford", "Oakhurst", "Little Marden"}, postcodeArea: "PF",
		hospital: "Pellingford Hospital", mailbox: "pcsp@pcsp.example",
		agencies: []agency{
			{"Pellingford Police", "pellingford.police.example", []string{"police"}},
			{"Pellingford Children and Young People's Service", "pellingford.gov.example", []string{"children's services"}},
			{"Oakhurst Surgery", "oakhurst-surgery.nhs.example", []string{"GP"}},
			{"Pellingford Community Health Services", "pchs.nhs.example", []string{"health visiting"}},
			{"Little Marden Infant School", "lmis.example", []string{"school"}},
		},
		referrerAgencies: []refAgency{
			{"Pellingford Police", "pellingford.police.example", []string{"Detective Sergeant"}},
			{"Pellingford Community Health Services", "pchs.nhs.example", []string{"Health Visitor", "Safeguarding Lead"}},
		},
		referralFormats: []string{"docx", "pdf", "pdf", "docx"},
		summaryFormats:  []string{"docx", "pdf", "pdf"},
	}
	p.refPattern, p.caseRef = dashedRefs("PCSP")
	// mark is how this referrer marks a column: a box glyph, a Wingdings
	// tick or an X.
	markRun := func(st *style) func(on bool) string {
		switch st.rng.IntN(5) {
		case 3:
			return func(on bool) string {
				if on {
					return para(gothic("☑"))
				}
				return para(gothic("☐"))
			}
		case 4:
			return func(on bool) string {
				if on {
					return para(run("✓"))
				}
				return `<w:p/>`
			}
		case 0:
			return func(on bool) string {
				if on {
					return para(gothic("☒"))
				}
				return para(gothic("☐"))
			}
		case 1:
			return func(on bool) string {
				if on {
					return para(wingdings("F0FC"))
				}
				return `<w:p/>`
			}
		}
		return func(on bool) string {
			if on {
				return para(run("X"))
			}
			return `<w:p/>`
		}
	}
	ynTable := func(f *form, title string, rows func(yn func(q, key string, b bool))) {
		mark := markRun(f.st)
		f.startTable(7000, 1300, 1300)
		f.row(cell(7000, true, para(bold(title))), cell(1300, true, para(bold("Yes"))), cell(1300, true, para(bold("No"))))
		rows(func(q, key string, b bool) {
			f.row(cell(7000, false, para(run(q))), cell(1300, false, mark(b)), cell(1300, false, mark(!b)))
			f.expect(key, b)
		})
		f.endTable()
	}
	p.referralForm = func(f *form, r *referral) {
		st := f.st
		f.title("Pellingford CSPR Referral")
		f.startTable(3200, 6400)
		f.row(f.label(0, "Referrer details"), cell(6400, false, paraText(r.referrer.String()+"\n"+r.role+"\n"+r.agency)))
		f.expect("referrer_name", r.referrer.String())
		f.pair("Email", "referrer_email", r.email, r.email)
		f.pair("Phone", "referrer_phone", r.phone, r.phone)
		f.pair("Child's name", "child_name", r.child.String(), r.child.String())
		f.pair("DOB", "child_dob", st.date(r.dob), r.dob.iso())
		f.pair("Gender", "child_gender", r.gender, r.gender)
		f.pair("Status of child", "child_legal_status", r.legal, r.legal)
		f.pair("Date of incident", "incident_date", st.date(r.incident), r.incident.iso())
		f.pair("Incident location", "incident_location", r.location, r.location)
		f.pair("Has the child died or been seriously harmed? Please say which.", "harm_outcome", r.harmWords, r.harm)
		f.pair("Brief summary of the incident", "incident_summary", r.summary, r.summary)
		f.pair("Agencies involved", "agencies_involved", f.textList(r.agencies), r.agencies)
		f.endTable()
		mark := markRun(st)
		f.startTable(7000, 1300)
		f.row(cell(7000, true, para(bold("Type of abuse or neglect"))), cell(1300, true, para(bold("Tick"))))
		for _, o := range []string{"physical", "sexual", "emotional", "neglect"} {
			on := false
			for _, a := range r.abuse {
				on = on || a == o
			}
			f.row(cell(7000, false, para(run(map[string]string{"physical": "Physical abuse", "sexual": "Sexual abuse", "emotional": "Emotional abuse", "neglect": "Neglect"}[o]))), cell(1300, false, mark(on)))
		}
		other := "Other"
		if r.otherAbuse != "" {
			other = "Other: " + r.otherAbuse
		}
		f.row(cell(7000, false, para(run(other))), cell(1300, false, mark(r.otherAbuse != "")))
		f.endTable()
		f.expect("abuse_types", r.abuse)
		ynTable(f, "Questions", func(yn func(q, key string, b bool)) {
			yn("Is the child looked after?", "child_looked_after", r.lookedAfter)
			yn("Is suicide suspected?", "suspected_suicide", r.suicide)
			yn("Did it happen in a regulated setting?", "regulated_setting", r.regulated)
			yn("Are the police investigating?", "police_investigation", r.police)
		})
		ynTable(f, "Criteria", func(yn func(q, key string, b bool)) {
			yn("1. Has the child died or been seriously harmed?", "c_died_or_seriously_harmed", r.died)
			yn("2. Is abuse or neglect known or suspected, and linked to the harm?", "c_abuse_neglect_linked", r.linked)
			yn("3. Does the child live in Pellingford, or did the incident happen here?", "c_resident_or_occurred_in_area", r.inArea)
			yn("4. Is there learning for the multi-agency system?", "c_multi_agency_learning", r.lessons)
			yn("5. Has your senior safeguarding lead agreed to this referral?", "c_agreement_to_refer", r.agreed)
		})
		f.startTable(3200, 6400)
		f.pair("Who agreed it?", "agreement_by", r.agreedBy, r.agreedBy)
		f.endTable()
	}
	p.summaryForm = func(f *form, m *summary) {
		st := f.st
		f.title("Pellingford Rapid Review – Agency Information")
		f.startTable(3200, 6400)
		f.pair("PCSP ref", "case_ref", m.caseRef, m.caseRef)
		f.pair("Organisation", "agency", m.agency, m.agency)
		f.pair("Name of person completing", "author_name", m.author.String(), m.author.String())
		f.pair("Email", "author_email", m.email, m.email)
		f.pair("Date", "completed_date", st.date(m.completed), m.completed.iso())
		f.pair("Child's name", "child_name", m.child.String(), m.child.String())
		f.endTable()
		ynTable(f, "Involvement", func(yn func(q, key string, b bool)) {
			yn("Has your agency had contact with the child or family?", "involvement", m.involved)
		})
		f.startTable(3200, 6400)
		if m.involved {
			f.pair("Involvement started", "involvement_from", st.date(m.from), m.from.iso())
			if m.toPresent {
				f.row(f.label(0, "Involvement ended"), f.value(1, "Ongoing"))
			} else {
				f.pair("Involvement ended", "involvement_to", st.date(m.to), m.to.iso())
			}
		}
		f.pair("Summary of involvement", "summary", m.text, m.text)
		f.pair("Practice that went well, and concerns", "analysis", m.analysis, m.analysis)
		f.pair("Recommendations", "recommendations", m.recommendations, m.recommendations)
		f.pair("Signed off by", "signed_off_by", m.signedOff, m.signedOff)
		f.endTable()
	}
	return p
}
