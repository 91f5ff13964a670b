package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/store"
)

// referral files a referral: joined to the case its subject or thread
// names (a referrer answering our acknowledgement), else linked to a case
// for the same child and incident, else a new case. A new case that meets the criteria awaits the
// agencies' summaries (requests go to the core agencies and those the form
// names); an incomplete one awaits the referrer with its clock paused, and
// its summary requests go out too, since the statutory clock runs from
// awareness; one that does not meet the criteria stays received, with no
// information shared, for the business team to look at.
func (f *filing) referral(ctx context.Context) (string, string, error) {
	fields := f.res.Fields
	child := intake.ChildIdentity{Name: fieldString(fields, "child_name"), DOB: fieldString(fields, "child_dob"),
		IncidentDate: fieldString(fields, "incident_date")}
	if f.res.CaseRef != nil && *f.res.CaseRef != "" {
		// A referral answering our acknowledgement (the reference in its
		// subject or thread) belongs to that case: typically the missing
		// information.
		c, err := store.GetCase(ctx, f.tx, *f.res.CaseRef)
		if err == nil {
			return f.linkedReferral(ctx, c, child)
		}
		if !errors.Is(err, intake.ErrNotFound) {
			return "", "", err
		}
	}
	if c, err := f.linkTarget(ctx, child); err != nil {
		return "", "", err
	} else if c != nil {
		return f.linkedReferral(ctx, c, child)
	}
	verdict := intake.VerdictIncomplete
	var missing, failed, flags []string
	if s := f.res.Screening; s != nil {
		verdict, missing, failed, flags = s.Verdict, s.Missing, s.Failed, s.Flags
	}
	state := intake.StateReceived
	switch verdict {
	case intake.VerdictMeetsCriteria:
		state = intake.StateAwaitingSummaries
	case intake.VerdictIncomplete:
		state = intake.StateAwaitingReferrer
	}
	ask, unknown := f.p.agencies.ForReferral(fieldList(fields, "agencies_involved"))
	aware, _ := time.ParseInLocation("2006-01-02", fieldString(fields, "aware_date"), intake.London)
	c, err := store.CreateCase(ctx, f.tx, store.NewCase{
		Prefix:            f.p.cfg.Partnership.CaseRefPrefix,
		State:             state,
		AwareDate:         aware,
		NotificationDate:  f.messageDate(),
		ReferralMessage:   f.msg.ID,
		Referrer:          f.referrer(),
		ReferrerMessageID: f.res.MessageID,
		Verdict:           verdict,
		Missing:           missing,
		Flags:             flags,
		UnknownAgencies:   unknown,
		Child:             child,
		Actor:             "intake",
		Reason:            "referral " + verdict,
	}, f.now)
	if err != nil {
		return "", "", err
	}
	f.caseRef = c.Ref
	if err := f.acknowledge(ctx, c, "acknowledgement:"+c.Ref, verdict, missing, failed); err != nil {
		return "", "", err
	}
	asked := 0
	if state != intake.StateReceived {
		if err := f.requestSummaries(ctx, c, ask); err != nil {
			return "", "", err
		}
		asked = len(ask)
	}
	return intake.MessageProcessed, fmt.Sprintf("new case, %s, %d agencies asked, %d agency names unknown",
		verdict, asked, len(unknown)), nil
}

// linkTarget returns the case a referral for child belongs to, if any:
// the oldest case for the same child and incident within the window.
func (f *filing) linkTarget(ctx context.Context, child intake.ChildIdentity) (*intake.Case, error) {
	if child.DOB == "" {
		return nil, nil
	}
	cands, err := store.ListCases(ctx, f.tx, store.CaseFilter{ChildDOB: child.DOB})
	if err != nil {
		return nil, err
	}
	for _, c := range cands {
		if intake.SameChildAndIncident(c.Child, child, f.p.cfg.Timetable.LinkWindowDays) {
			return c, nil
		}
	}
	return nil, nil
}

// linkedReferral joins a further referral to case c: the business team is
// told, the referrer acknowledged, agencies it names newly asked, and a
// case waiting for its referrer moves on if this referral is complete.
func (f *filing) linkedReferral(ctx context.Context, c *intake.Case, child intake.ChildIdentity) (string, string, error) {
	f.caseRef = c.Ref
	linked, err := store.LinkReferral(ctx, f.tx, c.Ref, f.msg.ID, "intake", f.now)
	if err != nil || !linked {
		return intake.MessageProcessed, "already linked", err
	}
	if err := store.FillChildIdentity(ctx, f.tx, c.Ref, child); err != nil {
		return "", "", err
	}
	verdict, missing, failed := f.supplied(c)
	if c.State == intake.StateAwaitingReferrer {
		if err := f.screenAgain(ctx, c, verdict, missing); err != nil {
			return "", "", err
		}
	}
	team := f.p.cfg.Partnership.BusinessTeam
	if _, err := f.tx.Enqueue(intake.Notice{Key: fmt.Sprintf("linked_referral:%s:%d", c.Ref, f.msg.ID),
		Kind: intake.NoticeLinkedReferral, CaseRef: c.Ref, To: team, NotBefore: f.now, Verdict: verdict,
		Note: fmt.Sprintf("A further referral (message %d) for the same child and incident was linked to %s.", f.msg.ID, c.Ref)}); err != nil {
		return "", "", err
	}
	if err := f.acknowledge(ctx, c, fmt.Sprintf("acknowledgement:%s:%d", c.Ref, f.msg.ID), verdict, missing, failed); err != nil {
		return "", "", err
	}
	if c.State == intake.StateAwaitingSummaries || c.State == intake.StateAwaitingReferrer || c.State == intake.StateReadyForReview {
		ask, _ := f.p.agencies.ForReferral(fieldList(f.res.Fields, "agencies_involved"))
		if err := f.requestSummaries(ctx, c, ask); err != nil {
			return "", "", err
		}
	}
	return intake.MessageProcessed, "linked to an existing case", nil
}

// supplied judges a further referral for case c. A referrer answering our
// request for missing information often sends only the missing items, so
// for a case waiting for its referrer the keys still missing are the
// case's missing keys less those this message now answers; a criterion it
// answers "no" makes the referral not meet the criteria.
func (f *filing) supplied(c *intake.Case) (verdict string, missing, failed []string) {
	verdict = intake.VerdictIncomplete
	if s := f.res.Screening; s != nil {
		verdict, missing, failed = s.Verdict, s.Missing, s.Failed
	}
	if c.State != intake.StateAwaitingReferrer || verdict == intake.VerdictMeetsCriteria {
		return verdict, missing, failed
	}
	missing = nil
	for _, k := range c.Missing {
		if v, ok := f.res.Fields[k]; !ok || v == nil {
			missing = append(missing, k)
		}
	}
	switch {
	case len(failed) > 0:
		verdict = intake.VerdictDoesNotMeet
	case len(missing) == 0:
		verdict = intake.VerdictMeetsCriteria
	default:
		verdict = intake.VerdictIncomplete
	}
	return verdict, missing, failed
}

// screenAgain records the new verdict of a case that was waiting for its
// referrer. Once nothing is missing the case moves on to the agency
// summaries and its clock, paused while it waited, runs again; while
// something is still missing, the list the reminder asks for shrinks.
func (f *filing) screenAgain(ctx context.Context, c *intake.Case, verdict string, missing []string) error {
	if verdict != intake.VerdictMeetsCriteria {
		if verdict == intake.VerdictIncomplete && len(missing) < len(c.Missing) {
			return store.UpdateScreening(ctx, f.tx, c.Ref, verdict, missing, "intake", f.now)
		}
		return nil
	}
	if err := store.UpdateScreening(ctx, f.tx, c.Ref, verdict, nil, "intake", f.now); err != nil {
		return err
	}
	// Leaving awaiting_referrer ends the pause (store.TransitionCase).
	if err := store.TransitionCase(ctx, f.tx, c.Ref, intake.StateAwaitingSummaries, "intake",
		"the referrer supplied the missing information", f.now); err != nil {
		return err
	}
	c.State = intake.StateAwaitingSummaries
	return nil
}

// referrer is the address a referral's acknowledgement goes to: Reply-To,
// else From.
func (f *filing) referrer() string {
	if strings.Contains(f.res.ReplyTo, "@") {
		return strings.ToLower(strings.TrimSpace(f.res.ReplyTo))
	}
	return strings.ToLower(strings.TrimSpace(f.res.From))
}

// messageDate is the message's date (its Date header, else when the
// server received it), as a date in Europe/London.
func (f *filing) messageDate() time.Time {
	d := f.res.Date
	if d.IsZero() {
		d = f.msg.ReceivedAt
	}
	if d.IsZero() {
		d = f.now
	}
	return startOfDay(d)
}

// acknowledge queues the acknowledgement to the referrer, threaded to
// their message, unless they are our own mailbox or have had the day's
// cap of acknowledgements already.
func (f *filing) acknowledge(ctx context.Context, c *intake.Case, key, verdict string, missing, failed []string) error {
	to := f.referrer()
	if to == "" || to == f.p.cfg.Partnership.MailboxAddress() {
		return f.tx.Audit(intake.AuditEntry{At: f.now, Actor: "intake", Action: "acknowledgement.skipped",
			CaseRef: c.Ref, MessageID: f.msg.ID, Detail: "sender is our own mailbox or unknown"})
	}
	if limit := f.p.cfg.Partnership.MaxAcknowledgementsPerDay; limit > 0 {
		n, err := f.tx.NoticesToSince(intake.NoticeAcknowledgement, to, startOfDay(f.now))
		if err != nil {
			return err
		}
		if n >= limit {
			return f.tx.Audit(intake.AuditEntry{At: f.now, Actor: "intake", Action: "acknowledgement.skipped",
				CaseRef: c.Ref, MessageID: f.msg.ID, Detail: fmt.Sprintf("sender has had %d acknowledgements today", n)})
		}
	}
	refs := append([]string(nil), f.res.References...)
	if f.res.MessageID != "" {
		refs = append(refs, f.res.MessageID)
	}
	_, err := f.tx.Enqueue(intake.Notice{Key: key, Kind: intake.NoticeAcknowledgement, CaseRef: c.Ref,
		To: []string{to}, NotBefore: f.now, InReplyTo: f.res.MessageID, References: refs,
		Verdict: verdict, Missing: missing, Failed: failed, DueDate: f.decisionDue(c, verdict)})
	return err
}

// decisionDue is when the rapid review decision is due, which the
// acknowledgement tells the referrer: only for a referral that meets the
// criteria, since an incomplete one's clock waits for the referrer and
// one that does not meet them may not go to a rapid review at all.
func (f *filing) decisionDue(c *intake.Case, verdict string) time.Time {
	if verdict != intake.VerdictMeetsCriteria {
		return time.Time{}
	}
	for _, s := range c.Schedule(f.p.tt, f.p.cal, f.now).Steps {
		if s.Name == "rapid_review" {
			return s.Due
		}
	}
	return time.Time{}
}

// startOfDay is midnight Europe/London on t's date.
func startOfDay(t time.Time) time.Time {
	y, m, d := t.In(intake.London).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, intake.London)
}

// requestSummaries queues a summary request to each agency's SPOC that
// the case has not asked yet, records each request with its email's
// Message-ID (to match the reply), and the day they went out.
func (f *filing) requestSummaries(ctx context.Context, c *intake.Case, ask []intake.Agency) error {
	asked := map[string]bool{}
	for _, r := range c.Requests {
		asked[r.Agency] = true
	}
	day := startOfDay(f.now)
	due := f.p.tt.SummaryDue(day, f.p.cal)
	identity := spocIdentity(f.p.cfg.Partnership.SPOCIdentifiers, f.res.Fields)
	n := 0
	for _, a := range ask {
		if asked[a.Key] {
			continue
		}
		key := "summary_request:" + c.Ref + ":" + a.Key
		if _, err := f.tx.Enqueue(intake.Notice{Key: key, Kind: intake.NoticeSummaryRequest, CaseRef: c.Ref,
			To: a.SPOC, NotBefore: f.now, Agency: a.Name, DueDate: due, ChildIdentity: identity}); err != nil {
			return err
		}
		mid, err := f.tx.OutboxMessageID(key)
		if err != nil {
			return err
		}
		if _, err := store.AddSummaryRequest(ctx, f.tx, intake.SummaryRequest{CaseRef: c.Ref, Agency: a.Key, AgencyName: a.Name,
			To: a.SPOC, MessageID: mid, RequestedAt: f.now, Due: due, Status: intake.SummaryRequested}, f.now); err != nil {
			return err
		}
		n++
	}
	if n > 0 && c.RequestDate.IsZero() {
		return store.SetRequestDate(ctx, f.tx, c.Ref, day)
	}
	return nil
}

// spocIdentity is what a SPOC's email may say about the child, as
// [partnership] spoc_identifiers allows: e.g. "J.S., born 2015-03-04".
func spocIdentity(allowed []string, fields map[string]any) string {
	var parts []string
	for _, id := range allowed {
		switch id {
		case "name":
			if v := fieldString(fields, "child_name"); v != "" {
				parts = append(parts, v)
			}
		case "initials":
			if v := intake.Initials(fieldString(fields, "child_name")); v != "" {
				parts = append(parts, strings.Join(strings.Split(v, ""), ".")+".")
			}
		case "dob":
			if v := fieldString(fields, "child_dob"); v != "" {
				parts = append(parts, "born "+v)
			}
		case "age":
			if v := fieldString(fields, "child_age"); v != "" {
				parts = append(parts, "aged "+v)
			}
		}
	}
	return strings.Join(parts, ", ")
}
