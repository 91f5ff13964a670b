package main

import (
	"context"

	"github.com/kscmp/intake"
)

// recordDemoOutcome records the rapid review decision on case ref the way
// `intake outcome` does (recordOutcome, in one transaction), at the demo
// clock's time.
func recordDemoOutcome(ctx context.Context, m *Main, ref, decision, reason, by string) error {
	d, err := intake.ParseDecision(decision)
	if err != nil {
		return err
	}
	o := intake.Outcome{Decision: d, Reason: reason, By: by, At: m.Clock.Now()}
	if err := o.Validate(); err != nil {
		return err
	}
	return m.Store.Update(ctx, func(tx intake.Tx) error {
		_, err := recordOutcome(ctx, tx, m.Config, ref, o)
		return err
	})
}
