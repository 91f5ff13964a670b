package casework

import (
	"context"
	"fmt"
	"net/mail"
	"slices"
	"strings"

	"github.com/kscmp/intake"
)

// Corrections: what a person changes when intake misread a form, linked
// the wrong referrals, asked the wrong agency or the wrong address, or a
// decision must be amended. Each is audited with who and why (never the
// value: the audit trail holds no form text).

// CorrectField sets one answer of the case's referral (by its canonical
// key) and screens the referral again. Correcting the aware date moves the
// statutory clock with it. A case waiting for its referrer that now has
// everything asked for goes back to a person.
func (cw *Casework) CorrectField(ctx context.Context, who, ref, key, value, reason string) error {
	if err := needReason(reason, "the correction"); err != nil {
		return err
	}
	return cw.onCase(ctx, who, ref, func(w *work, c *intake.Case) error {
		if err := c.Referral.Set(key, value); err != nil {
			return intake.Errorf(intake.EINVALID, "%s", strings.TrimPrefix(err.Error(), "intake: "))
		}
		if c.Sources == nil {
			c.Sources = map[string]string{}
		}
		c.Sources[key] = fmt.Sprintf("corrected by %s on %s: %s", w.who, intake.DayWords(w.now), strings.TrimSpace(reason))
		if key == "aware_date" {
			c.AwareDate = isoDay(c.Referral.AwareDate)
		}
		return w.screenAgain(c, "field.corrected", 0, fmt.Sprintf("%s corrected (%s)", key, strings.TrimSpace(reason)),
			"the information asked for was corrected in by "+w.who)
	})
}

// MergeCase links case ref's referral into case into (the same child and
// incident, which intake did not recognise): ref closes as merged, and its
// referrals join into's. A case that has asked agencies cannot be merged.
func (cw *Casework) MergeCase(ctx context.Context, who, ref, into, reason string) error {
	if err := needReason(reason, "linking the referrals"); err != nil {
		return err
	}
	into = NormalizeRef(into)
	if NormalizeRef(ref) == into {
		return intake.Errorf(intake.EINVALID, "A case cannot be linked to itself.")
	}
	return cw.onCase(ctx, who, ref, func(w *work, c *intake.Case) error {
		target, err := w.caseByRef(into)
		if err != nil {
			return err
		}
		if !c.MayMerge() {
			return intake.Errorf(intake.ECONFLICT, "%s is %s and has asked agencies: it cannot be merged. Withdraw it instead, saying it duplicates %s.", c.Ref, c.State.Words(), into)
		}
		if target.State == intake.StateClosed {
			return intake.Errorf(intake.ECONFLICT, "%s is closed: link to an open case.", into)
		}
		for _, r := range c.Referrals {
			r.Linked, r.By, r.At = true, w.who, w.now
			target.Referrals = append(target.Referrals, r)
		}
		c.State = intake.StateClosed
		c.Closure = &intake.Closure{Reason: "merged", Note: "its referral was linked to " + into, By: w.who, At: w.now}
		endPause(c, w.who, "merged into "+into, w.now)
		if err := w.audit("case.merged", c.Ref, 0, "linked to %s: %s", into, strings.TrimSpace(reason)); err != nil {
			return err
		}
		if err := w.audit("case.linked", into, 0, "the referral of %s linked by %s: %s", c.Ref, w.who, strings.TrimSpace(reason)); err != nil {
			return err
		}
		return w.save(target)
	})
}

// UnlinkReferral takes a further referral (a message) off case ref, where
// intake linked it wrongly, and opens a case of its own for it.
func (cw *Casework) UnlinkReferral(ctx context.Context, who, ref string, message int64, reason string) (newRef string, err error) {
	if err := needReason(reason, "unlinking it"); err != nil {
		return "", err
	}
	var raw []byte
	if err := cw.Store.View(ctx, func(tx intake.Tx) error {
		raw, err = tx.MessageRaw(message)
		return err
	}); err != nil {
		return "", err
	}
	err = cw.onCase(ctx, who, ref, func(w *work, c *intake.Case) error {
		i := slices.IndexFunc(c.Referrals, func(r intake.CaseReferral) bool { return r.Message == message && r.Linked })
		if i < 0 {
			return intake.Errorf(intake.EINVALID, "Message %d is not a further referral linked to %s.", message, c.Ref)
		}
		c.Referrals = slices.Delete(c.Referrals, i, i+1)
		m, err := w.tx.Message(message)
		if err != nil {
			return err
		}
		res, pr, err := w.parsed(message)
		if err != nil {
			return err
		}
		f := &filing{work: w, msg: m, res: res, raw: raw}
		if _, _, err := f.newCase(intake.ReferralFromFields(res.Fields), "unlinked from "+c.Ref+" by "+w.who); err != nil {
			return err
		}
		newRef = f.caseRef
		if err := w.audit("case.unlinked", c.Ref, message, "moved to its own case %s: %s", newRef, strings.TrimSpace(reason)); err != nil {
			return err
		}
		pr.CaseRef = newRef
		return w.tx.SaveParseResult(pr)
	})
	return newRef, err
}

// AddAgency asks one more agency (a configured one, by key, name or
// alias): at once on an accepted case, or, before acceptance, by adding it
// to the agencies the referral names, to be asked when it is accepted.
func (cw *Casework) AddAgency(ctx context.Context, who, ref, agency, reason string) error {
	if err := needReason(reason, "adding the agency"); err != nil {
		return err
	}
	a, err := cw.Policy.agency(agency)
	if err != nil {
		return err
	}
	return cw.onCase(ctx, who, ref, func(w *work, c *intake.Case) error {
		if req, ok := c.RequestFor(a.Key); ok && req.Status != intake.SummaryWithdrawn {
			return intake.Errorf(intake.ECONFLICT, "%s has already asked %s.", c.Ref, a.Name)
		}
		if err := w.audit("agency.added", c.Ref, 0, "agency %s: %s", a.Key, strings.TrimSpace(reason)); err != nil {
			return err
		}
		switch {
		case c.State == intake.StateAwaitingSummaries || c.State == intake.StateReadyForReview:
			if c.State == intake.StateReadyForReview {
				c.State = intake.StateAwaitingSummaries
			}
			return w.requestSummaries(c, []intake.Agency{a})
		case c.State == intake.StateReceived || c.State == intake.StateAwaitingReferrer:
			c.Referral.AgenciesInvolved = append(c.Referral.AgenciesInvolved, a.Name)
			return nil
		}
		return intake.Errorf(intake.ECONFLICT, "%s is %s: no agency can be asked now.", c.Ref, c.State.Words())
	})
}

// RemoveAgency withdraws an agency's request (it was asked in error): its
// SPOC is told, it is no longer chased, and it no longer counts.
func (cw *Casework) RemoveAgency(ctx context.Context, who, ref, agency, reason string) error {
	if err := needReason(reason, "withdrawing the request"); err != nil {
		return err
	}
	return cw.onCase(ctx, who, ref, func(w *work, c *intake.Case) error {
		req, err := w.openRequest(c, agency)
		if err != nil {
			return err
		}
		if err := w.withdraw(c, req, reason); err != nil {
			return err
		}
		return w.readyIfAllIn(c)
	})
}

// withdraw withdraws one open request and tells its SPOC.
func (w *work) withdraw(c *intake.Case, req *intake.SummaryRequest, reason string) error {
	req.Status, req.By, req.Note, req.ReceivedAt = intake.SummaryWithdrawn, w.who, strings.TrimSpace(reason), w.now
	inReply, refs := replyTo(req.MessageID)
	if err := w.queue(intake.Notice{Key: keyf("request_withdrawn:%s:%s:%s", c.Ref, req.Agency, w.now.UTC().Format("20060102T150405")),
		Kind: intake.NoticeRequestWithdrawn, CaseRef: c.Ref, To: req.To, InReplyTo: inReply, References: refs,
		Agency: req.AgencyName, Reason: strings.TrimSpace(reason)}); err != nil {
		return err
	}
	return w.audit("request.withdrawn", c.Ref, 0, "agency %s: %s", req.Agency, strings.TrimSpace(reason))
}

// ReassignRequest sends an agency's request to another SPOC address (the
// first bounced, or the SPOC changed), keeping the date it was given.
func (cw *Casework) ReassignRequest(ctx context.Context, who, ref, agency, address, reason string) error {
	if err := needReason(reason, "the new address"); err != nil {
		return err
	}
	a, err := mail.ParseAddress(address)
	if err != nil {
		return intake.Errorf(intake.EINVALID, "%q is not an email address.", address)
	}
	to := strings.ToLower(a.Address)
	return cw.onCase(ctx, who, ref, func(w *work, c *intake.Case) error {
		req, err := w.openRequest(c, agency)
		if err != nil {
			return err
		}
		if w.cw.Policy.own(to) {
			return intake.Errorf(intake.EINVALID, "%s is the partnership's own address.", to)
		}
		if req.Bounced {
			if err := w.tx.Supersede(req.MessageID, "re-sent to a new address by "+w.who); err != nil {
				return err
			}
		}
		req.To, req.Bounced = []string{to}, false
		key := keyf("summary_request:%s:%s:to:%s", c.Ref, req.Agency, w.now.UTC().Format("20060102T150405"))
		if err := w.queue(intake.Notice{Key: key, Kind: intake.NoticeSummaryRequest, CaseRef: c.Ref, To: req.To,
			Agency: req.AgencyName, DueDate: req.Due, ChildIdentity: w.cw.Policy.spocIdentity(c.Referral)}); err != nil {
			return err
		}
		if req.MessageID, err = w.tx.OutboxMessageID(key); err != nil {
			return err
		}
		return w.audit("request.reassigned", c.Ref, 0, "agency %s: sent to a new address, due date kept (%s): %s", req.Agency, req.Due.Format("2006-01-02"), strings.TrimSpace(reason))
	})
}

// AmendOutcome changes a recorded decision or its rationale; every
// referrer (and agency, where configured) is told again.
func (cw *Casework) AmendOutcome(ctx context.Context, who, ref string, d intake.Decision, rationale, reason string) error {
	if _, err := intake.ParseDecision(string(d)); err != nil {
		return intake.Errorf(intake.EINVALID, "%s", err.Error())
	}
	if err := needReason(rationale, "the decision (its rationale is shared with the referrer)"); err != nil {
		return err
	}
	if err := needReason(reason, "amending it"); err != nil {
		return err
	}
	return cw.onCase(ctx, who, ref, func(w *work, c *intake.Case) error {
		if c.Outcome == nil {
			return intake.Errorf(intake.ECONFLICT, "%s has no decision to amend: record the outcome first.", c.Ref)
		}
		if !c.MayAmendOutcome() {
			return intake.Errorf(intake.ECONFLICT, "%s is closed: its decision can no longer be amended.", c.Ref)
		}
		old := c.Outcome.Decision
		c.Outcome = &intake.Outcome{Decision: d, Reason: strings.TrimSpace(rationale), By: w.who, At: w.now, Amendments: c.Outcome.Amendments + 1}
		if err := w.audit("case.outcome_amended", c.Ref, 0, "decision %s (was %s): %s", d, old, strings.TrimSpace(reason)); err != nil {
			return err
		}
		return w.tellOutcome(c, fmt.Sprintf(":amended:%d", c.Outcome.Amendments))
	})
}

// WithdrawCase closes an open case that should not go on (the referrer
// withdrew it, it duplicates another): every open request is withdrawn and
// its SPOC told.
func (cw *Casework) WithdrawCase(ctx context.Context, who, ref, reason string) error {
	if err := needReason(reason, "withdrawing the case"); err != nil {
		return err
	}
	return cw.onCase(ctx, who, ref, func(w *work, c *intake.Case) error {
		if !c.State.IsOpen() {
			return intake.Errorf(intake.ECONFLICT, "%s is %s: only an open case can be withdrawn.", c.Ref, c.State.Words())
		}
		for i := range c.Requests {
			if c.Requests[i].Open() {
				if err := w.withdraw(c, &c.Requests[i], "the case was withdrawn: "+reason); err != nil {
					return err
				}
			}
		}
		c.State = intake.StateClosed
		c.Closure = &intake.Closure{Reason: intake.ClosedWithdrawn, Note: strings.TrimSpace(reason), By: w.who, At: w.now}
		endPause(c, w.who, "withdrawn", w.now)
		return w.audit("case.withdrawn", c.Ref, 0, "%s", strings.TrimSpace(reason))
	})
}

// CloseCase closes a decided case once its work is done.
func (cw *Casework) CloseCase(ctx context.Context, who, ref, reason string) error {
	if err := needReason(reason, "closing the case"); err != nil {
		return err
	}
	return cw.onCase(ctx, who, ref, func(w *work, c *intake.Case) error {
		if c.State != intake.StateDecided {
			return intake.Errorf(intake.ECONFLICT, "%s is %s: close a case once it is decided (or withdraw an open one).", c.Ref, c.State.Words())
		}
		c.State = intake.StateClosed
		c.Closure = &intake.Closure{Reason: intake.ClosedAfterReview, Note: strings.TrimSpace(reason), By: w.who, At: w.now}
		return w.audit("case.closed", c.Ref, 0, "%s", strings.TrimSpace(reason))
	})
}

// NoInvolvement records that an agency had no involvement with the child
// or family (its SPOC said so by phone, or in a letter): its request is
// settled and it is not chased.
func (cw *Casework) NoInvolvement(ctx context.Context, who, ref, agency, reason string) error {
	if err := needReason(reason, "this (how the agency said so)"); err != nil {
		return err
	}
	return cw.onCase(ctx, who, ref, func(w *work, c *intake.Case) error {
		req, err := w.openRequest(c, agency)
		if err != nil {
			return err
		}
		return w.settleRequest(c, req, intake.SummaryNoInvolvement, 0, "recorded by "+w.who+": "+strings.TrimSpace(reason))
	})
}
