package casework

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/kscmp/intake"
)

// Accept accepts a referral for rapid review, as who, for reason: the
// agency summary requests go out (due on Day 10, or later when fewer than
// the minimum working days remain, which puts the timetable at risk), and
// the referrer is told when the decision is due. A referral with
// information missing, or more than twelve months old, cannot be
// accepted this way: the error says what to do instead.
func (cw *Casework) Accept(ctx context.Context, who, ref, reason string) error {
	return cw.route(ctx, who, ref, intake.RouteAccept, reason, func(w *work, c *intake.Case, d intake.RouteDecision) error {
		return w.accept(c, d)
	})
}

// AcceptException accepts a referral more than twelve months old because
// significant new information has emerged; reason says what it is.
func (cw *Casework) AcceptException(ctx context.Context, who, ref, reason string) error {
	return cw.route(ctx, who, ref, intake.RouteException, reason, func(w *work, c *intake.Case, d intake.RouteDecision) error {
		return w.accept(c, d)
	})
}

// AskReferrer asks the referrer for missing information (the keys given,
// or what screening found missing): the case waits, paused, nothing goes
// to agencies, and the referrer is reminded on the clock until they
// answer.
func (cw *Casework) AskReferrer(ctx context.Context, who, ref, reason string, keys []string) error {
	return cw.route(ctx, who, ref, intake.RouteAskReferrer, reason, func(w *work, c *intake.Case, d intake.RouteDecision) error {
		return w.askReferrer(c, d, keys)
	})
}

// Redirect forwards the referral to a neighbouring partnership (its key,
// name or one of its areas in the directory), tells the referrer where it
// went, and closes the case here.
func (cw *Casework) Redirect(ctx context.Context, who, ref, to, reason string) error {
	nb, ok := cw.Policy.Neighbours.Find(to)
	if !ok {
		if len(cw.Policy.Neighbours) == 0 {
			return intake.Errorf(intake.EINVALID, "No neighbouring partnerships are configured, so intake cannot forward the referral: add them as [[partnership.neighbour]] entries (name, address, areas).")
		}
		return intake.Errorf(intake.EINVALID, "%q is not a partnership in the directory: choose one of %s.", to, strings.Join(cw.Policy.Neighbours.Keys(), ", "))
	}
	return cw.route(ctx, who, ref, intake.RouteRedirect, reason, func(w *work, c *intake.Case, d intake.RouteDecision) error {
		d.To = nb.Key
		return w.redirect(c, d, nb)
	})
}

// NotAccepted records that the referral is not accepted (the criteria
// are not met): the referrer is told why (the reason goes to them), the
// case closes, and it may be kept as local learning.
func (cw *Casework) NotAccepted(ctx context.Context, who, ref, reason string, localLearning bool) error {
	return cw.route(ctx, who, ref, intake.RouteNotAccepted, reason, func(w *work, c *intake.Case, d intake.RouteDecision) error {
		d.LocalLearning = localLearning
		return w.notAccepted(c, d)
	})
}

// route runs a person's route decision on a case waiting for one.
func (cw *Casework) route(ctx context.Context, who, ref string, r intake.Route, reason string, fn func(*work, *intake.Case, intake.RouteDecision) error) error {
	if err := needReason(reason, "this decision"); err != nil {
		return err
	}
	return cw.onCase(ctx, who, ref, func(w *work, c *intake.Case) error {
		if !c.AwaitsRoute() {
			return intake.Errorf(intake.ECONFLICT, "%s is %s: a route is chosen only for a referral waiting for one.", c.Ref, c.State.Words())
		}
		d := intake.RouteDecision{Route: r, Reason: strings.TrimSpace(reason), By: w.who, At: w.now}
		if err := w.audit("route."+string(r), c.Ref, 0, "%s", d.Reason); err != nil {
			return err
		}
		return fn(w, c, d)
	})
}

// accept moves a case to awaiting summaries and asks the agencies.
func (w *work) accept(c *intake.Case, d intake.RouteDecision) error {
	if c.Screening.Verdict == intake.VerdictIncomplete {
		return intake.Errorf(intake.ECONFLICT, "%s cannot be accepted yet: information is missing (%s). Ask the referrer for it, or correct the fields if you have it, then accept.",
			c.Ref, strings.Join(keyWords(c.Screening.Missing), ", "))
	}
	old := c.Flagged(intake.FlagOlderThan12Months)
	switch {
	case d.Route == intake.RouteAccept && old:
		return intake.Errorf(intake.ECONFLICT, "%s is about an incident more than twelve months ago: accept it as an exception, giving the significant new information as the reason.", c.Ref)
	case d.Route == intake.RouteException && !old:
		return intake.Errorf(intake.ECONFLICT, "%s is not more than twelve months old: accept it (no exception is needed).", c.Ref)
	}
	if err := intake.CheckTransition(c.State, intake.StateAwaitingSummaries); err != nil {
		return err
	}
	c.Route = &d
	c.State = intake.StateAwaitingSummaries
	endPause(c, w.who, "accepted for rapid review", w.now)
	ask, _ := w.cw.Policy.Agencies.ForReferral(c.Referral.AgenciesInvolved)
	if err := w.requestSummaries(c, ask); err != nil {
		return err
	}
	return w.tellAccepted(c)
}

// tellAccepted tells each referrer the referral was accepted, and when
// the decision is due if that day is still ahead.
func (w *work) tellAccepted(c *intake.Case) error {
	st, _ := c.Schedule(w.cw.Policy.Timetable, w.cw.Policy.Calendar, w.now).Step(intake.StepRapidReview)
	due := st.Due
	if due.Before(intake.StartOfDay(w.now)) {
		due = time.Time{} // never promise a day already past
	}
	inReply, refs := replyTo(c.ReferrerMessageID)
	for i, to := range w.referrers(c) {
		if err := w.queue(intake.Notice{Key: keyf("accepted:%s:%d", c.Ref, i), Kind: intake.NoticeAccepted, CaseRef: c.Ref, To: []string{to},
			InReplyTo: inReply, References: refs, DueDate: due}); err != nil {
			return err
		}
	}
	return nil
}

// referrers are the addresses that referred case c and may be written
// to (not the partnership's own).
func (w *work) referrers(c *intake.Case) []string {
	var out []string
	for _, a := range c.Referrers() {
		if !w.cw.Policy.own(a) {
			out = append(out, a)
		}
	}
	return out
}

// requestSummaries asks each agency's SPOC the case has not asked yet,
// recording each request with its email's Message-ID (to match the reply)
// and the date the SPOC is given.
func (w *work) requestSummaries(c *intake.Case, ask []intake.Agency) error {
	p := w.cw.Policy
	today := intake.StartOfDay(w.now)
	due, atRisk := p.Timetable.SummaryDue(p.Calendar, c.Day1, today)
	identity := p.spocIdentity(c.Referral)
	for _, a := range ask {
		prev, asked := c.RequestFor(a.Key)
		if asked && prev.Status != intake.SummaryWithdrawn {
			continue
		}
		key := "summary_request:" + c.Ref + ":" + a.Key
		if asked {
			key += ":" + w.now.UTC().Format("20060102T150405")
		}
		if err := w.queue(intake.Notice{Key: key, Kind: intake.NoticeSummaryRequest, CaseRef: c.Ref, To: a.SPOC,
			Agency: a.Name, DueDate: due, ChildIdentity: identity}); err != nil {
			return err
		}
		mid, err := w.tx.OutboxMessageID(key)
		if err != nil {
			return err
		}
		r := intake.SummaryRequest{CaseRef: c.Ref, Agency: a.Key, AgencyName: a.Name, To: slices.Clone(a.SPOC), MessageID: mid,
			RequestedAt: w.now, Due: due, Status: intake.SummaryRequested}
		if asked {
			*prev = r
		} else {
			c.Requests = append(c.Requests, r)
		}
		if err := w.audit("request.sent", c.Ref, 0, "agency %s asked for its summary by %s", a.Key, due.Format("2006-01-02")); err != nil {
			return err
		}
	}
	if c.RequestDate.IsZero() && len(c.Requests) > 0 {
		c.RequestDate = today
	}
	if atRisk && !c.TimetableAtRisk {
		c.TimetableAtRisk = true
		return w.audit("timetable.at_risk", c.Ref, 0, "fewer than %d working days remained before Day %d: SPOCs were given until %s; the meeting may need to move",
			p.Timetable.MinSummaryDays, p.Timetable.SummariesDay(), due.Format("2006-01-02"))
	}
	return nil
}

// askReferrer pauses the case and asks its referrer for keys.
func (w *work) askReferrer(c *intake.Case, d intake.RouteDecision, keys []string) error {
	if len(keys) == 0 {
		keys = c.StillMissing()
		if len(keys) == 0 {
			keys = c.Screening.Missing
		}
	}
	if len(keys) == 0 {
		return intake.Errorf(intake.EINVALID, "Screening found nothing missing on %s: name what to ask the referrer for (--ask KEY, for example --ask child_dob).", c.Ref)
	}
	for _, k := range keys {
		if !slices.Contains(intake.ReferralKeys(), k) {
			return intake.Errorf(intake.EINVALID, "%q is not a field of the referral form (the fields are: %s).", k, strings.Join(intake.ReferralKeys(), ", "))
		}
	}
	if c.Referrer == "" || w.cw.Policy.own(c.Referrer) {
		return intake.Errorf(intake.ECONFLICT, "%s has no referrer address intake can write to: contact the referrer yourself, then correct the fields.", c.Ref)
	}
	if err := intake.CheckTransition(c.State, intake.StateAwaitingReferrer); err != nil {
		return err
	}
	c.Route, c.State, c.AwaitingReferrerSince, c.AskedFor = &d, intake.StateAwaitingReferrer, w.now, keys
	if !c.Paused() {
		c.Pauses = append(c.Pauses, intake.Pause{Start: w.now, By: w.who, Reason: "waiting for the referrer's missing information", ForReferrer: true})
	}
	inReply, refs := replyTo(c.ReferrerMessageID)
	return w.queue(intake.Notice{Key: keyf("information_request:%s:%s", c.Ref, w.now.UTC().Format("20060102T150405")), Kind: intake.NoticeInformationRequest,
		CaseRef: c.Ref, To: []string{c.Referrer}, InReplyTo: inReply, References: refs, Missing: keys})
}

// redirect forwards the referral to nb and closes the case.
func (w *work) redirect(c *intake.Case, d intake.RouteDecision, nb intake.Neighbour) error {
	if err := intake.CheckTransition(c.State, intake.StateClosed); err != nil {
		return err
	}
	var first int64
	if len(c.Referrals) > 0 {
		first = c.Referrals[0].Message
	}
	if err := w.queue(intake.Notice{Key: "redirect:" + c.Ref, Kind: intake.NoticeRedirect, CaseRef: c.Ref, To: []string{nb.Address},
		Neighbour: nb.Name, Reason: d.Reason, ForwardMessage: first}); err != nil {
		return err
	}
	inReply, refs := replyTo(c.ReferrerMessageID)
	for i, to := range w.referrers(c) {
		if err := w.queue(intake.Notice{Key: keyf("redirected:%s:%d", c.Ref, i), Kind: intake.NoticeRedirected, CaseRef: c.Ref, To: []string{to},
			InReplyTo: inReply, References: refs, Neighbour: nb.Name, Ending: "redirected"}); err != nil {
			return err
		}
	}
	return w.close(c, d, intake.ClosedRedirected, fmt.Sprintf("forwarded to %s", nb.Name))
}

// notAccepted tells the referrers why and closes the case.
func (w *work) notAccepted(c *intake.Case, d intake.RouteDecision) error {
	if err := intake.CheckTransition(c.State, intake.StateClosed); err != nil {
		return err
	}
	inReply, refs := replyTo(c.ReferrerMessageID)
	for i, to := range w.referrers(c) {
		if err := w.queue(intake.Notice{Key: keyf("not_accepted:%s:%d", c.Ref, i), Kind: intake.NoticeNotAccepted, CaseRef: c.Ref, To: []string{to},
			InReplyTo: inReply, References: refs, Reason: d.Reason, Ending: "screened_out"}); err != nil {
			return err
		}
	}
	note := "not accepted"
	if d.LocalLearning {
		note += "; kept as local learning"
	}
	return w.close(c, d, intake.ClosedNotAccepted, note)
}

// close ends a case with a route's reason.
func (w *work) close(c *intake.Case, d intake.RouteDecision, reason, note string) error {
	c.Route = &d
	c.State = intake.StateClosed
	c.Closure = &intake.Closure{Reason: reason, Note: note, By: w.who, At: w.now}
	endPause(c, w.who, "closed: "+note, w.now)
	return w.audit("case.closed", c.Ref, 0, "%s", note)
}
