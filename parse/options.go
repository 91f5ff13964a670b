package parse

import (
	"time"

	"github.com/kscmp/intake"
)

// DefaultCaseRefPattern matches the partnership's case references.
const DefaultCaseRefPattern = `KSCMP-\d{4}-\d{4}`

// Options configure Parse. The zero value of each field means its
// default, so that Options{} behaves as DefaultOptions().
type Options struct {
	Limits         Limits
	Labels         *LabelTable // nil: the embedded default table
	CaseRefPattern string      // regexp; default DefaultCaseRefPattern
	Required       []string    // required referral keys; default DefaultRequired
	AreaNames      []string    // names of the partnership's area, for out_of_area
	// Calendar counts working days for notification_overdue; nil: the
	// England and Wales bank holidays.
	Calendar *intake.Calendar
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
		Required:       append([]string(nil), intake.DefaultRequired...),
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
		o.Required = intake.DefaultRequired
	}
	return o
}

// screening is the screening policy the options describe.
func (o Options) screening() intake.ScreeningPolicy {
	return intake.ScreeningPolicy{Required: o.Required, AreaNames: o.AreaNames, Calendar: o.Calendar}
}
