package parse

import "time"

// DefaultCaseRefPattern matches the partnership's case references.
const DefaultCaseRefPattern = `KSCMP-\d{4}-\d{4}`

// Criteria are the five screening criteria of PROCESS.md, in order.
var Criteria = []string{
	"c_died_or_seriously_harmed",
	"c_abuse_neglect_linked",
	"c_resident_or_occurred_in_area",
	"c_multi_agency_learning",
	"c_agreement_to_refer",
}

// DefaultRequired lists the referral keys screening asks for when the
// configuration names none: who the child is, what happened and when, who
// refers, and an answer to every criterion. child_dob is satisfied by
// child_age.
var DefaultRequired = []string{
	"referrer_name",
	"child_name",
	"child_dob",
	"incident_date",
	"harm_outcome",
	"incident_summary",
	"c_died_or_seriously_harmed",
	"c_abuse_neglect_linked",
	"c_resident_or_occurred_in_area",
	"c_multi_agency_learning",
	"c_agreement_to_refer",
}

// Options configure Parse. The zero value of each field means its
// default, so that Options{} behaves as DefaultOptions().
type Options struct {
	Limits         Limits
	Labels         *LabelTable // nil: the embedded default table
	CaseRefPattern string      // regexp; default DefaultCaseRefPattern
	Required       []string    // required referral keys; default DefaultRequired
	AreaNames      []string    // names of the partnership's area, for out_of_area
	// AddWorkingDays adds n working days to d; nil counts weekdays only.
	AddWorkingDays func(d time.Time, n int) time.Time
	// Now is used only for a bare form with no message date and no
	// referral date; screening otherwise judges against the message date.
	Now func() time.Time
}

// DefaultOptions returns the options used when configuration sets none.
func DefaultOptions() Options {
	return Options{
		Limits:         DefaultLimits(),
		Labels:         DefaultLabelTable(),
		CaseRefPattern: DefaultCaseRefPattern,
		Required:       append([]string(nil), DefaultRequired...),
		AreaNames:      []string{"Kestmoor"},
	}
}

// orDefault sets *v to d when *v is zero or negative (a limit not set).
func orDefault[T int | int64 | time.Duration](v *T, d T) {
	if *v <= 0 {
		*v = d
	}
}

// withDefaults fills the zero fields of o.
func (o Options) withDefaults() Options {
	d, l := DefaultLimits(), &o.Limits
	orDefault(&l.MaxMessageBytes, d.MaxMessageBytes)
	orDefault(&l.MaxParts, d.MaxParts)
	orDefault(&l.MaxDepth, d.MaxDepth)
	orDefault(&l.MaxAttachmentBytes, d.MaxAttachmentBytes)
	orDefault(&l.MaxDocxUncompressed, d.MaxDocxUncompressed)
	orDefault(&l.MaxPDFPages, d.MaxPDFPages)
	orDefault(&l.PDFTimeout, d.PDFTimeout)
	orDefault(&l.ConvertTimeout, d.ConvertTimeout)
	orDefault(&l.MaxDecompressedRatio, d.MaxDecompressedRatio)
	if o.Labels == nil {
		o.Labels = defaultTable
	}
	if o.CaseRefPattern == "" {
		o.CaseRefPattern = DefaultCaseRefPattern
	}
	if o.Required == nil {
		o.Required = DefaultRequired
	}
	if o.AddWorkingDays == nil {
		o.AddWorkingDays = addWeekdays
	}
	return o
}

// addWeekdays adds n working days counting Monday to Friday only.
func addWeekdays(d time.Time, n int) time.Time {
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n--
		}
	}
	return d
}
