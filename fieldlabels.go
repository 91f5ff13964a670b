package intake

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// fieldLabels are the canonical keys as a person reads them on the case
// page, in errors and in the digest.
var fieldLabels = map[string]string{
	"referrer_name": "Referrer's name", "referrer_role": "Referrer's role", "referrer_agency": "Referrer's agency",
	"referrer_email": "Referrer's email", "referrer_phone": "Referrer's telephone", "referral_date": "Date of the referral",
	"child_name": "Child's name or initials", "child_dob": "Child's date of birth", "child_age": "Child's age",
	"child_gender": "Child's gender", "child_ethnicity": "Child's ethnicity", "child_address": "Child's address",
	"child_postcode": "Child's postcode", "child_home_authority": "Child's home local authority",
	"child_legal_status": "Child's legal status", "child_looked_after": "Looked-after child",
	"incident_date": "Date of the incident", "aware_date": "Date the local authority became aware",
	"incident_location": "Where it happened", "harm_outcome": "Died or seriously harmed", "abuse_types": "Types of abuse or neglect",
	"abuse_or_neglect": "Abuse or neglect known or suspected", "suspected_suicide": "Suspected suicide",
	"regulated_setting": "In a regulated setting", "incident_summary": "What happened", "agencies_involved": "Agencies involved",
	"learning": "Learning for the system", "immediate_actions": "Action already taken", "police_investigation": "Police investigation",
	"agreement_by":                   "Referral agreed by",
	"c_died_or_seriously_harmed":     "Criterion 1: the child died or was seriously harmed",
	"c_abuse_neglect_linked":         "Criterion 2: abuse or neglect known or suspected, linked to the harm",
	"c_resident_or_occurred_in_area": "Criterion 3: resident in, or harmed in, the area",
	"c_multi_agency_learning":        "Criterion 4: learning for the safeguarding system",
	"c_agreement_to_refer":           "Criterion 5: agreement to refer",
	// Agency summary keys not above.
	"case_ref": "Case reference", "agency": "Agency", "author_name": "Completed by", "author_role": "Their role",
	"author_email": "Their email", "completed_date": "Date completed", "involvement": "Involvement with the child or family",
	"involvement_from": "Involvement from", "involvement_to": "Involvement to", "summary": "Summary of involvement",
	"analysis": "Analysis of practice", "actions_taken": "Action already taken", "recommendations": "Recommendations",
	"signed_off_by": "Signed off by",
}

// FieldLabel returns a canonical key as a label ("Child's date of birth").
func FieldLabel(key string) string {
	if l, ok := fieldLabels[key]; ok {
		return l
	}
	return strings.ReplaceAll(key, "_", " ")
}

// AnswerWords writes a form's answer as a person reads it: Yes or No, a
// list joined by semicolons, a date as "2 January 2006", an option's
// underscores as spaces ("seriously harmed"); free text as it is; no answer as nothing.
func AnswerWords(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case bool:
		if x {
			return "Yes"
		}
		return "No"
	case []string:
		return strings.Join(x, "; ")
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case string:
		if t, err := time.Parse(time.DateOnly, x); err == nil {
			return t.Format("2 January 2006")
		}
		if !strings.Contains(x, " ") && strings.Contains(x, "_") {
			return strings.ReplaceAll(x, "_", " ") // an option: seriously_harmed
		}
	}
	return fmt.Sprint(v)
}

// KeyWords returns a canonical key in running text ("child's date of
// birth").
func KeyWords(key string) string {
	l := FieldLabel(key)
	if strings.HasPrefix(l, "Criterion") {
		return "the answer to c" + l[1:]
	}
	return strings.ToLower(l[:1]) + l[1:]
}

// Capitalise makes the first letter of s upper case ("awaiting summaries"
// gives "Awaiting summaries"), for words that begin a heading or a
// sentence. It takes the first character, not the first byte, so a word
// that begins with a letter outside ASCII stays whole.
func Capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// flagWords are the screening flags in words for the business team.
var flagWords = map[string]string{
	FlagLookedAfterDeath:      "a looked-after child has died: the Secretary of State and Ofsted must be told",
	FlagRegulatedSettingDeath: "a child in a regulated setting has died",
	FlagOlderThan12Months:     "more than twelve months old: not normally reviewed unless significant new information has emerged",
	FlagOutOfArea:             "out of area: the referral may belong to another partnership",
	FlagNotificationOverdue:   "the local authority's notification to the national Panel may be overdue",
	FlagSuspectedSuicide:      "suspected suicide, with abuse or neglect known or suspected",
}

// FlagWords returns a screening flag in words.
func FlagWords(flag string) string {
	if w, ok := flagWords[flag]; ok {
		return w
	}
	return strings.ReplaceAll(flag, "_", " ")
}
