package intake

import (
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"
)

// Route is what a person decided to do with a screened referral
// (docs/design.md, "Screening is a decision, not a side effect"). Screening
// only advises; a route is chosen by a person, or by intake under a
// configured rule (AutoAccept), and is always recorded with its reason.
type Route string

// The routes.
const (
	// RouteAccept accepts the referral for rapid review: the agency
	// summary requests go out and the Day 1 timetable runs.
	RouteAccept Route = "accept"
	// RouteException accepts a referral more than twelve months old
	// because significant new information has emerged.
	RouteException Route = "exception"
	// RouteAskReferrer asks the referrer for missing information; nothing
	// goes to agencies meanwhile, and the referrer is chased.
	RouteAskReferrer Route = "ask_referrer"
	// RouteRedirect forwards the referral to the partnership where the
	// child lives or the incident happened; the case closes here.
	RouteRedirect Route = "redirect"
	// RouteNotAccepted records that the criteria are not met; the
	// referrer is told why, and the case may be kept as local learning.
	RouteNotAccepted Route = "not_accepted"
)

// Routes lists the routes with their plain words.
var Routes = []struct {
	Route Route
	Words string
}{
	{RouteAccept, "accept for rapid review"},
	{RouteException, "accept as an exception (more than twelve months old, significant new information)"},
	{RouteAskReferrer, "ask the referrer for missing information"},
	{RouteRedirect, "redirect to another partnership"},
	{RouteNotAccepted, "not accepted"},
}

// ParseRoute checks a route's name.
func ParseRoute(s string) (Route, error) {
	names := make([]string, len(Routes))
	for i, r := range Routes {
		if string(r.Route) == s {
			return r.Route, nil
		}
		names[i] = string(r.Route)
	}
	return "", Errorf(EINVALID, "%q is not a route (the routes are %s)", s, strings.Join(names, ", "))
}

// Words returns the route in plain words ("accept for rapid review").
func (r Route) Words() string {
	for _, x := range Routes {
		if x.Route == r {
			return x.Words
		}
	}
	return string(r)
}

// Accepts reports whether the route accepts the referral for rapid review.
func (r Route) Accepts() bool { return r == RouteAccept || r == RouteException }

// RouteDecision is a route chosen for a case: by whom, when and why.
type RouteDecision struct {
	Route  Route     `json:"route"`
	Reason string    `json:"reason"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
	// To is the neighbouring partnership a redirected referral went to
	// (its key in the directory).
	To string `json:"to,omitempty"`
	// LocalLearning: a referral not accepted is kept as single-agency or
	// local learning.
	LocalLearning bool `json:"local_learning,omitempty"`
	// Auto says intake chose the route under a configured rule.
	Auto bool `json:"auto,omitempty"`
}

// Neighbour is a neighbouring partnership a referral can be redirected
// to: its name, the address referrals go to, and the places it covers.
type Neighbour struct {
	Key     string   `json:"key"`
	Name    string   `json:"name"`
	Address string   `json:"address"`
	Areas   []string `json:"areas,omitempty"`
}

// Neighbours is the configured directory of neighbouring partnerships.
type Neighbours []Neighbour

// Find returns the neighbour with the key, name or one of the areas given.
func (ns Neighbours) Find(s string) (Neighbour, bool) {
	n := NormalizeName(s)
	for _, nb := range ns {
		if NormalizeName(nb.Key) == n || NormalizeName(nb.Name) == n {
			return nb, true
		}
	}
	for _, nb := range ns {
		for _, a := range nb.Areas {
			if NormalizeName(a) == n {
				return nb, true
			}
		}
	}
	return Neighbour{}, false
}

// Suggest returns the neighbour whose areas the referral names as the
// child's home or the incident's place, for a person to confirm.
func (ns Neighbours) Suggest(r Referral) (Neighbour, bool) {
	for _, place := range []string{r.ChildHomeAuthority, r.ChildAddress, r.IncidentLocation} {
		for _, nb := range ns {
			if place != "" && MentionsArea(place, nb.Areas) {
				return nb, true
			}
		}
	}
	return Neighbour{}, false
}

// NeighbourError is what is wrong with one neighbour of a directory.
type NeighbourError struct {
	Index   int    // the neighbour's place in the directory, counting from 1
	Field   string // the field at fault ("address"), or "" for the neighbour
	Problem string // what is wrong, such as "needs a name"
}

// Error names the neighbour, the field and the problem.
func (e *NeighbourError) Error() string {
	what := fmt.Sprintf("neighbour %d", e.Index)
	if e.Field != "" {
		what += " " + e.Field
	}
	return "intake: " + what + ": " + e.Problem
}

// Validate checks that every neighbour has a name and a key no neighbour
// before it has (compared exactly), and a valid email address. Each
// problem is a *NeighbourError; they are joined (errors.Join) in the
// directory's order.
func (ns Neighbours) Validate() error {
	var errs []error
	keys := map[string]bool{}
	for i, n := range ns {
		switch {
		case strings.TrimSpace(n.Name) == "":
			errs = append(errs, &NeighbourError{Index: i + 1, Problem: "needs a name"})
		case keys[n.Key]:
			errs = append(errs, &NeighbourError{Index: i + 1, Problem: fmt.Sprintf("key %q is used twice", n.Key)})
		}
		keys[n.Key] = true
		if _, err := mail.ParseAddress(n.Address); err != nil {
			errs = append(errs, &NeighbourError{Index: i + 1, Field: "address", Problem: fmt.Sprintf("%q is not an email address", n.Address)})
		}
	}
	return errors.Join(errs...)
}

// Keys lists the neighbours' keys, for an error naming the choices.
func (ns Neighbours) Keys() []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.Key
	}
	return out
}

// AutoAccept is a configured rule under which intake accepts a referral
// itself: from one of Senders (for example the local authority's
// notification address), authenticated, meeting every criterion, and
// flagged with nothing a person must weigh (out of area, older than
// twelve months).
type AutoAccept struct {
	Senders []string
}

// Applies reports whether the rule accepts a referral from sender, as
// screened, when the sender is authenticated.
func (a AutoAccept) Applies(sender string, authenticated bool, s Screening) bool {
	if !authenticated || s.Verdict != VerdictMeetsCriteria {
		return false
	}
	for _, f := range s.Flags {
		if f == FlagOutOfArea || f == FlagOlderThan12Months {
			return false
		}
	}
	return a.Sends(sender)
}

// Sends reports whether sender is one of the rule's senders (the local
// authority's notification addresses).
func (a AutoAccept) Sends(sender string) bool {
	for _, s := range a.Senders {
		if sender != "" && strings.EqualFold(strings.TrimSpace(s), sender) {
			return true
		}
	}
	return false
}
