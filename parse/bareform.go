package parse

import (
	"context"
	"fmt"
	"path"
	"strings"
)

// ParseForm reads a bare form file (.docx, .pdf, .doc, .txt) as if it had
// arrived alone: source is "attachment:NAME", and screening is judged at
// the form's referral date (else opts.Now). Like Parse, it returns an
// error only when ctx ends first.
func ParseForm(ctx context.Context, name string, b []byte, opts Options) (res Result, err error) {
	res = Result{Kind: KindOther, Fields: map[string]any{}, Warnings: []string{}}
	opts = opts.withDefaults()
	defer unreadableOnPanic(&res, opts, "the form")
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	if int64(len(b)) > opts.Limits.MaxAttachmentBytes {
		res.Kind = KindUnreadable
		res.Source = "attachment:" + base
		res.Warnings = append(res.Warnings, fmt.Sprintf("%s: the file is larger than %d bytes: not read", base, opts.Limits.MaxAttachmentBytes))
		return res, nil
	}
	c := readForm(ctx, base, "", b, opts)
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	c.Hint = base
	c.Form = true
	best := chooseForm([]*formCandidate{c}, opts, minFormKeys)
	applyForm(&res, []*formCandidate{c}, best, opts)
	if best == nil && c.Err == nil {
		res.Source = ""
		res.Warnings = append(res.Warnings, base+": no form fields were recognised")
	}
	if finder, err := newCaseRefFinder(opts.CaseRefPattern); err == nil {
		formRef, _ := res.Fields["case_ref"].(string)
		res.CaseRef = finder.find(formRef, formValues(best), base)
	}
	return res, nil
}

// ParseFile reads a file by its extension: an .eml message with Parse,
// anything else with ParseForm. It sets Result.File to name.
func ParseFile(ctx context.Context, name string, b []byte, opts Options) (Result, error) {
	var r Result
	var err error
	if strings.EqualFold(path.Ext(name), ".eml") || strings.EqualFold(path.Ext(name), ".msg822") {
		r, err = Parse(ctx, b, opts)
	} else {
		r, err = ParseForm(ctx, name, b, opts)
	}
	if err != nil {
		return Result{}, err
	}
	r.File = name
	return r, nil
}
