package notify

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	texttemplate "text/template"
	"time"

	"github.com/kscmp/intake"
)

//go:embed templates/*.txt templates/*.html
var embedded embed.FS

// Site is what the templates say about the partnership itself.
type Site struct {
	Partnership string            // "Kestmoor Safeguarding Children Multi-agency Partnership"
	Mailbox     string            // the partnership mailbox, where replies go
	Agencies    map[string]string // agency key → name as the templates write it
}

// Attachment is a file that goes with a rendered email.
type Attachment struct {
	Name        string
	ContentType string
	Data        []byte
}

// Rendered is one email ready to be put into a message.
type Rendered struct {
	Subject     string
	Text        string
	HTML        string
	Attachments []Attachment
}

// Data is what a template sees: the notice, and the notice's codes turned
// into words.
type Data struct {
	intake.Notice
	Site
	AgencyName    string
	Due           string   // the due date in words ("Friday 13 March 2026"), "" if none
	OldDue        string   // the date a SPOC had been given, when it changes
	MissingWords  []string // what is missing, in words
	FailedWords   []string // the criteria answered no, in words
	FlagWords     []string
	VerdictWords  string
	DecisionWords string // a whole sentence, ending in a full stop
	// Timing says, for a chaser, where its planned day (NotBefore) falls
	// against the due date: "before", "today" or "overdue".
	Timing string
	// Form is the file name of the agency summary form attached to a
	// summary request or chaser, "" when none is: the text must not
	// promise a form that is not there.
	Form   string
	Digest *DigestData // the digest only
}

// Renderer renders notices from templates: for each kind, KIND.txt (a
// text/template defining "subject" and the plain-text body) and KIND.html
// (an html/template, escaped). Templates in Dir replace the embedded ones
// of the same name.
type Renderer struct {
	site Site
	text map[intake.NoticeKind]*texttemplate.Template
	html map[intake.NoticeKind]*htmltemplate.Template
}

// Kinds lists every notice kind the renderer must have templates for.
var Kinds = []intake.NoticeKind{
	intake.NoticeAcknowledgement, intake.NoticeReferrerReminder, intake.NoticeSummaryRequest,
	intake.NoticeChaser, intake.NoticeEscalation, intake.NoticeSummaryReceipt, intake.NoticeOutcome,
	intake.NoticeLinkedReferral, intake.NoticeDigest, intake.NoticeAccepted, intake.NoticeInformationRequest,
	intake.NoticeNotAccepted, intake.NoticeRedirect, intake.NoticeRedirected, intake.NoticeDueDateChanged,
	intake.NoticeRequestWithdrawn,
}

var funcs = map[string]any{
	"join":  strings.Join,
	"date":  intake.DateWords,
	"upper": strings.ToUpper,
}

// NewRenderer parses the templates, embedded or from dir when dir holds a
// file of the same name, and fails if any kind lacks one.
func NewRenderer(site Site, dir string) (*Renderer, error) {
	r := &Renderer{site: site, text: map[intake.NoticeKind]*texttemplate.Template{}, html: map[intake.NoticeKind]*htmltemplate.Template{}}
	for _, k := range Kinds {
		src, err := templateSource(dir, string(k)+".txt")
		if err != nil {
			return nil, err
		}
		tt, err := texttemplate.New(string(k)).Funcs(funcs).Option("missingkey=error").Parse(src)
		if err != nil {
			return nil, fmt.Errorf("notify: parsing %s.txt: %w", k, err)
		}
		if tt.Lookup("subject") == nil {
			return nil, fmt.Errorf("notify: %s.txt defines no \"subject\"", k)
		}
		src, err = templateSource(dir, string(k)+".html")
		if err != nil {
			return nil, err
		}
		ht, err := htmltemplate.New(string(k)).Funcs(funcs).Option("missingkey=error").Parse(src)
		if err != nil {
			return nil, fmt.Errorf("notify: parsing %s.html: %w", k, err)
		}
		r.text[k], r.html[k] = tt, ht
	}
	if err := r.check(); err != nil {
		return nil, err
	}
	return r, nil
}

// check renders every template once with sample data, so that a template
// naming a field that does not exist fails at start, not at its first
// send.
func (r *Renderer) check() error {
	due := time.Date(2026, 3, 13, 0, 0, 0, 0, intake.London)
	for _, k := range Kinds {
		n := intake.Notice{Key: "check", Kind: k, CaseRef: "CHECK-2026-0001", To: []string{"check@intake.invalid"},
			DueDate: due, NotBefore: due, Agency: "check", ChaserNumber: 1, Verdict: "incomplete", Missing: []string{"child_dob"},
			Failed: []string{"c_agreement_to_refer"}, Flags: []string{"out_of_area"}, Decision: "lcspr", Note: "check",
			Reason: "check", Neighbour: "check", Ending: "reviewed", OldDueDate: due}
		if k == intake.NoticeDigest {
			// Every section full, then every section empty.
			for _, t := range []*intake.Today{sampleToday(due), {Date: due}} {
				if _, err := r.Render(n, NewDigestData(t)); err != nil {
					return err
				}
			}
			continue
		}
		for _, form := range []string{"", "form.docx"} {
			if _, err := r.render(n, nil, form); err != nil {
				return err
			}
		}
	}
	return nil
}

func templateSource(dir, name string) (string, error) {
	if dir != "" {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err == nil {
			return string(b), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("notify: reading template %s: %w", name, err)
		}
	}
	b, err := embedded.ReadFile("templates/" + name)
	if err != nil {
		return "", fmt.Errorf("notify: no template %s: %w", name, err)
	}
	return string(b), nil
}

// data turns a notice into what its templates see.
func (r *Renderer) data(n intake.Notice) Data {
	d := Data{Notice: n, Site: r.site, AgencyName: n.Agency,
		MissingWords: missingWords(n.Missing), FailedWords: allWords(n.Failed), FlagWords: allWords(n.Flags)}
	if name, ok := r.site.Agencies[n.Agency]; ok {
		d.AgencyName = name
	}
	if !n.DueDate.IsZero() {
		d.Due = intake.DateWords(n.DueDate)
	}
	if !n.OldDueDate.IsZero() {
		d.OldDue = intake.DateWords(n.OldDueDate)
	}
	d.Timing = timing(n.NotBefore, n.DueDate)
	if n.Verdict != "" {
		d.VerdictWords = words(n.Verdict)
	}
	if n.Decision != "" {
		// The domain's own sentence for the decision.
		d.DecisionWords = intake.Decision(n.Decision).Words()
		if d.DecisionWords == n.Decision {
			d.DecisionWords = words(n.Decision) + "."
		}
	}
	return d
}

// Render renders n with no form attached; digest is the digest's content
// (nil for every other kind).
func (r *Renderer) Render(n intake.Notice, digest *DigestData) (Rendered, error) {
	return r.render(n, digest, "")
}

// render renders n; form is the name of the agency summary form attached
// to it, or "".
func (r *Renderer) render(n intake.Notice, digest *DigestData, form string) (Rendered, error) {
	tt, ok := r.text[n.Kind]
	if !ok {
		return Rendered{}, fmt.Errorf("notify: no template for notice kind %q", n.Kind)
	}
	d := r.data(n)
	d.Digest = digest
	d.Form = form
	var subj, text, html bytes.Buffer
	if err := tt.ExecuteTemplate(&subj, "subject", d); err != nil {
		return Rendered{}, fmt.Errorf("notify: rendering subject of %s: %w", n.Kind, err)
	}
	if err := tt.Execute(&text, d); err != nil {
		return Rendered{}, fmt.Errorf("notify: rendering %s.txt: %w", n.Kind, err)
	}
	if err := r.html[n.Kind].Execute(&html, d); err != nil {
		return Rendered{}, fmt.Errorf("notify: rendering %s.html: %w", n.Kind, err)
	}
	return Rendered{
		Subject: strings.Join(strings.Fields(subj.String()), " "),
		Text:    strings.TrimLeft(text.String(), "\n"),
		HTML:    html.String(),
	}, nil
}

// timing compares the London dates of at and due.
func timing(at, due time.Time) string {
	if at.IsZero() || due.IsZero() {
		return "before"
	}
	a, b := dayKey(at), dayKey(due)
	switch {
	case a < b:
		return "before"
	case a == b:
		return "today"
	}
	return "overdue"
}

// dayKey is t's date in Europe/London as "YYYY-MM-DD".
func dayKey(t time.Time) string { return t.In(intake.London).Format("2006-01-02") }
