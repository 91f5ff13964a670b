package web

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/kscmp/intake"
)

// An action page is one question or one form, GOV.UK style: a heading
// that says what will happen, the inputs, one button. A refused or
// incomplete form comes back with an error summary at the top, each error
// linked to its input, and everything typed still there.

type inputKind int

const (
	textInput inputKind = iota
	textareaInput
	emailInput
	dateInput
	selectInput
	radiosInput
	checkboxInput
	checkboxesInput // several of the options
	fileInput       // a file to upload (the form is sent as multipart)
)

// input is one field of an action's form.
type input struct {
	Name     string
	Label    string
	Hint     string
	Kind     inputKind
	Required string // the error when left empty; "" for optional
}

// action is a form that does one thing.
type action struct {
	Name    string // in the URL
	Title   string // the page heading
	Intro   string // what will happen, in plain words
	Button  string
	Done    string // the banner once done
	Warning bool   // the button is red: the step cannot be undone here
	Inputs  []input
	// options are the choices offered for the page's case or message, by
	// input name; nil for a form with nothing to choose.
	options func(c Choices) map[string][]Option
}

// optionsFor returns the options the form offers with the choices c, or
// nil if it offers none.
func (a action) optionsFor(c Choices) map[string][]Option {
	if a.options == nil {
		return nil
	}
	return a.options(c)
}

// named is a row of a table of actions (caseAction, mailAction): an
// action with what it needs to run on its page.
type named interface{ actionName() string }

func (a action) actionName() string { return a.Name }

// findAction returns the action of a table with the name given in a URL.
func findAction[A named](actions []A, name string) (A, bool) {
	for _, a := range actions {
		if a.actionName() == name {
			return a, true
		}
	}
	var none A
	return none, false
}

// upload reports whether the action's form carries a file.
func (a action) upload() bool {
	for _, in := range a.Inputs {
		if in.Kind == fileInput {
			return true
		}
	}
	return false
}

// inputView is an input as the page shows it.
type inputView struct {
	input
	ID                                                                      string
	Value                                                                   string
	Error                                                                   string
	Options                                                                 []optionView
	Textarea, Text, Email, Date, Select, Radios, Checkbox, Checkboxes, File bool
}

type optionView struct {
	Value, Label string
	Selected     bool
}

type actionData struct {
	page
	Caption  string // what the action is about: the case reference, the message
	Back     string
	BackText string
	Post     string
	Intro    string
	Inputs   []inputView
	Button   string
	Warning  bool
	Upload   bool // the form is multipart: it carries a file
}

// formPage builds the page of an action's form. at says where the form
// is: the navigation item, the caption, the way back and where it posts.
// The rest comes from the action: its inputs, filled with values and
// offering the options of the choices c, and its errors, which also
// start the title with "Error: ".
func (a action) formPage(at actionData, c Choices, values map[string]string, errs []formError) *actionData {
	at.Title, at.Errors = a.Title, errs
	if len(errs) > 0 {
		at.Title = "Error: " + a.Title
	}
	at.Intro, at.Button, at.Warning, at.Upload = a.Intro, a.Button, a.Warning, a.upload()
	at.Inputs = actionView(a, values, a.optionsFor(c), errs)
	return &at
}

// form is an action's form as filled in.
type form struct {
	values url.Values
	files  map[string]uploadedFile
	errs   []formError
}

// uploadedFile is a file sent with a form.
type uploadedFile struct {
	Name string
	Data []byte
}

func (f *form) get(name string) string { return strings.TrimSpace(f.values.Get(name)) }

// day reads a date input (YYYY-MM-DD) as midnight Europe/London.
func (f *form) day(name string) (time.Time, bool) {
	t, err := time.ParseInLocation(time.DateOnly, f.get(name), intake.London)
	if err != nil {
		return time.Time{}, false
	}
	return intake.Date(t.Year(), t.Month(), t.Day()), true
}

// actionView builds the page for an action with the values given and the
// options for each select, radio group or set of checkboxes (whose values
// are joined with new lines).
func actionView(a action, values map[string]string, options map[string][]Option, errs []formError) []inputView {
	var out []inputView
	for _, in := range a.Inputs {
		if in.Kind == checkboxesInput && len(options[in.Name]) == 0 {
			continue // nothing to choose from
		}
		v := inputView{input: in, ID: a.Name + "-" + in.Name, Value: values[in.Name]}
		switch in.Kind {
		case textareaInput:
			v.Textarea = true
		case emailInput:
			v.Email = true
		case dateInput:
			v.Date = true
		case selectInput:
			v.Select = true
		case radiosInput:
			v.Radios = true
		case checkboxInput:
			v.Checkbox = true
		case checkboxesInput:
			v.Checkboxes = true
		case fileInput:
			v.File = true
		default:
			v.Text = true
		}
		chosen := strings.Split(v.Value, "\n")
		for _, o := range options[in.Name] {
			v.Options = append(v.Options, optionView{Value: o.Value, Label: o.Label,
				Selected: o.Value == v.Value || (in.Kind == checkboxesInput && slices.Contains(chosen, o.Value))})
		}
		for _, e := range errs {
			if e.Field == v.ID {
				v.Error = e.Message
			}
		}
		out = append(out, v)
	}
	return out
}

// staleChoice ends the error for a choice the form no longer offers: a
// step recorded, or a request settled, by the same form sent twice or by
// a colleague meanwhile.
const staleChoice = ": the choices may have changed since this form was opened"

// check validates a posted form against the action: required inputs
// filled, a choice among the options offered, a date that is a date.
func check(a action, values url.Values, options map[string][]Option, files map[string]uploadedFile) *form {
	f := &form{values: values, files: files}
	for _, in := range a.Inputs {
		v := f.get(in.Name)
		id := a.Name + "-" + in.Name
		if in.Kind == fileInput {
			if up, ok := files[in.Name]; (!ok || len(up.Data) == 0) && in.Required != "" {
				f.errs = append(f.errs, formError{id, in.Required})
			}
			continue
		}
		switch {
		case v == "" && in.Required != "":
			f.errs = append(f.errs, formError{id, in.Required})
		case v == "":
		case in.Kind == dateInput:
			if _, ok := f.day(in.Name); !ok {
				f.errs = append(f.errs, formError{id, in.Label + " must be a real date"})
			}
		case in.Kind == selectInput || in.Kind == radiosInput:
			if opts, ok := options[in.Name]; ok && !hasOption(opts, v) {
				f.errs = append(f.errs, formError{id, "Choose one of the options for " + strings.ToLower(in.Label) + staleChoice})
			}
		case in.Kind == checkboxesInput:
			for _, x := range values[in.Name] {
				if opts, ok := options[in.Name]; ok && !hasOption(opts, x) {
					f.errs = append(f.errs, formError{id, "Choose among the options for " + strings.ToLower(in.Label)})
					break
				}
			}
		case in.Kind == emailInput:
			if !strings.Contains(v, "@") || strings.ContainsAny(v, " <>,;") {
				f.errs = append(f.errs, formError{id, "Enter an email address like name@agency.gov.uk"})
			}
		}
		if len(v) > 10000 {
			f.errs = append(f.errs, formError{id, in.Label + " must be 10,000 characters or fewer"})
		}
	}
	return f
}

func hasOption(opts []Option, v string) bool {
	for _, o := range opts {
		if o.Value == v {
			return true
		}
	}
	return false
}

// actionFailed turns what the backend said into the form's error
// summary: a refusal (an intake.Error) in its own words, which say what
// is wrong and what to do instead; anything else as a plain "it did not
// work", with the detail only in the log. Either way nothing was changed
// (casework changes all or nothing) and the form keeps what was typed.
func (s *Server) actionFailed(name string, err error, args ...any) []formError {
	args = append(args, "action", name)
	if intake.ErrorCode(err) == intake.EINTERNAL {
		s.log.Error("web: an action failed", append(args, "err", err)...)
		return []formError{{"", "This could not be done: something went wrong inside intake, and nothing was changed. " +
			"Try again; if it happens again, tell the person who runs intake."}}
	}
	// The message may quote what was typed: only its code is logged.
	s.log.Info("web: an action was refused", append(args, "code", intake.ErrorCode(err))...)
	return []formError{{"", intake.ErrorMessage(err)}}
}

// formValues keeps a posted form's values for showing it again (several
// values of one name joined with new lines).
func formValues(v url.Values) map[string]string {
	m := map[string]string{}
	for k, vs := range v {
		m[k] = strings.Join(vs, "\n")
	}
	return m
}

// list returns every value of a set of checkboxes.
func (f *form) list(name string) []string {
	var out []string
	for _, v := range f.values[name] {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// parsePost reads a posted form of reasonable size.
func parsePost(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 256<<10)
	return r.ParseForm()
}

// maxUpload is the largest file a form takes: the parse limit of one
// attachment, with room for the form around it.
const maxUpload = 30 << 20

// parseUpload reads a posted multipart form and the files of a's file
// inputs, kept in memory (never written to a temporary file: they are
// personal data).
func parseUpload(w http.ResponseWriter, r *http.Request, a action) (map[string]uploadedFile, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload+1<<20)
	if err := r.ParseMultipartForm(maxUpload + 1<<20); err != nil {
		return nil, err
	}
	defer r.MultipartForm.RemoveAll()
	files := map[string]uploadedFile{}
	for _, in := range a.Inputs {
		if in.Kind != fileInput {
			continue
		}
		fh := r.MultipartForm.File[in.Name]
		if len(fh) == 0 {
			continue
		}
		f, err := fh[0].Open()
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(io.LimitReader(f, maxUpload+1))
		f.Close()
		if err != nil {
			return nil, err
		}
		if len(data) > maxUpload {
			return nil, errTooLarge
		}
		files[in.Name] = uploadedFile{Name: fh[0].Filename, Data: data}
	}
	return files, nil
}

var errTooLarge = errors.New("web: the file is too large")
