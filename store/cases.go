package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kscmp/intake"
)

// NewCase is a case about to be made from a referral.
type NewCase struct {
	Prefix            string // case_ref_prefix, e.g. "KSCMP"
	State             intake.CaseState
	AwareDate         time.Time
	NotificationDate  time.Time
	ReferralMessage   int64 // messages.id, 0 if none (a case entered by hand)
	Referrer          string
	ReferrerMessageID string
	Verdict           string
	Missing           []string
	Flags             []string
	UnknownAgencies   []string
	Child             intake.ChildIdentity
	Actor             string // who made it ("intake")
	Reason            string // for the audit trail; no personal data
}

// dateText writes a date as YYYY-MM-DD in Europe/London, "" for zero.
func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(intake.London).Format("2006-01-02")
}

func parseDate(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, _ := time.ParseInLocation("2006-01-02", s, intake.London)
	return t
}

func jsonList(l []string) string {
	if len(l) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(l)
	return string(b)
}

func parseList(s string) []string {
	var l []string
	json.Unmarshal([]byte(s), &l)
	return l
}

// nextCaseRef takes the next case number of year inside the caller's
// transaction and returns the reference PREFIX-YEAR-NNNN. Numbers only go
// up; a reference whose transaction rolls back was never used by a case.
func nextCaseRef(ctx context.Context, tx *sql.Tx, prefix string, year int) (string, error) {
	var n int
	err := tx.QueryRowContext(ctx, `INSERT INTO case_counters (year, last) VALUES (?, 1)
		ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last`, year).Scan(&n)
	if err != nil {
		return "", fmt.Errorf("store: taking a case number for %d: %w", year, err)
	}
	return fmt.Sprintf("%s-%d-%04d", prefix, year, n), nil
}

// CreateCase makes a case with the next reference of now's year (in
// Europe/London), records its referral and audits "case.created", all
// inside the caller's transaction. A case made in awaiting_referrer has
// its clock paused at once.
func CreateCase(ctx context.Context, t intake.Tx, nc NewCase, now time.Time) (*intake.Case, error) {
	tx, err := sqlTx(t)
	if err != nil {
		return nil, err
	}
	if nc.Prefix == "" {
		return nil, fmt.Errorf("store: creating case: empty reference prefix")
	}
	if nc.State == "" {
		nc.State = intake.StateReceived
	}
	if _, err := intake.ParseCaseState(string(nc.State)); err != nil {
		return nil, fmt.Errorf("store: creating case: %w", err)
	}
	ref, err := nextCaseRef(ctx, tx, nc.Prefix, now.In(intake.London).Year())
	if err != nil {
		return nil, err
	}
	var msg any
	if nc.ReferralMessage != 0 {
		msg = nc.ReferralMessage
	}
	since := ""
	if nc.State == intake.StateAwaitingReferrer {
		since = timeText(now)
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO cases (ref, state, created_at, updated_at, aware_date, notification_date,
		referral_message, referrer, referrer_message_id, verdict, missing, flags, unknown_agencies, awaiting_referrer_since,
		child_name, child_dob, incident_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		ref, string(nc.State), timeText(now), timeText(now), dateText(nc.AwareDate), dateText(nc.NotificationDate),
		msg, strings.ToLower(nc.Referrer), nc.ReferrerMessageID, nc.Verdict, jsonList(nc.Missing), jsonList(nc.Flags),
		jsonList(nc.UnknownAgencies), since, nc.Child.Name, nc.Child.DOB, nc.Child.IncidentDate)
	if err != nil {
		return nil, fmt.Errorf("store: creating case %s: %w", ref, err)
	}
	id, _ := res.LastInsertId()
	if nc.ReferralMessage != 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO case_referrals (case_id, message, linked, at) VALUES (?, ?, 0, ?)`,
			id, nc.ReferralMessage, timeText(now)); err != nil {
			return nil, fmt.Errorf("store: recording referral of %s: %w", ref, err)
		}
	}
	actor := nc.Actor
	if actor == "" {
		actor = "intake"
	}
	if err := audit(ctx, tx, intake.AuditEntry{At: now, Actor: actor, Action: "case.created", CaseRef: ref,
		MessageID: nc.ReferralMessage, Detail: strings.TrimSpace("state " + string(nc.State) + "; " + nc.Reason)}); err != nil {
		return nil, err
	}
	if nc.State == intake.StateAwaitingReferrer {
		if err := PauseCase(ctx, t, ref, actor, "awaiting the referrer: information missing", now); err != nil {
			return nil, err
		}
	}
	return GetCase(ctx, t, ref)
}

// caseID returns the row id and state of the case ref.
func caseID(ctx context.Context, q querier, ref string) (int64, intake.CaseState, error) {
	var id int64
	var state string
	err := q.QueryRowContext(ctx, `SELECT id, state FROM cases WHERE ref = ?`, ref).Scan(&id, &state)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", fmt.Errorf("store: finding case %s: %w", ref, notFound("no case %s", ref))
	}
	if err != nil {
		return 0, "", fmt.Errorf("store: finding case %s: %w", ref, err)
	}
	return id, intake.CaseState(state), nil
}

// TransitionCase moves a case to another state inside the caller's
// transaction, if the process allows the move (intake.CheckTransition),
// and audits "case.state" with the actor and reason. Entering
// awaiting_referrer pauses the clock; leaving it ends that pause.
func TransitionCase(ctx context.Context, t intake.Tx, ref string, to intake.CaseState, actor, reason string, now time.Time) error {
	tx, err := sqlTx(t)
	if err != nil {
		return err
	}
	id, from, err := caseID(ctx, tx, ref)
	if err != nil {
		return err
	}
	if err := intake.CheckTransition(from, to); err != nil {
		return fmt.Errorf("store: case %s: %w", ref, err)
	}
	since := ""
	if to == intake.StateAwaitingReferrer {
		since = timeText(now)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE cases SET state = ?, updated_at = ?, awaiting_referrer_since = ? WHERE id = ?`,
		string(to), timeText(now), since, id); err != nil {
		return fmt.Errorf("store: moving case %s to %s: %w", ref, to, err)
	}
	if err := audit(ctx, tx, intake.AuditEntry{At: now, Actor: actor, Action: "case.state", CaseRef: ref,
		Detail: fmt.Sprintf("%s -> %s: %s", from, to, reason)}); err != nil {
		return err
	}
	if to == intake.StateAwaitingReferrer {
		return PauseCase(ctx, t, ref, actor, "awaiting the referrer: "+reason, now)
	}
	if from == intake.StateAwaitingReferrer {
		if err := ResumeCase(ctx, t, ref, actor, reason, now); err != nil && !errors.Is(err, ErrNotPaused) {
			return err
		}
	}
	return nil
}

// ErrNotPaused is returned by ResumeCase for a case whose clock runs.
var ErrNotPaused = errors.New("store: the case's clock is not paused")

// PauseCase stops a case's clock, recording who and why, and audits
// "case.paused". A case already paused is an error.
func PauseCase(ctx context.Context, t intake.Tx, ref, by, reason string, now time.Time) error {
	tx, err := sqlTx(t)
	if err != nil {
		return err
	}
	id, state, err := caseID(ctx, tx, ref)
	if err != nil {
		return err
	}
	if !state.IsOpen() {
		return fmt.Errorf("store: pausing %s: the case is %s", ref, state)
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM case_pauses WHERE case_id = ? AND ended_at = ''`, id).Scan(&n); err != nil {
		return fmt.Errorf("store: pausing %s: %w", ref, err)
	}
	if n > 0 {
		return fmt.Errorf("store: pausing %s: the clock is already paused", ref)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO case_pauses (case_id, started_at, started_by, reason) VALUES (?, ?, ?, ?)`,
		id, timeText(now), by, reason); err != nil {
		return fmt.Errorf("store: pausing %s: %w", ref, err)
	}
	return audit(ctx, tx, intake.AuditEntry{At: now, Actor: by, Action: "case.paused", CaseRef: ref, Detail: reason})
}

// ResumeCase restarts a paused case's clock, recording who and why, and
// audits "case.resumed". ErrNotPaused if the clock was running.
func ResumeCase(ctx context.Context, t intake.Tx, ref, by, reason string, now time.Time) error {
	tx, err := sqlTx(t)
	if err != nil {
		return err
	}
	id, _, err := caseID(ctx, tx, ref)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `UPDATE case_pauses SET ended_at = ?, ended_by = ?, end_reason = ? WHERE case_id = ? AND ended_at = ''`,
		timeText(now), by, reason, id)
	if err != nil {
		return fmt.Errorf("store: resuming %s: %w", ref, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: resuming %s: %w", ref, ErrNotPaused)
	}
	return audit(ctx, tx, intake.AuditEntry{At: now, Actor: by, Action: "case.resumed", CaseRef: ref, Detail: reason})
}

// LinkReferral records a further referral for the same child and incident
// on case ref and audits "case.linked". Linking the same message twice is
// a no-op (linked false).
func LinkReferral(ctx context.Context, t intake.Tx, ref string, message int64, actor string, now time.Time) (linked bool, err error) {
	tx, err := sqlTx(t)
	if err != nil {
		return false, err
	}
	id, _, err := caseID(ctx, tx, ref)
	if err != nil {
		return false, err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO case_referrals (case_id, message, linked, at) VALUES (?, ?, 1, ?)
		ON CONFLICT (case_id, message) DO NOTHING`, id, message, timeText(now))
	if err != nil {
		return false, fmt.Errorf("store: linking message %d to %s: %w", message, ref, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE cases SET updated_at = ? WHERE id = ?`, timeText(now), id); err != nil {
		return false, fmt.Errorf("store: linking message %d to %s: %w", message, ref, err)
	}
	return true, audit(ctx, tx, intake.AuditEntry{At: now, Actor: actor, Action: "case.linked", CaseRef: ref, MessageID: message,
		Detail: "a further referral for the same child and incident"})
}

// UpdateScreening replaces a case's verdict and missing keys (a linked
// referral supplied what was missing) and audits "case.screening".
func UpdateScreening(ctx context.Context, t intake.Tx, ref, verdict string, missing []string, actor string, now time.Time) error {
	tx, err := sqlTx(t)
	if err != nil {
		return err
	}
	id, _, err := caseID(ctx, tx, ref)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE cases SET verdict = ?, missing = ?, updated_at = ? WHERE id = ?`,
		verdict, jsonList(missing), timeText(now), id); err != nil {
		return fmt.Errorf("store: updating screening of %s: %w", ref, err)
	}
	return audit(ctx, tx, intake.AuditEntry{At: now, Actor: actor, Action: "case.screening", CaseRef: ref,
		Detail: fmt.Sprintf("verdict %s, %d missing", verdict, len(missing))})
}

// FillChildIdentity fills in the parts of a case's child identity
// (name, date of birth, incident date) that it lacks, from a linked
// referral, so that later referrals can be linked by them. Parts already
// known are kept.
func FillChildIdentity(ctx context.Context, t intake.Tx, ref string, child intake.ChildIdentity) error {
	tx, err := sqlTx(t)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE cases SET
		child_name = CASE WHEN child_name = '' THEN ? ELSE child_name END,
		child_dob = CASE WHEN child_dob = '' THEN ? ELSE child_dob END,
		incident_date = CASE WHEN incident_date = '' THEN ? ELSE incident_date END
		WHERE ref = ?`, child.Name, child.DOB, child.IncidentDate, ref)
	if err != nil {
		return fmt.Errorf("store: filling child identity of %s: %w", ref, err)
	}
	return nil
}

// SetRequestDate records the day the summary requests went out.
func SetRequestDate(ctx context.Context, t intake.Tx, ref string, day time.Time) error {
	tx, err := sqlTx(t)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE cases SET request_date = ? WHERE ref = ?`, dateText(day), ref); err != nil {
		return fmt.Errorf("store: setting request date of %s: %w", ref, err)
	}
	return nil
}
