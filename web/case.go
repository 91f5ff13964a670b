package web

import (
	"net/http"
)

type caseData struct {
	page
	View   CaseView
	CanAct bool
}

// casePage shows everything about one case. Looking at a case is access
// to special category data: the backend records it in the audit trail
// with the person's name before the page is made, and if that cannot be
// recorded the page is not shown.
func (s *Server) casePage(w http.ResponseWriter, r *http.Request) {
	p := personOf(r)
	v, err := s.backend.CasePage(r.Context(), p.String(), r.PathValue("ref"))
	if err != nil {
		s.backendError(w, r, "reading the case", err)
		return
	}
	d := &caseData{page: page{Title: v.Ref, Nav: "cases", Notice: doneBanner(r.URL.Query().Get("done"))}, View: v, CanAct: p.Role.CanAct()}
	s.render(w, r, http.StatusOK, "case", d)
}
