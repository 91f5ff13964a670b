package web

import "net/http"

type todayData struct {
	page
	View TodayView
}

// todayPage shows what needs a person today, each item linking to where
// it is dealt with.
func (s *Server) todayPage(w http.ResponseWriter, r *http.Request) {
	v, err := s.backend.Today(r.Context(), s.now())
	if err != nil {
		s.backendError(w, r, "reading today's work", err)
		return
	}
	s.render(w, r, http.StatusOK, "today", &todayData{page: page{Title: "Today", Nav: "today"}, View: v})
}
