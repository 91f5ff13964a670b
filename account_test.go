package intake

import (
	"testing"
	"time"
)

func TestLockoutPolicyFail(t *testing.T) {
	p := LockoutPolicy{MaxFailures: 3, LockFor: time.Hour}
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	var a Account
	for i := 1; i <= 2; i++ {
		var locked bool
		if a, locked = p.Fail(a, now); locked || a.FailedLogins != i || a.Locked(now) {
			t.Fatalf("failure %d: %+v, locked %v", i, a, locked)
		}
	}
	a, locked := p.Fail(a, now)
	if !locked || !a.Locked(now) || a.FailedLogins != 0 {
		t.Fatalf("third failure: %+v, locked %v", a, locked)
	}
	if !a.Locked(now.Add(time.Hour-time.Nanosecond)) || a.Locked(now.Add(time.Hour)) {
		t.Errorf("locked until %v", a.LockedUntil)
	}
	b, again := p.Fail(a, now.Add(30*time.Minute))
	if again || b != a {
		t.Errorf("a failure while locked changed the account: %+v", b)
	}
	// After the lock, the count starts again.
	c, locked := p.Fail(a, now.Add(time.Hour))
	if locked || c.FailedLogins != 1 {
		t.Errorf("first failure after the lock: %+v, locked %v", c, locked)
	}
	if err := (LockoutPolicy{}).Validate(); err == nil {
		t.Error("an empty policy is valid")
	}
	if err := DefaultLockoutPolicy().Validate(); err != nil {
		t.Error(err)
	}
}

func TestParseRole(t *testing.T) {
	for _, s := range []string{"business_team", "viewer"} {
		if r, err := ParseRole(s); err != nil || string(r) != s {
			t.Errorf("ParseRole(%q) = %q, %v", s, r, err)
		}
	}
	if _, err := ParseRole("admin"); err == nil {
		t.Error("admin is a role")
	}
	if RoleViewer.CanAct() || !RoleBusinessTeam.CanAct() {
		t.Error("CanAct is wrong")
	}
}
