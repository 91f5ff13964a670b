package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/kscmp/intake"
)

// caseAction is an action on a case page: its form, the choices it offers
// for this case, what it starts filled with, and the one casework call.
type caseAction struct {
	action
	initial func(v CaseView, q url.Values, today string) map[string]string
	do      func(ctx context.Context, b Backend, who, ref string, f *form) error
}

var reasonInput = input{Name: "reason", Label: "Reason", Kind: textareaInput,
	Hint: "This is kept in the case's audit trail.", Required: "Enter the reason"}

var agencyInput = input{Name: "agency", Label: "Agency", Kind: selectInput, Required: "Choose the agency"}

func openRequests(c Choices) map[string][]Option {
	return map[string][]Option{"agency": c.OpenRequests}
}

func allAgencies(c Choices) map[string][]Option { return map[string][]Option{"agency": c.Agencies} }

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
		Intro:  "Summary requests go to each agency's single point of contact, the referrer is told, and the rapid review timetable runs from Day 1.",
		Done:   "The referral was accepted for rapid review. The summary requests are on their way.",
		Inputs: []input{{Name: "reason", Label: "Why the referral is accepted", Kind: textareaInput, Hint: "This is kept in the case's audit trail.", Required: "Enter why the referral is accepted"}}},
		do: func(ctx context.Context, b Backend, who, ref string, f *form) error {
			return b.Accept(ctx, who, ref, f.get("reason"))
		}},
	{action: action{Name: "ask-referrer", Title: "Ask the referrer for more information", Button: "Ask the referrer",
		Intro: "The referrer is emailed a request for what is missing, and reminded until they answer. The case waits; nothing goes to agencies.",
		Done:  "The referrer has been asked for more information.",
		Inputs: []input{{Name: "ask", Label: "What to ask for", Kind: checkboxesInput, Hint: "What screening found missing. Leave them all unticked to ask for all of them."},
			{Name: "reason", Label: "Why", Kind: textareaInput, Hint: "This is kept in the case's audit trail.", Required: "Enter why the referrer is asked"}},
		options: func(c Choices) map[string][]Option { return map[string][]Option{"ask": c.Missing} }},
		do: func(ctx context.Context, b Backend, who, ref string, f *form) error {
			return b.AskReferrer(ctx, who, ref, f.get("reason"), f.list("ask"))
		}},
	{action: action{Name: "redirect", Title: "Send the referral to another partnership", Button: "Send the referral", Warning: true,
		Intro: "The referral is forwarded to the partnership where the child lives or the incident happened, the referrer is told where it went, and the case closes here.",
		Done:  "The referral was sent to the other partnership. The case is closed here.",
		Inputs: []input{{Name: "partnership", Label: "Partnership", Kind: selectInput, Required: "Choose the partnership to send the referral to"},
			{Name: "reason", Label: "Why it belongs there", Kind: textareaInput, Hint: "This is kept in the case's audit trail.", Required: "Enter why the referral belongs to that partnership"}},
		options: func(c Choices) map[string][]Option { return map[string][]Option{"partnership": c.Partnerships} }},
		initial: func(v CaseView, _ url.Values, _ string) map[string]string {
			if v.Screening.hasFlag(intake.FlagOutOfArea) && len(v.Partnerships) > 0 {
				return map[string]string{"partnership": v.Partnerships[0].Value}
			}
			return nil
		},
		do: func(ctx context.Context, b Backend, who, ref string, f *form) error {
			return b.Redirect(ctx, who, ref, f.get("partnership"), f.get("reason"))
		}},
	{action: action{Name: "not-accepted", Title: "Do not accept the referral", Button: "Do not accept", Warning: true,
		Intro: "The referrer is told that the criteria for a rapid review are not met, and why. The case closes.",
		Done:  "The referral was not accepted. The referrer will be told why.",
		Inputs: []input{{Name: "reason", Label: "Why the criteria are not met", Kind: textareaInput, Hint: "This goes in the email to the referrer.", Required: "Enter why the criteria are not met"},
			{Name: "learning", Label: "Keep it as local learning", Kind: checkboxInput}}},
		do: func(ctx context.Context, b Backend, who, ref string, f *form) error {
			return b.NotAccepted(ctx, who, ref, f.get("reason"), f.get("learning") != "")
		}},
	{action: action{Name: "exception", Title: "Accept as an exception", Button: "Accept as an exception",
		Intro:  "A case more than twelve months old is not normally reviewed, unless significant new information has emerged. Summary requests go out as for any accepted referral.",
		Done:   "The referral was accepted as an exception. The summary requests are on their way.",
		Inputs: []input{{Name: "reason", Label: "The significant new information", Kind: textareaInput, Hint: "This is kept in the case's audit trail.", Required: "Enter the significant new information"}}},
		do: func(ctx context.Context, b Backend, who, ref string, f *form) error {
			return b.AcceptException(ctx, who, ref, f.get("reason"))
		}},
	{action: action{Name: "record-step", Title: "Record a step", Button: "Record the step",
		Intro: "A step a person does is done only when someone records it here: intake never ticks it by itself.",
		Done:  "The step was recorded.",
		Inputs: []input{{Name: "step", Label: "Step", Kind: selectInput, Required: "Choose the step"},
			{Name: "on", Label: "Date it was done", Kind: dateInput, Required: "Enter the date the step was done"},
			{Name: "note", Label: "How it was done (optional)", Kind: textareaInput, Hint: "For example, who sent it and how."}},
		options: func(c Choices) map[string][]Option { return map[string][]Option{"step": c.Steps} }},
		initial: func(_ CaseView, q url.Values, today string) map[string]string {
			return map[string]string{"step": q.Get("step"), "on": today}
		},
		do: func(ctx context.Context, b Backend, who, ref string, f *form) error {
			on, _ := f.day("on")
			return b.RecordStep(ctx, who, ref, f.get("step"), on, f.get("note"))
		}},
	{action: action{Name: "correct", Title: "Correct an answer", Button: "Save the correction",
		Intro: "The referral is screened again with the corrected answer. Where it came from says who corrected it; the old answer stays in the audit trail's history of the form.",
		Done:  "The answer was corrected and the referral screened again.",
		Inputs: []input{{Name: "field", Label: "Answer", Kind: selectInput, Required: "Choose the answer to correct"},
			{Name: "value", Label: "Correct answer", Kind: textareaInput, Hint: "A date as 2026-11-03 or 03/11/2026; yes or no; a list on separate lines. Leave it empty to clear the answer."},
			reasonInput},
		options: func(c Choices) map[string][]Option { return map[string][]Option{"field": c.Fields} }},
		initial: func(v CaseView, q url.Values, _ string) map[string]string {
			m := map[string]string{"field": q.Get("field")}
			for _, fv := range v.Fields {
				if fv.Key == m["field"] {
					m["value"] = fv.Value
				}
			}
			return m
		},
		do: func(ctx context.Context, b Backend, who, ref string, f *form) error {
			return b.CorrectField(ctx, who, ref, f.get("field"), f.get("value"), f.get("reason"))
		}},
	{action: action{Name: "outcome", Title: "Record the outcome", Button: "Record the outcome",
		Intro: "The Rapid Review Group's decision and its rationale go to every referrer on the case (and to the agencies asked, where the partnership does that).",
		Done:  "The outcome was recorded. The referrers will be told.",
		Inputs: []input{{Name: "decision", Label: "Decision", Kind: radiosInput, Required: "Choose the decision"},
			{Name: "reason", Label: "Rationale", Kind: textareaInput, Hint: "This is shared with the referrers.", Required: "Enter the rationale for the decision"}},
		options: func(c Choices) map[string][]Option { return map[string][]Option{"decision": c.Decisions} }},
		do: func(ctx context.Context, b Backend, who, ref string, f *form) error {
			return b.RecordOutcome(ctx, who, ref, intake.Decision(f.get("decision")), f.get("reason"))
		}},
	{action: action{Name: "amend-outcome", Title: "Amend the outcome", Button: "Amend the outcome",
		Intro: "The referrers (and agencies, where the partnership does that) are told the decision again.",
		Done:  "The outcome was amended. The referrers will be told again.",
		Inputs: []input{{Name: "decision", Label: "Decision", Kind: radiosInput, Required: "Choose the decision"},
			{Name: "rationale", Label: "Rationale", Kind: textareaInput, Hint: "This is shared with the referrers.", Required: "Enter the rationale for the decision"},
			{Name: "reason", Label: "Why it is amended", Kind: textareaInput, Hint: "This is kept in the case's audit trail.", Required: "Enter why the outcome is amended"}},
		options: func(c Choices) map[string][]Option { return map[string][]Option{"decision": c.Decisions} }},
		initial: func(v CaseView, _ url.Values, _ string) map[string]string {
			if v.Outcome != nil {
				return map[string]string{"decision": string(v.Outcome.Decision), "rationale": v.Outcome.Reason}
			}
			return nil
		},
		do: func(ctx context.Context, b Backend, who, ref string, f *form) error {
			return b.AmendOutcome(ctx, who, ref, intake.Decision(f.get("decision")), f.get("rationale"), f.get("reason"))
		}},
	{action: action{Name: "no-involvement", Title: "Record that an agency had no involvement", Button: "Record no involvement",
		Intro:   "The agency's request is settled and it is not chased again.",
		Done:    "No involvement was recorded. The agency will not be chased.",
		Inputs:  []input{agencyInput, reasonInput},
		options: openRequests},
		initial: fromQuery("agency"),
		do: func(ctx context.Context, b Backend, who, ref string, f *form) error {
			return b.NoInvolvement(ctx, who, ref, f.get("agency"), f.get("reason"))
		}},
	{action: action{Name: "reassign", Title: "Send an agency's request to another address", Button: "Send the request",
		Intro: "The request goes to the new address with the same due date.",
		Done:  "The request was sent to the new address.",
		Inputs: []input{agencyInput, {Name: "address", Label: "New email address", Kind: emailInput, Required: "Enter the email address to send the request to"},
			reasonInput},
		options: openRequests},
		initial: fromQuery("agency"),
		do: func(ctx context.Context, b Backend, who, ref string, f *form) error {
			return b.ReassignRequest(ctx, who, ref, f.get("agency"), f.get("address"), f.get("reason"))
		}},
	{action: action{Name: "extend", Title: "Give an agency more time", Button: "Change the due date",
		Intro: "The agency's single point of contact is told the new date.",
		Done:  "The due date was changed and the agency told.",
		Inputs: []input{agencyInput, {Name: "due", Label: "New due date", Kind: dateInput, Required: "Enter the new due date"},
			reasonInput},
		options: openRequests},
		initial: fromQuery("agency"),
		do: func(ctx context.Context, b Backend, who, ref string, f *form) error {
			due, _ := f.day("due")
			return b.ExtendSummary(ctx, who, ref, f.get("agency"), due, f.get("reason"))
		}},
	{action: action{Name: "summary-by-hand", Title: "Record a summary received outside email", Button: "Record the summary",
		Intro: "For an agency's summary that came on paper, through a secure portal or by hand: its file is kept like an emailed one (for the pack and the case), and the agency's request is settled as received by you.",
		Done:  "The summary was recorded and the agency will not be chased.",
		Inputs: []input{agencyInput, {Name: "file", Label: "The summary form", Kind: fileInput, Hint: "A Word document or a PDF, up to 30 MB.", Required: "Choose the summary's file"},
			{Name: "reason", Label: "How it was received", Kind: textareaInput, Hint: "For example: by hand at the partnership meeting. This is kept in the case's audit trail.", Required: "Enter how it was received"}},
		options: allAgencies},
		initial: fromQuery("agency"),
		do: func(ctx context.Context, b Backend, who, ref string, f *form) error {
			up := f.files["file"]
			return b.RecordSummaryByHand(ctx, who, ref, f.get("agency"), up.Name, up.Data, f.get("reason"))
		}},
	{action: action{Name: "add-agency", Title: "Ask another agency", Button: "Ask the agency",
		Intro:   "On an accepted case the agency's single point of contact is asked at once; before acceptance it is added to the agencies to ask.",
		Done:    "The agency was added.",
		Inputs:  []input{agencyInput, reasonInput},
		options: allAgencies},
		do: func(ctx context.Context, b Backend, who, ref string, f *form) error {
			return b.AddAgency(ctx, who, ref, f.get("agency"), f.get("reason"))
		}},
	{action: action{Name: "remove-agency", Title: "Withdraw an agency's request", Button: "Withdraw the request", Warning: true,
		Intro:   "For an agency asked in error: its single point of contact is told, it is not chased, and it no longer counts.",
		Done:    "The request was withdrawn and the agency told.",
		Inputs:  []input{agencyInput, reasonInput},
		options: func(c Choices) map[string][]Option { return map[string][]Option{"agency": c.Requests} }},
		initial: fromQuery("agency"),
		do: func(ctx context.Context, b Backend, who, ref string, f *form) error {
			return b.RemoveAgency(ctx, who, ref, f.get("agency"), f.get("reason"))
		}},
	{action: action{Name: "pause", Title: "Pause the case", Button: "Pause the case",
		Intro:  "For a legal hold, or waiting on the police: reminders stop and the partnership's steps are not called overdue. The statutory deadline and the dates agencies were given do not move.",
		Done:   "The case is paused.",
		Inputs: []input{reasonInput}},
		do: func(ctx context.Context, b Backend, who, ref string, f *form) error {
			return b.Pause(ctx, who, ref, f.get("reason"))
		}},
	{action: action{Name: "resume", Title: "Resume the case", Button: "Resume the case",
		Intro:  "The clock runs again; the days it stood paused move the partnership's steps on.",
		Done:   "The case runs again.",
		Inputs: []input{reasonInput}},
		do: func(ctx context.Context, b Backend, who, ref string, f *form) error {
			return b.Resume(ctx, who, ref, f.get("reason"))
		}},
	{action: action{Name: "withdraw", Title: "Withdraw the case", Button: "Withdraw the case", Warning: true,
		Intro:  "For a case that should not go on (the referrer withdrew it, it duplicates another): every open request is withdrawn and its agency told, and the case closes.",
		Done:   "The case was withdrawn.",
		Inputs: []input{reasonInput}},
		do: func(ctx context.Context, b Backend, who, ref string, f *form) error {
			return b.WithdrawCase(ctx, who, ref, f.get("reason"))
		}},
	{action: action{Name: "merge", Title: "Link this referral into another case", Button: "Link the referral", Warning: true,
		Intro: "For a referral about the same child and incident as another case, which intake did not recognise: its referrals join the other case, and this case closes. A case that has asked agencies cannot be linked: withdraw it instead.",
		Done:  "The referral was linked into the other case, and this case closed.",
		Inputs: []input{{Name: "into", Label: "The other case's reference", Kind: textInput, Hint: "For example, KSCMP-2026-0042", Required: "Enter the other case's reference"},
			reasonInput}},
		do: func(ctx context.Context, b Backend, who, ref string, f *form) error {
			return b.MergeCase(ctx, who, ref, f.get("into"), f.get("reason"))
		}},
	{action: action{Name: "unlink", Title: "Take a linked referral off this case", Button: "Take it off and open a case",
		Intro:   "For a further referral intake linked to this case wrongly (another child, another incident): it is taken off, and a case of its own is opened for it, screened and waiting for a decision.",
		Done:    "The referral was taken off this case, and a case of its own opened for it (see the audit trail for its reference).",
		Inputs:  []input{{Name: "message", Label: "Referral", Kind: selectInput, Required: "Choose the referral to take off"}, reasonInput},
		options: func(c Choices) map[string][]Option { return map[string][]Option{"message": c.Linked} }},
		initial: fromQuery("message"),
		do: func(ctx context.Context, b Backend, who, ref string, f *form) error {
			id, err := strconv.ParseInt(f.get("message"), 10, 64)
			if err != nil {
				return intake.Errorf(intake.EINVALID, "Choose the referral to take off.")
			}
			_, err = b.UnlinkReferral(ctx, who, ref, id, f.get("reason"))
			return err
		}},
	{action: action{Name: "close", Title: "Close the case", Button: "Close the case",
		Intro:  "Once the decision is made and its work done.",
		Done:   "The case is closed.",
		Inputs: []input{reasonInput}},
		do: func(ctx context.Context, b Backend, who, ref string, f *form) error {
			return b.CloseCase(ctx, who, ref, f.get("reason"))
		}},
}

// caseActionPage shows an action's form for a case. The page shows the
// case's answers (the correction form holds the current one), so it is a
// view of the case, recorded like the case page.
func (s *Server) caseActionPage(w http.ResponseWriter, r *http.Request) {
	a, ok := findAction(caseActions, r.PathValue("action"))
	if !ok {
		s.notFound(w, r)
		return
	}
	v, err := s.backend.CasePage(r.Context(), personOf(r).String(), r.PathValue("ref"))
	if err != nil {
		s.backendError(w, r, "reading the case", err)
		return
	}
	var values map[string]string
	if a.initial != nil {
		values = a.initial(v, r.URL.Query(), s.now().In(intake.London).Format("2006-01-02"))
	}
	s.renderCaseAction(w, r, http.StatusOK, a, v.Choices, values, nil)
}

func (s *Server) renderCaseAction(w http.ResponseWriter, r *http.Request, status int, a caseAction, c Choices, values map[string]string, errs []formError) {
	at := actionData{page: page{Nav: "cases"}, Caption: c.Ref,
		Back: "/cases/" + url.PathEscape(c.Ref), BackText: "Back to " + c.Ref,
		Post: "/cases/" + url.PathEscape(c.Ref) + "/do/" + a.Name}
	s.render(w, r, status, "action", a.formPage(at, c, values, errs))
}

// caseAction does an action on a case: the form is checked, casework
// called once, and the case page shown again with what was done. A
// refusal shows the form again, as filled in, with casework's words.
func (s *Server) caseAction(w http.ResponseWriter, r *http.Request) {
	a, ok := findAction(caseActions, r.PathValue("action"))
	if !ok {
		s.notFound(w, r)
		return
	}
	var files map[string]uploadedFile
	var err error
	if a.upload() {
		files, err = parseUpload(w, r, a.action)
	} else {
		err = parsePost(w, r)
	}
	if err != nil {
		msg := "Go back and try again."
		if errors.Is(err, errTooLarge) || strings.Contains(err.Error(), "too large") {
			msg = "The file is larger than 30 MB. Ask the agency for a smaller copy (a PDF, not a scan of every page at full size)."
		}
		s.errorPage(w, r, http.StatusBadRequest, "The form could not be read", msg)
		return
	}
	c, err := s.backend.Choices(r.Context(), r.PathValue("ref"))
	if err != nil {
		s.backendError(w, r, "reading the case", err)
		return
	}
	f := check(a.action, r.PostForm, a.optionsFor(c), files)
	if len(f.errs) == 0 {
		err := a.do(r.Context(), s.backend, personOf(r).String(), c.Ref, f)
		if err == nil {
			http.Redirect(w, r, "/cases/"+url.PathEscape(c.Ref)+"?done="+a.Name+"#top", http.StatusSeeOther)
			return
		}
		f.errs = s.actionFailed(a.Name, err, "case", c.Ref)
	}
	s.renderCaseAction(w, r, http.StatusUnprocessableEntity, a, c, formValues(r.PostForm), f.errs)
}

// doneBanner is the banner for a finished action, by its name; only
// known names show anything.
func doneBanner(name string) string {
	if m, ok := strings.CutPrefix(name, "mail-"); ok {
		if a, ok := findAction(mailActions, m); ok {
			return a.Done
		}
		return ""
	}
	if a, ok := findAction(caseActions, name); ok {
		return a.Done
	}
	return ""
}
