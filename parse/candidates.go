package parse

import (
	"bytes"
	"context"
	"errors"
	"path"
	"strings"

	"github.com/kscmp/intake/parse/form"
	"github.com/kscmp/intake/parse/labels"
)

// formCandidate is one place a form may be: an attachment or the body.
type formCandidate struct {
	Source string // "attachment:NAME" or "body"
	Hint   string // file name and subject, for telling the forms apart
	Ext    form.Extraction
	Err    error // the form could not be read
	Form   bool  // an attachment of a form type (.docx, .pdf, .doc)
	text   string
	match  formMatch
}

// collectForms reads every attachment that may be a form and the body.
// It stops, returning ctx's error, when ctx ends.
func collectForms(ctx context.Context, w *walked, subject string, opts Options) ([]*formCandidate, error) {
	var out []*formCandidate
	atts := w.Attachments
	for i := 0; i < len(atts) && i < 100; i++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		a := atts[i]
		ext := strings.ToLower(path.Ext(a.Name))
		if ext == ".dat" || a.ContentType == "application/ms-tnef" || a.ContentType == "application/vnd.ms-tnef" {
			inner, err := safeTNEF(a.Data, opts)
			if err != nil {
				w.warn("winmail.dat could not be read (%s)", errKind(err))
				continue
			}
			atts = append(atts, inner...)
			continue
		}
		c := readForm(ctx, a.Name, a.ContentType, a.Data, opts)
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		c.Hint = a.Name + " " + subject
		out = append(out, c)
	}
	for _, name := range w.Oversized {
		out = append(out, &formCandidate{Source: "attachment:" + name, Form: true,
			Err: &form.UnreadableError{Reason: "the attachment is too large to read: please send a smaller file"}})
	}
	out = append(out, bodyCandidate(w, subject, opts))
	return out, nil
}

// bodyCandidate reads the form pasted into the body: the plain text and
// the HTML rendering are both read, and the one with more fields kept.
func bodyCandidate(w *walked, subject string, opts Options) *formCandidate {
	isLabel := func(l string) bool { return isFormLine(l, opts.Labels) }
	var plains, htmls []string
	for _, p := range w.Plain {
		plains = append(plains, stripQuoted(p.Text, p.Subject, isLabel, w.Signer...))
	}
	for _, h := range w.HTML {
		htmls = append(htmls, stripQuoted(htmlToText(h.Text), h.Subject, isLabel, w.Signer...))
	}
	plain := strings.TrimSpace(strings.Join(plains, "\n\n"))
	htmlText := strings.TrimSpace(strings.Join(htmls, "\n\n"))
	c := &formCandidate{Source: "body", Hint: subject, text: plain}
	c.Ext.Fields = bodyFields(plain, opts.Labels)
	if htmlText != "" {
		hf := bodyFields(htmlText, opts.Labels)
		if plain == "" || countKnown(hf, opts.Labels) > countKnown(c.Ext.Fields, opts.Labels) {
			c.Ext.Fields, c.text = hf, htmlText
		}
	}
	return c
}

func countKnown(raws []form.RawField, t *labels.Table) int {
	keys := map[string]bool{}
	for _, rf := range raws {
		for _, m := range lookupField(t, rf) {
			keys[m.Key] = true
		}
	}
	return len(keys)
}

// readForm reads one file by its extension, or by its first bytes when the
// extension says nothing.
func readForm(ctx context.Context, name, contentType string, b []byte, opts Options) *formCandidate {
	c := &formCandidate{Source: "attachment:" + name, Form: true}
	lim, rd := opts.Limits, opts.readers
	kind := formType(name, contentType, b)
	switch kind {
	case "docx":
		c.Ext, c.Err = safeRead(func() (form.Extraction, error) { return rd.docx(ctx, b, lim) })
	case "pdf":
		c.Ext, c.Err = safeRead(func() (form.Extraction, error) { return rd.pdf(ctx, b, lim) })
	case "doc":
		c.Ext, c.Err = safeRead(func() (form.Extraction, error) { return rd.doc(ctx, b, lim, opts.DOC) })
	case "msg":
		c.Err = &form.UnreadableError{Reason: "Outlook .msg files cannot be read: please forward the email itself, or attach the form as .docx or PDF"}
	case "text":
		c.Form = false
		text := strings.ToValidUTF8(string(b), "\uFFFD")
		if strings.HasSuffix(strings.ToLower(name), ".htm") || strings.HasSuffix(strings.ToLower(name), ".html") {
			text = htmlToText(text)
		}
		c.text = normText(text)
		c.Ext.Fields = bodyFields(c.text, opts.Labels)
	default:
		c.Form = false
		c.Err = &form.UnreadableError{Reason: "the file is not a form intake can read: please send the form as .docx or PDF"}
	}
	return c
}

// formType decides how to read a file.
func formType(name, contentType string, b []byte) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".docx", ".docm":
		return "docx"
	case ".pdf":
		return "pdf"
	case ".doc":
		if bytes.HasPrefix(b, []byte("PK\x03\x04")) {
			return "docx"
		}
		return "doc"
	case ".txt", ".text", ".htm", ".html":
		return "text"
	case ".msg":
		return "msg"
	}
	switch {
	case bytes.HasPrefix(b, []byte("%PDF-")):
		return "pdf"
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		return "docx"
	case bytes.HasPrefix(b, []byte("\xd0\xcf\x11\xe0")):
		return "doc"
	case contentType == "text/plain" || (len(b) > 0 && isMostlyText(b)):
		return "text"
	}
	return ""
}

func isMostlyText(b []byte) bool {
	if len(b) > 4096 {
		b = b[:4096]
	}
	return !bytes.ContainsRune(b, 0) && bytes.Count(b, []byte("\n")) > 0 && strings.ToValidUTF8(string(b), "") == string(b)
}

// safeRead runs a form reader, turning a panic inside it into an
// unreadable form.
func safeRead(f func() (form.Extraction, error)) (ex form.Extraction, err error) {
	defer func() {
		if p := recover(); p != nil {
			ex, err = form.Extraction{}, &form.UnreadableError{Reason: "the file is damaged and could not be read: please send it again, as .docx or PDF"}
		}
	}()
	return f()
}

// safeTNEF reads a winmail.dat, turning a panic into an error.
func safeTNEF(b []byte, opts Options) (atts []form.Attachment, err error) {
	defer func() {
		if p := recover(); p != nil {
			atts, err = nil, errors.New("parse: reading winmail.dat: damaged")
		}
	}()
	return opts.readers.tnef(b, opts.Limits)
}
