package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/kscmp/intake/casework"
)

type mailData struct {
	page
	View MailView
}

// mailPage lists the messages waiting for a person: who sent each, its
// subject, why it waits, and the case it seems to be about.
func (s *Server) mailPage(w http.ResponseWriter, r *http.Request) {
	v, err := s.backend.MailPage(r.Context())
	if err != nil {
		s.backendError(w, r, "reading the mail queue", err)
		return
	}
	s.render(w, r, http.StatusOK, "mail", &mailData{page: page{Title: "Mail to deal with", Nav: "mail",
		Notice: doneBanner(r.URL.Query().Get("done"))}, View: v})
}

type messageData struct {
	page
	Item   MessageView
	CanAct bool
}

// messagePage shows one stored message: who sent it, what it is, why it
// waits, its files to download, and (if it waits for a person) what can
// be done with it. Looking at it is recorded by the backend.
func (s *Server) messagePage(w http.ResponseWriter, r *http.Request) {
	id, ok := messageID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	p := personOf(r)
	it, err := s.backend.MessagePage(r.Context(), p.String(), id)
	if err != nil {
		s.backendError(w, r, "reading the message", err)
		return
	}
	s.render(w, r, http.StatusOK, "message", &messageData{page: page{Title: "Message " + strconv.FormatInt(id, 10), Nav: "mail"},
		Item: it, CanAct: p.Role.CanAct()})
}

// mailAction is an action on a waiting message.
type mailAction struct {
	action
	initial func(m MessageView) map[string]string
	// do returns the case to show afterwards, or "" for the queue.
	do func(ctx context.Context, b Backend, who string, id int64, f *form) (string, error)
}

var caseRefInput = input{Name: "ref", Label: "Case reference", Kind: textInput, Hint: "For example, KSCMP-2026-0042", Required: "Enter the case reference"}

func mailCase(m MessageView) map[string]string { return map[string]string{"ref": m.CaseRef} }

var mailActions = []mailAction{
	{action: action{Name: "attach", Title: "File as an agency's summary", Button: "File the summary",
		Intro:   "The message is filed on the case as the agency's summary: its request is settled and it is not chased again. Do this once you have checked who sent it.",
		Done:    "The summary was filed on the case.",
		Inputs:  []input{caseRefInput, agencyInput, reasonInput},
		options: allAgencies},
		initial: mailCase,
		do: func(ctx context.Context, b Backend, who string, id int64, f *form) (string, error) {
			return f.get("ref"), b.AttachSummary(ctx, who, id, f.get("ref"), f.get("agency"), f.get("reason"))
		}},
	{action: action{Name: "no-involvement", Title: "Record that the agency had no involvement", Button: "Record no involvement",
		Intro:   "The agency's request on the case is settled and it is not chased again.",
		Done:    "No involvement was recorded. The agency will not be chased.",
		Inputs:  []input{caseRefInput, agencyInput, reasonInput},
		options: allAgencies},
		initial: mailCase,
		do: func(ctx context.Context, b Backend, who string, id int64, f *form) (string, error) {
			return f.get("ref"), b.MessageNoInvolvement(ctx, who, id, f.get("ref"), f.get("agency"), f.get("reason"))
		}},
	{action: action{Name: "link", Title: "File it on a case", Button: "File it on the case",
		Intro: "The message is kept with the case as correspondence (a question, a note), or, for a referral, as a further referral. Nothing else on the case changes unless you tick the box.",
		Done:  "The message was filed on the case.",
		Inputs: []input{caseRefInput, reasonInput,
			{Name: "supply", Label: "It is the referrer's answer: fill the case's blank answers from it", Kind: checkboxInput}}},
		initial: mailCase,
		do: func(ctx context.Context, b Backend, who string, id int64, f *form) (string, error) {
			return f.get("ref"), b.LinkMessage(ctx, who, id, f.get("ref"), f.get("reason"), f.get("supply") != "")
		}},
	{action: action{Name: "new-case", Title: "Open a new case from this message", Button: "Open a new case",
		Intro:  "The message is read as a new referral and screened. The referrer gets an acknowledgement with the new case reference, and the case waits for a decision.",
		Done:   "A new case was opened from the message.",
		Inputs: []input{reasonInput}},
		do: func(ctx context.Context, b Backend, who string, id int64, f *form) (string, error) {
			return b.OpenCaseFromMessage(ctx, who, id, f.get("reason"))
		}},
	{action: action{Name: "reprocess", Title: "Read the message again", Button: "Read it again",
		Intro: "intake files the message again, as if it had just arrived, with today's settings.",
		Done:  "The message was read again."},
		do: func(ctx context.Context, b Backend, who string, id int64, _ *form) (string, error) {
			return "", b.Reprocess(ctx, who, id)
		}},
	{action: action{Name: "dismiss", Title: "Dismiss the message", Button: "Dismiss", Warning: true,
		Intro:  "The message leaves the queue. It is kept, and the reason is kept in the audit trail.",
		Done:   "The message was dismissed.",
		Inputs: []input{{Name: "reason", Label: "Why it needs nothing more", Kind: textareaInput, Required: "Enter why the message needs nothing more"}}},
		do: func(ctx context.Context, b Backend, who string, id int64, f *form) (string, error) {
			return "", b.Dismiss(ctx, who, id, f.get("reason"))
		}},
}

func (s *Server) mailActionPage(w http.ResponseWriter, r *http.Request) {
	a, ok := findAction(mailActions, r.PathValue("action"))
	id, ok2 := messageID(r)
	if !ok || !ok2 {
		s.notFound(w, r)
		return
	}
	m, err := s.backend.MessagePage(r.Context(), personOf(r).String(), id)
	if err != nil {
		s.backendError(w, r, "reading the message", err)
		return
	}
	c, err := s.backend.Choices(r.Context(), "")
	if err != nil {
		s.backendError(w, r, "reading the choices", err)
		return
	}
	var values map[string]string
	if a.initial != nil {
		values = a.initial(m)
	}
	s.renderMailAction(w, r, http.StatusOK, a, id, c, values, nil)
}

func (s *Server) renderMailAction(w http.ResponseWriter, r *http.Request, status int, a mailAction, id int64, c Choices, values map[string]string, errs []formError) {
	ids := strconv.FormatInt(id, 10)
	at := actionData{page: page{Nav: "mail"}, Caption: "Message " + ids,
		Back: "/mail/" + ids, BackText: "Back to the message", Post: "/mail/" + ids + "/do/" + a.Name}
	s.render(w, r, status, "action", a.formPage(at, c, values, errs))
}

// mailAction does an action on a waiting message, then shows the case it
// went to (or the queue).
func (s *Server) mailAction(w http.ResponseWriter, r *http.Request) {
	a, ok := findAction(mailActions, r.PathValue("action"))
	id, ok2 := messageID(r)
	if !ok || !ok2 {
		s.notFound(w, r)
		return
	}
	if err := parsePost(w, r); err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "The form could not be read", "Go back and try again.")
		return
	}
	c, err := s.backend.Choices(r.Context(), "")
	if err != nil {
		s.backendError(w, r, "reading the choices", err)
		return
	}
	f := check(a.action, r.PostForm, a.optionsFor(c), nil)
	if len(f.errs) == 0 {
		ref, err := a.do(r.Context(), s.backend, personOf(r).String(), id, f)
		if err == nil {
			target := "/mail?done=mail-" + a.Name
			if ref != "" {
				target = "/cases/" + url.PathEscape(casework.NormalizeRef(ref)) + "?done=mail-" + a.Name
			}
			http.Redirect(w, r, target, http.StatusSeeOther)
			return
		}
		f.errs = s.actionFailed(a.Name, err, "message", id)
	}
	s.renderMailAction(w, r, http.StatusUnprocessableEntity, a, id, c, formValues(r.PostForm), f.errs)
}
