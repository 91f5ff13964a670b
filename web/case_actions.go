package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/kscmp/intake"
)

// caseAction is an action on a case page: its form, the choices it offers
// for this case, what it starts filled with, and the one backend call.
type caseAction struct {
	action
	options func(v CaseView) map[string][]Option
	initial func(v CaseView, q url.Values, now string) map[string]string
	do      func(ctx context.Context, b Backend, by Actor, ref string, f *form) error
}

var reasonInput = input{Name: "reason", Label: "Reason", Kind: textareaInput,
	Hint: "This is kept in the case's audit trail.", Required: "Enter the reason"}

var agencyInput = input{Name: "agency", Label: "Agency", Kind: selectInput, Required: "Choose the agency"}

func openRequests(v CaseView) map[string][]Option {
	var o []Option
	for _, r := range v.Requests {
		if r.Open {
			o = append(o, Option{r.Agency, r.AgencyName})
		}
	}
	return map[string][]Option{"agency": o}
}

func fromQuery(names ...string) func(CaseView, url.Values, string) map[string]string {
	return func(_ CaseView, q url.Values, _ string) map[string]string {
		m := map[string]string{}
		for _, n := range names {
			m[n] = q.Get(n)
		}
		return m
	}
}

var caseActions = []caseAction{
	{action: action{Name: "accept", Title: "Accept the referral for rapid review", Button: "Accept for rapid review",
		Intro:  "Summary requests go to each agency's single point of contact, and the rapid review timetable runs from Day 1.",
		Done:   "The referral was accepted for rapid review. The summary requests are on their way.",
		Inputs: []input{{Name: "reason", Label: "Why the referral is accepted", Kind: textareaInput, Required: "Enter why the referral is accepted"}}},
		do: func(ctx context.Context, b Backend, by Actor, ref string, f *form) error {
			return b.Accept(ctx, by, ref, f.get("reason"))
		}},
	{action: action{Name: "ask-referrer", Title: "Ask the referrer for more information", Button: "Ask the referrer",
		Intro:  "The referrer is emailed your question. Nothing goes to agencies until the referral is accepted.",
		Done:   "The referrer has been asked for more information.",
		Inputs: []input{{Name: "what", Label: "What the referrer needs to send", Kind: textareaInput, Hint: "This goes in the email to the referrer.", Required: "Enter what the referrer needs to send"}}},
		do: func(ctx context.Context, b Backend, by Actor, ref string, f *form) error {
			return b.AskReferrer(ctx, by, ref, f.get("what"))
		}},
	{action: action{Name: "redirect", Title: "Send the referral to another partnership", Button: "Send the referral", Warning: true,
		Intro: "The referral is forwarded to the partnership where the child lives or the incident happened, the referrer is told where it went, and the case closes here.",
		Done:  "The referral was sent to the other partnership. The case is closed here.",
		Inputs: []input{{Name: "partnership", Label: "Partnership", Kind: selectInput, Required: "Choose the partnership to send the referral to"},
			{Name: "reason", Label: "Why it belongs there", Kind: textareaInput, Required: "Enter why the referral belongs to that partnership"}}},
		options: func(v CaseView) map[string][]Option { return map[string][]Option{"partnership": v.Partnerships} },
		do: func(ctx context.Context, b Backend, by Actor, ref string, f *form) error {
			return b.Redirect(ctx, by, ref, f.get("partnership"), f.get("reason"))
		}},
	{action: action{Name: "not-accepted", Title: "Do not accept the referral", Button: "Do not accept", Warning: true,
		Intro: "The referrer is told that the criteria for a rapid review are not met, and why.",
		Done:  "The referral was not accepted. The referrer will be told why.",
		Inputs: []input{{Name: "reason", Label: "Why the criteria are not met", Kind: textareaInput, Hint: "This goes in the email to the referrer.", Required: "Enter why the criteria are not met"},
			{Name: "learning", Label: "Keep it as local learning", Kind: checkboxInput}}},
		do: func(ctx context.Context, b Backend, by Actor, ref string, f *form) error {
			return b.NotAccepted(ctx, by, ref, f.get("reason"), f.get("learning") != "")
		}},
	{action: action{Name: "exception", Title: "Accept as an exception", Button: "Accept as an exception",
		Intro:  "A case more than twelve months old is not normally reviewed, unless significant new information has emerged. Summary requests go out as for any accepted referral.",
		Done:   "The referral was accepted as an exception. The summary requests are on their way.",
		Inputs: []input{{Name: "reason", Label: "The significant new information", Kind: textareaInput, Required: "Enter the significant new information"}}},
		do: func(ctx context.Context, b Backend, by Actor, ref string, f *form) error {
			return b.AcceptException(ctx, by, ref, f.get("reason"))
		}},
	{action: action{Name: "record-step", Title: "Record a step", Button: "Record the step",
		Intro: "A step a person does is done only when someone records it here: intake never ticks it by itself.",
		Done:  "The step was recorded.",
		Inputs: []input{{Name: "step", Label: "Step", Kind: selectInput, Required: "Choose the step"},
			{Name: "on", Label: "Date it was done", Kind: dateInput, Required: "Enter the date the step was done"},
			{Name: "note", Label: "Note (optional)", Kind: textareaInput, Hint: "For example, who sent it and how."}}},
		options: func(v CaseView) map[string][]Option {
			var o []Option
			for _, st := range append(append([]ClockStep{}, v.Statutory...), v.Timetable...) {
				if st.Recordable {
					o = append(o, Option{st.Key, st.Title})
				}
			}
			return map[string][]Option{"step": o}
		},
		initial: func(_ CaseView, q url.Values, today string) map[string]string {
			return map[string]string{"step": q.Get("step"), "on": today}
		},
		do: func(ctx context.Context, b Backend, by Actor, ref string, f *form) error {
			on, _ := f.day("on")
			return b.RecordStep(ctx, by, ref, f.get("step"), on, f.get("note"))
		}},
	{action: action{Name: "correct", Title: "Correct a field", Button: "Save the correction",
		Intro: "The referral is screened again with the corrected value. The old value stays in the audit trail.",
		Done:  "The field was corrected and the referral screened again.",
		Inputs: []input{{Name: "field", Label: "Field", Kind: selectInput, Required: "Choose the field to correct"},
			{Name: "value", Label: "Correct value", Kind: textareaInput, Required: "Enter the correct value"},
			reasonInput}},
		options: func(v CaseView) map[string][]Option {
			var o []Option
			for _, fv := range v.Fields {
				if fv.Correctable {
					o = append(o, Option{fv.Key, fv.Label})
				}
			}
			return map[string][]Option{"field": o}
		},
		initial: func(v CaseView, q url.Values, _ string) map[string]string {
			m := map[string]string{"field": q.Get("field")}
			for _, fv := range v.Fields {
				if fv.Key == m["field"] {
					m["value"] = fv.Value
				}
			}
			return m
		},
		do: func(ctx context.Context, b Backend, by Actor, ref string, f *form) error {
			return b.CorrectField(ctx, by, ref, f.get("field"), f.get("value"), f.get("reason"))
		}},
	{action: action{Name: "outcome", Title: "Record the outcome", Button: "Record the outcome",
		Intro: "The decision and its rationale go to every referrer on the case and to the agencies asked.",
		Done:  "The outcome was recorded. The referrers and agencies will be told.",
		Inputs: []input{{Name: "decision", Label: "Decision", Kind: radiosInput, Required: "Choose the decision"},
			{Name: "reason", Label: "Rationale", Kind: textareaInput, Hint: "This is shared with the referrers.", Required: "Enter the rationale for the decision"}}},
		options: func(CaseView) map[string][]Option {
			var o []Option
			for _, d := range intake.Decisions {
				o = append(o, Option{string(d.Decision), d.Words})
			}
			return map[string][]Option{"decision": o}
		},
		initial: func(v CaseView, _ url.Values, _ string) map[string]string {
			if v.Outcome != nil {
				return map[string]string{"decision": string(v.Outcome.Decision)}
			}
			return nil
		},
		do: func(ctx context.Context, b Backend, by Actor, ref string, f *form) error {
			return b.RecordOutcome(ctx, by, ref, intake.Decision(f.get("decision")), f.get("reason"))
		}},
	{action: action{Name: "no-involvement", Title: "Record that an agency had no involvement", Button: "Record no involvement",
		Intro:  "The agency's request is closed and it is not chased again.",
		Done:   "No involvement was recorded. The agency will not be chased.",
		Inputs: []input{agencyInput, reasonInput}},
		options: openRequests, initial: fromQuery("agency"),
		do: func(ctx context.Context, b Backend, by Actor, ref string, f *form) error {
			return b.NoInvolvement(ctx, by, ref, f.get("agency"), f.get("reason"))
		}},
	{action: action{Name: "reassign", Title: "Send an agency's request to another address", Button: "Send the request",
		Intro: "The request goes to the new address with the same due date.",
		Done:  "The request was sent to the new address.",
		Inputs: []input{agencyInput, {Name: "address", Label: "New email address", Kind: emailInput, Required: "Enter the email address to send the request to"},
			reasonInput}},
		options: openRequests, initial: fromQuery("agency"),
		do: func(ctx context.Context, b Backend, by Actor, ref string, f *form) error {
			return b.Reassign(ctx, by, ref, f.get("agency"), f.get("address"), f.get("reason"))
		}},
	{action: action{Name: "extend", Title: "Give an agency more time", Button: "Change the due date",
		Intro: "The agency's single point of contact is told the new date.",
		Done:  "The due date was changed and the agency told.",
		Inputs: []input{agencyInput, {Name: "due", Label: "New due date", Kind: dateInput, Required: "Enter the new due date"},
			reasonInput}},
		options: openRequests, initial: fromQuery("agency"),
		do: func(ctx context.Context, b Backend, by Actor, ref string, f *form) error {
			due, _ := f.day("due")
			return b.Extend(ctx, by, ref, f.get("agency"), due, f.get("reason"))
		}},
}

func findCaseAction(name string) (caseAction, bool) {
	for _, a := range caseActions {
		if a.Name == name {
			return a, true
		}
	}
	return caseAction{}, false
}

// caseActionPage shows an action's form for a case.
func (s *Server) caseActionPage(w http.ResponseWriter, r *http.Request) {
	a, ok := findCaseAction(r.PathValue("action"))
	if !ok {
		s.notFound(w, r)
		return
	}
	now := s.now()
	v, err := s.backend.Case(r.Context(), r.PathValue("ref"), now)
	if err != nil {
		s.backendError(w, r, "reading the case", err)
		return
	}
	var values map[string]string
	if a.initial != nil {
		values = a.initial(v, r.URL.Query(), now.In(intake.London).Format("2006-01-02"))
	}
	s.renderCaseAction(w, r, http.StatusOK, a, v, values, nil)
}

func (s *Server) renderCaseAction(w http.ResponseWriter, r *http.Request, status int, a caseAction, v CaseView, values map[string]string, errs []formError) {
	var opts map[string][]Option
	if a.options != nil {
		opts = a.options(v)
	}
	d := &actionData{page: page{Title: a.Title, Nav: "cases", Errors: errs}, Caption: v.Ref,
		Back: "/cases/" + url.PathEscape(v.Ref), BackText: "Back to " + v.Ref,
		Post: "/cases/" + url.PathEscape(v.Ref) + "/do/" + a.Name, Intro: a.Intro,
		Inputs: actionView(a.action, values, opts, errs), Button: a.Button, Warning: a.Warning}
	if len(errs) > 0 {
		d.Title = "Error: " + d.Title
	}
	s.render(w, r, status, "action", d)
}

// caseAction does an action on a case: the form is checked, the backend
// called once, and the case page shown again with what was done. A
// refusal shows the form again, as filled in, with the reason.
func (s *Server) caseAction(w http.ResponseWriter, r *http.Request) {
	a, ok := findCaseAction(r.PathValue("action"))
	if !ok {
		s.notFound(w, r)
		return
	}
	if err := parsePost(w, r); err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "The form could not be read", "Go back and try again.")
		return
	}
	now := s.now()
	ref := r.PathValue("ref")
	v, err := s.backend.Case(r.Context(), ref, now)
	if err != nil {
		s.backendError(w, r, "reading the case", err)
		return
	}
	var opts map[string][]Option
	if a.options != nil {
		opts = a.options(v)
	}
	f := check(a.action, r.PostForm, opts)
	if len(f.errs) == 0 {
		err := a.do(r.Context(), s.backend, Actor{Person: personOf(r), At: now}, v.Ref, f)
		if errors.Is(err, ErrNotFound) && !isActionError(err) {
			s.backendError(w, r, "", err)
			return
		}
		if err == nil {
			http.Redirect(w, r, "/cases/"+url.PathEscape(v.Ref)+"?done="+a.Name+"#top", http.StatusSeeOther)
			return
		}
		s.logRefusal(a.Name, err, "case", v.Ref)
		f.errs = actionFailed(a.action, err)
	}
	s.renderCaseAction(w, r, http.StatusUnprocessableEntity, a, v, formValues(r.PostForm), f.errs)
}

func isActionError(err error) bool {
	var ae *ActionError
	return errors.As(err, &ae)
}

// doneBanner is the banner for a finished action, by its name; only
// known names show anything.
func doneBanner(name string) string {
	if m, ok := strings.CutPrefix(name, "mail-"); ok {
		if a, ok := findMailAction(m); ok {
			return a.Done
		}
		return ""
	}
	if a, ok := findCaseAction(name); ok {
		return a.Done
	}
	return ""
}

// logRefusal logs that an action was refused: an *ActionError by the
// action's name only (its words may quote what was typed), anything else
// with its error.
func (s *Server) logRefusal(action string, err error, args ...any) {
	args = append(args, "action", action)
	if isActionError(err) {
		s.log.Info("web: an action was refused", args...)
		return
	}
	s.log.Error("web: an action failed", append(args, "err", err)...)
}
