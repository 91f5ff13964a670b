package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kscmp/intake"
)

func testMessage(t *testing.T, s *Store, uid uint32, now time.Time) int64 {
	t.Helper()
	var id int64
	err := s.Update(context.Background(), func(tx intake.Tx) error {
		var err error
		id, _, err = tx.InsertMessage(intake.NewMessage{Mailbox: "INBOX", UIDValidity: 1, UID: uid,
			SHA256: fmt.Sprint(uid), Raw: []byte("x"), ReceivedAt: now, State: intake.MessageStored})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func createCase(t *testing.T, s *Store, nc NewCase, now time.Time) *intake.Case {
	t.Helper()
	var c *intake.Case
	err := s.Update(context.Background(), func(tx intake.Tx) error {
		var err error
		c, err = CreateCase(context.Background(), tx, nc, now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestCaseRefsUniqueUnderConcurrency creates cases from many goroutines at
// once and checks every reference is distinct and the numbers run 1..N
// with no gap, then that a new year starts again at 0001.
func TestCaseRefsUniqueUnderConcurrency(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	const workers, each = 16, 10
	var mu sync.Mutex
	seen := map[string]bool{}
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				err := s.Update(ctx, func(tx intake.Tx) error {
					c, err := CreateCase(ctx, tx, NewCase{Prefix: "KSCMP", State: intake.StateReceived}, now)
					if err != nil {
						return err
					}
					mu.Lock()
					defer mu.Unlock()
					if seen[c.Ref] {
						return fmt.Errorf("reference %s issued twice", c.Ref)
					}
					seen[c.Ref] = true
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
	// A new year starts again at 1.
	c := createCase(t, s, NewCase{Prefix: "KSCMP"}, time.Date(2027, 1, 4, 9, 0, 0, 0, time.UTC))
	if c.Ref != "KSCMP-2027-0001" {
		t.Errorf("first of 2027: %s", c.Ref)
	}
	// 23:30 UTC on 31 Dec 2026 is still 2026 in London (GMT).
	c = createCase(t, s, NewCase{Prefix: "KSCMP"}, time.Date(2026, 12, 31, 23, 30, 0, 0, time.UTC))
	if c.Ref != fmt.Sprintf("KSCMP-2026-%04d", workers*each+1) {
		t.Errorf("31 Dec late: %s", c.Ref)
	}
}

func TestCaseLifecycleAudited(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	msg := testMessage(t, s, 1, now)
	c := createCase(t, s, NewCase{Prefix: "KSCMP", State: intake.StateAwaitingReferrer, ReferralMessage: msg,
		Referrer: "Ref@School.example", ReferrerMessageID: "<r1@school.example>", Verdict: "incomplete",
		Missing: []string{"child_dob"}, Flags: []string{"out_of_area"}, UnknownAgencies: []string{"Dentist"},
		AwareDate: intake.Date(2026, 10, 30), Child: intake.ChildIdentity{Name: "Jamie Smithson", DOB: "2015-03-04", IncidentDate: "2026-10-29"}}, now)
	if c.Ref != "KSCMP-2026-0001" || c.State != intake.StateAwaitingReferrer || !c.Paused() || c.Referrer != "ref@school.example" ||
		c.Missing[0] != "child_dob" || c.UnknownAgencies[0] != "Dentist" || c.AwareDate.Format("2006-01-02") != "2026-10-30" ||
		c.Child.DOB != "2015-03-04" || c.AwaitingReferrerSince.IsZero() {
		t.Fatalf("created %+v", c)
	}
	later := now.Add(48 * time.Hour)
	err := s.Update(ctx, func(tx intake.Tx) error {
		if err := TransitionCase(ctx, tx, c.Ref, intake.StateAwaitingSummaries, "intake", "missing information supplied", later); err != nil {
			return err
		}
		return TransitionCase(ctx, tx, c.Ref, intake.StateReadyForReview, "intake", "all summaries in", later)
	})
	if err != nil {
		t.Fatal(err)
	}
	// Refused: ready_for_review -> received; nothing changes.
	err = s.Update(ctx, func(tx intake.Tx) error {
		return TransitionCase(ctx, tx, c.Ref, intake.StateReceived, "team", "oops", later)
	})
	if !errors.Is(err, intake.ErrTransition) || !strings.Contains(err.Error(), "KSCMP-2026-0001") {
		t.Fatalf("refused transition: %v", err)
	}
	// Outcome; then a second outcome is refused.
	o := intake.Outcome{Decision: intake.DecisionNoFurtherReview, Reason: "learning captured", By: "A. Chair", At: later.Add(time.Hour)}
	if err := s.Update(ctx, func(tx intake.Tx) error { return RecordOutcome(ctx, tx, c.Ref, o) }); err != nil {
		t.Fatal(err)
	}
	if err := s.Update(ctx, func(tx intake.Tx) error { return RecordOutcome(ctx, tx, c.Ref, o) }); !errors.Is(err, intake.ErrTransition) {
		t.Fatalf("second outcome: %v", err)
	}
	got, err := s.Case(ctx, c.Ref)
	if err != nil {
		t.Fatal(err)
	}
	if got.State != intake.StateDecided || got.Outcome == nil || got.Outcome.Decision != intake.DecisionNoFurtherReview ||
		got.Paused() || len(got.Pauses) != 1 || got.Pauses[0].EndReason != "missing information supplied" {
		t.Fatalf("after outcome: %+v", got)
	}
	var trail []intake.AuditEntry
	view(t, s, func(tx intake.Tx) error {
		trail, err = tx.AuditTrail(c.Ref)
		return err
	})
	var actions []string
	for _, e := range trail {
		actions = append(actions, e.Action)
		if strings.Contains(e.Detail, "Jamie") || strings.Contains(e.Detail, "2015-03-04") {
			t.Errorf("audit detail carries personal data: %q", e.Detail)
		}
	}
	want := "case.created case.paused case.state case.resumed case.state case.state case.outcome"
	if strings.Join(actions, " ") != want {
		t.Errorf("audit %v\nwant   %s", actions, want)
	}
	if _, err := s.Case(ctx, "KSCMP-2026-9999"); !errors.Is(err, intake.ErrNotFound) {
		t.Errorf("missing case: %v", err)
	}
}

func TestPauseResume(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	c := createCase(t, s, NewCase{Prefix: "KSCMP", State: intake.StateAwaitingSummaries}, now)
	tx := func(fn func(tx intake.Tx) error) error { return s.Update(ctx, fn) }
	if err := tx(func(tx intake.Tx) error { return ResumeCase(ctx, tx, c.Ref, "team", "x", now) }); !errors.Is(err, ErrNotPaused) {
		t.Errorf("resume running clock: %v", err)
	}
	if err := tx(func(tx intake.Tx) error {
		return PauseCase(ctx, tx, c.Ref, "B. Manager", "police asked for a pause", now)
	}); err != nil {
		t.Fatal(err)
	}
	if err := tx(func(tx intake.Tx) error { return PauseCase(ctx, tx, c.Ref, "B. Manager", "again", now) }); err == nil {
		t.Error("paused twice")
	}
	if err := tx(func(tx intake.Tx) error {
		return ResumeCase(ctx, tx, c.Ref, "B. Manager", "police content", now.Add(24*time.Hour))
	}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Case(ctx, c.Ref)
	if len(got.Pauses) != 1 || got.Pauses[0].By != "B. Manager" || got.Pauses[0].End.IsZero() {
		t.Errorf("pauses %+v", got.Pauses)
	}
}

func TestSummaryRequestsAndReceipt(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	c := createCase(t, s, NewCase{Prefix: "KSCMP", State: intake.StateAwaitingSummaries}, now)
	req := intake.SummaryRequest{CaseRef: c.Ref, Agency: "police", AgencyName: "Kestmoor Police", To: []string{"SPOC@police.example"},
		MessageID: "<Intake.ABC@kscmp.example>", Due: intake.Date(2026, 11, 13)}
	for i := 0; i < 2; i++ {
		err := s.Update(ctx, func(tx intake.Tx) error {
			created, err := AddSummaryRequest(ctx, tx, req, now)
			if created != (i == 0) {
				t.Errorf("pass %d: created %v", i, created)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	view(t, s, func(tx intake.Tx) error {
		r, ok, err := SummaryRequestByMessageID(ctx, tx, "intake.abc@KSCMP.example")
		if err != nil || !ok || r.CaseRef != c.Ref || r.Agency != "police" || r.To[0] != "spoc@police.example" || !r.Due.Equal(intake.Date(2026, 11, 13)) {
			t.Fatalf("by message id: %+v %v %v", r, ok, err)
		}
		open, _ := OpenSummaryRequests(ctx, tx)
		if len(open) != 1 {
			t.Fatalf("open requests %d", len(open))
		}
		return nil
	})
	msg := testMessage(t, s, 7, now)
	var got intake.SummaryRequest
	err := s.Update(ctx, func(tx intake.Tx) error {
		var err error
		got, err = RecordSummary(ctx, tx, intake.SummaryMatch{CaseRef: c.Ref, Agency: "police", Route: intake.RouteThread, Verified: false},
			"Kestmoor Police", msg, "someone@mail.example", now.Add(time.Hour))
		return err
	})
	if err != nil || got.Status != intake.SummaryReceivedUnverified || got.ReceivedAt.IsZero() {
		t.Fatalf("recorded %+v %v", got, err)
	}
	// An agency the case never asked gets a row of its own.
	err = s.Update(ctx, func(tx intake.Tx) error {
		var err error
		got, err = RecordSummary(ctx, tx, intake.SummaryMatch{CaseRef: c.Ref, Agency: "school", Route: intake.RouteCaseRef, Verified: true},
			"Kestmoor Academy", msg, "dsl@school.example", now.Add(time.Hour))
		return err
	})
	if err != nil || got.Status != intake.SummaryReceived || got.AgencyName != "Kestmoor Academy" {
		t.Fatalf("unasked agency: %+v %v", got, err)
	}
	view(t, s, func(tx intake.Tx) error {
		if open, _ := OpenSummaryRequests(ctx, tx); len(open) != 0 {
			t.Errorf("still open: %v", open)
		}
		return nil
	})
	cs, _ := s.Case(ctx, c.Ref)
	if len(cs.Requests) != 2 {
		t.Errorf("requests %+v", cs.Requests)
	}
}

func TestLinkAndParseResults(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	m1, m2 := testMessage(t, s, 1, now), testMessage(t, s, 2, now)
	c := createCase(t, s, NewCase{Prefix: "KSCMP", ReferralMessage: m1, Child: intake.ChildIdentity{Name: "JS", DOB: "2015-03-04", IncidentDate: "2026-10-29"}}, now)
	createCase(t, s, NewCase{Prefix: "KSCMP", Child: intake.ChildIdentity{Name: "AB", DOB: "2016-01-01"}}, now)
	err := s.Update(ctx, func(tx intake.Tx) error {
		for i := 0; i < 2; i++ {
			linked, err := LinkReferral(ctx, tx, c.Ref, m2, "intake", now)
			if err != nil || linked != (i == 0) {
				return fmt.Errorf("link pass %d: %v %v", i, linked, err)
			}
		}
		return tx.SaveParseResult(intake.ParseResult{Message: m2, Kind: "referral", CaseRef: c.Ref, Result: []byte(`{"kind":"referral"}`), ParsedAt: now})
	})
	if err != nil {
		t.Fatal(err)
	}
	cands, err := s.Cases(ctx, CaseFilter{ChildDOB: "2015-03-04"})
	if err != nil || len(cands) != 1 || cands[0].Ref != c.Ref || cands[0].Linked != 1 {
		t.Fatalf("candidates %v %v", cands, err)
	}
	view(t, s, func(tx intake.Tx) error {
		pr, err := tx.ParseResult(m2)
		if err != nil || pr.Kind != "referral" || pr.CaseRef != c.Ref || string(pr.Result) != `{"kind":"referral"}` || !pr.ParsedAt.Equal(now) {
			t.Fatalf("parse result %+v %v", pr, err)
		}
		return nil
	})
	if open, _ := s.Cases(ctx, CaseFilter{Open: true, States: []intake.CaseState{intake.StateReceived}}); len(open) != 2 {
		t.Errorf("open received: %d", len(open))
	}
}
