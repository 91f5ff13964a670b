package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/kscmp/intake"
)

type mailData struct {
	page
	View MailView
}

// mailPage lists the needs-a-person queue.
func (s *Server) mailPage(w http.ResponseWriter, r *http.Request) {
	v, err := s.backend.Mail(r.Context(), s.now())
	if err != nil {
		s.backendError(w, r, "reading the mail queue", err)
		return
	}
	s.render(w, r, http.StatusOK, "mail", &mailData{page: page{Title: "Mail to deal with", Nav: "mail",
		Notice: doneBanner(r.URL.Query().Get("done"))}, View: v})
}

type mailItemData struct {
	page
	Item   MailItem
	CanAct bool
}

// mailItemPage shows one queued message: who sent it, what it is, why it
// is here, and what can be done with it. Looking at it is audited.
func (s *Server) mailItemPage(w http.ResponseWriter, r *http.Request) {
	id, ok := messageID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	now := s.now()
	it, err := s.backend.MailItem(r.Context(), id, now)
	if err != nil {
		s.backendError(w, r, "reading the message", err)
		return
	}
	p := personOf(r)
	if err := s.record(r.Context(), intake.AuditEntry{Actor: p.String(), Action: "message.viewed", MessageID: id, CaseRef: it.CaseRef}); err != nil {
		s.serverError(w, r, "recording that you opened the message", err)
		return
	}
	s.render(w, r, http.StatusOK, "mail_item", &mailItemData{page: page{Title: "Message " + strconv.FormatInt(id, 10), Nav: "mail"},
		Item: it, CanAct: p.Role.CanAct()})
}

// mailAction is an action on a queued message.
type mailAction struct {
	action
	options func(it MailItem) map[string][]Option
	initial func(it MailItem) map[string]string
	// do returns the case to show afterwards, or "" for the queue.
	do func(ctx context.Context, b Backend, by Actor, id int64, f *form) (string, error)
}

var caseRefInput = input{Name: "ref", Label: "Case reference", Kind: textInput, Hint: "For example, KSCMP-2026-0042", Required: "Enter the case reference"}

func mailAgencies(it MailItem) map[string][]Option { return map[string][]Option{"agency": it.Agencies} }
func mailCaseAndAgency(it MailItem) map[string]string {
	return map[string]string{"ref": it.CaseRef, "agency": it.Agency}
}

var mailActions = []mailAction{
	{action: action{Name: "attach", Title: "File as an agency's summary", Button: "File the summary",
		Intro:  "The message is filed on the case as the agency's summary: its request closes and its chasers stop.",
		Done:   "The summary was filed on the case.",
		Inputs: []input{caseRefInput, agencyInput}},
		options: mailAgencies, initial: mailCaseAndAgency,
		do: func(ctx context.Context, b Backend, by Actor, id int64, f *form) (string, error) {
			return f.get("ref"), b.AttachSummary(ctx, by, id, f.get("ref"), f.get("agency"))
		}},
	{action: action{Name: "no-involvement", Title: "Record that the agency had no involvement", Button: "Record no involvement",
		Intro:  "The agency's request on the case closes and it is not chased again.",
		Done:   "No involvement was recorded. The agency will not be chased.",
		Inputs: []input{caseRefInput, agencyInput}},
		options: mailAgencies, initial: mailCaseAndAgency,
		do: func(ctx context.Context, b Backend, by Actor, id int64, f *form) (string, error) {
			return f.get("ref"), b.MailNoInvolvement(ctx, by, id, f.get("ref"), f.get("agency"))
		}},
	{action: action{Name: "link", Title: "Link to a case", Button: "Link to the case",
		Intro:  "The message is kept with the case. Nothing on the case changes.",
		Done:   "The message was linked to the case.",
		Inputs: []input{caseRefInput}},
		initial: mailCaseAndAgency,
		do: func(ctx context.Context, b Backend, by Actor, id int64, f *form) (string, error) {
			return f.get("ref"), b.LinkToCase(ctx, by, id, f.get("ref"))
		}},
	{action: action{Name: "new-case", Title: "Open a new case from this message", Button: "Open a new case",
		Intro: "The message is read as a new referral and screened. The referrer gets an acknowledgement with the new case reference.",
		Done:  "A new case was opened from the message."},
		do: func(ctx context.Context, b Backend, by Actor, id int64, _ *form) (string, error) {
			return b.NewCase(ctx, by, id)
		}},
	{action: action{Name: "dismiss", Title: "Dismiss the message", Button: "Dismiss", Warning: true,
		Intro:  "The message leaves the queue. It is kept, and the reason is kept in the audit trail.",
		Done:   "The message was dismissed.",
		Inputs: []input{{Name: "reason", Label: "Why it needs nothing more", Kind: textareaInput, Required: "Enter why the message needs nothing more"}}},
		do: func(ctx context.Context, b Backend, by Actor, id int64, f *form) (string, error) {
			return "", b.Dismiss(ctx, by, id, f.get("reason"))
		}},
	{action: action{Name: "reprocess", Title: "Read the message again", Button: "Read it again",
		Intro: "intake reads the message again, as if it had just arrived, with today's settings.",
		Done:  "The message was read again."},
		do: func(ctx context.Context, b Backend, by Actor, id int64, _ *form) (string, error) {
			return "", b.Reprocess(ctx, by, id)
		}},
}

func findMailAction(name string) (mailAction, bool) {
	for _, a := range mailActions {
		if a.Name == name {
			return a, true
		}
	}
	return mailAction{}, false
}

func (s *Server) mailActionPage(w http.ResponseWriter, r *http.Request) {
	a, ok := findMailAction(r.PathValue("action"))
	id, ok2 := messageID(r)
	if !ok || !ok2 {
		s.notFound(w, r)
		return
	}
	it, err := s.backend.MailItem(r.Context(), id, s.now())
	if err != nil {
		s.backendError(w, r, "reading the message", err)
		return
	}
	var values map[string]string
	if a.initial != nil {
		values = a.initial(it)
	}
	s.renderMailAction(w, r, http.StatusOK, a, it, values, nil)
}

func (s *Server) renderMailAction(w http.ResponseWriter, r *http.Request, status int, a mailAction, it MailItem, values map[string]string, errs []formError) {
	var opts map[string][]Option
	if a.options != nil {
		opts = a.options(it)
	}
	id := strconv.FormatInt(it.ID, 10)
	d := &actionData{page: page{Title: a.Title, Nav: "mail", Errors: errs}, Caption: "Message " + id,
		Back: "/mail/" + id, BackText: "Back to the message", Post: "/mail/" + id + "/do/" + a.Name, Intro: a.Intro,
		Inputs: actionView(a.action, values, opts, errs), Button: a.Button, Warning: a.Warning}
	if len(errs) > 0 {
		d.Title = "Error: " + d.Title
	}
	s.render(w, r, status, "action", d)
}

// mailAction does an action on a queued message, then shows the case it
// went to (or the queue).
func (s *Server) mailAction(w http.ResponseWriter, r *http.Request) {
	a, ok := findMailAction(r.PathValue("action"))
	id, ok2 := messageID(r)
	if !ok || !ok2 {
		s.notFound(w, r)
		return
	}
	if err := parsePost(w, r); err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "The form could not be read", "Go back and try again.")
		return
	}
	now := s.now()
	it, err := s.backend.MailItem(r.Context(), id, now)
	if err != nil {
		s.backendError(w, r, "reading the message", err)
		return
	}
	var opts map[string][]Option
	if a.options != nil {
		opts = a.options(it)
	}
	f := check(a.action, r.PostForm, opts)
	if len(f.errs) == 0 {
		ref, err := a.do(r.Context(), s.backend, Actor{Person: personOf(r), At: now}, id, f)
		if errors.Is(err, ErrNotFound) && !isActionError(err) {
			f.errs = []formError{{"", "There is no such case or message. Check the case reference."}}
		} else if err != nil {
			s.logRefusal(a.Name, err, "message", id)
			f.errs = actionFailed(a.action, err)
		} else {
			target := "/mail?done=mail-" + a.Name
			if ref != "" {
				target = "/cases/" + url.PathEscape(ref) + "?done=mail-" + a.Name
			}
			http.Redirect(w, r, target, http.StatusSeeOther)
			return
		}
	}
	s.renderMailAction(w, r, http.StatusUnprocessableEntity, a, it, formValues(r.PostForm), f.errs)
}
