package intake

import (
	"strings"
	"time"
)

// SummaryStatus is where an agency's summary for a case stands.
type SummaryStatus string

// The statuses of a summary request. Overdue is never stored: it is a
// requested summary whose due date has passed (StatusAt).
const (
	SummaryRequested     SummaryStatus = "requested"
	SummaryReceived      SummaryStatus = "received"
	SummaryNoInvolvement SummaryStatus = "no_involvement" // the agency had no involvement with the child or family
	SummaryWithdrawn     SummaryStatus = "withdrawn"      // a person withdrew the request (the agency was added in error)
	SummaryOverdue       SummaryStatus = "overdue"
)

// Words returns the status in plain words, lower case ("no involvement").
func (s SummaryStatus) Words() string { return strings.ReplaceAll(string(s), "_", " ") }

// SummaryRequest is the request to one agency's SPOC for its summary on
// one case.
type SummaryRequest struct {
	CaseRef     string        `json:"case_ref"`
	Agency      string        `json:"agency"` // the agency's key, e.g. "police"
	AgencyName  string        `json:"agency_name"`
	To          []string      `json:"to"`         // the SPOC addresses it went to (personal data of the SPOC)
	MessageID   string        `json:"message_id"` // the request email's Message-ID, without angle brackets
	RequestedAt time.Time     `json:"requested_at"`
	Due         time.Time     `json:"due"` // midnight Europe/London: the date the SPOC was given
	Status      SummaryStatus `json:"status"`
	ReceivedAt  time.Time     `json:"received_at,omitzero"`
	// Message is the stored message of the summary (0 if none, or
	// recorded by hand); By who recorded a summary, no involvement or
	// withdrawal ("intake" for an authenticated SPOC's email).
	Message int64  `json:"message,omitempty"`
	By      string `json:"by,omitempty"`
	Note    string `json:"note,omitempty"`
	// Extensions counts the times a person gave
	// the SPOC a new date (and told them), Bounced that the request came
	// back undeliverable (the SPOC's address must change).
	Extensions int  `json:"extensions,omitempty"`
	Bounced    bool `json:"bounced,omitempty"`
}

// Closed reports whether the agency's part is settled: its summary is in,
// it had no involvement, or the request was withdrawn.
func (r SummaryRequest) Closed() bool { return !r.Open() }

// Open reports whether the summary is still awaited.
func (r SummaryRequest) Open() bool {
	return r.Status == SummaryRequested || r.Status == SummaryOverdue
}

// Counts reports whether the request counts toward the case's summaries:
// a withdrawn request does not.
func (r SummaryRequest) Counts() bool { return r.Status != SummaryWithdrawn }

// StatusAt returns the status as of now: a requested summary whose due
// date (in Europe/London) is before now's date is overdue.
func (r SummaryRequest) StatusAt(now time.Time) SummaryStatus {
	if r.Status == SummaryRequested && !r.Due.IsZero() && civilOf(r.Due).before(civilOf(now)) {
		return SummaryOverdue
	}
	return r.Status
}

// BareID returns a Message-ID without angle brackets or spaces, lower-cased
// for comparison.
func BareID(id string) string {
	return strings.ToLower(strings.Trim(strings.TrimSpace(id), "<>"))
}

// AngleID returns a Message-ID in angle brackets, as headers carry it.
func AngleID(id string) string {
	id = strings.Trim(strings.TrimSpace(id), "<>")
	if id == "" {
		return ""
	}
	return "<" + id + ">"
}
