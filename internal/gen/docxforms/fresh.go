package main

// freshReferral is a referral from a partnership whose form words every
// label differently from the default label table: the parse package must
// read it through its word rules. Every answer is yes, so it meets the
// criteria.
func freshReferral() string {
	return document(
		heading(1, "Notification of a serious child safeguarding incident"),
		pt("For completion by the referring professional. Return to the Kestmoor partnership business unit."),
		tbl(
			tr(tcSpan(2, pb("Part A – The young person"))),
			tr(tct("Young person's full name"), tct("Ava Invented")),
			tr(tct("Child's D.O.B."), tct("14.02.12")),
			tr(tct("Child's sex"), tct("Female")),
			tr(tct("Where does the child usually live?"), tc(pt("7 Sample Close"), pt("Kestmoor KM3 4CD"))),
			tr(tct("Which council is responsible for the child?"), tct("Kestmoor Council")),
		),
		pt(""),
		tbl(
			tr(tcSpan(2, pb("Part B – What happened"))),
			tr(tct("Date of death / serious harm"), tct("3rd Nov 2026")),
			tr(tct("When were you first made aware?"), tct("04.11.26")),
			tr(tct("Location where harm occurred"), tct("Kestmoor Leisure Centre")),
			tr(tct("Outcome for the young person"), tc(p(
				sdtCheck("", "", false), r(" Died "), sdtCheck("", "", true), r(" Seriously harmed")))),
			tr(tct("Kind of abuse suffered"), tc(
				p(sdtCheck("", "", true), r(" Physical")),
				p(sdtCheck("", "", false), r(" Sexual")),
				p(sdtCheck("", "", false), r(" Emotional")),
				p(sdtCheck("", "", true), r(" Neglect")))),
			tr(tct("Please describe what happened"), tc(
				pt("Ava was admitted to Kestmoor General Hospital with a fractured arm."),
				pt("Her account and her carer's account differ."))),
			tr(tct("Which agencies know the family?"), tct("Kestmoor Police; Kestmoor Academy and Kestmoor GP Surgery")),
			tr(tct("Actions taken to protect siblings"), tct("A strategy meeting was held; the sibling is staying with an aunt.")),
			tr(tct("Are police investigating?"), tc(p(sdtCheck("", "", true), r(" Yes "), sdtCheck("", "", false), r(" No")))),
		),
		pt(""),
		tbl(
			tr(tc(pb("Part C – Criteria for a rapid review")), tc(pb("Yes")), tc(pb("No"))),
			tr(tct("Criterion 1 – Has the child died or suffered serious harm?"), tct("X"), tct("")),
			tr(tct("Criterion 2 – Is abuse and/or neglect known or suspected to have caused it?"), tct("X"), tct("")),
			tr(tct("Criterion 3 – Is the child resident in our area or did the incident occur here?"), tct("X"), tct("")),
			tr(tct("Criterion 4 – Is there learning for the partnership, not one agency alone?"), tct("X"), tct("")),
			tr(tct("Criterion 5 – Agreement obtained from your agency's safeguarding lead?"), tct("X"), tct("")),
		),
		pt(""),
		tbl(
			tr(tcSpan(2, pb("Part D – About you"))),
			tr(tct("Name of person completing the referral"), tct("Lou Placeholder")),
			tr(tct("Referrer's job title"), tct("Designated safeguarding lead")),
			tr(tct("Referrer's organisation"), tct("Kestmoor Academy")),
			tr(tct("Referrer's e-mail"), tct("lou.placeholder@kestmoor-academy.example")),
			tr(tct("Date referral submitted"), tct("5/11/26")),
		),
	)
}
