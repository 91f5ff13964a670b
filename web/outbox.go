package web

import (
	"errors"
	"net/http"
	"strconv"
)

type outboxData struct {
	page
	Filter OutboxFilter
	View   OutboxView
	States []Option
	CanAct bool
}

var outboxStates = []Option{{"", "All"}, {"waiting", "Waiting"}, {"sent", "Sent"}, {"failed", "Failed"}, {"held", "Held"}}

// outboxPage lists the emails, with retry and release buttons.
func (s *Server) outboxPage(w http.ResponseWriter, r *http.Request) {
	f := OutboxFilter{State: r.URL.Query().Get("state")}
	if !hasOption(outboxStates, f.State) {
		f.State = ""
	}
	v, err := s.backend.Outbox(r.Context(), f, s.now())
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
		Filter: f, View: v, States: outboxStates, CanAct: personOf(r).Role.CanAct()})
}

// outboxAction retries or releases one email.
func (s *Server) outboxAction(w http.ResponseWriter, r *http.Request) {
	id, ok := messageID(r)
	action := r.PathValue("action")
	if !ok || (action != "retry" && action != "release") {
		s.notFound(w, r)
		return
	}
	by := Actor{Person: personOf(r), At: s.now()}
	var err error
	if action == "retry" {
		err = s.backend.RetryEmail(r.Context(), by, id)
	} else {
		err = s.backend.ReleaseEmail(r.Context(), by, id)
	}
	if err != nil {
		s.logRefusal(action, err, "email", id)
		if errors.Is(err, ErrNotFound) {
			s.backendError(w, r, "", err)
			return
		}
		msg := "This could not be done: " + err.Error()
		var ae *ActionError
		if errors.As(err, &ae) {
			msg = ae.Message
		}
		v, rerr := s.backend.Outbox(r.Context(), OutboxFilter{}, by.At)
		if rerr != nil {
			s.backendError(w, r, "reading the outbox", rerr)
			return
		}
		s.render(w, r, http.StatusUnprocessableEntity, "outbox", &outboxData{page: page{Title: "Error: Outbox", Nav: "outbox",
			Errors: []formError{{"email-" + strconv.FormatInt(id, 10), msg}}}, View: v, States: outboxStates, CanAct: true})
		return
	}
	http.Redirect(w, r, "/outbox?done="+action+"#email-"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}
