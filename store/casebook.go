package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kscmp/intake"
)

var _ intake.CaseBook = (*tx)(nil)

// NextCaseRef takes the next case number of year and returns the
// reference PREFIX-YEAR-NNNN. Numbers only go up; a reference whose
// transaction rolls back was never used by a case.
func (t *tx) NextCaseRef(prefix string, year int) (string, error) {
	if prefix == "" {
		return "", fmt.Errorf("store: taking a case number: empty reference prefix")
	}
	var n int
	err := t.tx.QueryRowContext(t.ctx, `INSERT INTO case_counters (year, last) VALUES (?, 1)
		ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last`, year).Scan(&n)
	if err != nil {
		return "", fmt.Errorf("store: taking a case number for %d: %w", year, err)
	}
	return fmt.Sprintf("%s-%d-%04d", prefix, year, n), nil
}

// CreateCase stores a new case under c.Ref.
func (t *tx) CreateCase(c *intake.Case) error {
	doc, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("store: encoding case %s: %w", c.Ref, err)
	}
	child := c.Child()
	_, err = t.tx.ExecContext(t.ctx, `INSERT INTO cases (ref, state, created_at, updated_at, aware_date, request_date,
		referrer, referrer_message_id, verdict, child_name, child_dob, incident_date, doc)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.Ref, string(c.State), timeText(c.CreatedAt), timeText(c.UpdatedAt), dateText(c.AwareDate), dateText(c.RequestDate),
		strings.ToLower(c.Referrer), c.ReferrerMessageID, c.Screening.Verdict, child.Name, child.DOB, child.IncidentDate, string(doc))
	if err != nil {
		return fmt.Errorf("store: creating case %s: %w", c.Ref, err)
	}
	if _, err := t.tx.ExecContext(t.ctx, `INSERT INTO case_versions (case_id) SELECT id FROM cases WHERE ref = ?`, c.Ref); err != nil {
		return fmt.Errorf("store: creating case %s: %w", c.Ref, err)
	}
	return t.writeRequests(c)
}

// SaveCase stores the case as it now stands.
func (t *tx) SaveCase(c *intake.Case) error {
	doc, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("store: encoding case %s: %w", c.Ref, err)
	}
	child := c.Child()
	res, err := t.tx.ExecContext(t.ctx, `UPDATE cases SET state = ?, updated_at = ?, aware_date = ?, request_date = ?,
		referrer = ?, referrer_message_id = ?, verdict = ?, child_name = ?, child_dob = ?, incident_date = ?, doc = ?
		WHERE ref = ?`,
		string(c.State), timeText(c.UpdatedAt), dateText(c.AwareDate), dateText(c.RequestDate), strings.ToLower(c.Referrer),
		c.ReferrerMessageID, c.Screening.Verdict, child.Name, child.DOB, child.IncidentDate, string(doc), c.Ref)
	if err != nil {
		return fmt.Errorf("store: saving case %s: %w", c.Ref, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: saving case %s: %w", c.Ref, notFound("no case %s", c.Ref))
	}
	if _, err := t.tx.ExecContext(t.ctx, `UPDATE case_versions SET version = version + 1
		WHERE case_id = (SELECT id FROM cases WHERE ref = ?)`, c.Ref); err != nil {
		return fmt.Errorf("store: saving case %s: %w", c.Ref, err)
	}
	return t.writeRequests(c)
}

// writeRequests rewrites the index of c's summary requests.
func (t *tx) writeRequests(c *intake.Case) error {
	if _, err := t.tx.ExecContext(t.ctx, `DELETE FROM summary_requests WHERE case_id = (SELECT id FROM cases WHERE ref = ?)`, c.Ref); err != nil {
		return fmt.Errorf("store: saving requests of %s: %w", c.Ref, err)
	}
	for _, r := range c.Requests {
		_, err := t.tx.ExecContext(t.ctx, `INSERT INTO summary_requests (case_id, agency, agency_name, recipients, message_id,
			requested_at, due_date, status, received_at) VALUES ((SELECT id FROM cases WHERE ref = ?), ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.Ref, r.Agency, r.AgencyName, strings.ToLower(strings.Join(r.To, ",")), intake.BareID(r.MessageID),
			timeText(r.RequestedAt), dateText(r.Due), string(r.Status), timeText(r.ReceivedAt))
		if err != nil {
			return fmt.Errorf("store: saving request %s/%s: %w", c.Ref, r.Agency, err)
		}
	}
	return nil
}

// Case returns case ref.
func (t *tx) Case(ref string) (*intake.Case, error) {
	list, err := t.cases(`WHERE ref = ?`, ref)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, fmt.Errorf("store: reading case %s: %w", ref, notFound("no case %s", ref))
	}
	return list[0], nil
}

// Cases returns the cases f selects, oldest first.
func (t *tx) Cases(f intake.CaseFilter) ([]*intake.Case, error) {
	var where []string
	var args []any
	if len(f.States) > 0 {
		where = append(where, `state IN (?`+strings.Repeat(`, ?`, len(f.States)-1)+`)`)
		for _, s := range f.States {
			args = append(args, string(s))
		}
	}
	if f.Open {
		where = append(where, `state NOT IN ('decided', 'closed')`)
	}
	if f.ChildDOB != "" {
		where, args = append(where, `child_dob = ?`), append(args, f.ChildDOB)
	}
	if !f.CreatedSince.IsZero() {
		where, args = append(where, `created_at >= ?`), append(args, timeText(f.CreatedSince))
	}
	clause := ""
	if len(where) > 0 {
		clause = `WHERE ` + strings.Join(where, ` AND `)
	}
	clause += ` ORDER BY id`
	if f.Limit > 0 {
		clause += fmt.Sprintf(` LIMIT %d`, f.Limit)
	}
	return t.cases(clause, args...)
}

// cases reads the cases a clause selects, upgrading any stored before
// cases were documents. A View reads through the store's cache of
// decoded cases (see caseCache).
func (t *tx) cases(clause string, args ...any) ([]*intake.Case, error) {
	if t.readOnly && t.cache != nil {
		return t.cachedCases(clause, args...)
	}
	rows, err := t.tx.QueryContext(t.ctx, `SELECT id, ref, doc FROM cases `+clause, args...)
	if err != nil {
		return nil, fmt.Errorf("store: reading cases: %w", err)
	}
	type row struct {
		id       int64
		ref, doc string
	}
	var list []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.ref, &r.doc); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: reading a case: %w", err)
		}
		list = append(list, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reading cases: %w", err)
	}
	out := make([]*intake.Case, 0, len(list))
	for _, r := range list {
		c, err := t.decodeCase(r.id, r.ref, r.doc)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// decodeCase decodes a case's document.
func (t *tx) decodeCase(id int64, ref, doc string) (*intake.Case, error) {
	if doc == "" {
		// Stored by the first version and not yet upgraded: only in a
		// View begun before Open's upgrade committed.
		return t.oldCase(id)
	}
	c := new(intake.Case)
	if err := json.Unmarshal([]byte(doc), c); err != nil {
		return nil, fmt.Errorf("store: decoding case %s: %w", ref, err)
	}
	return c, nil
}

// CaseOfRequest returns the case and agency of the summary request whose
// email had Message-ID id.
func (t *tx) CaseOfRequest(id string) (ref, agency string, ok bool, err error) {
	id = intake.BareID(id)
	if id == "" {
		return "", "", false, nil
	}
	err = t.tx.QueryRowContext(t.ctx, `SELECT c.ref, r.agency FROM summary_requests r JOIN cases c ON c.id = r.case_id
		WHERE r.message_id = ?`, id).Scan(&ref, &agency)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", false, nil
	}
	if err != nil {
		return "", "", false, fmt.Errorf("store: looking up a summary request by Message-ID: %w", err)
	}
	return ref, agency, true, nil
}

// dateText writes a date as YYYY-MM-DD in Europe/London, "" for zero.
func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(intake.London).Format("2006-01-02")
}

// parseDate reads dateText's text as midnight Europe/London.
func parseDate(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, _ := time.ParseInLocation("2006-01-02", s, intake.London)
	return t
}

// parseList reads a JSON list of strings ("[]" or "" for none).
func parseList(s string) []string {
	var l []string
	json.Unmarshal([]byte(s), &l)
	return l
}
