package web

import "net/http"

// todayLimit is how many items each list on Today shows; the rest are a
// link away. A page of thousands of lines helps nobody and is slow.
const todayLimit = 25

type todaySection struct {
	ID, Title string
	Items     []TodayItem
	Total     int
	More      string // where the whole list is
	None      string // what to say when the list is empty
}

type todayData struct {
	page
	Empty    bool
	Sections []todaySection
}

// todayPage shows what needs a person today, each item linking to where
// it is dealt with.
func (s *Server) todayPage(w http.ResponseWriter, r *http.Request) {
	v, err := s.backend.TodayPage(r.Context(), s.now())
	if err != nil {
		s.backendError(w, r, "reading today's work", err)
		return
	}
	d := &todayData{page: page{Title: "Today", Nav: "today"}, Empty: v.Empty()}
	for _, sec := range []todaySection{
		{ID: "decisions", Title: "Referrals to accept or route", Items: v.Decisions, More: "/cases?state=received", None: "No referral is waiting for a decision."},
		{ID: "statutory", Title: "Statutory notifications due or overdue", Items: v.Statutory, More: "/cases?overdue=1", None: "No statutory notification is due."},
		{ID: "needs-person", Title: "Mail to deal with", Items: v.NeedsPerson, More: "/mail", None: "No message is waiting for a person."},
		{ID: "due", Title: "Overdue or due today", Items: v.Due, More: "/cases?overdue=1", None: "Nothing is overdue or due today."},
		{ID: "referrer", Title: "Waiting on the referrer", Items: v.AwaitingReferrer, More: "/cases?state=awaiting_referrer", None: "No case is waiting on a referrer."},
		{ID: "at-risk", Title: "Timetable at risk", Items: v.AtRisk, More: "/cases", None: "No timetable is at risk."},
		{ID: "paused", Title: "Paused", Items: v.Paused, More: "/cases", None: "No case is paused."},
		{ID: "emails", Title: "Emails that failed or are held", Items: v.Emails, More: "/outbox?state=failed", None: "Every email has gone."},
	} {
		sec.Total = len(sec.Items)
		if len(sec.Items) > todayLimit {
			sec.Items = sec.Items[:todayLimit]
		}
		d.Sections = append(d.Sections, sec)
	}
	s.render(w, r, http.StatusOK, "today", d)
}
