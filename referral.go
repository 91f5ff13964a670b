package intake

import "encoding/json"

// Referral is a referral form's answers, typed. Each field carries the
// canonical key of the form contract in its `form` tag; a field the form
// left blank or unclear is its zero value (an empty string, a nil pointer,
// a nil list), so that "answered no" (a pointer to false) and "not
// answered" (nil) stay apart. Dates are ISO YYYY-MM-DD.
//
// The form is a map of canonical keys only at the parse boundary
// (ReferralFromFields); casework, screening and the store work on this
// type.
type Referral struct {
	ReferrerName   string `form:"referrer_name"`
	ReferrerRole   string `form:"referrer_role"`
	ReferrerAgency string `form:"referrer_agency"`
	ReferrerEmail  string `form:"referrer_email"`
	ReferrerPhone  string `form:"referrer_phone"`
	ReferralDate   string `form:"referral_date" kind:"date"`

	ChildName          string   `form:"child_name"`
	ChildDOB           string   `form:"child_dob" kind:"date"`
	ChildAge           *float64 `form:"child_age"`
	ChildGender        string   `form:"child_gender"`
	ChildEthnicity     string   `form:"child_ethnicity"`
	ChildAddress       string   `form:"child_address"`
	ChildPostcode      string   `form:"child_postcode"`
	ChildHomeAuthority string   `form:"child_home_authority"`
	ChildLegalStatus   string   `form:"child_legal_status"`
	ChildLookedAfter   *bool    `form:"child_looked_after"`

	IncidentDate        string   `form:"incident_date" kind:"date"`
	AwareDate           string   `form:"aware_date" kind:"date"`
	IncidentLocation    string   `form:"incident_location"`
	HarmOutcome         string   `form:"harm_outcome" options:"died,seriously_harmed,other"`
	AbuseTypes          []string `form:"abuse_types" options:"physical,sexual,emotional,neglect,other"`
	AbuseOrNeglect      string   `form:"abuse_or_neglect" options:"known,suspected,not_suspected"`
	SuspectedSuicide    *bool    `form:"suspected_suicide"`
	RegulatedSetting    *bool    `form:"regulated_setting"`
	IncidentSummary     string   `form:"incident_summary"`
	AgenciesInvolved    []string `form:"agencies_involved"`
	Learning            string   `form:"learning"`
	ImmediateActions    string   `form:"immediate_actions"`
	PoliceInvestigation *bool    `form:"police_investigation"`
	AgreementBy         string   `form:"agreement_by"`

	// The five criteria (docs/design.md), in order.
	DiedOrSeriouslyHarmed    *bool `form:"c_died_or_seriously_harmed"`
	AbuseNeglectLinked       *bool `form:"c_abuse_neglect_linked"`
	ResidentOrOccurredInArea *bool `form:"c_resident_or_occurred_in_area"`
	MultiAgencyLearning      *bool `form:"c_multi_agency_learning"`
	AgreementToRefer         *bool `form:"c_agreement_to_refer"`
}

// AgencySummary is an agency summary form's answers, typed like Referral.
type AgencySummary struct {
	CaseRef         string `form:"case_ref"`
	Agency          string `form:"agency"`
	AuthorName      string `form:"author_name"`
	AuthorRole      string `form:"author_role"`
	AuthorEmail     string `form:"author_email"`
	CompletedDate   string `form:"completed_date" kind:"date"`
	ChildName       string `form:"child_name"`
	ChildDOB        string `form:"child_dob" kind:"date"`
	Involvement     *bool  `form:"involvement"`
	InvolvementFrom string `form:"involvement_from" kind:"date"`
	InvolvementTo   string `form:"involvement_to" kind:"date"`
	Summary         string `form:"summary"`
	Analysis        string `form:"analysis"`
	Learning        string `form:"learning"`
	ActionsTaken    string `form:"actions_taken"`
	Recommendations string `form:"recommendations"`
	SignedOffBy     string `form:"signed_off_by"`
}

// ReferralFromFields reads a referral from the canonical keys parse
// produces (strings, booleans, numbers, lists; nil for unclear). Keys
// that are not referral keys, and values of the wrong type, are ignored.
func ReferralFromFields(fields map[string]any) Referral {
	var r Referral
	fromFields(&r, fields)
	return r
}

// AgencySummaryFromFields reads an agency summary from canonical keys.
func AgencySummaryFromFields(fields map[string]any) AgencySummary {
	var s AgencySummary
	fromFields(&s, fields)
	return s
}

// Fields returns the referral as canonical keys, leaving out the keys
// it does not answer: the form contract's "fields" object.
func (r Referral) Fields() map[string]any { return toFields(&r) }

// Fields returns the summary as canonical keys.
func (s AgencySummary) Fields() map[string]any { return toFields(&s) }

// Has reports whether the referral answers key (a canonical key).
func (r Referral) Has(key string) bool { _, ok := toFields(&r)[key]; return ok }

// Set changes one answer of the referral from what a person typed: a date
// as 2026-11-03 or 03/11/2026, a yes/no, a number, a list separated by
// commas, semicolons or new lines; an empty value clears the answer. It
// returns an error naming what it expects when the key is not a referral
// key or the text is not such a value, and leaves the referral unchanged.
func (r *Referral) Set(key, text string) error { return setField(r, "referral", key, text) }

// Set changes one answer of the summary, as Referral.Set.
func (s *AgencySummary) Set(key, text string) error { return setField(s, "agency summary", key, text) }

// ReferralKeys lists the referral's canonical keys in form order.
func ReferralKeys() []string { return formKeys(&Referral{}) }

// AgencySummaryKeys lists the agency summary's canonical keys in form order.
func AgencySummaryKeys() []string { return formKeys(&AgencySummary{}) }

// Identity is what linking compares of the referral's child and incident.
func (r Referral) Identity() ChildIdentity {
	return ChildIdentity{Name: r.ChildName, DOB: r.ChildDOB, IncidentDate: r.IncidentDate}
}

// MarshalJSON writes the referral as its canonical keys (the form
// contract's "fields" object).
func (r Referral) MarshalJSON() ([]byte, error) { return json.Marshal(r.Fields()) }

// UnmarshalJSON reads a referral from its canonical keys.
func (r *Referral) UnmarshalJSON(b []byte) error {
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	*r = ReferralFromFields(m)
	return nil
}
