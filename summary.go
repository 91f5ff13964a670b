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
	SummaryRequested          SummaryStatus = "requested"
	SummaryReceived           SummaryStatus = "received"
	SummaryReceivedUnverified SummaryStatus = "received_unverified" // from an address that is not the agency's SPOC
	SummaryOverdue            SummaryStatus = "overdue"
)

// SummaryRequest is the request to one agency's SPOC for its summary on
// one case.
type SummaryRequest struct {
	CaseRef     string        `json:"case_ref"`
	Agency      string        `json:"agency"` // the agency's key, e.g. "police"
	AgencyName  string        `json:"agency_name"`
	To          []string      `json:"-"`          // the SPOC addresses it went to
	MessageID   string        `json:"message_id"` // the request email's Message-ID, without angle brackets
	RequestedAt time.Time     `json:"requested_at"`
	Due         time.Time     `json:"due"` // midnight Europe/London
	Status      SummaryStatus `json:"status"`
	ReceivedAt  time.Time     `json:"received_at,omitzero"`
}

// Open reports whether the summary is still awaited.
func (r SummaryRequest) Open() bool {
	return r.Status == SummaryRequested || r.Status == SummaryOverdue
}

// StatusAt returns the status as of now: a requested summary whose due
// date (in Europe/London) is before now's date is overdue.
func (r SummaryRequest) StatusAt(now time.Time) SummaryStatus {
	if r.Status == SummaryRequested && !r.Due.IsZero() && civilOf(r.Due).before(civilOf(now)) {
		return SummaryOverdue
	}
	return r.Status
}

// bareID returns a Message-ID without angle brackets or spaces, lower-cased
// for comparison.
func bareID(id string) string {
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
