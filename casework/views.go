package casework

import (
	"context"
	"time"

	"github.com/kscmp/intake"
)

// CaseView is everything a person sees of one case: the case, where it
// stands on both clocks, the emails about it and their delivery state,
// and its audit trail.
type CaseView struct {
	Case     *intake.Case        `json:"case"`
	Schedule intake.CaseSchedule `json:"schedule"`
	Emails   []intake.OutboxRow  `json:"emails"`
	Audit    []intake.AuditEntry `json:"audit"`
	// Neighbour is the partnership a person may redirect to, suggested
	// from the places the referral names.
	Neighbour *intake.Neighbour `json:"suggested_neighbour,omitempty"`
}

// ViewCase returns case ref as who sees it, and records that who viewed
// it (every view of a case is information access, audited).
func (cw *Casework) ViewCase(ctx context.Context, who, ref string) (*CaseView, error) {
	if err := checkWho(who); err != nil {
		return nil, err
	}
	var v *CaseView
	err := cw.update(ctx, who, func(w *work) error {
		c, err := w.caseByRef(NormalizeRef(ref))
		if err != nil {
			return err
		}
		if err := w.audit("case.viewed", c.Ref, 0, "viewed"); err != nil {
			return err
		}
		p := w.cw.Policy
		v = &CaseView{Case: c, Schedule: c.Schedule(p.Timetable, p.Calendar, w.now)}
		if nb, ok := p.Neighbours.Suggest(c.Referral); ok && c.Flagged(intake.FlagOutOfArea) {
			v.Neighbour = &nb
		}
		if v.Emails, err = w.tx.ListOutbox(intake.OutboxFilter{CaseRef: c.Ref}); err != nil {
			return err
		}
		v.Audit, err = w.tx.AuditTrail(c.Ref)
		return err
	})
	return v, err
}

// CaseSummary is one line of a list of cases.
type CaseSummary struct {
	Case     *intake.Case
	Schedule intake.CaseSchedule
}

// ListCases returns the cases f selects with where each stands as of now
// (a list shows references, states and dates: no personal data, so it is
// not audited as access to a case).
func (cw *Casework) ListCases(ctx context.Context, f intake.CaseFilter, now time.Time) ([]CaseSummary, error) {
	var out []CaseSummary
	err := cw.Store.View(ctx, func(tx intake.Tx) error {
		cases, err := tx.Cases(f)
		if err != nil {
			return err
		}
		p := cw.Policy
		for _, c := range cases {
			out = append(out, CaseSummary{Case: c, Schedule: c.Schedule(p.Timetable, p.Calendar, now)})
		}
		return nil
	})
	return out, err
}
