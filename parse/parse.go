package parse

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/emersion/go-message"
	"github.com/emersion/go-message/mail"
)

// Parse reads one RFC 5322 message and says what it is: a referral or an
// agency summary (with the form's fields and, for a referral, its
// screening), an automatic reply, a bounce, other mail, or an unreadable
// form. It does no I/O and never panics: a panic inside is recovered and
// reported as an unreadable result.
//
// Parse stops between MIME parts and between attachments, and inside the
// PDF and Word readers, when ctx ends; it then returns ctx's error, and
// the Result is to be thrown away (the message is not unreadable: it was
// not read). No other error is returned: what cannot be read is said in
// the Result.
func Parse(ctx context.Context, raw []byte, opts Options) (res Result, err error) {
	res = Result{Kind: KindOther, Fields: map[string]any{}, Warnings: []string{}}
	opts = opts.withDefaults()
	defer unreadableOnPanic(&res, opts, "the message")
	if int64(len(raw)) > opts.Limits.MaxMessageBytes {
		res.Kind = KindUnreadable
		res.Warnings = append(res.Warnings, fmt.Sprintf("the message is larger than %d bytes: not read", opts.Limits.MaxMessageBytes))
		// The header alone still says who sent it and what it is about.
		if e, _ := message.Read(bytes.NewReader(raw[:min(len(raw), 1<<20)])); e != nil {
			readHeader(&res, mail.Header{Header: e.Header})
		}
		return res, nil
	}
	e, rerr := message.Read(bytes.NewReader(raw))
	if e == nil {
		res.Kind = KindUnreadable
		res.Warnings = append(res.Warnings, "the message header could not be read ("+errKind(rerr)+")")
		return res, nil
	}
	h := mail.Header{Header: e.Header}
	readHeader(&res, h)
	w := walkMessage(ctx, e, res.Subject, opts.Limits)
	w.Signer = signerNames(h)
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	if rerr != nil {
		w.partError(e, rerr)
	}
	res.Warnings = append(res.Warnings, w.Warnings...)
	finder, ferr := newCaseRefFinder(opts.CaseRefPattern)
	if ferr != nil {
		res.Warnings = append(res.Warnings, "the case reference pattern is not a valid regular expression")
	}
	headerRefs := []string{res.Subject, res.InReplyTo, strings.Join(res.References, " ")}

	// Content first: a bounce is a bounce, but an automatic reply or list
	// mail that carries a readable form is that form (Automated says why
	// a person must look at it); without one it is not read further.
	automated, automatedKind := "", ""
	switch {
	case isBounce(h, w, res.From, res.Subject):
		res.Kind = KindBounce
		for _, rh := range w.ReturnedHeaders {
			if id := strings.TrimSpace(rh.Get("Message-Id")); id != "" {
				res.BouncedMessageIDs = append(res.BouncedMessageIDs, id)
			}
			s, _ := rh.Subject()
			headerRefs = append(headerRefs, s, rh.Get("In-Reply-To"), rh.Get("References"), rh.Get("Message-Id"))
		}
		res.CaseRef = finder.find(headerRefs...)
		return res, nil
	case isAutoReply(h, res.Subject):
		automated, automatedKind = "an automatic reply", KindAutoReply
	case isBulk(h):
		automated, automatedKind = "list or bulk mail", KindOther
	}

	forms, err := collectForms(ctx, w, res.Subject, opts)
	if err != nil {
		return Result{}, err
	}
	// A message about a known case (a reply to our request for missing
	// information) may carry only the one or two answers asked for.
	minKeys := minFormKeys
	if finder.find(headerRefs...) != nil {
		minKeys = 1
	}
	best := chooseForm(forms, opts, minKeys)
	var bodyText string
	for _, f := range forms {
		if f.Source == "body" {
			bodyText = f.text
		}
	}
	for _, rh := range w.ReturnedHeaders {
		s, _ := rh.Subject()
		headerRefs = append(headerRefs, s)
	}
	applyForm(&res, forms, best, opts)
	if automated != "" {
		if res.Kind == KindReferral || res.Kind == KindAgencySummary {
			res.Automated = automated
		} else {
			res.Kind, res.Source, res.Fields, res.Screening = automatedKind, "", map[string]any{}, nil
		}
	}
	if best == nil && w.Encrypted {
		res.Kind = KindUnreadable
		res.Warnings = append(res.Warnings, "please send the form again without encryption (or through the secure service's own download link)")
	}
	formRef := ""
	if v, ok := res.Fields["case_ref"].(string); ok {
		formRef = v
	}
	res.CaseRef = finder.find(append(headerRefs, formRef, formValues(best), bodyText)...)
	return res, nil
}

// formValues joins the values of a form's fields (the case reference may
// sit under a label of the other form, or none).
func formValues(c *formCandidate) string {
	if c == nil {
		return ""
	}
	var b strings.Builder
	for _, rf := range c.Ext.Fields {
		b.WriteString(rf.Value)
		b.WriteByte('\n')
	}
	return b.String()
}

// readHeader fills the header facts of a result.
func readHeader(res *Result, h mail.Header) {
	res.MessageID = strings.TrimSpace(h.Get("Message-Id"))
	if res.MessageID != "" && !strings.HasPrefix(res.MessageID, "<") {
		res.MessageID = "<" + res.MessageID + ">"
	}
	if addrs, err := h.AddressList("From"); err == nil && len(addrs) > 0 {
		res.From = addrs[0].Address
	} else if f, err := h.Text("From"); err == nil {
		res.From = strings.TrimSpace(f)
	}
	if s, err := h.Subject(); err == nil {
		res.Subject = s
	} else {
		res.Subject = h.Get("Subject")
	}
	if d, err := h.Date(); err == nil {
		res.Date = d
	}
	res.InReplyTo = strings.TrimSpace(h.Get("In-Reply-To"))
	res.References = strings.Fields(h.Get("References"))
	if addrs, err := h.AddressList("Reply-To"); err == nil && len(addrs) > 0 {
		res.ReplyTo = addrs[0].Address
	}
}

// signerNames are the names the sender may sign with: the display name of
// From ("Forsythe, Nadia" read as Nadia Forsythe) and its first name.
func signerNames(h mail.Header) []string {
	addrs, err := h.AddressList("From")
	if err != nil || len(addrs) == 0 || strings.TrimSpace(addrs[0].Name) == "" {
		return nil
	}
	name := strings.TrimSpace(addrs[0].Name)
	if last, first, ok := strings.Cut(name, ","); ok {
		name = strings.TrimSpace(first) + " " + strings.TrimSpace(last)
	}
	first := strings.Fields(name)[0]
	return []string{name, first}
}

// unreadableOnPanic, deferred, turns a panic in a reader into an
// unreadable result saying so, unless the tests asked to see panics.
func unreadableOnPanic(res *Result, opts Options, what string) {
	if opts.keepPanics {
		return
	}
	if p := recover(); p != nil {
		res.Kind = KindUnreadable
		res.Fields = map[string]any{}
		res.Screening = nil
		res.Warnings = append(res.Warnings, what+" could not be read: internal error while parsing")
	}
}
