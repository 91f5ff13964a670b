package casework

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/parse"
)

// The queue of mail a person must see (docs/design.md, "Mail a person must
// see"): every message intake did not file with confidence (a question,
// a "no involvement" reply, a summary that matches no case, a form that
// could not be read, mail about a case from an unexpected sender). Each
// action below takes one such message, does what the person decided, and
// takes it out of the queue; each is audited with who and why.

// waiting loads a message that waits for a person (or, for reprocess and
// dismiss, any message not filed on a case).
func (w *work) waiting(id int64) (intake.Message, error) {
	m, err := w.tx.Message(id)
	if intake.ErrorCode(err) == intake.ENOTFOUND {
		return m, intake.Errorf(intake.ENOTFOUND, "There is no message %d: `intake messages --queue` lists the ones waiting for a person.", id)
	}
	if err != nil {
		return m, err
	}
	if !intake.AwaitsPerson(m.State) {
		return m, intake.Errorf(intake.ECONFLICT, "Message %d is not waiting for a person (it is %s: %s).", id, m.State, m.StateDetail)
	}
	return m, nil
}

// settled takes a message out of the queue, filed on ref by who.
func (w *work) settled(m intake.Message, ref, detail string) error {
	if err := w.audit("message.settled", ref, m.ID, "%s", detail); err != nil {
		return err
	}
	if pr, err := w.tx.ParseResult(m.ID); err == nil && ref != "" {
		pr.CaseRef = ref
		if err := w.tx.SaveParseResult(pr); err != nil {
			return err
		}
	}
	return w.tx.SetMessageState(m.ID, intake.MessageProcessed, detail)
}

// AttachSummary attaches a message as an agency's summary on a case (a
// summary from an unexpected address the person has checked, or one that
// matched no case): the agency's request is settled as received by who
// (added to the case if the case never asked that agency).
func (cw *Casework) AttachSummary(ctx context.Context, who string, id int64, ref, agency, reason string) error {
	return cw.settleByMessage(ctx, who, id, ref, agency, reason, intake.SummaryReceived)
}

// MessageNoInvolvement records, from a message (a SPOC's reply saying so),
// that an agency had no involvement: its request is settled and it is
// not chased.
func (cw *Casework) MessageNoInvolvement(ctx context.Context, who string, id int64, ref, agency, reason string) error {
	return cw.settleByMessage(ctx, who, id, ref, agency, reason, intake.SummaryNoInvolvement)
}

func (cw *Casework) settleByMessage(ctx context.Context, who string, id int64, ref, agency, reason string, status intake.SummaryStatus) error {
	if err := needReason(reason, "this (what you checked)"); err != nil {
		return err
	}
	return cw.onCase(ctx, who, ref, func(w *work, c *intake.Case) error {
		m, err := w.waiting(id)
		if err != nil {
			return err
		}
		req, err := w.requestOrAdd(c, agency)
		if err != nil {
			return err
		}
		if err := settleable(c, req); err != nil {
			return err
		}
		if err := w.settleRequest(c, req, status, id, "confirmed by "+w.who+": "+strings.TrimSpace(reason)); err != nil {
			return err
		}
		return w.settled(m, c.Ref, fmt.Sprintf("%s for %s, %s, confirmed by %s", status.Words(), req.Agency, c.Ref, w.who))
	})
}

// settleable refuses a request already settled. A withdrawn request may
// still take the summary its agency sent after all: nothing is lost.
func settleable(c *intake.Case, req *intake.SummaryRequest) error {
	if !req.Open() && req.Status != intake.SummaryWithdrawn {
		return intake.Errorf(intake.ECONFLICT, "%s's part of %s is already %s.", req.AgencyName, c.Ref, req.Status.Words())
	}
	return nil
}

// requestOrAdd returns c's request to agency, adding one (no email: the
// summary is already here) when the case never asked it.
func (w *work) requestOrAdd(c *intake.Case, agency string) (*intake.SummaryRequest, error) {
	a, err := w.cw.Policy.agency(agency)
	if err != nil {
		return nil, err
	}
	if req, ok := c.RequestFor(a.Key); ok {
		return req, nil
	}
	if !c.State.Accepted() {
		return nil, intake.Errorf(intake.ECONFLICT, "%s is %s: accept it before attaching agency summaries.", c.Ref, c.State.Words())
	}
	c.Requests = append(c.Requests, intake.SummaryRequest{CaseRef: c.Ref, Agency: a.Key, AgencyName: a.Name, To: a.SPOC,
		RequestedAt: w.now, Due: w.now, Status: intake.SummaryRequested, Note: "added by " + w.who + " when attaching its summary"})
	return &c.Requests[len(c.Requests)-1], nil
}

// LinkMessage files a message on a case as correspondence (a question, a
// note), or, for a referral, as a further referral. With supply, a
// referral's answers fill the case's blank answers (as the referrer's own
// authenticated reply would): a person vouches for it.
func (cw *Casework) LinkMessage(ctx context.Context, who string, id int64, ref, reason string, supply bool) error {
	if err := needReason(reason, "linking it"); err != nil {
		return err
	}
	return cw.onCase(ctx, who, ref, func(w *work, c *intake.Case) error {
		m, err := w.waiting(id)
		if err != nil {
			return err
		}
		res, _, err := w.parsed(id)
		if err != nil {
			return err
		}
		if res.Kind == parse.KindReferral {
			from, _ := parseStrictAddress(res.From)
			c.Referrals = append(c.Referrals, intake.CaseReferral{Message: id, MessageID: res.MessageID, From: from, Linked: true, At: w.now, By: w.who, Source: res.Source})
			if supply {
				filled := fillBlanks(c, intake.ReferralFromFields(res.Fields), fmt.Sprintf("message %d, confirmed by %s", id, w.who))
				if err := w.screenAgain(c, "case.supplied", id, fmt.Sprintf("%d answers from message %d, confirmed by %s", len(filled), id, w.who),
					"the information asked for arrived (confirmed by "+w.who+")"); err != nil {
					return err
				}
			}
		} else {
			c.Correspondence = append(c.Correspondence, intake.CaseMessage{Message: id, Note: strings.TrimSpace(reason), By: w.who, At: w.now})
		}
		return w.settled(m, c.Ref, fmt.Sprintf("linked to %s by %s: %s", c.Ref, w.who, strings.TrimSpace(reason)))
	})
}

// parsed returns what parse made of a stored message, and the stored
// row it read that from (zero if the row could not be read; the row even
// when its result could not be decoded).
func (w *work) parsed(id int64) (parse.Result, intake.ParseResult, error) {
	var res parse.Result
	pr, err := w.tx.ParseResult(id)
	if err != nil {
		return res, intake.ParseResult{}, err
	}
	if err := json.Unmarshal(pr.Result, &res); err != nil {
		return res, pr, fmt.Errorf("casework: reading the parse result of message %d: %w", id, err)
	}
	return res, pr, nil
}

// OpenCaseFromMessage opens a new case from a message a person says is a
// referral (one held because of its headers, or read from a form intake
// could only partly read): it is screened and acknowledged like any
// referral, and waits for a person's decision.
func (cw *Casework) OpenCaseFromMessage(ctx context.Context, who string, id int64, reason string) (ref string, err error) {
	if err := checkWho(who); err != nil {
		return "", err
	}
	if err := needReason(reason, "opening a case from it"); err != nil {
		return "", err
	}
	var raw []byte
	if err := cw.Store.View(ctx, func(tx intake.Tx) error {
		raw, err = tx.MessageRaw(id)
		return err
	}); err != nil {
		return "", err
	}
	err = cw.update(ctx, who, func(w *work) error {
		m, err := w.waiting(id)
		if err != nil {
			return err
		}
		res, _, err := w.parsed(id)
		if err != nil {
			return err
		}
		f := &filing{work: w, msg: m, res: res, raw: raw}
		if _, _, err := f.newCase(intake.ReferralFromFields(res.Fields), "opened by "+w.who+": "+strings.TrimSpace(reason)); err != nil {
			return err
		}
		ref = f.caseRef
		return w.settled(m, ref, fmt.Sprintf("a new case %s opened by %s", ref, w.who))
	})
	return ref, err
}

// Reprocess files a message again from the start, as if it had just
// arrived (after an upgrade, or a change to the label table): for a
// message that failed, could not be read, or waits for a person.
func (cw *Casework) Reprocess(ctx context.Context, who string, id int64) error {
	if err := checkWho(who); err != nil {
		return err
	}
	err := cw.update(ctx, who, func(w *work) error {
		m, err := w.waiting(id)
		if err != nil {
			return err
		}
		if m.State == intake.MessageQuarantined {
			return intake.Errorf(intake.ECONFLICT, "Message %d was kept with its headers only (%s): it cannot be read again. Ask the sender to send it again, smaller.", id, m.StateDetail)
		}
		if err := w.audit("message.reprocess", "", m.ID, "filed again from the start at %s's request", w.who); err != nil {
			return err
		}
		return w.tx.SetMessageState(id, intake.MessageStored, "to be filed again ("+w.who+")")
	})
	if err != nil {
		return err
	}
	return cw.FileMessage(ctx, id)
}

// Dismiss sets a message aside with a reason (spam, a duplicate, dealt
// with outside intake).
func (cw *Casework) Dismiss(ctx context.Context, who string, id int64, reason string) error {
	if err := checkWho(who); err != nil {
		return err
	}
	if err := needReason(reason, "dismissing it"); err != nil {
		return err
	}
	return cw.update(ctx, who, func(w *work) error {
		m, err := w.waiting(id)
		if err != nil {
			return err
		}
		if err := w.audit("message.dismissed", "", m.ID, "%s", strings.TrimSpace(reason)); err != nil {
			return err
		}
		return w.tx.SetMessageState(id, intake.MessageDismissed, "dismissed by "+w.who+": "+strings.TrimSpace(reason))
	})
}

// MessageView is what a person sees of a stored message: its headers,
// where it stands and why, and its form files (the body is read only by
// downloading the raw message).
type MessageView struct {
	Message   intake.Message `json:"message"`
	From      string         `json:"from"`
	Subject   string         `json:"subject"`
	Kind      string         `json:"kind"`
	CaseRef   string         `json:"case_ref,omitempty"`
	Warnings  []string       `json:"warnings,omitempty"`
	Files     []string       `json:"files,omitempty"`
	Oversized []string       `json:"oversized,omitempty"`
}

// ViewMessage returns a stored message as who sees it, and records that
// who looked at it (a message may hold personal data).
func (cw *Casework) ViewMessage(ctx context.Context, who string, id int64) (*MessageView, error) {
	if err := checkWho(who); err != nil {
		return nil, err
	}
	var v *MessageView
	var raw []byte
	err := cw.update(ctx, who, func(w *work) error {
		m, err := w.tx.Message(id)
		if intake.ErrorCode(err) == intake.ENOTFOUND {
			return intake.Errorf(intake.ENOTFOUND, "There is no message %d.", id)
		}
		if err != nil {
			return err
		}
		v = &MessageView{Message: m}
		res, pr, err := w.parsed(id)
		if err == nil {
			v.From, v.Subject, v.Kind, v.Warnings = res.From, res.Subject, res.Kind, res.Warnings
		}
		v.CaseRef = pr.CaseRef // "" if the row could not be read
		if raw, err = w.tx.MessageRaw(id); err != nil {
			return err
		}
		return w.audit("message.viewed", v.CaseRef, id, "viewed")
	})
	if err != nil || cw.Attachments == nil || v.Message.State == intake.MessageQuarantined {
		return v, err
	}
	if files, oversized, err := cw.Attachments(ctx, raw); err == nil {
		for _, f := range files {
			v.Files = append(v.Files, f.Name)
		}
		v.Oversized = oversized
	}
	return v, nil
}

// RawMessage returns a stored message's bytes for who to download, and
// records the download as information access.
func (cw *Casework) RawMessage(ctx context.Context, who string, id int64) ([]byte, error) {
	if err := checkWho(who); err != nil {
		return nil, err
	}
	var raw []byte
	err := cw.update(ctx, who, func(w *work) error {
		var err error
		if raw, err = w.tx.MessageRaw(id); err != nil {
			if intake.ErrorCode(err) == intake.ENOTFOUND {
				return intake.Errorf(intake.ENOTFOUND, "There is no message %d.", id)
			}
			return err
		}
		ref := ""
		if pr, err := w.tx.ParseResult(id); err == nil {
			ref = pr.CaseRef
		}
		return w.audit("message.downloaded", ref, id, "the raw message, %d bytes", len(raw))
	})
	return raw, err
}
