package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kscmp/intake"
)

// AddSummaryRequest records the request to one agency for its summary on
// a case (r.CaseRef, r.Agency) with the request email's Message-ID, and
// audits "summary.requested". A request already made for that case and
// agency is left as it is (created false).
func AddSummaryRequest(ctx context.Context, t intake.Tx, r intake.SummaryRequest, now time.Time) (created bool, err error) {
	tx, err := sqlTx(t)
	if err != nil {
		return false, err
	}
	id, _, err := caseID(ctx, tx, r.CaseRef)
	if err != nil {
		return false, err
	}
	if r.Status == "" {
		r.Status = intake.SummaryRequested
	}
	if r.RequestedAt.IsZero() {
		r.RequestedAt = now
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO summary_requests (case_id, agency, agency_name, recipients, message_id,
		requested_at, due_date, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (case_id, agency) DO NOTHING`,
		id, r.Agency, r.AgencyName, strings.ToLower(strings.Join(r.To, ",")), strings.ToLower(strings.Trim(r.MessageID, "<>")),
		timeText(r.RequestedAt), dateText(r.Due), string(r.Status))
	if err != nil {
		return false, fmt.Errorf("store: recording summary request %s/%s: %w", r.CaseRef, r.Agency, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, nil
	}
	return true, audit(ctx, tx, intake.AuditEntry{At: now, Actor: "intake", Action: "summary.requested", CaseRef: r.CaseRef,
		Detail: fmt.Sprintf("agency %s, due %s", r.Agency, dateText(r.Due))})
}

const requestColumns = `c.ref, r.agency, r.agency_name, r.recipients, r.message_id, r.requested_at, r.due_date, r.status, r.received_at`

func summaryRequests(ctx context.Context, q querier, clause string, args ...any) ([]intake.SummaryRequest, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+requestColumns+` FROM summary_requests r JOIN cases c ON c.id = r.case_id `+
		clause+` ORDER BY r.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: reading summary requests: %w", err)
	}
	defer rows.Close()
	var out []intake.SummaryRequest
	for rows.Next() {
		var r intake.SummaryRequest
		var to, requested, due, status, received string
		if err := rows.Scan(&r.CaseRef, &r.Agency, &r.AgencyName, &to, &r.MessageID, &requested, &due, &status, &received); err != nil {
			return nil, fmt.Errorf("store: reading summary request: %w", err)
		}
		if to != "" {
			r.To = strings.Split(to, ",")
		}
		r.RequestedAt, r.Due, r.ReceivedAt = parseTime(requested), parseDate(due), parseTime(received)
		r.Status = intake.SummaryStatus(status)
		out = append(out, r)
	}
	return out, rows.Err()
}

// SummaryRequestByMessageID returns the summary request whose email had
// Message-ID id (with or without angle brackets; any case).
func SummaryRequestByMessageID(ctx context.Context, t intake.Tx, id string) (intake.SummaryRequest, bool, error) {
	q, err := sqlTx(t)
	if err != nil {
		return intake.SummaryRequest{}, false, err
	}
	id = strings.ToLower(strings.Trim(strings.TrimSpace(id), "<>"))
	if id == "" {
		return intake.SummaryRequest{}, false, nil
	}
	list, err := summaryRequests(ctx, q, `WHERE r.message_id = ?`, id)
	if err != nil || len(list) == 0 {
		return intake.SummaryRequest{}, false, err
	}
	return list[0], true, nil
}

// RecordSummary records an agency summary (message) matched to its case
// and agency, marks the request received (or received_unverified), and
// audits "summary.received". A summary from an agency the case never asked
// is recorded with a request row of its own (so it shows in the case). A
// second summary from the same agency is recorded too; the request keeps
// its first receipt. The request is returned as it now stands.
func RecordSummary(ctx context.Context, t intake.Tx, m intake.SummaryMatch, agencyName string, message int64, sender string, now time.Time) (intake.SummaryRequest, error) {
	tx, err := sqlTx(t)
	if err != nil {
		return intake.SummaryRequest{}, err
	}
	id, _, err := caseID(ctx, tx, m.CaseRef)
	if err != nil {
		return intake.SummaryRequest{}, err
	}
	status := intake.SummaryReceived
	if !m.Verified {
		status = intake.SummaryReceivedUnverified
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO summaries (case_id, agency, message, received_at, route, verified, sender)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, id, m.Agency, message, timeText(now), m.Route, m.Verified, strings.ToLower(sender)); err != nil {
		return intake.SummaryRequest{}, fmt.Errorf("store: recording summary %s/%s: %w", m.CaseRef, m.Agency, err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO summary_requests (case_id, agency, agency_name, requested_at, status, received_at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (case_id, agency) DO UPDATE SET status = excluded.status, received_at = excluded.received_at
		WHERE summary_requests.status = 'requested'`,
		id, m.Agency, agencyName, timeText(now), string(status), timeText(now))
	if err != nil {
		return intake.SummaryRequest{}, fmt.Errorf("store: marking summary %s/%s received: %w", m.CaseRef, m.Agency, err)
	}
	detail := fmt.Sprintf("agency %s, matched by %s", m.Agency, m.Route)
	if !m.Verified {
		detail += ", unverified sender"
	}
	if err := audit(ctx, tx, intake.AuditEntry{At: now, Actor: "intake", Action: "summary.received", CaseRef: m.CaseRef,
		MessageID: message, Detail: detail}); err != nil {
		return intake.SummaryRequest{}, err
	}
	list, err := summaryRequests(ctx, tx, `WHERE r.case_id = ? AND r.agency = ?`, id, m.Agency)
	if err != nil || len(list) == 0 {
		return intake.SummaryRequest{}, errors.Join(err, fmt.Errorf("store: summary request %s/%s vanished", m.CaseRef, m.Agency))
	}
	return list[0], nil
}

// OpenSummaryRequests returns every summary request still awaited on a
// case not yet decided or closed, for the chaser scheduler.
func OpenSummaryRequests(ctx context.Context, t intake.Tx) ([]intake.SummaryRequest, error) {
	q, err := sqlTx(t)
	if err != nil {
		return nil, err
	}
	return summaryRequests(ctx, q, `WHERE r.status = 'requested' AND c.state NOT IN ('decided', 'closed')`)
}

// RecordOutcome records the rapid review decision on case ref, moves it to
// decided (refused if the case is closed or already decided) and audits
// "case.outcome", inside the caller's transaction.
func RecordOutcome(ctx context.Context, t intake.Tx, ref string, o intake.Outcome) error {
	tx, err := sqlTx(t)
	if err != nil {
		return err
	}
	if err := o.Validate(); err != nil {
		return fmt.Errorf("store: recording outcome of %s: %w", ref, err)
	}
	if err := TransitionCase(ctx, t, ref, intake.StateDecided, o.By, "rapid review decision recorded", o.At); err != nil {
		return err
	}
	id, _, err := caseID(ctx, tx, ref)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO outcomes (case_id, decision, reason, decided_by, decided_at) VALUES (?, ?, ?, ?, ?)`,
		id, string(o.Decision), o.Reason, o.By, timeText(o.At)); err != nil {
		return fmt.Errorf("store: recording outcome of %s: %w", ref, err)
	}
	return audit(ctx, tx, intake.AuditEntry{At: o.At, Actor: o.By, Action: "case.outcome", CaseRef: ref,
		Detail: string(o.Decision) + ": " + o.Reason})
}
