package store

import (
	"context"
	"errors"
	"testing"

	"github.com/kscmp/intake"
)

// TestViewsShareDecodedCasesUntilSaved checks the case cache: Views get
// the same decoded case until a save moves its version, a save rolled
// back leaves no trace in it, and an Update always gets its own copy.
func TestViewsShareDecodedCasesUntilSaved(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	a := newCase(t, s, intake.Case{State: intake.StateReceived, Referral: intake.Referral{ChildName: "A. Sample"}})
	newCase(t, s, intake.Case{State: intake.StateReceived, Referral: intake.Referral{ChildName: "B. Sample"}})
	list := func() []*intake.Case {
		t.Helper()
		var out []*intake.Case
		view(t, s, func(tx intake.Tx) (err error) { out, err = tx.Cases(intake.CaseFilter{}); return err })
		if len(out) != 2 {
			t.Fatalf("%d cases", len(out))
		}
		return out
	}
	first, second := list(), list()
	if first[0] != second[0] || first[1] != second[1] {
		t.Error("two Views decoded the same cases twice")
	}
	var mine *intake.Case
	update(t, s, func(tx intake.Tx) (err error) { mine, err = tx.Case(a.Ref); return err })
	if mine == first[0] {
		t.Fatal("an Update was given the Views' shared case")
	}
	// A save rolled back changes nothing a View sees.
	err := s.Update(ctx, func(tx intake.Tx) error {
		c, _ := tx.Case(a.Ref)
		c.Referral.ChildName = "Rolled Back"
		if err := tx.SaveCase(c); err != nil {
			return err
		}
		inside, err := tx.Case(a.Ref)
		if err != nil || inside.Referral.ChildName != "Rolled Back" {
			t.Errorf("the Update does not read its own save: %+v, %v", inside, err)
		}
		return errors.New("roll back")
	})
	if err == nil {
		t.Fatal("no roll back")
	}
	if got := list(); got[0] != first[0] || got[0].Referral.ChildName != "A. Sample" {
		t.Errorf("after a roll back the View reads %q", got[0].Referral.ChildName)
	}
	// A save committed is read afresh; the other case stays shared.
	update(t, s, func(tx intake.Tx) error {
		c, _ := tx.Case(a.Ref)
		c.Referral.ChildName = "A. Corrected"
		return tx.SaveCase(c)
	})
	got := list()
	if got[0] == first[0] || got[0].Referral.ChildName != "A. Corrected" {
		t.Errorf("after a save the View reads %q", got[0].Referral.ChildName)
	}
	if got[1] != first[1] {
		t.Error("a case not saved was decoded again")
	}
	var one *intake.Case
	view(t, s, func(tx intake.Tx) (err error) { one, err = tx.Case(a.Ref); return err })
	if one != got[0] {
		t.Error("Case in a View does not share the decoded case")
	}
}
