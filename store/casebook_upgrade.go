package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/kscmp/intake"
)

// casesToUpgrade finds the cases upgradeCases saves as documents: those
// without one. The partial index cases_without_doc (migration 0012)
// answers it without reading any document.
const casesToUpgrade = `SELECT id FROM cases WHERE doc = '' ORDER BY id`

// upgradeCases saves as a document every case stored by the first
// version of intake (its columns and part tables, before migration 0005),
// in one transaction at open. What that version knew carries over; what
// it did not record (who accepted a case) is said plainly, never made up:
// an accepted case's route is recorded as intake's, "before routes were
// recorded". Day 1 is the day the referral arrived.
func (s *Store) upgradeCases(ctx context.Context) error {
	return s.Update(ctx, func(it intake.Tx) error {
		t := it.(*tx)
		rows, err := t.tx.QueryContext(t.ctx, casesToUpgrade)
		if err != nil {
			return fmt.Errorf("store: finding cases to upgrade: %w", err)
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return fmt.Errorf("store: finding cases to upgrade: %w", err)
			}
			ids = append(ids, id)
		}
		rows.Close()
		for _, id := range ids {
			c, err := t.oldCase(id)
			if err != nil {
				return err
			}
			if err := t.SaveCase(c); err != nil {
				return err
			}
		}
		return nil
	})
}

// oldCase reads a case in the first version's shape.
func (t *tx) oldCase(id int64) (*intake.Case, error) {
	c := &intake.Case{}
	var state, created, updated, aware, notif, req, verdict, missing, flags, unknown, since, name, dob, incident string
	var referral int64
	err := t.tx.QueryRowContext(t.ctx, `SELECT ref, state, created_at, updated_at, aware_date, notification_date, request_date,
		COALESCE(referral_message, 0), referrer, referrer_message_id, verdict, missing, flags, unknown_agencies,
		awaiting_referrer_since, child_name, child_dob, incident_date FROM cases WHERE id = ?`, id).
		Scan(&c.Ref, &state, &created, &updated, &aware, &notif, &req, &referral, &c.Referrer, &c.ReferrerMessageID,
			&verdict, &missing, &flags, &unknown, &since, &name, &dob, &incident)
	if err != nil {
		return nil, fmt.Errorf("store: reading case %d to upgrade: %w", id, err)
	}
	c.State = intake.CaseState(state)
	c.CreatedAt, c.UpdatedAt, c.AwaitingReferrerSince = parseTime(created), parseTime(updated), parseTime(since)
	c.AwareDate, c.RequestDate = parseDate(aware), parseDate(req)
	c.Received = parseDate(notif)
	if c.Received.IsZero() {
		c.Received = c.CreatedAt
	}
	c.Day1 = intake.StartOfDay(c.Received)
	c.Screening = intake.Screening{Verdict: verdict, Missing: parseList(missing), Failed: []string{}, Flags: parseList(flags)}
	c.UnknownAgencies = parseList(unknown)
	c.Referral = t.oldReferral(referral)
	c.Referral.ChildName, c.Referral.ChildDOB, c.Referral.IncidentDate = name, dob, incident
	if c.State.Accepted() {
		c.Route = &intake.RouteDecision{Route: intake.RouteAccept, By: "intake", At: c.CreatedAt,
			Reason: "accepted by the first version of intake, before routes were recorded"}
	}
	for _, load := range []func(int64, *intake.Case) error{t.oldReferrals, t.oldPauses, t.oldRequests, t.oldOutcome} {
		if err := load(id, c); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// oldReferral reads the form of a referral message from its parse result.
func (t *tx) oldReferral(message int64) intake.Referral {
	var body string
	if message == 0 || t.tx.QueryRowContext(t.ctx, `SELECT result FROM parse_results WHERE message = ?`, message).Scan(&body) != nil {
		return intake.Referral{}
	}
	var res struct {
		Fields map[string]any `json:"fields"`
	}
	json.Unmarshal([]byte(body), &res)
	return intake.ReferralFromFields(res.Fields)
}

func (t *tx) oldReferrals(id int64, c *intake.Case) error {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT r.message, r.linked, r.at, m.message_id FROM case_referrals r
		JOIN messages m ON m.id = r.message WHERE r.case_id = ? ORDER BY r.at`, id)
	if err != nil {
		return fmt.Errorf("store: reading referrals of %s: %w", c.Ref, err)
	}
	defer rows.Close()
	for rows.Next() {
		var r intake.CaseReferral
		var at string
		if err := rows.Scan(&r.Message, &r.Linked, &at, &r.MessageID); err != nil {
			return fmt.Errorf("store: reading referrals of %s: %w", c.Ref, err)
		}
		r.At, r.By = parseTime(at), "intake"
		if !r.Linked {
			r.From = c.Referrer
		}
		c.Referrals = append(c.Referrals, r)
	}
	return rows.Err()
}

func (t *tx) oldPauses(id int64, c *intake.Case) error {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT started_at, started_by, reason, ended_at, ended_by, end_reason
		FROM case_pauses WHERE case_id = ? ORDER BY id`, id)
	if err != nil {
		return fmt.Errorf("store: reading pauses of %s: %w", c.Ref, err)
	}
	defer rows.Close()
	for rows.Next() {
		var p intake.Pause
		var start, end string
		if err := rows.Scan(&start, &p.By, &p.Reason, &end, &p.EndBy, &p.EndReason); err != nil {
			return fmt.Errorf("store: reading pauses of %s: %w", c.Ref, err)
		}
		p.Start, p.End = parseTime(start), parseTime(end)
		p.ForReferrer = strings.HasPrefix(p.Reason, "awaiting the referrer")
		c.Pauses = append(c.Pauses, p)
	}
	return rows.Err()
}

func (t *tx) oldRequests(id int64, c *intake.Case) error {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT agency, agency_name, recipients, message_id, requested_at, due_date, status, received_at
		FROM summary_requests WHERE case_id = ? ORDER BY id`, id)
	if err != nil {
		return fmt.Errorf("store: reading requests of %s: %w", c.Ref, err)
	}
	defer rows.Close()
	for rows.Next() {
		r := intake.SummaryRequest{CaseRef: c.Ref}
		var to, requested, due, status, received string
		if err := rows.Scan(&r.Agency, &r.AgencyName, &to, &r.MessageID, &requested, &due, &status, &received); err != nil {
			return fmt.Errorf("store: reading requests of %s: %w", c.Ref, err)
		}
		if to != "" {
			r.To = strings.Split(to, ",")
		}
		r.RequestedAt, r.Due, r.ReceivedAt = parseTime(requested), parseDate(due), parseTime(received)
		r.Status = intake.SummaryStatus(status)
		if status == "received_unverified" {
			r.Status, r.Note = intake.SummaryReceived, "received before intake checked senders: from an address that was not the SPOC's"
		}
		if r.Status != intake.SummaryRequested {
			r.By = "intake"
		}
		c.Requests = append(c.Requests, r)
	}
	return rows.Err()
}

func (t *tx) oldOutcome(id int64, c *intake.Case) error {
	var o intake.Outcome
	var decision, at string
	err := t.tx.QueryRowContext(t.ctx, `SELECT decision, reason, decided_by, decided_at FROM outcomes WHERE case_id = ?`, id).
		Scan(&decision, &o.Reason, &o.By, &at)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return fmt.Errorf("store: reading outcome of %s: %w", c.Ref, err)
	}
	o.Decision, o.At = intake.Decision(decision), parseTime(at)
	c.Outcome = &o
	c.Steps = append(c.Steps, intake.StepRecord{Step: intake.StepRapidReview, Done: intake.StartOfDay(o.At), By: o.By, How: decision, RecordedAt: o.At})
	return nil
}
