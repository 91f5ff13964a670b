package casework

import (
	"context"
	"strings"

	"github.com/kscmp/intake"
)

// RecordOutcome records the Rapid Review Group's decision on an accepted
// case, with its rationale, as who: the rapid review step is recorded as
// done by who, the case is decided, and every referrer on the case (and,
// where configured, every agency asked) is told the decision with the
// rationale. Recording that the chair sent the outcome to the national
// Panel is its own step (RecordStep outcome_to_panel).
func (cw *Casework) RecordOutcome(ctx context.Context, who, ref string, d intake.Decision, rationale string) error {
	if _, err := intake.ParseDecision(string(d)); err != nil {
		return intake.Errorf(intake.EINVALID, "%s", err.Error())
	}
	if err := needReason(rationale, "the decision (its rationale is shared with the referrer)"); err != nil {
		return err
	}
	return cw.onCase(ctx, who, ref, func(w *work, c *intake.Case) error {
		switch {
		case c.State == intake.StateDecided:
			return intake.Errorf(intake.ECONFLICT, "%s is already decided (%s, recorded by %s): amend the outcome instead.", c.Ref, c.Outcome.Decision, c.Outcome.By)
		case !c.State.Accepted():
			return intake.Errorf(intake.ECONFLICT, "%s is %s: a rapid review decision is recorded only on an accepted case. To record that the referral does not meet the criteria, choose the route \"not accepted\".", c.Ref, c.State.Words())
		}
		if err := intake.CheckTransition(c.State, intake.StateDecided); err != nil {
			return err
		}
		c.State = intake.StateDecided
		c.Outcome = &intake.Outcome{Decision: d, Reason: strings.TrimSpace(rationale), By: w.who, At: w.now}
		c.Steps = append(c.Steps, intake.StepRecord{Step: intake.StepRapidReview, Done: intake.StartOfDay(w.now), How: string(d), By: w.who, RecordedAt: w.now})
		if err := w.audit("case.outcome", c.Ref, 0, "decision %s", d); err != nil {
			return err
		}
		return w.tellOutcome(c, "")
	})
}

// tellOutcome queues the outcome notices: to each referrer and, where
// configured, each agency asked. suffix tells an amended outcome's
// notices from the first ones.
func (w *work) tellOutcome(c *intake.Case, suffix string) error {
	inReply, refs := replyTo(c.ReferrerMessageID)
	for i, to := range w.referrers(c) {
		if err := w.queue(intake.Notice{Key: keyf("outcome:%s:%d%s", c.Ref, i, suffix), Kind: intake.NoticeOutcome, CaseRef: c.Ref,
			To: []string{to}, InReplyTo: inReply, References: refs, Decision: string(c.Outcome.Decision), Reason: c.Outcome.Reason, Ending: "reviewed"}); err != nil {
			return err
		}
	}
	if !w.cw.Policy.OutcomeToAgencies {
		return nil
	}
	for _, r := range c.Requests {
		if len(r.To) == 0 || r.Status == intake.SummaryWithdrawn {
			continue
		}
		r := r
		inReply, refs := replyTo(r.MessageID)
		if err := w.queue(intake.Notice{Key: keyf("outcome:%s:%s%s", c.Ref, r.Agency, suffix), Kind: intake.NoticeOutcome, CaseRef: c.Ref,
			To: r.To, InReplyTo: inReply, References: refs, Agency: r.AgencyName, Decision: string(c.Outcome.Decision), Reason: c.Outcome.Reason, Ending: "reviewed"}); err != nil {
			return err
		}
	}
	return nil
}
