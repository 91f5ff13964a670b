package parse

import (
	"strings"
	"testing"

	"github.com/kscmp/intake/parse/form"
	"github.com/kscmp/intake/parse/labels"
)

// wordingCase is a label as another partnership might print it, a value
// as a referrer might fill it in, and the key it must give (or, with
// not set, a key it must not give).
type wordingCase struct {
	label, value, key string
	form              string // referral unless set
}

// TestUnseenWordings maps labels that are not in the default table word
// for word onto their keys through the word rules and the value's type.
func TestUnseenWordings(t *testing.T) {
	tab := labels.Default()
	cases := []wordingCase{
		// Criterion 1 and harm_outcome.
		{"Has the child died or suffered serious harm?", "Yes", "c_died_or_seriously_harmed", ""},
		{"Has the child died or suffered serious harm?", "Seriously harmed", "harm_outcome", ""},
		{"Criterion 1 – The child has died or been seriously harmed (Yes/No)", "Y", "c_died_or_seriously_harmed", ""},
		{"Criterion 3 – Has the child died or been seriously injured?", "Yes", "c_died_or_seriously_harmed", ""},
		{"1. Child has died or been seriously harmed – Y/N", "N", "c_died_or_seriously_harmed", ""},
		{"Did the child die or sustain a serious injury? please tick", "☒ Yes ☐ No", "c_died_or_seriously_harmed", ""},
		{"Was the death or serious harm of the child the result of the incident?", "Yes", "c_died_or_seriously_harmed", ""},
		{"Outcome for the young person", "Died", "harm_outcome", ""},
		{"Nature of harm", "Serious injury", "harm_outcome", ""},
		// Criterion 2 and abuse_or_neglect.
		{"Is abuse and/or neglect known or suspected?", "Yes", "c_abuse_neglect_linked", ""},
		{"Is abuse and/or neglect known or suspected?", "Suspected", "abuse_or_neglect", ""},
		{"Criterion 2: abuse or neglect is suspected to have caused the harm", "Yes", "c_abuse_neglect_linked", ""},
		{"Do you suspect abuse or neglect contributed to the death or harm? (Y/N)", "Y", "c_abuse_neglect_linked", ""},
		{"Is the harm linked to known or suspected abuse/neglect?", "Yes – see below", "c_abuse_neglect_linked", ""},
		{"Is maltreatment known or suspected?", "Known", "abuse_or_neglect", ""},
		{"Category of abuse/neglect", "Neglect", "abuse_types", ""},
		{"Kind of abuse suffered", "Physical; Emotional", "abuse_types", ""},
		// Criterion 3.
		{"Is the child resident in our area or did the incident occur here?", "Yes", "c_resident_or_occurred_in_area", ""},
		{"Does the child usually live within the Kestmoor boundary, or did it happen within it?", "No", "c_resident_or_occurred_in_area", ""},
		{"Criterion 3 – child normally resides in the area / incident took place in the area", "Yes", "c_resident_or_occurred_in_area", ""},
		{"Did the incident happen in the local authority area? Y/N", "Y", "c_resident_or_occurred_in_area", ""},
		// Criterion 4 and learning.
		{"Is there learning for the partnership?", "Yes", "c_multi_agency_learning", ""},
		{"Is there learning for the partnership?", "The school and GP did not share what they knew.", "learning", ""},
		{"Does the case indicate learning for the wider safeguarding system, not a single agency?", "Yes", "c_multi_agency_learning", ""},
		{"4. Multi-agency lessons to be learnt (Yes/No)", "No", "c_multi_agency_learning", ""},
		{"What lessons might be learned?", "Information was not shared.", "learning", ""},
		// Criterion 5 and agreement_by.
		{"Agreement obtained from your agency's safeguarding lead?", "Yes", "c_agreement_to_refer", ""},
		{"Has your Designated Safeguarding Lead agreed this referral?", "Yes", "c_agreement_to_refer", ""},
		{"Has this referral been discussed with your manager?", "☒ Yes ☐ No", "c_agreement_to_refer", ""},
		{"Consent to refer from senior manager", "Y", "c_agreement_to_refer", ""},
		{"Name of senior manager approving this referral", "Dr Robin Sample", "agreement_by", ""},
		{"Referral authorised by (name and role)", "Dr Robin Sample, Director", "agreement_by", ""},
		// The child.
		{"Name of child/young person", "Jay Example", "child_name", ""},
		{"Young person's full name", "Jay Example", "child_name", ""},
		{"Child's D.O.B.", "3rd Nov 2015", "child_dob", ""},
		{"Child DoB", "03.11.15", "child_dob", ""},
		{"When was the child born?", "3/11/15", "child_dob", ""},
		{"Child's age at the time", "14 years", "child_age", ""},
		{"How old is the child?", "14", "child_age", ""},
		{"Child's sex", "Female", "child_gender", ""},
		{"Child's ethnic background", "White British", "child_ethnicity", ""},
		{"Where does the child usually live?", "12 Example Row, Kestmoor", "child_address", ""},
		{"Child's home postcode", "KM1 2AB", "child_postcode", ""},
		{"Which council is responsible for the child?", "Kestmoor Council", "child_home_authority", ""},
		{"Child's legal status (CP/CIN/CLA)", "Child in need", "child_legal_status", ""},
		{"Is the child a Child Looked After?", "No", "child_looked_after", ""},
		{"Was the young person in local authority care?", "Yes", "child_looked_after", ""},
		// The incident.
		{"Date LA notified", "Nov 3, 2026", "aware_date", ""},
		{"When were you first made aware?", "2026-11-03", "aware_date", ""},
		{"Date of death / serious harm", "3rd Nov 2026", "incident_date", ""},
		{"When did the child die?", "03.11.26", "incident_date", ""},
		{"Date the incident took place", "3/11/26", "incident_date", ""},
		{"Where did the incident take place?", "Kestmoor Park", "incident_location", ""},
		{"Location where harm occurred", "Kestmoor Park", "incident_location", ""},
		{"Please describe what happened", "Jay was found at home.", "incident_summary", ""},
		{"Brief account of the circumstances", "Jay was found at home.", "incident_summary", ""},
		{"Which agencies know the family?", "Police, School and GP", "agencies_involved", ""},
		{"Professionals working with the child", "Police; School", "agencies_involved", ""},
		{"Actions taken to protect siblings", "Siblings placed with grandparents.", "immediate_actions", ""},
		{"Are police investigating?", "Yes", "police_investigation", ""},
		{"Is there a criminal investigation under way?", "No", "police_investigation", ""},
		{"Is this a suspected suicide? Y/N", "N", "suspected_suicide", ""},
		{"Did the death take place in a setting regulated by Ofsted?", "No", "regulated_setting", ""},
		// The referrer.
		{"Name of person completing the referral", "Sam Sample", "referrer_name", ""},
		{"Referrer's job title", "Designated safeguarding lead", "referrer_role", ""},
		{"Position held", "Designated safeguarding lead", "referrer_role", ""},
		{"Referrer's organisation", "Kestmoor Primary School", "referrer_agency", ""},
		{"Referrer's e-mail", "sam@kestmoor.example", "referrer_email", ""},
		{"Referrer's telephone", "01632 960000", "referrer_phone", ""},
		{"Date referral submitted", "5/11/26", "referral_date", ""},
		// The agency summary.
		{"Partnership case reference", "KSCMP-2026-0042", "case_ref", labels.FormSummary},
		{"Name of person completing the return", "Morgan Example", "author_name", labels.FormSummary},
		{"Did your service have any contact with the child or family?", "Yes", "involvement", labels.FormSummary},
		{"Start of contact", "01/04/2024", "involvement_from", labels.FormSummary},
		{"Contact ended", "03/11/2026", "involvement_to", labels.FormSummary},
		{"Overview of your agency's involvement", "Four home visits.", "summary", labels.FormSummary},
		{"Reflections on practice", "Concerns were not shared.", "analysis", labels.FormSummary},
		{"Recommendations for the partnership", "Share injury explanations.", "recommendations", labels.FormSummary},
		{"Countersigned by line manager", "Casey Sample", "signed_off_by", labels.FormSummary},
		{"Name of manager", "Casey Sample", "signed_off_by", labels.FormSummary},
	}
	for _, c := range cases {
		kind := c.form
		if kind == "" {
			kind = labels.FormReferral
		}
		fm := mapFields(tab, []form.RawField{{Labels: []string{c.label}, Value: c.value}}, kind)
		if _, ok := fm.Fields[c.key]; !ok {
			t.Errorf("%q = %q: got %v; want %s (normalised %q)", c.label, c.value, fm.Fields, c.key, labels.Norm(c.label))
		}
	}
	if len(cases) < 60 {
		t.Fatalf("only %d wordings", len(cases))
	}
}

// TestWordingsThatMustNotMatch keeps the word rules from false matches.
func TestWordingsThatMustNotMatch(t *testing.T) {
	tab := labels.Default()
	for _, c := range []wordingCase{
		{"Date of referral", "05/11/2026", "incident_date", ""},
		{"Referrer's address", "1 Office Road, Kestmoor", "child_address", ""},
		{"Name of manager", "Casey Sample", "child_name", ""},
		{"Name of manager", "Casey Sample", "referrer_name", ""},
		{"Name of child's school", "Kestmoor Primary School", "child_name", ""},
		{"Mother's date of birth", "01/01/1990", "child_dob", ""},
		{"Place of birth", "Kestmoor", "child_dob", ""},
		{"Date the referral was agreed", "05/11/2026", "incident_date", ""},
		{"Agency email address", "team@kestmoor.example", "child_name", ""},
		{"Section 2: The incident", "", "incident_summary", ""},
		{"Section 4: Criteria", "", "c_died_or_seriously_harmed", ""},
		{"GP name", "Dr Pat Sample", "child_name", ""},
		{"Names of other children in the household", "Kim, 4", "child_name", ""},
		{"Police officer's name", "PC Sample", "police_investigation", ""},
		{"Kind regards", "Sam", "referrer_name", ""},
		{"Has the child died or suffered serious harm?", "Yes", "harm_outcome", ""},
		{"Is abuse and/or neglect known or suspected?", "Yes", "abuse_or_neglect", ""},
		{"Is there learning for the partnership?", "Yes", "learning", ""},
		{"Agreement obtained from your agency's safeguarding lead?", "Yes", "agreement_by", ""},
		{"Date of the strategy meeting", "04/11/2026", "incident_date", ""},
		{"Parent's address", "3 Other Road", "child_address", ""},
		{"Referrer's agency involvement", "None", "agencies_involved", ""},
		{"Date Ofsted notified", "04/11/2026", "aware_date", ""},
		{"Date of notification to the National Panel", "04/11/2026", "aware_date", ""},
		{"Date of admission to hospital", "02/11/2026", "incident_date", ""},
		{"Details of any other children living in the household", "Kim, 4", "child_address", ""},
		{"Details of any other children living in the household", "Kim, 4", "summary", labels.FormSummary},
		{"Is the case open to social care?", "Open since May", "case_ref", labels.FormSummary},
		{"Lead agency", "Kestmoor Police", "agency", labels.FormSummary},
		{"Your manager's name", "Casey Sample", "agreement_by", ""},
		{"Was the child known to your agency?", "Yes", "involvement_to", labels.FormSummary},
		{"Social worker's contact details", "01632 960000", "summary", labels.FormSummary},
		{"Job role of manager", "Head of Service", "signed_off_by", labels.FormSummary},
		{"Contact details of parents", "3 Other Road", "summary", labels.FormSummary},
		// A partnership's own office dates (published forms carry them):
		// never the referral's or the return's.
		{"Date referral received by the partnership", "05/11/2026", "referral_date", ""},
		{"Date referral sent to Chair of the review group", "05/11/2026", "referral_date", ""},
		{"Deadline for agencies to submit information", "05/11/2026", "referral_date", ""},
		{"Date to be completed", "05/11/2026", "completed_date", labels.FormSummary},
		{"Date to be completed", "05/11/2026", "referral_date", ""},
		{"Date report shared with parents/carers", "05/11/2026", "completed_date", labels.FormSummary},
		{"Date recommendations submitted to the Independent Chair", "05/11/2026", "completed_date", labels.FormSummary},
		{"Date recommendations submitted to the Independent Chair", "Jo Sample", "recommendations", labels.FormSummary},
	} {
		kind := c.form
		if kind == "" {
			kind = labels.FormReferral
		}
		fm := mapFields(tab, []form.RawField{{Labels: []string{c.label}, Value: c.value}}, kind)
		if v, ok := fm.Fields[c.key]; ok {
			t.Errorf("%q = %q gave %s = %v; want no such key", c.label, c.value, c.key, v)
		}
	}
}

// TestConfiguredWordRules adds a word rule through configuration and
// rejects a malformed one.
func TestConfiguredWordRules(t *testing.T) {
	tab, err := labels.Load(strings.NewReader(`
[keys.child_home_authority]
words = ["corporate parent|parenting"]
`))
	if err != nil {
		t.Fatal(err)
	}
	if ms := tab.Lookup("Which body is the corporate parent?"); len(ms) == 0 || ms[0].Key != "child_home_authority" {
		t.Errorf("configured rule not used: %v", ms)
	}
	if ms := labels.Default().Lookup("Which body is the corporate parent?"); len(ms) != 0 {
		t.Errorf("configuration changed the default table: %v", ms)
	}
	for _, bad := range []string{`[keys.child_name]` + "\nwords = [\"!school\"]", `[keys.child_name]` + "\nwords = [\"name||child\"]"} {
		if _, err := labels.Load(strings.NewReader(bad)); err == nil {
			t.Errorf("labels.Load(%q) accepted", bad)
		}
	}
}
