package parse

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/emersion/go-message"
	"github.com/emersion/go-message/mail"
)

// Parse reads one RFC 5322 message and says what it is: a referral or an
// agency summary (with the form's fields and, for a referral, its
// screening), an automatic reply, a bounce, other mail, or an unreadable
// form. It does no I/O and never panics: a panic inside is recovered and
// reported as an unreadable result.
func Parse(raw []byte, opts Options) (res Result) {
	res = Result{Kind: KindOther, Fields: map[string]any{}, Warnings: []string{}}
	defer func() {
		if !recoverPanics {
			return
		}
		if p := recover(); p != nil {
			res.Kind = KindUnreadable
			res.Fields = map[string]any{}
			res.Screening = nil
			res.Warnings = append(res.Warnings, "the message could not be read: internal error while parsing")
		}
	}()
	opts = opts.withDefaults()
	if int64(len(raw)) > opts.Limits.MaxMessageBytes {
		res.Kind = KindUnreadable
		res.Warnings = append(res.Warnings, fmt.Sprintf("the message is larger than %d bytes: not read", opts.Limits.MaxMessageBytes))
		// The header alone still says who sent it and what it is about.
		if e, _ := message.Read(bytes.NewReader(raw[:min(len(raw), 1<<20)])); e != nil {
			readHeader(&res, mail.Header{Header: e.Header})
		}
		return res
	}
	e, err := message.Read(bytes.NewReader(raw))
	if e == nil {
		res.Kind = KindUnreadable
		res.Warnings = append(res.Warnings, "the message header could not be read ("+errKind(err)+")")
		return res
	}
	h := mail.Header{Header: e.Header}
	readHeader(&res, h)
	w := walkMessage(e, res.Subject, opts.Limits)
	if err != nil {
		w.partError(e, err)
	}
	res.Warnings = append(res.Warnings, w.Warnings...)
	finder, ferr := newCaseRefFinder(opts.CaseRefPattern)
	if ferr != nil {
		res.Warnings = append(res.Warnings, "the case reference pattern is not a valid regular expression")
	}
	headerRefs := []string{res.Subject, res.InReplyTo, strings.Join(res.References, " ")}

	switch {
	case isBounce(h, w, res.From, res.Subject) || (isEmptyReturnPath(h) && !isAutoReply(h, res.Subject)):
		res.Kind = KindBounce
		for _, rh := range w.ReturnedHeaders {
			if id := strings.TrimSpace(rh.Get("Message-Id")); id != "" {
				res.BouncedMessageIDs = append(res.BouncedMessageIDs, id)
			}
			s, _ := rh.Subject()
			headerRefs = append(headerRefs, s, rh.Get("In-Reply-To"), rh.Get("References"), rh.Get("Message-Id"))
		}
		res.CaseRef = finder.find(headerRefs...)
		return res
	case isAutoReply(h, res.Subject):
		res.Kind = KindAutoReply
		res.CaseRef = finder.find(headerRefs...)
		return res
	case isBulk(h):
		res.Kind = KindOther
		res.CaseRef = finder.find(headerRefs...)
		return res
	}

	forms := collectForms(w, res.Subject, opts)
	// A message about a known case (a reply to our request for missing
	// information) may carry only the one or two answers asked for.
	minKeys := minFormKeys
	if finder.find(headerRefs...) != nil {
		minKeys = 1
	}
	best := chooseForm(forms, opts.Labels, minKeys)
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
	if best == nil && w.Encrypted {
		res.Kind = KindUnreadable
		res.Warnings = append(res.Warnings, "please send the form again without encryption (or through the secure service's own download link)")
	}
	formRef := ""
	if v, ok := res.Fields["case_ref"].(string); ok {
		formRef = v
	}
	res.CaseRef = finder.find(append(headerRefs, formRef, formValues(best), bodyText)...)
	return res
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

// recoverPanics is turned off by the fuzz tests, so that a panic in Parse
// is found rather than reported as an unreadable message.
var recoverPanics = true

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

// formCandidate is one place a form may be: an attachment or the body.
type formCandidate struct {
	Source string // "attachment:NAME" or "body"
	Hint   string // file name and subject, for telling the forms apart
	Ext    Extraction
	Err    error // the form could not be read
	Form   bool  // an attachment of a form type (.docx, .pdf, .doc)
	text   string
	match  formMatch
}

// collectForms reads every attachment that may be a form and the body.
func collectForms(w *walked, subject string, opts Options) []*formCandidate {
	var out []*formCandidate
	atts := w.Attachments
	for i := 0; i < len(atts) && i < 100; i++ {
		a := atts[i]
		ext := strings.ToLower(path.Ext(a.Name))
		if ext == ".dat" || a.ContentType == "application/ms-tnef" || a.ContentType == "application/vnd.ms-tnef" {
			inner, err := safeTNEF(a.Data, opts.Limits)
			if err != nil {
				w.warn("winmail.dat could not be read (%s)", errKind(err))
				continue
			}
			atts = append(atts, inner...)
			continue
		}
		c := readForm(a.Name, a.ContentType, a.Data, opts)
		c.Hint = a.Name + " " + subject
		out = append(out, c)
	}
	for _, name := range w.Oversized {
		out = append(out, &formCandidate{Source: "attachment:" + name, Form: true,
			Err: &UnreadableError{Reason: "the attachment is too large to read: please send a smaller file"}})
	}
	out = append(out, bodyCandidate(w, subject, opts))
	return out
}

// bodyCandidate reads the form pasted into the body: the plain text and
// the HTML rendering are both read, and the one with more fields kept.
func bodyCandidate(w *walked, subject string, opts Options) *formCandidate {
	isLabel := func(l string) bool { return isLabelLine(l, opts.Labels) }
	var plains, htmls []string
	for _, p := range w.Plain {
		plains = append(plains, stripQuoted(p.Text, p.Subject, isLabel))
	}
	for _, h := range w.HTML {
		htmls = append(htmls, stripQuoted(htmlToText(h.Text), h.Subject, isLabel))
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

func countKnown(raws []RawField, t *LabelTable) int {
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
func readForm(name, contentType string, b []byte, opts Options) *formCandidate {
	c := &formCandidate{Source: "attachment:" + name, Form: true}
	lim := opts.Limits
	kind := formType(name, contentType, b)
	switch kind {
	case "docx":
		c.Ext, c.Err = safeRead(func() (Extraction, error) { return readerDOCX(b, lim) })
	case "pdf":
		c.Ext, c.Err = safeRead(func() (Extraction, error) { return readerPDF(b, lim) })
	case "doc":
		c.Ext, c.Err = safeRead(func() (Extraction, error) {
			ctx, cancel := context.WithTimeout(context.Background(), lim.ConvertTimeout)
			defer cancel()
			return readerDOC(ctx, b, lim)
		})
	case "msg":
		c.Err = &UnreadableError{Reason: "Outlook .msg files cannot be read: please forward the email itself, or attach the form as .docx or PDF"}
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
		c.Err = &UnreadableError{Reason: "the file is not a form intake can read: please send the form as .docx or PDF"}
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
func safeRead(f func() (Extraction, error)) (ex Extraction, err error) {
	defer func() {
		if p := recover(); p != nil {
			ex, err = Extraction{}, &UnreadableError{Reason: "the file is damaged and could not be read: please send it again, as .docx or PDF"}
		}
	}()
	return f()
}

func safeTNEF(b []byte, lim Limits) (atts []Attachment, err error) {
	defer func() {
		if p := recover(); p != nil {
			atts, err = nil, errors.New("parse: reading winmail.dat: damaged")
		}
	}()
	return readerTNEF(b, lim)
}

// minFormKeys is how many canonical keys a text must carry to be taken
// for a form: fewer is an ordinary email that happens to say "Agency:".
// A message whose headers name a case needs only one.
const minFormKeys = 3

// chooseForm maps every candidate through the label table and returns the
// one that is most a form (most canonical keys), or nil. Attachments win
// ties over the body.
func chooseForm(cs []*formCandidate, t *LabelTable, minKeys int) *formCandidate {
	var best *formCandidate
	for _, c := range cs {
		if c.Err != nil {
			continue
		}
		kind := formKind(t, c.Ext.Fields, c.Hint+" "+c.text[:min(len(c.text), 300)])
		c.match = mapFields(t, c.Ext.Fields, kind)
		if c.match.Keys < minKeys {
			continue
		}
		if best == nil || c.match.Keys > best.match.Keys {
			best = c
		}
	}
	return best
}

var reCaseRefKey = regexp.MustCompile(`\s+`)

// applyForm fills a result from the chosen form, or says why there is
// none.
func applyForm(res *Result, cs []*formCandidate, best *formCandidate, opts Options) {
	for _, c := range cs {
		if c == best {
			continue
		}
		var ue *UnreadableError
		if c.Err != nil && c.Form {
			reason := "could not be read"
			if errors.As(c.Err, &ue) {
				reason = ue.Reason
			}
			res.Warnings = append(res.Warnings, fmt.Sprintf("%s: %s", strings.TrimPrefix(c.Source, "attachment:"), reason))
		}
	}
	if best == nil {
		for _, c := range cs {
			if c.Err != nil && c.Form {
				res.Kind = KindUnreadable
				res.Source = c.Source
				return
			}
		}
		res.Kind = KindOther
		return
	}
	res.Kind = best.match.Kind
	res.Source = best.Source
	res.Fields = best.match.Fields
	if v, ok := res.Fields["case_ref"].(string); ok {
		res.Fields["case_ref"] = reCaseRefKey.ReplaceAllString(v, " ")
	}
	res.Warnings = append(res.Warnings, best.Ext.Warnings...)
	res.Warnings = append(res.Warnings, best.match.Warnings...)
	if res.Kind == KindReferral {
		ref := res.Date
		if ref.IsZero() {
			if d, ok := isoDate(res.Fields["referral_date"]); ok {
				ref = d
			} else if opts.Now != nil {
				ref = opts.Now()
			}
		}
		res.Screening = screen(res.Fields, opts, ref)
	}
}

// ParseForm reads a bare form file (.docx, .pdf, .doc, .txt) as if it had
// arrived alone: source is "attachment:NAME", and screening is judged at
// the form's referral date (else opts.Now).
func ParseForm(name string, b []byte, opts Options) (res Result) {
	res = Result{Kind: KindOther, Fields: map[string]any{}, Warnings: []string{}}
	defer func() {
		if p := recover(); p != nil {
			res.Kind = KindUnreadable
			res.Fields = map[string]any{}
			res.Screening = nil
			res.Warnings = append(res.Warnings, "the form could not be read: internal error while parsing")
		}
	}()
	opts = opts.withDefaults()
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	if int64(len(b)) > opts.Limits.MaxAttachmentBytes {
		res.Kind = KindUnreadable
		res.Source = "attachment:" + base
		res.Warnings = append(res.Warnings, fmt.Sprintf("%s: the file is larger than %d bytes: not read", base, opts.Limits.MaxAttachmentBytes))
		return res
	}
	c := readForm(base, "", b, opts)
	c.Hint = base
	c.Form = true
	best := chooseForm([]*formCandidate{c}, opts.Labels, minFormKeys)
	applyForm(&res, []*formCandidate{c}, best, opts)
	if best == nil && c.Err == nil {
		res.Source = ""
		res.Warnings = append(res.Warnings, base+": no form fields were recognised")
	}
	if finder, err := newCaseRefFinder(opts.CaseRefPattern); err == nil {
		formRef, _ := res.Fields["case_ref"].(string)
		res.CaseRef = finder.find(formRef, formValues(best), base)
	}
	return res
}

// ParseFile reads a file by its extension: an .eml message with Parse,
// anything else with ParseForm. It sets Result.File to name.
func ParseFile(name string, b []byte, opts Options) Result {
	var r Result
	if strings.EqualFold(path.Ext(name), ".eml") || strings.EqualFold(path.Ext(name), ".msg822") {
		r = Parse(b, opts)
	} else {
		r = ParseForm(name, b, opts)
	}
	r.File = name
	return r
}
