package intake

import (
	"fmt"
	"strings"
	"time"
)

// Decision is the Rapid Review Group's decision on a case (docs/design.md).
type Decision string

// The outcomes of a rapid review.
const (
	DecisionLCSPR             Decision = "lcspr"
	DecisionNationalReview    Decision = "national_review"
	DecisionAlternativeReview Decision = "alternative_review"
	DecisionNoFurtherReview   Decision = "no_further_review"
	DecisionCriteriaNotMet    Decision = "criteria_not_met"
)

// Decisions lists every decision with its plain-words text, as the outcome
// notice says it to the referrer.
var Decisions = []struct {
	Decision Decision
	Words    string
}{
	{DecisionLCSPR, "A local child safeguarding practice review will be commissioned."},
	{DecisionNationalReview, "A national review has been recommended to the Child Safeguarding Practice Review Panel."},
	{DecisionAlternativeReview, "An alternative learning review will take place instead of a local child safeguarding practice review."},
	{DecisionNoFurtherReview, "No further review will take place: the learning has been captured by the rapid review."},
	{DecisionCriteriaNotMet, "The case does not meet the criteria for a child safeguarding practice review."},
}

// ParseDecision checks a decision's name.
func ParseDecision(s string) (Decision, error) {
	for _, d := range Decisions {
		if string(d.Decision) == s {
			return d.Decision, nil
		}
	}
	names := make([]string, len(Decisions))
	for i, d := range Decisions {
		names[i] = string(d.Decision)
	}
	return "", fmt.Errorf("intake: unknown decision %q (want one of %s)", s, strings.Join(names, ", "))
}

// Words returns the decision in plain words.
func (d Decision) Words() string {
	for _, x := range Decisions {
		if x.Decision == d {
			return x.Words
		}
	}
	return string(d)
}

// Outcome is a recorded decision: what, why, by whom and when.
type Outcome struct {
	Decision Decision  `json:"decision"`
	Reason   string    `json:"reason"`
	By       string    `json:"by"`
	At       time.Time `json:"at"`
	// Amendments counts the times a person changed the decision or its
	// rationale after it was first recorded.
	Amendments int `json:"amendments,omitempty"`
}

// Validate checks that the outcome names a decision, a reason and a person.
func (o Outcome) Validate() error {
	if _, err := ParseDecision(string(o.Decision)); err != nil {
		return err
	}
	if strings.TrimSpace(o.Reason) == "" {
		return fmt.Errorf("intake: an outcome needs a reason")
	}
	if strings.TrimSpace(o.By) == "" {
		return fmt.Errorf("intake: an outcome needs the name of who recorded it")
	}
	return nil
}
