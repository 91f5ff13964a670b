package web

import (
	"net/http"
	"strconv"

	"github.com/kscmp/intake"
)

type outboxData struct {
	page
	Filter OutboxFilter
	View   OutboxView
	States []Option
	CanAct bool
}

var outboxFilters = []Option{{"", "All"}, {"waiting", "Waiting"}, {"sent", "Sent"}, {"failed", "Failed or bounced"}, {"held", "Held"}}

// outboxPage lists the emails, with retry and release buttons.
func (s *Server) outboxPage(w http.ResponseWriter, r *http.Request) {
	f := OutboxFilter{State: r.URL.Query().Get("state")}
	if !hasOption(outboxFilters, f.State) {
		f.State = ""
	}
	v, err := s.backend.OutboxPage(r.Context(), f)
	if err != nil {
		s.backendError(w, r, "reading the outbox", err)
		return
	}
	notice := ""
	switch r.URL.Query().Get("done") {
	case "retry":
		notice = "The email will be tried again now."
	case "release":
		notice = "The email was released and will be sent."
	}
	s.render(w, r, http.StatusOK, "outbox", &outboxData{page: page{Title: "Outbox", Nav: "outbox", Notice: notice},
		Filter: f, View: v, States: outboxFilters, CanAct: personOf(r).Role.CanAct()})
}

// outboxAction retries a failed or bounced email, or releases a held
// one (past the daily cap): both are casework.RetryEmail, with the
// reason saying which.
func (s *Server) outboxAction(w http.ResponseWriter, r *http.Request) {
	id, ok := messageID(r)
	action := r.PathValue("action")
	if !ok || (action != "retry" && action != "release") {
		s.notFound(w, r)
		return
	}
	reason := "tried again from the work queue"
	if action == "release" {
		reason = "released from the work queue"
	}
	err := s.backend.RetryEmail(r.Context(), personOf(r).String(), id, reason)
	if err != nil {
		if intake.ErrorCode(err) == intake.ENOTFOUND {
			s.backendError(w, r, "", err)
			return
		}
		errs := s.actionFailed(action, err, "email", id)
		errs[0].Field = "email-" + strconv.FormatInt(id, 10)
		v, rerr := s.backend.OutboxPage(r.Context(), OutboxFilter{})
		if rerr != nil {
			s.backendError(w, r, "reading the outbox", rerr)
			return
		}
		s.render(w, r, http.StatusUnprocessableEntity, "outbox", &outboxData{page: page{Title: "Error: Outbox", Nav: "outbox",
			Errors: errs}, View: v, States: outboxFilters, CanAct: true})
		return
	}
	http.Redirect(w, r, "/outbox?done="+action+"#email-"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}
