package parse

import (
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/parse/docx"
	"github.com/kscmp/intake/parse/form"
	"github.com/kscmp/intake/parse/labels"
)

// DefaultCaseRefPattern matches the partnership's case references.
const DefaultCaseRefPattern = `KSCMP-\d{4}-\d{4,}`

// Options configure Parse. The zero value of each field means its
// default, so that Options{} behaves as DefaultOptions().
type Options struct {
	Limits         form.Limits
	Labels         *labels.Table // nil: the embedded default table
	CaseRefPattern string        // regexp; default DefaultCaseRefPattern
	Required       []string      // required referral keys; default intake.DefaultRequired
	// AgreementByOptional stops requiring who agreed a referral
	// (agreement_by) whenever agreement to refer is answered yes, which
	// screening does by default.
	AgreementByOptional bool
	// NotificationDays is the local authority's deadline to notify the
	// national Panel, in working days from awareness (0: 5), for the
	// notification_overdue flag.
	NotificationDays int
	AreaNames        []string // names of the partnership's area, for out_of_area
	// Agencies are the partnership's agencies (names and aliases): a list
	// of agencies is split at "and" only between names, never inside one
	// ("Children and Families Service").
	Agencies intake.Agencies
	// Calendar counts working days for notification_overdue; nil: the
	// England and Wales bank holidays.
	Calendar *intake.Calendar
	// Now is used only for a bare form with no message date and no
	// referral date; screening otherwise judges against the message date.
	Now func() time.Time
	// DOC converts an old binary Word .doc to .docx (parse itself starts
	// no process); nil: a .doc is unreadable, and the referrer is asked
	// for .docx or PDF. parse/convert's LibreOffice is one.
	DOC docx.Converter

	// readers replaces the format readers, for tests; nil: the real ones.
	readers *readers
	// keepPanics lets a panic out of Parse, for the fuzz tests.
	keepPanics bool
}

// DefaultOptions returns the options used when configuration sets none.
func DefaultOptions() Options {
	return Options{
		Limits:         form.DefaultLimits(),
		Labels:         labels.Default(),
		CaseRefPattern: DefaultCaseRefPattern,
		Required:       append([]string(nil), intake.DefaultRequired...),
		AreaNames:      []string{"Kestmoor"},
	}
}

// defaultTable is the embedded label table, read once, for Options that
// name none; it is never changed.
var defaultTable = labels.Default()

// withDefaults fills the zero fields of o.
func (o Options) withDefaults() Options {
	o.Limits = o.Limits.WithDefaults()
	if o.Labels == nil {
		o.Labels = defaultTable
	}
	if o.CaseRefPattern == "" {
		o.CaseRefPattern = DefaultCaseRefPattern
	}
	if o.Required == nil {
		o.Required = intake.DefaultRequired
	}
	if o.readers == nil {
		o.readers = &formatReaders
	}
	return o
}

// Screening is the screening policy the options describe: what a
// referral is judged by, here and in casework (which must use the same).
func (o Options) Screening() intake.ScreeningPolicy {
	return intake.ScreeningPolicy{Required: o.Required, AgreementByOptional: o.AgreementByOptional, AreaNames: o.AreaNames,
		Calendar: o.Calendar, NotificationDays: o.NotificationDays}
}
