package main

// freshReferral is a fillable referral from a partnership whose tooltips
// word every label differently from the default label table, some fields
// named only in camelCase, the criteria as Yes/No radio groups. Every
// criterion is yes, but the incident is more than a year old.
func freshReferral() []byte {
	yesNo := func(name, tip string) *field {
		return &field{name: name, tooltip: tip, ft: "Btn", flags: flagRadio | flagNoToggle, value: "/Yes", options: []string{"Yes", "No"}}
	}
	fields := []*field{
		{name: "txtNotifierName", tooltip: "Name of the professional making this notification", ft: "Tx", value: pdfString("Robin Fictional")},
		{name: "txtNotifierRole", tooltip: "Your job title", ft: "Tx", value: pdfString("Paediatric liaison nurse")},
		{name: "txtNotifierOrg", tooltip: "Your employing organisation", ft: "Tx", value: pdfString("Kestmoor Community Health Trust")},
		{name: "txtNotifierPhone", ft: "Tx", value: pdfString("01632 960 777")},
		{name: "txtYPName", tooltip: "Child / young person (name or initials)", ft: "Tx", value: pdfString("N.O.")},
		{name: "txtYPDoB", ft: "Tx", value: pdfString("Nov 3, 2010")},
		{name: "txtYPAge", tooltip: "How old is the child?", ft: "Tx", value: pdfString("14 years")},
		{name: "txtWhen", tooltip: "When did the child die?", ft: "Tx", value: pdfString("2025-06-01")},
		{name: "txtInformed", tooltip: "Date LA notified", ft: "Tx", value: pdfString("3/11/26")},
		{name: "txtWhere", tooltip: "Where did the incident take place?", ft: "Tx", value: pdfString("Kestmoor Reservoir")},
		{name: "harmType", tooltip: "Nature of harm", ft: "Btn", flags: flagRadio | flagNoToggle, value: "/Died", options: []string{"Died", "Seriously#20harmed"}},
		{name: "txtAccount", tooltip: "Brief account of the circumstances", ft: "Tx", flags: flagMultiline,
			value: pdfString("N.O. drowned at the reservoir.\rThe inquest found that supervision had been poor.")},
		{name: "txtAgencies", tooltip: "Professionals working with the child", ft: "Tx", flags: flagMultiline,
			value: pdfString("Kestmoor Police\rKestmoor Children's Social Care\rKestmoor Community Health Trust")},
		{name: "txtWhy", tooltip: "What lessons might be learned?", ft: "Tx", value: pdfString("New information about supervision at home has come to light.")},
		yesNo("rbC1", "1. Has the child died or been seriously injured? (Yes/No)"),
		yesNo("rbC2", "2. Do you suspect abuse or neglect contributed to the death or harm? (Y/N)"),
		yesNo("rbC3", "3. Did the incident happen in the local authority area? please tick"),
		yesNo("rbC4", "4. Multi-agency lessons to be learnt (Yes/No)"),
		yesNo("rbC5", "5. Has your Designated Safeguarding Lead agreed this referral?"),
		{name: "txtApprover", tooltip: "Referral authorised by (name and role)", ft: "Tx", value: pdfString("Jo Imaginary, Chief Nurse")},
		{name: "txtDated", tooltip: "Date referral submitted", ft: "Tx", value: pdfString("05.11.26")},
	}
	labels := []string{"Notifier", "Job title", "Organisation", "Telephone", "Child / young person", "DoB", "Age",
		"When", "LA notified", "Where", "Nature of harm", "Account", "Professionals", "Lessons",
		"Criterion 1", "Criterion 2", "Criterion 3", "Criterion 4", "Criterion 5", "Authorised by", "Date"}
	return fillable("Serious Child Safeguarding Incident Notification", labels, fields, "")
}
