package main

import (
	"fmt"
	"strings"
)

// All people, places and agencies below are invented.

// contentControls is a referral form filled in through content controls:
// text, a multi-paragraph block, date pickers, checkboxes, one placeholder
// left.
func contentControls() string {
	return document(
		heading(1, "Kestmoor Safeguarding Children Multi-agency Partnership"),
		heading(2, "Serious incident referral form"),
		pt("Please complete this form and email it to the partnership business team."),
		tbl(
			tr(tcSpan(2, pb("Section 1: Details of the child"))),
			tr(tct("Name of child"), tc(p(sdtText("Child name", "child_name", "Jay Example", false)))),
			tr(tct("Date of birth"), tc(p(sdtDate("Date of birth", "child_dob", "2015-11-03", "03/11/2015")))),
			tr(tct("Gender"), tc(p(sdtText("", "child_gender", "Male", false)))),
			tr(tct("Ethnicity"), tc(p(sdtText("Ethnicity", "", "", true)))),
			tr(tct("Home address"), tc(sdtBlock("Address", "child_address",
				pt("12 Example Row"), pt("Kestmoor"), pt("KM1 2AB")))),
			tr(tct("Legal status of the child"), tc(p(sdtText("Legal status", "", "Child in need", false)))),
		),
		pt(""),
		tbl(
			tr(tcSpan(2, pb("Section 2: The incident"))),
			tr(tct("Date of incident"), tc(p(sdtDate("Incident date", "incident_date", "2026-11-03", "03/11/2026")))),
			tr(tct("Date the local authority became aware"), tc(p(sdtDate("", "", "2026-11-04", "04/11/2026")))),
			tr(tct("Has the child died or been seriously harmed?"), tc(p(
				sdtCheck("Died", "", false), r(" Died "), sdtCheck("Seriously harmed", "", true), r(" Seriously harmed")))),
			tr(tct("Is abuse or neglect known or suspected?"), tc(p(
				sdtCheck("", "", false), r(" Known"), tab, sdtCheck("", "", true), r(" Suspected"), tab,
				sdtCheck("", "", false), r(" Not suspected")))),
			tr(tct("Type of abuse or neglect"), tc(
				p(sdtCheck("", "", true), r(" Physical")),
				p(sdtCheck("", "", false), r(" Sexual")),
				p(sdtCheck("", "", false), r(" Emotional")),
				p(sdtCheck("", "", true), r(" Neglect")))),
			tr(tct("Summary of the incident"), tc(sdtBlock("Summary", "incident_summary",
				pt("Jay was taken to Kestmoor General Hospital with a head injury."),
				pt("The explanation given did not match the injury.")))),
			tr(tct("Agencies involved"), tc(p(sdtText("", "agencies", "Kestmoor Police, Kestmoor Primary School, Kestmoor Health Visiting", false)))),
		),
		pb("Criteria"),
		p(r("Does the child live in the Kestmoor area or did the incident happen in Kestmoor? "),
			sdtCheck("", "", true), r(" Yes "), sdtCheck("", "", false), r(" No")),
		p(r("Name of referrer: "), sdtText("Referrer name", "referrer_name", "Sam Sample", false)),
		p(r("Agreement to refer given by: "), sdtText("", "agreement_by", "Dr Robin Sample, Director of Children's Services", false)),
		p(r("Date of referral: "), sdtDate("", "referral_date", "2026-11-05", "5 November 2026")),
		p(sdtCheck("Declaration", "", true), r(" I confirm that the information given is accurate")),
	)
}

// legacyFields is a referral form built from Word 97-2003 form fields:
// text, checkboxes (default, checked with and without a value) and
// dropdowns (with and without a result).
func legacyFields() string {
	return document(
		heading(1, "Referral to the Kestmoor Safeguarding Children Multi-agency Partnership"),
		tbl(
			tr(tcSpan(2, pb("About the child"))),
			tr(tct("Name of child"), tc(p(formText("ChildName", r("Jay Example"))))),
			tr(tct("Date of birth"), tc(p(formText("Text2", r("03/11/2015"))))),
			tr(tct("Home local authority"), tc(p(formText("Text3", r("Kestmoor"))))),
			tr(tct("Is the child looked after?"), tc(p(formCheck("Check1", false, "on"), r(" Yes  "), formCheck("Check2", false, ""), r(" No")))),
			tr(tct("Has the child died or been seriously harmed?"), tc(p(formDrop("HarmOutcome", 2, "Please select", "Died", "Seriously harmed")))),
			tr(tct("Is abuse or neglect known or suspected?"), tc(p(formDrop("Dropdown1", -1, "Known", "Suspected", "Not suspected")))),
			tr(tct("Date of incident"), tc(p(formText("IncidentDate", r("3rd Nov 2026"))))),
			tr(tct("Where did the incident happen?"), tc(p(formText("Text5")))),
			tr(tct("Postcode"), tc(p(formTextDefault("Text6", "e.g. KM1 2AB")))),
			tr(tct("Is there a police investigation?"), tc(p(formCheck("Check3", true, ""), r(" Yes  "), formCheck("Check4", true, "false"), r(" No")))),
			tr(tct("Summary of the incident"), tc(p(formText("Summary", r("Jay was found alone at home."), br, r("Neighbours called the police."))))),
			tr(tct("Name of referrer"), tc(p(formText("Text8", r("Sam Sample"))))),
			tr(tct("Email address"), tc(p(formText("Text9", r("sam.sample@kestmoor.example"))))),
		),
		p(r("Please return this form to: "),
			`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "mailto:kscmp@kestmoor.example" </w:instrText></w:r>`,
			`<w:r><w:fldChar w:fldCharType="separate"/></w:r>`, r("kscmp@kestmoor.example"),
			`<w:r><w:fldChar w:fldCharType="end"/></w:r>`),
	)
}

// plainTables is a referral form typed into plain tables: two pairs a row,
// merged cells, a nested table, box glyphs, Wingdings boxes and "X" beside
// an option.
func plainTables() string {
	return document(
		heading(1, "Child safeguarding practice review: referral"),
		tbl(
			tr(tcSpan(4, pb("Details of the child and family"))),
			tr(tct("Name of child"), tct("Jay Example"), tct("Date of birth"), tct("03/11/2015")),
			tr(tct("Gender"), tct("Female"), tct("Ethnicity"), tct("White British")),
			tr(tct("Address"), tc(pt("12 Example Row"), pt("Kestmoor KM1 2AB"))),
			deletedRow(tct("Previous address"), tct("4 Old Lane, Kestmoor")),
			tr(tct("Legal status"), tcSpan(3, pt("Child protection plan"))),
			tr(tcVMerge(true, pt("Agencies involved")), tct("Kestmoor Police")),
			tr(tcVMerge(false), tct("Kestmoor Primary School")),
			tr(tcVMerge(false), tct("Kestmoor Community Health Trust")),
			tr(tct("Incident details"), tc(tbl(
				tr(tct("Date of incident"), tct("03.11.26")),
				tr(tct("Location"), tct("Kestmoor Park")),
			), `<w:p/>`)),
			tr(tct("Has the child died or been seriously harmed?"), tct("Died"), tct(""), tct("Seriously harmed"), tct("X")),
			tr(tct("Is abuse or neglect known or suspected?"), tct("☒ Known ☐ Suspected")),
			tr(tct("Is suicide suspected?"), tc(p(sym("Wingdings", "F0A8"), r(" Yes "), sym("Wingdings", "F0FE"), r(" No")))),
			tr(tct("Did the incident happen in a regulated setting?"),
				tc(p(sym("MS Gothic", "2612"), r(" Yes "), rFont("Wingdings", "o"), r(" No")))),
			tr(tct("Is there a police investigation?"), tct("Y")),
		),
		pt(""),
		tbl(
			tr(tcSpan(2, pb("Type of abuse or neglect (tick all that apply)"))),
			tr(tct("X"), tct("Physical")),
			tr(tct(""), tct("Sexual")),
			tr(tct(""), tct("Emotional")),
			tr(tct("X"), tct("Neglect")),
		),
		pt(""),
		tbl(
			tr(tcSpan(2, pb("About the referrer"))),
			tr(tct("Name of referrer"), tct("Sam Sample")),
			tr(tct("Role"), tct("Designated safeguarding lead")),
			tr(tct("Agency"), tct("Kestmoor Primary School")),
			tr(tct("Agreement to refer given by"), tct("Dr Robin Sample")),
			tr(tcSpan(2, pb("Why do you think this case may hold learning for the multi-agency system?"))),
			tr(tcSpan(2, pt("Several agencies knew the family."), pt("Information was not shared."))),
			tr(tcSpan(2, pb("What immediate safeguarding action has been taken?"))),
			tr(tcSpan(2, `<w:p/>`)),
		),
		pt(""),
		tbl(
			tr(tc(pb("Criteria")), tc(pb("Yes")), tc(pb("No"))),
			tr(tct("Does the child live in the Kestmoor area or did the incident happen in Kestmoor?"), tct("X"), tct("")),
			tr(tct("Is there potential learning for the multi-agency safeguarding system?"), tct("✓"), tct("")),
			tr(tct("Has the executive representative agreed to the referral?"), tct(""), tct("X")),
		),
		pt(""),
		tbl(
			tr(tcSpan(3, pb("Other agencies known to the family"))),
			tr(tc(pb("Agency")), tc(pb("Contact")), tc(pb("Involvement"))),
			tr(tct("Kestmoor Housing"), tct("Lee Example"), tct("Tenancy support since 2025")),
			tr(tct("Kestmoor Health Visiting"), tct("Pat Sample"), tct("")),
		),
	)
}

// paragraphsTracked is a referral typed as "Label: value" paragraphs, with
// tracked changes, a bold label above its answer, a text box Word writes
// twice, breaks and tabs.
func paragraphsTracked() string {
	return document(
		heading(1, "Child safeguarding practice review referral"),
		p(textBox(pt("Case reference: KSCMP-2026-0042"))),
		pt("Name of child: Jay Example"),
		pt("Date of birth: 03/11/2015"),
		p(r("Gender:"), tab, r("Male")),
		p(r("Address: 12 Example Row"), br, r("Kestmoor KM1 2AB")),
		pt("Date of incident: 3rd Nov 2026"),
		p(r("Date of referral: 05/11/2026"), moveFrom(" Kestmoor Park")),
		p(r("Incident location: "), moveTo("Kestmoor Park")),
		p(r("Has the child died or been seriously harmed? "), del("Died / "), r("Seriously harmed")),
		p(r("Is abuse or neglect known or suspected? Known"), del(" / Suspected")),
		p(r("Agencies involved: Kestmoor Police, Kestmoor Primary School"), ins(r(", Kestmoor Health Visiting"))),
		pt("The incident was reported at 10:30 on the day."),
		pb("Summary of the incident"),
		pt("Jay was found alone at home by a neighbour."),
		p(r("The police were called"), ins(r(" and attended within the hour")), r(".")),
		pb("Does the child live in the Kestmoor area or did the incident happen in Kestmoor?"),
		pt("Yes"),
		p(rb("Name of referrer"), r(" Sam Sample")),
	)
}

// agencyHeader is the agency summary's page header.
func agencyHeader() string {
	return header(pt("OFFICIAL-SENSITIVE"), pt("Rapid review reference: KSCMP-2026-0042"))
}

// agencySummary is a rapid review agency information form, with a page
// header.
func agencySummary() string {
	return withHeader(document(
		heading(1, "Rapid review: agency information form"),
		pt("Case reference: KSCMP-2026-0042"),
		tbl(
			tr(tcSpan(2, pb("Agency details"))),
			tr(tct("Agency"), tct("Kestmoor Community Health Trust")),
			tr(tct("Name of person completing this form"), tct("Morgan Example")),
			tr(tct("Role"), tct("Named nurse for safeguarding")),
			tr(tct("Email"), tct("morgan.example@kestmoor-health.example")),
			tr(tct("Date completed"), tct("12/11/2026")),
		),
		pt(""),
		tbl(
			tr(tcSpan(4, pb("The child"))),
			tr(tct("Name of child"), tct("Jay Example"), tct("Date of birth"), tct("03/11/2015")),
			tr(tct("Was your agency involved with the child or family?"), tct("Yes"), tct("X"), tct("No"), tct("")),
			tr(tct("Involvement from"), tct("01/04/2024"), tct("Involvement to"), tct("03/11/2026")),
		),
		pt(""),
		tbl(
			tr(tc(pb("Summary of involvement with the child and family"))),
			tr(tc(pt("Health visiting saw Jay at home four times."), pt("School nursing had no contact."))),
			tr(tc(pb("Analysis of practice: what went well and what were the concerns?"))),
			tr(tc(pt("Concerns about bruising were not shared with children's social care."))),
			tr(tc(pb("Learning identified"))),
			tr(tc(pt("Record and share explanations of injuries in non-mobile children."))),
			tr(tc(pb("Immediate action already taken"))),
			tr(tc(pt("Briefing issued to all health visitors."))),
			tr(tc(pb("Recommendations"))),
			tr(tc()),
		),
		pt(""),
		tbl(
			tr(tct("Signed off by (manager)"), tct("Casey Sample, Head of Safeguarding")),
			tr(tct("Date signed off"), tct("13/11/2026")),
		),
	))
}

// manyParagraphs is a real-looking form followed by a 5,000-paragraph
// chronology: long, but still a form to read.
func manyParagraphs() string {
	var b strings.Builder
	for i := 1; i <= 5000; i++ {
		fmt.Fprintf(&b, "<w:p><w:r><w:t>Chronology entry %d, with nothing further to note.</w:t></w:r></w:p>", i)
	}
	return document(
		tbl(tr(tct("Name of child"), tct("Jay Example"))),
		pb("Chronology"),
		b.String(),
	)
}
