package web

import (
	"net/http"

	"github.com/kscmp/intake"
)

type caseData struct {
	page
	View   CaseView
	CanAct bool
}

// casePage shows everything about one case. Looking at a case is access
// to special category data: it is written in the audit trail with the
// person's name before the page is sent, and if that cannot be written
// the page is not shown.
func (s *Server) casePage(w http.ResponseWriter, r *http.Request) {
	now := s.now()
	v, err := s.backend.Case(r.Context(), r.PathValue("ref"), now)
	if err != nil {
		s.backendError(w, r, "reading the case", err)
		return
	}
	p := personOf(r)
	if err := s.record(r.Context(), intake.AuditEntry{Actor: p.String(), Action: "case.viewed", CaseRef: v.Ref}); err != nil {
		s.serverError(w, r, "recording that you opened the case", err)
		return
	}
	d := &caseData{page: page{Title: v.Ref, Nav: "cases", Notice: doneBanner(r.URL.Query().Get("done"))}, View: v, CanAct: p.Role.CanAct()}
	s.render(w, r, http.StatusOK, "case", d)
}
