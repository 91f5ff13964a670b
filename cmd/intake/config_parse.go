package main

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/parse"
	"github.com/kscmp/intake/parse/convert"
	"github.com/kscmp/intake/parse/form"
	"github.com/kscmp/intake/parse/labels"
)

// ParseConfig holds the [parse] settings: how forms are read and how
// referrals are screened.
//
//	[parse]
//	required = ["referrer_name", "child_name", "incident_date"]
//	agreement_by_optional = false
//	labels_file = "/etc/intake/labels.toml"   # more wordings, same format as the default table
//	[parse.labels]
//	incident_date = ["Date the young person was harmed"]
//	"abuse_types.neglect" = ["Neglect / poor supervision"]
//	[parse.limits]
//	max_message_bytes = 52428800
//	pdf_timeout = "4s"
//
// The case reference pattern is derived from [partnership]
// case_ref_prefix, and the area names are [partnership] areas (see
// Config.parseOptions): one setting each, so that they cannot disagree.
type ParseConfig struct {
	// CaseRefPattern, when set, replaces the derived pattern; it must
	// still match the references intake makes (Config.Validate).
	CaseRefPattern string   `toml:"case_ref_pattern"`
	Required       []string `toml:"required"`
	// AgreementByOptional stops asking who agreed a referral when agreement
	// to refer is answered yes (asked by default).
	AgreementByOptional bool `toml:"agreement_by_optional"`
	// AreaNames is refused with a pointer to [partnership] areas: it is
	// decoded only to say so.
	AreaNames  []string            `toml:"area_names"`
	LabelsFile string              `toml:"labels_file"`
	Labels     map[string][]string `toml:"labels"`
	Limits     ParseLimitsConfig   `toml:"limits"`
}

// ParseLimitsConfig bounds the work done on one message (form.Limits).
type ParseLimitsConfig struct {
	MaxMessageBytes      int64    `toml:"max_message_bytes"`
	MaxParts             int      `toml:"max_parts"`
	MaxDepth             int      `toml:"max_depth"`
	MaxAttachmentBytes   int64    `toml:"max_attachment_bytes"`
	MaxDocxUncompressed  int64    `toml:"max_docx_uncompressed_bytes"`
	MaxPDFPages          int      `toml:"max_pdf_pages"`
	PDFTimeout           duration `toml:"pdf_timeout"`
	ConvertTimeout       duration `toml:"convert_timeout"`
	MaxDecompressedRatio int64    `toml:"max_decompressed_ratio"`
}

func defaultParseConfig() ParseConfig {
	o := parse.DefaultOptions()
	l := o.Limits
	return ParseConfig{
		Required: o.Required,
		Limits: ParseLimitsConfig{
			MaxMessageBytes:      l.MaxMessageBytes,
			MaxParts:             l.MaxParts,
			MaxDepth:             l.MaxDepth,
			MaxAttachmentBytes:   l.MaxAttachmentBytes,
			MaxDocxUncompressed:  l.MaxDocxUncompressed,
			MaxPDFPages:          l.MaxPDFPages,
			PDFTimeout:           duration{l.PDFTimeout},
			ConvertTimeout:       duration{l.ConvertTimeout},
			MaxDecompressedRatio: l.MaxDecompressedRatio,
		},
	}
}

// Validate checks the [parse] settings without reading any file.
func (c ParseConfig) Validate() error {
	var errs []error
	if _, err := regexp.Compile(c.CaseRefPattern); err != nil {
		errs = append(errs, fieldError("parse.case_ref_pattern", "must be a regular expression: %v", err))
	}
	if len(c.AreaNames) > 0 {
		errs = append(errs, fieldError("parse.area_names", "list the partnership's area names once, in [partnership] areas, and remove this setting"))
	}
	table := labels.Default()
	for _, k := range c.Required {
		if ks, ok := table.Spec(k); !ok || ks.Form == "agency_summary" {
			errs = append(errs, fieldError("parse.required", "%q is not a referral key", k))
		}
	}
	for _, k := range sortedKeys(c.Labels) {
		key, _, _ := strings.Cut(k, ".")
		if _, ok := table.Spec(key); !ok {
			errs = append(errs, fieldError("parse.labels", "%q is not a canonical key", k))
		}
	}
	l := c.Limits
	for _, p := range []struct {
		name string
		v    int64
	}{
		{"max_message_bytes", l.MaxMessageBytes}, {"max_parts", int64(l.MaxParts)}, {"max_depth", int64(l.MaxDepth)},
		{"max_attachment_bytes", l.MaxAttachmentBytes}, {"max_docx_uncompressed_bytes", l.MaxDocxUncompressed},
		{"max_pdf_pages", int64(l.MaxPDFPages)}, {"pdf_timeout", int64(l.PDFTimeout.Duration)},
		{"convert_timeout", int64(l.ConvertTimeout.Duration)}, {"max_decompressed_ratio", l.MaxDecompressedRatio},
	} {
		if p.v <= 0 {
			errs = append(errs, fieldError("parse.limits."+p.name, "must be positive"))
		}
	}
	return errors.Join(errs...)
}

// caseRefPattern is the pattern of the partnership's case references:
// [parse] case_ref_pattern when set, else derived from [partnership]
// case_ref_prefix as the references casework makes (PREFIX-YEAR-NNNN, the
// number growing past four digits).
func (c *Config) caseRefPattern() string {
	if c.Parse.CaseRefPattern != "" {
		return c.Parse.CaseRefPattern
	}
	return regexp.QuoteMeta(c.Partnership.CaseRefPrefix) + `-\d{4}-\d{4,}`
}

// validateCaseRefs checks that a configured case_ref_pattern finds the
// references intake makes with the configured prefix, so that replies
// quoting them are matched to their case.
func (c *Config) validateCaseRefs() error {
	if c.Parse.CaseRefPattern == "" {
		return nil
	}
	re, err := regexp.Compile(c.Parse.CaseRefPattern)
	if err != nil {
		return nil // ParseConfig.Validate says so
	}
	for _, ref := range []string{c.Partnership.CaseRefPrefix + "-2026-0042", c.Partnership.CaseRefPrefix + "-2027-10001"} {
		if re.FindString(ref) != ref {
			return fieldError("parse.case_ref_pattern", "%q does not find %s, a reference made with partnership.case_ref_prefix %q: fix it, or remove it to derive it from the prefix",
				c.Parse.CaseRefPattern, ref, c.Partnership.CaseRefPrefix)
		}
	}
	return nil
}

// parseOptions is the parse.Options every part and command reads mail
// with: [parse], with the case reference pattern and the area names
// from [partnership], the configured agencies, and cal, the working-day
// calendar that judges notification_overdue. It reads labels_file, so
// build it once and share it.
func (c *Config) parseOptions(cal *intake.Calendar) (parse.Options, error) {
	o, err := c.Parse.Options()
	if err != nil {
		return o, err
	}
	tt, err := c.Timetable.Timetable()
	if err != nil {
		return o, err
	}
	sp := c.screening(cal, tt)
	o.CaseRefPattern = c.caseRefPattern()
	o.Required, o.AgreementByOptional, o.AreaNames, o.Calendar, o.NotificationDays = sp.Required, sp.AgreementByOptional, sp.AreaNames, sp.Calendar, sp.NotificationDays
	o.Agencies = c.AgencyList()
	return o, nil
}

// screening is the screening policy a referral is judged by, the same
// when parse reads it and when casework files it: the required keys,
// whether agreement_by may be left out, the area's names, the calendar
// and the local authority's notification deadline (the timetable's
// la_notification step).
func (c *Config) screening(cal *intake.Calendar, tt intake.Timetable) intake.ScreeningPolicy {
	sp := intake.ScreeningPolicy{Required: append([]string(nil), c.Parse.Required...), AgreementByOptional: c.Parse.AgreementByOptional,
		AreaNames: append([]string(nil), c.Partnership.Areas...), Calendar: cal}
	if s, ok := tt.Step(intake.StepNotification); ok {
		sp.NotificationDays = s.Day
	}
	return sp
}

// Options turns the settings into parse.Options, reading labels_file if
// one is named, with LibreOffice to convert an old .doc (when it is
// installed). The case reference pattern, the area names and the
// working-day calendar are left for the caller to set (Config.parseOptions).
func (c ParseConfig) Options() (parse.Options, error) {
	o := parse.DefaultOptions()
	o.DOC = convert.LibreOffice{MaxBytes: c.Limits.MaxAttachmentBytes}
	o.CaseRefPattern = c.CaseRefPattern
	o.Required = append([]string(nil), c.Required...)
	o.AgreementByOptional = c.AgreementByOptional
	l := c.Limits
	o.Limits = form.Limits{
		MaxMessageBytes:      l.MaxMessageBytes,
		MaxParts:             l.MaxParts,
		MaxDepth:             l.MaxDepth,
		MaxAttachmentBytes:   l.MaxAttachmentBytes,
		MaxDocxUncompressed:  l.MaxDocxUncompressed,
		MaxPDFPages:          l.MaxPDFPages,
		PDFTimeout:           l.PDFTimeout.Duration,
		ConvertTimeout:       l.ConvertTimeout.Duration,
		MaxDecompressedRatio: l.MaxDecompressedRatio,
	}
	if c.LabelsFile != "" {
		f, err := os.Open(c.LabelsFile)
		if err != nil {
			return o, fmt.Errorf("parse.labels_file: %w", err)
		}
		t, err := labels.Load(f)
		f.Close()
		if err != nil {
			return o, fmt.Errorf("parse.labels_file %s: %w", c.LabelsFile, err)
		}
		o.Labels = t
	}
	for _, k := range sortedKeys(c.Labels) {
		key, option, _ := strings.Cut(k, ".")
		if err := o.Labels.AddWordings(key, option, c.Labels[k]...); err != nil {
			return o, fmt.Errorf("parse.labels: %w", err)
		}
	}
	return o, nil
}

func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
