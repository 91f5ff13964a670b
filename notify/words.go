package notify

import (
	"strings"

	"github.com/kscmp/intake"
)

// plainWords turns the canonical keys, criteria, flags and decisions that
// notices carry into words a referrer or SPOC can act on.
var plainWords = map[string]string{
	// Missing items (the canonical keys of docs/forms.md).
	"referrer_name":        "your name",
	"referrer_role":        "your role",
	"referrer_agency":      "your agency or organisation",
	"referrer_email":       "your email address",
	"referrer_phone":       "your telephone number",
	"referral_date":        "the date you completed the form",
	"child_name":           "the child's name or initials",
	"child_dob":            "the child's date of birth (or age)",
	"child_age":            "the child's age",
	"child_address":        "the child's home address",
	"child_postcode":       "the child's postcode",
	"child_home_authority": "the local authority where the child normally lives",
	"child_legal_status":   "the child's legal status (for example child protection plan, looked after)",
	"child_looked_after":   "whether the child is looked after (in care)",
	"incident_date":        "the date of the incident",
	"aware_date":           "the date your agency became aware",
	"incident_location":    "where the incident happened",
	"harm_outcome":         "whether the child died or was seriously harmed",
	"abuse_types":          "the type of abuse or neglect",
	"abuse_or_neglect":     "whether abuse or neglect is known or suspected",
	"incident_summary":     "a summary of what happened",
	"agencies_involved":    "the agencies involved with the child or family",
	"learning":             "why the case may hold learning for the safeguarding system",
	"immediate_actions":    "the safeguarding action already taken",
	"agreement_by":         "who agreed the referral",
	// Criteria, as questions answered.
	"c_died_or_seriously_harmed":     "the child has died or been seriously harmed",
	"c_abuse_neglect_linked":         "abuse or neglect is known or suspected and directly linked to the death or serious harm",
	"c_resident_or_occurred_in_area": "the child normally lives in the area, or the incident happened in the area",
	"c_multi_agency_learning":        "the case may hold learning for the safeguarding system, not just one agency",
	"c_agreement_to_refer":           "the referral was agreed by your executive representative or senior safeguarding lead",
	// Verdicts.
	"meets_criteria": "meets the criteria",
	"incomplete":     "incomplete",
	"does_not_meet":  "does not meet the criteria",
}

// words returns the plain words for key: a screening flag as the web
// writes it (intake.FlagWords), or the key with its underscores turned
// into spaces when there are none.
func words(key string) string {
	if w, ok := plainWords[key]; ok {
		return w
	}
	return intake.FlagWords(key)
}

func allWords(keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = words(k)
	}
	return out
}

// missingWords says what to send for each missing key: a criterion is
// asked for as an answer ("your answer to whether ...").
func missingWords(keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		if strings.HasPrefix(k, "c_") {
			out[i] = "your answer to whether " + words(k)
			continue
		}
		out[i] = words(k)
	}
	return out
}

// kindPhrases say, for the business team, which email a notice kind is.
var kindPhrases = map[string]string{
	string(intake.NoticeAcknowledgement):    "acknowledgement to the referrer",
	string(intake.NoticeReferrerReminder):   "reminder to the referrer",
	string(intake.NoticeSummaryRequest):     "agency summary request to a SPOC",
	string(intake.NoticeChaser):             "reminder to a SPOC",
	string(intake.NoticeEscalation):         "escalation to the business team",
	string(intake.NoticeSummaryReceipt):     "receipt to a SPOC",
	string(intake.NoticeOutcome):            "outcome of the rapid review",
	string(intake.NoticeLinkedReferral):     "linked referral notice to the business team",
	string(intake.NoticeDigest):             "daily digest",
	string(intake.NoticeAccepted):           "accepted for rapid review, to the referrer",
	string(intake.NoticeInformationRequest): "request for missing information, to the referrer",
	string(intake.NoticeNotAccepted):        "not accepted, to the referrer",
	string(intake.NoticeRedirect):           "referral forwarded to another partnership",
	string(intake.NoticeRedirected):         "referral forwarded, to the referrer",
	string(intake.NoticeDueDateChanged):     "new due date, to a SPOC",
	string(intake.NoticeRequestWithdrawn):   "summary request withdrawn, to a SPOC",
}

func kindWords(kind string) string {
	if w, ok := kindPhrases[kind]; ok {
		return w
	}
	return words(kind)
}

func sendStateWords(state string) string {
	switch state {
	case intake.OutboxFailed:
		return "failed"
	case intake.OutboxBounced:
		return "bounced"
	case intake.OutboxHeld:
		return "held"
	}
	return words(state)
}

func messageStateWords(state string) string {
	switch state {
	case intake.MessageNeedsPerson:
		return "needs a person"
	case intake.MessageUnreadable:
		return "could not be read"
	case intake.MessageFailed:
		return "intake failed while filing it"
	case intake.MessageQuarantined:
		return "quarantined"
	}
	return words(state)
}

func summaryStatusWords(s intake.SummaryStatus) string {
	switch s {
	case intake.SummaryReceived:
		return "summary received"
	case intake.SummaryNoInvolvement:
		return "no involvement"
	}
	return words(string(s))
}
