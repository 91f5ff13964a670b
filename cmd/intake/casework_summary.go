package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/store"
)

// summary files an agency summary: matched to its case and agency (by our
// request's Message-ID in the thread, else by the case reference), marked
// received (unverified when the sender is not the agency's SPOC), with a
// receipt to the sender if configured. When every requested summary is in,
// the case is ready for review. A summary that matches no case is kept and
// shown to the business team.
func (f *filing) summary(ctx context.Context) (string, string, error) {
	in := intake.IncomingSummary{InReplyTo: f.res.InReplyTo, References: f.res.References, From: f.res.From,
		FormAgency: fieldString(f.res.Fields, "agency")}
	if f.res.CaseRef != nil {
		in.CaseRef = *f.res.CaseRef
	}
	var lookupErr error
	lookup := func(id string) (intake.SummaryRequest, bool) {
		r, ok, err := store.SummaryRequestByMessageID(ctx, f.tx, id)
		if err != nil {
			lookupErr = err
		}
		return r, ok
	}
	m, err := intake.MatchSummary(in, f.p.agencies, lookup)
	if lookupErr != nil {
		return "", "", lookupErr
	}
	if err != nil {
		return f.unmatched(ctx, "no case reference, or no agency, could be found")
	}
	c, err := store.GetCase(ctx, f.tx, m.CaseRef)
	if errors.Is(err, intake.ErrNotFound) {
		return f.unmatched(ctx, "the case reference names no case")
	}
	if err != nil {
		return "", "", err
	}
	f.caseRef = c.Ref
	a, _ := f.p.agencies.ByKey(m.Agency)
	if _, err := store.RecordSummary(ctx, f.tx, m, a.Name, f.msg.ID, f.res.From, f.now); err != nil {
		return "", "", err
	}
	if f.p.cfg.Partnership.SummaryReceipts && f.res.From != "" && !strings.EqualFold(f.res.From, f.p.cfg.Partnership.MailboxAddress()) {
		refs := append([]string(nil), f.res.References...)
		if f.res.MessageID != "" {
			refs = append(refs, f.res.MessageID)
		}
		if _, err := f.tx.Enqueue(intake.Notice{Key: "summary_receipt:" + c.Ref + ":" + m.Agency,
			Kind: intake.NoticeSummaryReceipt, CaseRef: c.Ref, To: []string{strings.ToLower(f.res.From)}, NotBefore: f.now,
			InReplyTo: f.res.MessageID, References: refs, Agency: a.Name}); err != nil {
			return "", "", err
		}
	}
	if c.State == intake.StateAwaitingSummaries {
		c, err = store.GetCase(ctx, f.tx, c.Ref)
		if err != nil {
			return "", "", err
		}
		allIn := len(c.Requests) > 0
		for _, r := range c.Requests {
			allIn = allIn && !r.Open()
		}
		if allIn {
			if err := store.TransitionCase(ctx, f.tx, c.Ref, intake.StateReadyForReview, "intake", "every requested summary is in", f.now); err != nil {
				return "", "", err
			}
		}
	}
	detail := fmt.Sprintf("from %s, matched by %s", m.Agency, m.Route)
	if !m.Verified {
		detail += ", unverified sender"
	}
	return intake.MessageProcessed, detail, nil
}

// unmatched keeps a summary that matches no case for the business team.
func (f *filing) unmatched(ctx context.Context, why string) (string, string, error) {
	f.caseRef = ""
	if err := f.tx.Audit(intake.AuditEntry{At: f.now, Actor: "intake", Action: "summary.unmatched",
		MessageID: f.msg.ID, Detail: why}); err != nil {
		return "", "", err
	}
	return intake.MessageProcessed, "not matched: " + why, nil
}
