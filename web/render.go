package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/kscmp/intake"
)

//go:embed templates/*.html
var templateFS embed.FS

// pages are the parsed templates, one per page, each with the layout.
type pages struct {
	byName map[string]*template.Template
}

func parsePages() (*pages, error) {
	base, err := template.New("").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/parts.html")
	if err != nil {
		return nil, fmt.Errorf("web: parsing the layout: %w", err)
	}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	p := &pages{byName: map[string]*template.Template{}}
	for _, n := range names {
		name := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if name == "layout" || name == "parts" {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(templateFS, n)
		if err != nil {
			return nil, fmt.Errorf("web: parsing %s: %w", n, err)
		}
		p.byName[name] = t
	}
	return p, nil
}

// page is what every page's data starts with: the layout reads it.
type page struct {
	Title       string
	Nav         string // the navigation item to mark current
	Person      Person // zero when nobody is signed in
	Partnership string
	Errors      []formError // the error summary
	Notice      string      // a success banner
}

func (p *page) base() *page { return p }

// formError is one line of a page's error summary: the message, and the
// id of the input it is about (the summary links to it).
type formError struct {
	Field   string
	Message string
}

type pageData interface{ base() *page }

// render writes a page. The page is rendered whole before anything is
// sent, so that a template error is a clean 500 and not half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data pageData) {
	t, ok := s.pages.byName[name]
	if !ok {
		s.serverError(w, r, "rendering", fmt.Errorf("web: no template %q", name))
		return
	}
	b := data.base()
	b.Person = personOf(r)
	b.Partnership = s.cfg.Partnership
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		s.log.Error("web: rendering a page", "page", name, "err", err)
		http.Error(w, "The page could not be shown.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

type errorData struct {
	page
	Message string
}

// errorPage shows a page that says what went wrong in plain words.
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, status int, title, message string) {
	s.render(w, r, status, "error", &errorData{page: page{Title: title}, Message: message})
}

// serverError logs what was being done (never form contents or names)
// and shows a page saying it did not work.
func (s *Server) serverError(w http.ResponseWriter, r *http.Request, doing string, err error) {
	s.log.Error("web: "+doing, "method", r.Method, "path", r.URL.Path, "err", err)
	s.errorPage(w, r, http.StatusInternalServerError, "Sorry, there is a problem",
		"Something went wrong while "+doing+". Nothing you entered is lost if you go back. Try again, and if it happens again tell the person who runs intake.")
}

// notFound is the page for any path that is not one.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.errorPage(w, r, http.StatusNotFound, "Page not found", "If you typed the address, check it is correct.")
}

// backendError shows a read's error: not found is a 404 (in the
// backend's words when it has some), anything else a 500.
func (s *Server) backendError(w http.ResponseWriter, r *http.Request, doing string, err error) {
	switch intake.ErrorCode(err) {
	case intake.ENOTFOUND:
		s.errorPage(w, r, http.StatusNotFound, "Not found", intake.ErrorMessage(err)+" It may have been a mistyped address or reference.")
		return
	case intake.EINVALID, intake.ECONFLICT, intake.EFORBIDDEN:
		s.errorPage(w, r, http.StatusUnprocessableEntity, "This could not be done", intake.ErrorMessage(err))
		return
	}
	s.serverError(w, r, doing, err)
}

// dateTimeLayout writes a time as the emails write a date ("Friday 20
// November 2026", intake.DateWords), with the time of day.
const dateTimeLayout = "Monday 2 January 2006 at 3:04pm"

// FormatDate writes a date the way people write it: "Friday 20 November
// 2026". A zero time is the empty string.
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return intake.DateWords(t)
}

// FormatDateTime writes a time as "Friday 20 November 2026 at 9:05am".
func FormatDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(intake.London).Format(dateTimeLayout)
}

var funcs = template.FuncMap{
	"date":     FormatDate,
	"datetime": FormatDateTime,
	"day": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return intake.DayWords(t)
	},
	"caseURL":        func(ref string) string { return "/cases/" + url.PathEscape(ref) },
	"mailURL":        func(id int64) string { return "/mail/" + strconv.FormatInt(id, 10) },
	"itemURL":        itemURL,
	"stateWords":     stateWords,
	"stateOfMessage": messageStateWords,
	"inc":            func(n int) int { return n + 1 },
	"decisionWords":  func(d intake.Decision) string { return d.Words() },
	"join":           strings.Join,
	"plural":         plural,
	"errorsFor": func(errs []formError, field string) []string {
		for _, e := range errs {
			if e.Field == field {
				return []string{e.Message}
			}
		}
		return []string{""}
	},
	"steps": func(steps []ClockStep, ref string, act, days bool) any {
		return struct {
			Steps     []ClockStep
			Ref       string
			Act, Days bool
		}{steps, ref, act, days}
	},
	"emails": func(list []Email, act, showCase bool) any {
		return struct {
			Emails        []Email
			Act, ShowCase bool
		}{list, act, showCase}
	},
	"trimError": func(title string) string { return strings.TrimPrefix(title, "Error: ") },
	"overdueParam": func(b bool) string {
		if b {
			return "1"
		}
		return ""
	},
	"query": func(kv ...string) template.URL {
		q := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i+1] != "" {
				q.Set(kv[i], kv[i+1])
			}
		}
		return template.URL(q.Encode())
	},
}

// itemURL is where a Today item is dealt with.
func itemURL(it TodayItem) string {
	switch {
	case it.CaseRef != "":
		return "/cases/" + url.PathEscape(it.CaseRef)
	case it.MessageID != 0:
		return "/mail/" + strconv.FormatInt(it.MessageID, 10)
	case it.OutboxID != 0:
		return "/outbox#email-" + strconv.FormatInt(it.OutboxID, 10)
	}
	return "/"
}

// plural writes a count with its noun: "1 summary", "3 summaries".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// durationWords writes a duration as people say it: "15 minutes",
// "1 hour", "1 hour 30 minutes".
func durationWords(d time.Duration) string {
	h, m := int(d/time.Hour), int((d%time.Hour+time.Minute-1)/time.Minute)
	switch {
	case h == 0:
		return plural(m, "minute", "minutes")
	case m == 0:
		return plural(h, "hour", "hours")
	}
	return plural(h, "hour", "hours") + " " + plural(m, "minute", "minutes")
}

// stateWords writes a case state as a person reads it: "Awaiting summaries".
func stateWords(s intake.CaseState) string {
	return intake.Capitalise(s.Label())
}
