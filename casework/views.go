package casework

import (
	"context"
	"slices"
	"time"

	"github.com/kscmp/intake"
)

// CaseView is everything a person sees of one case: the case, where it
// stands on both clocks, the emails about it and their delivery state,
// its audit trail, and who has looked at it.
type CaseView struct {
	Case     *intake.Case        `json:"case"`
	Schedule intake.CaseSchedule `json:"schedule"`
	Emails   []intake.OutboxRow  `json:"emails"`
	// Audit is what happened to the case and who did it, oldest first.
	Audit []intake.AuditEntry `json:"audit"`
	// Access is every view and download of the case and its messages,
	// newest first: kept apart so that a case looked at every day still
	// shows its history at a glance.
	Access []intake.AuditEntry `json:"access"`
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
		trail, err := w.tx.AuditTrail(c.Ref)
		v.Audit, v.Access = splitAccess(trail)
		return err
	})
	return v, err
}

// accessActions are the audit lines that record someone looking at a
// case or downloading from it, not anything done to it.
var accessActions = map[string]bool{
	"case.viewed": true, "message.viewed": true, "message.downloaded": true, "message.file_downloaded": true,
}

// splitAccess separates a case's audit trail (oldest first) into what
// happened, oldest first, and who looked, newest first.
func splitAccess(trail []intake.AuditEntry) (happened, access []intake.AuditEntry) {
	for _, e := range trail {
		if accessActions[e.Action] {
			access = append(access, e)
		} else {
			happened = append(happened, e)
		}
	}
	slices.Reverse(access)
	return happened, access
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
