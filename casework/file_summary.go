package casework

import (
	"fmt"
	"slices"

	"github.com/kscmp/intake"
)

// summary files an agency summary. It is matched to its case and agency
// (by our request's Message-ID in the thread, else by the case reference
// and the sender or the form's agency). Only a summary from the agency's
// SPOC address (or the address a person sent this request to),
// authenticated, settles the request by itself: received,
// or no involvement when the form says the agency had none. Anything
// else (no case, a case that asked nothing of that agency, another
// sender) waits for a person, changes nothing, and gets no receipt.
func (f *filing) summary() (string, string, error) {
	form := intake.AgencySummaryFromFields(f.res.Fields)
	in := intake.IncomingSummary{CaseRef: f.caseRef, InReplyTo: f.res.InReplyTo, References: f.res.References,
		From: f.sender(), FormAgency: form.Agency}
	var lookupErr error
	m, err := intake.MatchSummary(in, f.cw.Policy.Agencies, func(id string) (intake.SummaryRequest, bool) {
		ref, agency, ok, err := f.tx.CaseOfRequest(id)
		if err != nil {
			lookupErr = err
		}
		return intake.SummaryRequest{CaseRef: ref, Agency: agency}, ok
	})
	if lookupErr != nil {
		return "", "", lookupErr
	}
	if err != nil {
		return f.needsPerson(f.caseRef, "an agency summary that matches no case or agency: attach it to a case's request, or dismiss it")
	}
	c, err := f.tx.Case(m.CaseRef)
	if intake.ErrorCode(err) == intake.ENOTFOUND {
		return f.needsPerson("", fmt.Sprintf("an agency summary quoting %s, which is not a case: attach it to the right case, or dismiss it", m.CaseRef))
	}
	if err != nil {
		return "", "", err
	}
	a, _ := f.cw.Policy.Agencies.ByKey(m.Agency)
	req, ok := c.RequestFor(m.Agency)
	if !ok {
		return f.needsPerson(c.Ref, fmt.Sprintf("an agency summary from %s for %s, which has not asked that agency (the case is %s): attach it if the agency should be asked",
			a.Name, c.Ref, c.State.Words()))
	}
	if s := f.senderCheck(); !s.Authenticated || !(a.IsSPOC(s.Address) || slices.Contains(req.To, s.Address)) {
		return f.needsPerson(c.Ref, fmt.Sprintf("an agency summary for %s, as from %s, sent by %s, who is not %s's SPOC or not authenticated: if it is genuine, attach it as %s's summary",
			c.Ref, a.Name, f.senderWords(), a.Name, a.Name))
	}
	f.caseRef = c.Ref
	if blankSummary(form) {
		return f.needsPerson(c.Ref, fmt.Sprintf("%s's summary form for %s came back with nothing filled in: ask the SPOC for it, or attach it if it is right", a.Name, c.Ref))
	}
	if !req.Open() {
		if err := f.audit("summary.further", c.Ref, f.msg.ID, "a further summary from %s (its request was already %s); kept on the case", m.Agency, req.Status); err != nil {
			return "", "", err
		}
		return intake.MessageProcessed, fmt.Sprintf("a further summary from %s, kept on the case", m.Agency), nil
	}
	status := intake.SummaryReceived
	if form.Involvement != nil && !*form.Involvement {
		status = intake.SummaryNoInvolvement
	}
	if err := f.settleRequest(c, req, status, f.msg.ID, "from the SPOC's email, authenticated ("+f.senderCheck().How+")"); err != nil {
		return "", "", err
	}
	if f.cw.Policy.SummaryReceipts && !f.cw.Policy.own(f.sender()) {
		if err := f.queue(intake.Notice{Key: "summary_receipt:" + c.Ref + ":" + m.Agency, Kind: intake.NoticeSummaryReceipt, CaseRef: c.Ref,
			To: []string{f.sender()}, InReplyTo: intake.ValidMessageID(f.res.MessageID), References: threadRefs(f.res.References, f.res.MessageID), Agency: a.Name}); err != nil {
			return "", "", err
		}
	}
	return intake.MessageProcessed, fmt.Sprintf("%s from %s, matched by %s", status, m.Agency, m.Route), f.save(c)
}

// blankSummary reports whether a summary form says nothing: no
// involvement answer and no account of it (the blank form sent back).
func blankSummary(s intake.AgencySummary) bool {
	return s.Involvement == nil && s.Summary == "" && s.Analysis == "" && s.Learning == "" && s.ActionsTaken == "" && s.Recommendations == ""
}

// settleRequest marks an agency's request settled (a summary received, no
// involvement) by w's actor, and moves an accepted case whose every
// counted request is settled to ready for review.
func (w *work) settleRequest(c *intake.Case, req *intake.SummaryRequest, status intake.SummaryStatus, message int64, how string) error {
	req.Status, req.ReceivedAt, req.Message, req.By, req.Note = status, w.now, message, w.who, how
	if err := w.audit("summary."+string(status), c.Ref, message, "agency %s: %s", req.Agency, how); err != nil {
		return err
	}
	return w.readyIfAllIn(c)
}

// readyIfAllIn moves an accepted case to ready for review once every
// request that counts is settled.
func (w *work) readyIfAllIn(c *intake.Case) error {
	if c.State != intake.StateAwaitingSummaries {
		return nil
	}
	counted := 0
	for _, r := range c.Requests {
		if !r.Counts() {
			continue
		}
		if r.Open() {
			return nil
		}
		counted++
	}
	if counted == 0 {
		return nil
	}
	c.State = intake.StateReadyForReview
	return w.audit("case.state", c.Ref, 0, "awaiting_summaries -> ready_for_review: every requested summary is in")
}

// bounce marks our emails a delivery status notification reports. A
// bounced summary request cannot be chased at the same address: the
// business team is told at once to find the agency another contact.
func (f *filing) bounce() (string, string, error) {
	marked := 0
	for _, id := range f.res.BouncedMessageIDs {
		ok, err := f.tx.MarkBounced(id, "a delivery status notification came back")
		if err != nil {
			return "", "", err
		}
		if !ok {
			continue
		}
		marked++
		ref, agency, found, err := f.tx.CaseOfRequest(intake.BareID(id))
		if err != nil || !found {
			if err != nil {
				return "", "", err
			}
			continue
		}
		c, err := f.tx.Case(ref)
		if err != nil {
			return "", "", err
		}
		req, ok := c.RequestFor(agency)
		if !ok || !req.Open() {
			continue
		}
		f.caseRef = ref
		req.Bounced = true
		n := intake.Undeliverable(*req, f.cw.Policy.BusinessTeam, f.now)
		n.Key = "undeliverable:" + ref + ":" + agency + ":" + intake.BareID(id)
		if err := f.queue(n); err != nil {
			return "", "", err
		}
		if err := f.audit("request.bounced", ref, f.msg.ID, "the summary request to %s came back undeliverable; not chased at that address", agency); err != nil {
			return "", "", err
		}
		if err := f.save(c); err != nil {
			return "", "", err
		}
	}
	return intake.MessageProcessed, fmt.Sprintf("%d of our emails marked bounced; not answered", marked), nil
}
