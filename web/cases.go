package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/kscmp/intake"
)

type casesData struct {
	page
	Filter   CaseFilter
	List     CaseList
	States   []Option
	Pages    int
	Prev     int
	Next     int
	Filtered bool
}

// casesPage lists the cases, with filters (state, overdue, flag) and a
// search (reference, child's name, referrer, agency). The filter lives in
// the address, so a filtered list can be bookmarked; the search words are
// never logged.
func (s *Server) casesPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := CaseFilter{Query: strings.TrimSpace(q.Get("q")), Flag: q.Get("flag"), Overdue: q.Get("overdue") == "1"}
	if len(f.Query) > 200 {
		f.Query = f.Query[:200]
	}
	if st := q.Get("state"); st != "" {
		if cs, err := intake.ParseCaseState(st); err == nil {
			f.State = cs
		}
	}
	f.Page, _ = strconv.Atoi(q.Get("page"))
	if f.Page < 1 {
		f.Page = 1
	}
	list, err := s.backend.CaseListPage(r.Context(), f, s.now())
	if err != nil {
		s.backendError(w, r, "listing the cases", err)
		return
	}
	d := &casesData{page: page{Title: "Cases", Nav: "cases"}, Filter: f, List: list,
		Filtered: f.Query != "" || f.Flag != "" || f.Overdue || f.State != ""}
	for _, st := range intake.CaseStates {
		d.States = append(d.States, Option{string(st), stateWords(st)})
	}
	if list.PerPage > 0 {
		d.Pages = (list.Total + list.PerPage - 1) / list.PerPage
	}
	if f.Page > 1 {
		d.Prev = f.Page - 1
	}
	if f.Page < d.Pages {
		d.Next = f.Page + 1
	}
	s.render(w, r, http.StatusOK, "cases", d)
}
