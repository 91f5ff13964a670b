package parse

import (
	"regexp"
	"strings"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/parse/form"
	"github.com/kscmp/intake/parse/labels"
)

// pickMatch chooses what a raw field means among the matches of its label
// (the table's exact wordings first, then the word rules' candidates,
// best first): the first of the form being read whose type reads the
// value well ("Yes" for a yes/no key, "Died" for harm_outcome, a date for
// a date key); else the first whose type takes it at all; else the first
// of the form, as the table says. Matches of the word rules alone must
// suit the value. When no exact match reads the value well, the
// word rules are asked too, and one that does wins, so that "Has the child died or been seriously
// harmed? Yes" answers the criterion, not harm_outcome.
func pickMatch(t *labels.Table, rf form.RawField, ms []labels.Match, words bool, kind string) *labels.Match {
	var ofKind []labels.Match
	for _, m := range ms {
		if f := t.Key(m.Key).Form; f == kind || f == labels.FormBoth {
			ofKind = append(ofKind, m)
		}
	}
	if strings.TrimSpace(rf.Value) == "" {
		if len(ofKind) == 0 {
			return nil
		}
		return &ofKind[0]
	}
	if words {
		// Matched by the word rules only: a key whose type does not take
		// the value is no match ("Name of the professional making this
		// notification" is not a notification date).
		b, _ := bestFit(t, ofKind, rf.Value)
		return b
	}
	best, fit := bestFit(t, ofKind, rf.Value)
	if fit < 2 && len(rf.Labels) > 0 {
		var more []labels.Match
		for _, l := range rf.Labels {
			for _, m := range t.LookupWords(l) {
				if f := t.Key(m.Key).Form; (f == kind || f == labels.FormBoth) && !containsMatch(ofKind, m) {
					more = append(more, m)
				}
			}
		}
		// Only a candidate that reads the value well overrules the table.
		// A label the table gives only the other form ("Name of person
		// completing" on a referral) leaves the rules free.
		if b, f := bestFit(t, more, rf.Value); f == 2 || (f == 1 && len(ofKind) == 0) {
			best, fit = b, f
		}
	}
	if best != nil {
		return best
	}
	if len(ofKind) == 0 {
		return nil
	}
	return &ofKind[0]
}

func containsMatch(ms []labels.Match, m labels.Match) bool {
	for _, x := range ms {
		if x == m {
			return true
		}
	}
	return false
}

// bestFit returns the first match with the best valueFit, and that fit;
// nil when none fits at all.
func bestFit(t *labels.Table, ms []labels.Match, value string) (*labels.Match, int) {
	var best *labels.Match
	fit := 0
	for i := range ms {
		f := valueFit(t.Key(ms[i].Key), ms[i].Option, value)
		if f > fit {
			best, fit = &ms[i], f
		}
	}
	return best, fit
}

// valueFit says how well a value suits a key: 2 when the key's type reads
// it (a yes/no answer for a yes/no key, a date for a date key), 1 when
// the key takes any text and the value is not merely a yes/no or a date,
// 0 when it does not suit.
func valueFit(ks *labels.KeySpec, option, value string) int {
	v := normText(value)
	yn := plainYesNo(v)
	if option != "" {
		if yn {
			return 2
		}
		return 0
	}
	switch ks.Type {
	case "bool":
		if normBool(v) != nil {
			return 2
		}
		return 0
	case "date":
		if _, ok := normDate(v); ok {
			return 2
		}
		if ks.Key == "child_dob" && reAgeWords.MatchString(v) {
			return 2
		}
		return 0
	case "age":
		if _, ok := normDate(v); ok {
			return 0
		}
		if _, ok := normAge(v); ok {
			return 2
		}
		return 0
	case "email":
		if _, ok := normEmail(v); ok {
			return 2
		}
		return 0
	case "harm_outcome":
		if h, ok := normHarm(v); ok && h != "other" {
			return 2
		}
		if yn {
			return 0
		}
		return 1
	case "abuse_or_neglect":
		// "Not suspected" is an answer of its own, not a plain no.
		if _, ok := normAbuseOrNeglect(v); ok && reKnownSuspected.MatchString(v) {
			return 2
		}
		if yn {
			return 0
		}
		if _, ok := normAbuseOrNeglect(v); ok {
			return 2
		}
		return 0
	case "abuse_types":
		if len(normAbuseTypes(v)) > 0 {
			return 2
		}
		return 0
	case "period":
		if len(datesIn(v)) > 0 {
			return 2
		}
		return 0
	}
	if yn {
		return 0
	}
	if _, ok := normDate(v); ok && len(v) <= 30 {
		return 0
	}
	return 1
}

// plainYesNo says whether a value is only a yes/no answer ("Y", "No",
// "☒ Yes ☐ No", "Yes – see below").
func plainYesNo(v string) bool {
	if normBool(v) == nil {
		return false
	}
	for _, o := range splitOptions(v) {
		if o.Ticked && o.Text != "" && yesNo(o.Text) == 0 {
			return false
		}
	}
	return true
}

// genericNames are labels that name a person without saying whom.
var genericNames = map[string]bool{"name": true, "full name": true, "names": true, "name s": true}

// contextualName resolves a bare "Name" on a referral by the fields around
// it: beside "Role", "Agency" or "Email" it is the referrer, beside "Date
// of birth" or "Gender" the child. A bare "Date" goes to contextualDate.
func contextualName(t *labels.Table, raws []form.RawField, i int, kind string) *labels.Match {
	if kind != labels.FormReferral || len(raws[i].Labels) == 0 {
		return nil
	}
	if l := labels.Norm(raws[i].Labels[0]); l == "date" || l == "dated" {
		return contextualDate(t, raws, i)
	}
	if !genericNames[labels.Norm(raws[i].Labels[0])] {
		return nil
	}
	for d := 1; d <= 2; d++ {
		for _, j := range []int{i + d, i - d} {
			if j < 0 || j >= len(raws) {
				continue
			}
			for _, m := range lookupField(t, raws[j]) {
				switch {
				case strings.HasPrefix(m.Key, "referrer_"):
					return &labels.Match{Key: "referrer_name"}
				case m.Key == "child_dob" || m.Key == "child_age" || m.Key == "child_gender":
					return &labels.Match{Key: "child_name"}
				}
			}
		}
	}
	return nil
}

// contextualDate resolves a bare "Date" on a referral: beside the
// referrer's details or a signature it is the date the form was completed.
func contextualDate(t *labels.Table, raws []form.RawField, i int) *labels.Match {
	for d := 1; d <= 2; d++ {
		for _, j := range []int{i + d, i - d} {
			if j < 0 || j >= len(raws) || len(raws[j].Labels) == 0 {
				continue
			}
			if strings.Contains(strings.ToLower(raws[j].Labels[0]), "sign") {
				return &labels.Match{Key: "referral_date"}
			}
			for _, m := range lookupField(t, raws[j]) {
				if strings.HasPrefix(m.Key, "referrer_") || m.Key == "agreement_by" {
					return &labels.Match{Key: "referral_date"}
				}
			}
		}
	}
	return nil
}

var reAgreedLabel = regexp.MustCompile(`(?i)agree|agreement|authoris|authoriz|approv|consent|endorse|sanction`)
var reNotAgreed = regexp.MustCompile(`(?i)\b(not|no|pending|awaiting|tbc|n/?a|none|unknown|to follow)\b`)

// deriveCriteria fills criteria that other answers already give: a child
// who died or was seriously harmed meets the first criterion, abuse or
// neglect not suspected fails the second, and a named person under
// "Agreement to refer given by" is agreement to refer. A criterion the
// form answers itself is never changed.
func deriveCriteria(f map[string]any, agreedLabel string) {
	if _, ok := f["c_died_or_seriously_harmed"].(bool); !ok {
		if h := f["harm_outcome"]; h == "died" || h == "seriously_harmed" {
			f["c_died_or_seriously_harmed"] = true
		}
	}
	// Abuse or neglect neither known nor suspected cannot be linked to the
	// harm; known or suspected says nothing of the link.
	if _, ok := f["c_abuse_neglect_linked"].(bool); !ok && f["abuse_or_neglect"] == "not_suspected" {
		f["c_abuse_neglect_linked"] = false
	}
	if _, ok := f["c_agreement_to_refer"].(bool); !ok {
		by, _ := f["agreement_by"].(string)
		if by != "" && reAgreedLabel.MatchString(agreedLabel) && !reNotAgreed.MatchString(by) {
			f["c_agreement_to_refer"] = true
		}
	}
}

// deriveInArea answers the third criterion when the form does not but
// names the partnership's area as the child's home authority or the
// incident's place ("Home local authority: Kestmoor"). It never answers
// no: a place outside the area may still be where the child lives.
func deriveInArea(f map[string]any, area []string) {
	if _, ok := f["c_resident_or_occurred_in_area"].(bool); ok || len(area) == 0 {
		return
	}
	for _, k := range []string{"child_home_authority", "incident_location"} {
		if s, ok := f[k].(string); ok && intake.MentionsArea(s, area) {
			f["c_resident_or_occurred_in_area"] = true
			return
		}
	}
}

// reNotified is a label about a notification.
var reNotified = regexp.MustCompile(`(?i)notif`)

// notificationDate resolves "Date of notification": the local authority's
// awareness, unless it sits among the referrer's details, where it is the
// date the referrer notified the partnership, the referral date.
func notificationDate(t *labels.Table, raws []form.RawField, i int, m *labels.Match) *labels.Match {
	if len(raws[i].Labels) == 0 || !reNotified.MatchString(raws[i].Labels[0]) {
		return m
	}
	for _, j := range []int{i - 1, i + 1} {
		if j < 0 || j >= len(raws) {
			continue
		}
		for _, n := range lookupField(t, raws[j]) {
			if strings.HasPrefix(n.Key, "referrer_") {
				return &labels.Match{Key: "referral_date"}
			}
		}
	}
	return m
}

// reKnownSuspected is an answer that says known or suspected.
var reKnownSuspected = regexp.MustCompile(`(?i)\b(known|suspected|suspicion|confirmed)\b`)
