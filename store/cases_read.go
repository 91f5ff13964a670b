package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/kscmp/intake"
)

const caseColumns = `id, ref, state, created_at, updated_at, aware_date, notification_date, request_date,
	COALESCE(referral_message, 0), referrer, referrer_message_id, verdict, missing, flags, unknown_agencies,
	awaiting_referrer_since, child_name, child_dob, incident_date,
	(SELECT COUNT(*) FROM case_referrals r WHERE r.case_id = cases.id AND r.linked = 1)`

// CaseFilter selects cases for ListCases; zero fields select all.
type CaseFilter struct {
	States   []intake.CaseState
	Open     bool   // only cases not yet decided or closed
	ChildDOB string // only cases for a child born on this date (linking)
}

// GetCase returns case ref with its pauses, summary requests and outcome.
func GetCase(ctx context.Context, t intake.Tx, ref string) (*intake.Case, error) {
	q, err := sqlTx(t)
	if err != nil {
		return nil, err
	}
	list, err := listCases(ctx, q, `WHERE ref = ?`, ref)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, fmt.Errorf("store: reading case %s: %w", ref, notFound("no case %s", ref))
	}
	return list[0], nil
}

// Case returns case ref with its pauses, summary requests and outcome.
func (s *Store) Case(ctx context.Context, ref string) (c *intake.Case, err error) {
	err = s.View(ctx, func(t intake.Tx) error {
		c, err = GetCase(ctx, t, ref)
		return err
	})
	return c, err
}

// ListCases returns the cases the filter selects, oldest first, each with
// its pauses, summary requests and outcome.
func ListCases(ctx context.Context, t intake.Tx, f CaseFilter) ([]*intake.Case, error) {
	q, err := sqlTx(t)
	if err != nil {
		return nil, err
	}
	var where []string
	var args []any
	if len(f.States) > 0 {
		marks := make([]string, len(f.States))
		for i, s := range f.States {
			marks[i] = "?"
			args = append(args, string(s))
		}
		where = append(where, "state IN ("+strings.Join(marks, ",")+")")
	}
	if f.Open {
		where = append(where, "state NOT IN ('decided', 'closed')")
	}
	if f.ChildDOB != "" {
		where, args = append(where, "child_dob = ?"), append(args, f.ChildDOB)
	}
	clause := ""
	if len(where) > 0 {
		clause = "WHERE " + strings.Join(where, " AND ")
	}
	return listCases(ctx, q, clause, args...)
}

// Cases is ListCases in a View of its own.
func (s *Store) Cases(ctx context.Context, f CaseFilter) (list []*intake.Case, err error) {
	err = s.View(ctx, func(t intake.Tx) error {
		list, err = ListCases(ctx, t, f)
		return err
	})
	return list, err
}

func listCases(ctx context.Context, q querier, clause string, args ...any) ([]*intake.Case, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+caseColumns+` FROM cases `+clause+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: listing cases: %w", err)
	}
	var out []*intake.Case
	var ids []int64
	for rows.Next() {
		var c intake.Case
		var id int64
		var state, created, updated, aware, notif, req, missing, flags, unknown, since string
		if err := rows.Scan(&id, &c.Ref, &state, &created, &updated, &aware, &notif, &req, &c.ReferralMessage,
			&c.Referrer, &c.ReferrerMessageID, &c.Verdict, &missing, &flags, &unknown, &since,
			&c.Child.Name, &c.Child.DOB, &c.Child.IncidentDate, &c.Linked); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: reading case row: %w", err)
		}
		c.State = intake.CaseState(state)
		c.CreatedAt, c.UpdatedAt = parseTime(created), parseTime(updated)
		c.AwareDate, c.NotificationDate, c.RequestDate = parseDate(aware), parseDate(notif), parseDate(req)
		c.Missing, c.Flags, c.UnknownAgencies = parseList(missing), parseList(flags), parseList(unknown)
		c.AwaitingReferrerSince = parseTime(since)
		out = append(out, &c)
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: listing cases: %w", err)
	}
	for i, c := range out {
		if err := loadCaseDetails(ctx, q, ids[i], c); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func loadCaseDetails(ctx context.Context, q querier, id int64, c *intake.Case) error {
	rows, err := q.QueryContext(ctx, `SELECT started_at, started_by, reason, ended_at, ended_by, end_reason
		FROM case_pauses WHERE case_id = ? ORDER BY id`, id)
	if err != nil {
		return fmt.Errorf("store: reading pauses of %s: %w", c.Ref, err)
	}
	for rows.Next() {
		var p intake.Pause
		var start, end string
		if err := rows.Scan(&start, &p.By, &p.Reason, &end, &p.EndBy, &p.EndReason); err != nil {
			rows.Close()
			return fmt.Errorf("store: reading pauses of %s: %w", c.Ref, err)
		}
		p.Start, p.End = parseTime(start), parseTime(end)
		c.Pauses = append(c.Pauses, p)
	}
	rows.Close()
	reqs, err := summaryRequests(ctx, q, `WHERE r.case_id = ?`, id)
	if err != nil {
		return err
	}
	c.Requests = reqs
	var o intake.Outcome
	var decision, at string
	err = q.QueryRowContext(ctx, `SELECT decision, reason, decided_by, decided_at FROM outcomes WHERE case_id = ?`, id).
		Scan(&decision, &o.Reason, &o.By, &at)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return fmt.Errorf("store: reading outcome of %s: %w", c.Ref, err)
	default:
		o.Decision, o.At = intake.Decision(decision), parseTime(at)
		c.Outcome = &o
	}
	return nil
}
