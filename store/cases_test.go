package store

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kscmp/intake"
)

// newCase makes a case under the next reference, as casework does.
func newCase(t *testing.T, s *Store, c intake.Case) *intake.Case {
	t.Helper()
	err := s.Update(context.Background(), func(tx intake.Tx) error {
		ref, err := tx.NextCaseRef("KSCMP", tx.Now().In(intake.London).Year())
		if err != nil {
			return err
		}
		c.Ref, c.CreatedAt, c.UpdatedAt = ref, tx.Now(), tx.Now()
		return tx.CreateCase(&c)
	})
	if err != nil {
		t.Fatal(err)
	}
	return &c
}

// TestCaseRefsUniqueUnderConcurrency takes references from many
// goroutines at once and checks every one is distinct and the numbers run
// 1..N with no gap, then that a new year starts again at 0001.
func TestCaseRefsUniqueUnderConcurrency(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	const workers, each = 16, 10
	var mu sync.Mutex
	seen := map[string]bool{}
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				err := s.Update(ctx, func(tx intake.Tx) error {
					ref, err := tx.NextCaseRef("KSCMP", 2026)
					if err != nil {
						return err
					}
					mu.Lock()
					defer mu.Unlock()
					if seen[ref] {
						return fmt.Errorf("reference %s issued twice", ref)
					}
					seen[ref] = true
					return nil
				})
				if err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	for i := 1; i <= workers*each; i++ {
		if ref := fmt.Sprintf("KSCMP-2026-%04d", i); !seen[ref] {
			t.Errorf("%s missing", ref)
		}
	}
	s.Update(ctx, func(tx intake.Tx) error {
		if ref, _ := tx.NextCaseRef("KSCMP", 2027); ref != "KSCMP-2027-0001" {
			t.Errorf("first of 2027: %s", ref)
		}
		return nil
	})
}

// TestCaseSavedWhole checks that a case comes back exactly as saved, and
// that lists select by state, child and creation.
func TestCaseSavedWhole(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	yes := true
	c := newCase(t, s, intake.Case{State: intake.StateAwaitingSummaries, Received: time.Date(2026, 11, 9, 9, 12, 0, 0, time.UTC),
		Day1: intake.Date(2026, 11, 9), AwareDate: intake.Date(2026, 11, 6), Referrer: "dana@hospital.example",
		Referral:  intake.Referral{ChildName: "Alex Sample", ChildDOB: "2012-02-14", IncidentDate: "2026-11-06", AgreementToRefer: &yes, AgenciesInvolved: []string{"Police"}},
		Sources:   map[string]string{"child_name": "message 1 (the email body)"},
		Screening: intake.Screening{Verdict: intake.VerdictMeetsCriteria, Missing: []string{}, Failed: []string{}, Flags: []string{}},
		Route:     &intake.RouteDecision{Route: intake.RouteAccept, By: "Jo", Reason: "meets", At: time.Date(2026, 11, 9, 11, 0, 0, 0, time.UTC)},
		Requests: []intake.SummaryRequest{{CaseRef: "x", Agency: "police", AgencyName: "Kestmoor Police", To: []string{"spoc@police.example"},
			MessageID: "intake.ABC@kscmp.example", Due: intake.Date(2026, 11, 20), Status: intake.SummaryRequested}},
		Pauses: []intake.Pause{{Start: time.Date(2026, 11, 10, 9, 0, 0, 0, time.UTC), By: "Jo", Reason: "legal hold"}},
	})
	var got *intake.Case
	s.View(ctx, func(tx intake.Tx) error {
		var err error
		got, err = tx.Case(c.Ref)
		return err
	})
	a, _ := json.Marshal(got)
	b, _ := json.Marshal(c)
	if string(a) != string(b) {
		t.Errorf("read back:\n%s\nwant\n%s", a, b)
	}
	newCase(t, s, intake.Case{State: intake.StateClosed, Referral: intake.Referral{ChildDOB: "2015-01-01"}})
	s.View(ctx, func(tx intake.Tx) error {
		for name, f := range map[string]intake.CaseFilter{
			"open":  {Open: true},
			"state": {States: []intake.CaseState{intake.StateAwaitingSummaries}},
			"child": {ChildDOB: "2012-02-14"},
		} {
			if list, err := tx.Cases(f); err != nil || len(list) != 1 || list[0].Ref != c.Ref {
				t.Errorf("%s: %d cases, %v", name, len(list), err)
			}
		}
		if list, _ := tx.Cases(intake.CaseFilter{}); len(list) != 2 {
			t.Errorf("all: %d", len(list))
		}
		ref, agency, ok, err := tx.CaseOfRequest("<INTAKE.abc@KSCMP.example>")
		if ref != c.Ref || agency != "police" || !ok || err != nil {
			t.Errorf("CaseOfRequest: %s %s %v %v", ref, agency, ok, err)
		}
		if _, err := tx.Case("KSCMP-2026-0999"); !errorsIsNotFound(err) {
			t.Errorf("unknown case: %v", err)
		}
		return nil
	})
	// A save replaces the requests' index.
	s.Update(ctx, func(tx intake.Tx) error {
		c.Requests = nil
		return tx.SaveCase(c)
	})
	s.View(ctx, func(tx intake.Tx) error {
		if _, _, ok, _ := tx.CaseOfRequest("intake.abc@kscmp.example"); ok {
			t.Error("a removed request is still found by its Message-ID")
		}
		return nil
	})
}

// TestUpgradeFirstVersionCases checks that a case stored by the first
// version (columns and part tables) is saved as a document at open.
func TestUpgradeFirstVersionCases(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	id := testMessageID(t, s)
	if _, err := s.db.Exec(`INSERT INTO cases (ref, state, created_at, updated_at, aware_date, notification_date, request_date,
		referral_message, referrer, referrer_message_id, verdict, missing, flags, child_name, child_dob, incident_date)
		VALUES ('KSCMP-2026-0001', 'decided', '2026-11-02T10:00:00Z', '2026-11-20T10:00:00Z', '2026-10-30', '2026-11-02', '2026-11-02',
		?, 'ref@school.example', '<r1@school.example>', 'meets_criteria', '[]', '["out_of_area"]', 'J.S.', '2015-03-04', '2026-10-29')`, id); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO case_referrals (case_id, message, linked, at) VALUES (1, 1, 0, '2026-11-02T10:00:00Z')`,
		`INSERT INTO summary_requests (case_id, agency, agency_name, recipients, message_id, requested_at, due_date, status, received_at)
			VALUES (1, 'police', 'Kestmoor Police', 'spoc@police.example', 'm1@kscmp.example', '2026-11-02T10:00:00Z', '2026-11-13', 'received_unverified', '2026-11-05T10:00:00Z')`,
		`INSERT INTO case_pauses (case_id, started_at, started_by, reason, ended_at, ended_by, end_reason)
			VALUES (1, '2026-11-03T09:00:00Z', 'intake', 'awaiting the referrer: information missing', '2026-11-04T09:00:00Z', 'intake', 'supplied')`,
		`INSERT INTO outcomes (case_id, decision, reason, decided_by, decided_at) VALUES (1, 'lcspr', 'learning', 'Chair', '2026-11-20T10:00:00Z')`,
	} {
		if _, err := s.db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	s, err = Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var c *intake.Case
	s.View(context.Background(), func(tx intake.Tx) error {
		c, err = tx.Case("KSCMP-2026-0001")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if c.State != intake.StateDecided || c.Outcome == nil || c.Outcome.By != "Chair" || c.Route == nil || len(c.Pauses) != 1 ||
		!c.Pauses[0].ForReferrer || len(c.Requests) != 1 || c.Requests[0].Status != intake.SummaryReceived ||
		c.Referral.ChildDOB != "2015-03-04" || len(c.Referrals) != 1 || !c.Flagged(intake.FlagOutOfArea) {
		t.Errorf("upgraded case %+v", c)
	}
	var doc string
	s.db.QueryRow(`SELECT doc FROM cases WHERE ref = 'KSCMP-2026-0001'`).Scan(&doc)
	if doc == "" {
		t.Error("the upgraded case was not saved as a document")
	}
}

// TestUpgradeLookupUsesIndex checks that the look-up for cases to
// upgrade, run at every open, is answered by the partial index of cases
// without a document rather than by reading every case's document.
func TestUpgradeLookupUsesIndex(t *testing.T) {
	s := openTest(t)
	rows, err := s.db.Query(`EXPLAIN QUERY PLAN ` + casesToUpgrade)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(plan) != 1 || !strings.Contains(plan[0], "USING COVERING INDEX cases_without_doc") {
		t.Errorf("query plan %q, want one step using the covering index cases_without_doc", plan)
	}
}

func testMessageID(t *testing.T, s *Store) int64 {
	t.Helper()
	var id int64
	err := s.Update(context.Background(), func(tx intake.Tx) error {
		var err error
		id, _, err = tx.InsertMessage(intake.NewMessage{Mailbox: "INBOX", UIDValidity: 1, UID: 1, SHA256: "1", Raw: []byte("x"),
			ReceivedAt: tx.Now(), State: intake.MessageProcessed})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func errorsIsNotFound(err error) bool { return intake.ErrorCode(err) == intake.ENOTFOUND }
