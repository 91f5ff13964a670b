package web

import (
	"context"
	"strings"
	"time"

	"github.com/kscmp/intake"
)

// casesPerPage is how many cases one page of the case list shows.
const casesPerPage = 50

// TodayPage is casework's Today, as the first page lists it.
func (b Casework) TodayPage(ctx context.Context, now time.Time) (TodayView, error) {
	t, err := b.Today(ctx, now)
	if err != nil {
		return TodayView{}, err
	}
	var v TodayView
	for _, c := range t.Decisions {
		what := "Accept or route the referral"
		if c.Verdict != "" {
			what += ": " + strings.ToLower(verdictWords(c.Verdict))
		}
		v.Decisions = append(v.Decisions, TodayItem{CaseRef: c.Ref, What: what, Due: c.Due, Overdue: c.Overdue})
	}
	for _, s := range t.Statutory {
		v.Statutory = append(v.Statutory, stepItem(s))
	}
	for _, m := range t.NeedsPerson {
		what := messageStateWords(m.State) + ": " + orText(m.Subject, "(no subject)")
		v.NeedsPerson = append(v.NeedsPerson, TodayItem{MessageID: m.ID, What: what})
	}
	for _, s := range append(append([]intake.StepItem(nil), t.Overdue...), t.DueToday...) {
		v.Due = append(v.Due, stepItem(s))
	}
	for _, c := range t.WaitingOnReferrer {
		what := "Waiting for the referrer"
		if len(c.Missing) > 0 {
			what += " to send " + plural(len(c.Missing), "answer", "answers")
		}
		v.AwaitingReferrer = append(v.AwaitingReferrer, TodayItem{CaseRef: c.Ref, What: what, Due: c.Since})
	}
	for _, c := range t.AtRisk {
		v.AtRisk = append(v.AtRisk, TodayItem{CaseRef: c.Ref, What: "A summary is due after Day 10: the meeting may have to move"})
	}
	for _, c := range t.Paused {
		v.Paused = append(v.Paused, TodayItem{CaseRef: c.Ref, What: "Paused by a person"})
	}
	for _, e := range t.NotSent {
		kind, ok := noticeWords[intake.NoticeKind(e.Kind)]
		if !ok {
			kind = e.Kind
		}
		what := kind + " " + e.State
		if e.CaseRef != "" {
			what += " (" + e.CaseRef + ")"
		}
		v.Emails = append(v.Emails, TodayItem{OutboxID: e.ID, What: what})
	}
	return v, nil
}

func stepItem(s intake.StepItem) TodayItem {
	what := intake.Capitalise(s.What)
	if s.Owner != "" && s.Owner != intake.OwnerSPOCs {
		what += " (" + ownerWords(s.Owner) + ")"
	}
	return TodayItem{CaseRef: s.Ref, What: what, Due: s.Due, Overdue: s.Overdue}
}

func orText(s, or string) string {
	if strings.TrimSpace(s) == "" {
		return or
	}
	return s
}

// CaseListPage lists one page of the cases f selects, newest first. The
// search matches the reference, the child's name, the referrer (name or
// address) and the agencies named or asked; it is never logged.
func (b Casework) CaseListPage(ctx context.Context, f CaseFilter, now time.Time) (CaseList, error) {
	var cf intake.CaseFilter
	if f.State != "" {
		cf.States = []intake.CaseState{f.State}
	}
	all, err := b.ListCases(ctx, cf, now)
	if err != nil {
		return CaseList{}, err
	}
	l := CaseList{PerPage: casesPerPage}
	for _, fl := range []string{intake.FlagLookedAfterDeath, intake.FlagRegulatedSettingDeath, intake.FlagOlderThan12Months,
		intake.FlagOutOfArea, intake.FlagNotificationOverdue, intake.FlagSuspectedSuicide} {
		l.Flags = append(l.Flags, Option{fl, intake.Capitalise(intake.FlagWords(fl))})
	}
	q := strings.ToLower(strings.TrimSpace(f.Query))
	var picked []CaseSummary
	for i := len(all) - 1; i >= 0; i-- {
		c, s := all[i].Case, all[i].Schedule
		if f.Overdue && !s.Overdue {
			continue
		}
		if f.Flag != "" && !c.Flagged(f.Flag) {
			continue
		}
		if q != "" && !matches(c, q) {
			continue
		}
		cs := CaseSummary{Ref: c.Ref, Initials: intake.DisplayInitials(c.Referral.ChildName), State: c.State, Received: c.Received,
			NextDue: s.NextDue, Overdue: s.Overdue, Paused: s.Paused, NextStep: s.NextStep}
		if st, ok := b.Policy.Timetable.Step(s.NextStep); ok {
			cs.NextStep = st.Title
		}
		for _, fl := range c.Screening.Flags {
			cs.Flags = append(cs.Flags, Flag{Key: fl, Words: intake.Capitalise(intake.FlagWords(fl))})
		}
		picked = append(picked, cs)
	}
	l.Total = len(picked)
	start := (max(f.Page, 1) - 1) * l.PerPage
	if start < len(picked) {
		l.Items = picked[start:min(start+l.PerPage, len(picked))]
	}
	return l, nil
}

// matches reports whether a case answers a search (lower case).
func matches(c *intake.Case, q string) bool {
	hay := []string{c.Ref, c.Referral.ChildName, c.Referrer, c.Referral.ReferrerName, c.Referral.ReferrerAgency}
	hay = append(hay, c.Referral.AgenciesInvolved...)
	for _, r := range c.Requests {
		hay = append(hay, r.Agency, r.AgencyName)
	}
	for _, h := range hay {
		if strings.Contains(strings.ToLower(h), q) {
			return true
		}
	}
	return false
}

// MailPage lists the messages waiting for a person.
func (b Casework) MailPage(ctx context.Context) (MailView, error) {
	items, err := b.Waiting(ctx)
	if err != nil {
		return MailView{}, err
	}
	return MailView{Items: items}, nil
}

// MessagePage returns one stored message as who sees it; casework
// records the view.
func (b Casework) MessagePage(ctx context.Context, who string, id int64) (MessageView, error) {
	mv, err := b.ViewMessage(ctx, who, id)
	if err != nil {
		return MessageView{}, err
	}
	m := mv.Message
	v := MessageView{ID: m.ID, ReceivedAt: m.ReceivedAt, State: m.State, Reason: m.StateDetail, From: mv.From, Subject: mv.Subject,
		Kind: kindWords(mv.Kind), CaseRef: mv.CaseRef, Warnings: mv.Warnings, Oversized: mv.Oversized,
		Waiting: intake.AwaitsPerson(m.State)}
	for i, f := range mv.Files {
		v.Files = append(v.Files, FileView{N: i, Name: f})
	}
	return v, nil
}

func kindWords(k string) string {
	switch k {
	case "referral":
		return "A referral"
	case "agency_summary":
		return "An agency summary"
	case "auto_reply":
		return "An automatic reply"
	case "bounce":
		return "A delivery failure (bounce)"
	case "unreadable":
		return "A form that could not be read"
	case "other", "":
		return "An email (not a form)"
	}
	return k
}

// outboxStates are the outbox's states each filter shows.
var outboxStates = map[string][]string{
	"waiting": {intake.OutboxPending, intake.OutboxSending},
	"sent":    {intake.OutboxSent},
	"failed":  {intake.OutboxFailed, intake.OutboxBounced},
	"held":    {intake.OutboxHeld},
}

// OutboxPage lists the emails f selects, newest first (the latest 500).
func (b Casework) OutboxPage(ctx context.Context, f OutboxFilter) (OutboxView, error) {
	var rows []intake.OutboxRow
	err := b.Store.View(ctx, func(tx intake.Tx) (err error) {
		rows, err = tx.ListOutbox(intake.OutboxFilter{States: outboxStates[f.State], Limit: 500, Newest: true})
		return err
	})
	if err != nil {
		return OutboxView{}, err
	}
	var v OutboxView
	for _, r := range rows {
		v.Items = append(v.Items, emailView(r))
	}
	return v, nil
}
