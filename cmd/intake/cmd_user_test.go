package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/web"
)

func TestUserCommand(t *testing.T) {
	cfg, st, out, env := notifyTestEnv(t, "")
	ctx := context.Background()
	env.Clock = intake.NewManualClock(time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC))
	env.Getenv = func(k string) string {
		if k == "USER" {
			return "root"
		}
		return ""
	}
	run := func(stdin string, args ...string) (int, string) {
		out.Reset()
		env.Stdin = strings.NewReader(stdin)
		code := Run(ctx, env, append(args, "--config", cfg))
		return code, out.String()
	}
	if code, _ := run("", "user", "add", "ann@kestmoor.example.org", "--role", "business_team"); code != 2 {
		t.Errorf("add without --name: exit %d", code)
	}
	if code, o := run("short\n", "user", "add", "ann@kestmoor.example.org", "--name", "Ann Example", "--role", "business_team"); code != 2 || !strings.Contains(o, "at least 12 characters") {
		t.Errorf("a short password: %d %s", code, o)
	}
	if code, o := run("three random words\n", "user", "add", "Ann@Kestmoor.example.org", "--name", "Ann Example", "--role", "business_team"); code != 0 {
		t.Fatalf("add: %d %s", code, o)
	}
	account := func() (a intake.Account, err error) {
		st.View(ctx, func(tx intake.Tx) error { a, err = tx.Account("ann@kestmoor.example.org"); return nil })
		return a, err
	}
	a, err := account()
	if err != nil || a.Name != "Ann Example" || a.Role != intake.RoleBusinessTeam {
		t.Fatalf("account %+v, %v", a, err)
	}
	if ok, _ := web.VerifyPassword("three random words", a.PasswordHash); !ok || !strings.HasPrefix(a.PasswordHash, "$argon2id$v=19$m=65536,t=3,p=2$") {
		t.Errorf("hash %q", a.PasswordHash)
	}
	code, o := run("", "user", "passwd", "ann@kestmoor.example.org", "--generate")
	if code != 0 || !strings.Contains(o, "password: ") {
		t.Fatalf("passwd --generate: %d %s", code, o)
	}
	pw := strings.TrimSpace(strings.SplitN(strings.SplitN(o, "password: ", 2)[1], "\n", 2)[0])
	a, _ = account()
	if ok, _ := web.VerifyPassword(pw, a.PasswordHash); !ok {
		t.Errorf("the printed password %q does not match", pw)
	}
	if code, o := run("", "user", "role", "ann@kestmoor.example.org", "viewer"); code != 0 {
		t.Errorf("role: %d %s", code, o)
	}
	if code, o := run("", "user", "list"); code != 0 || !strings.Contains(o, "ann@kestmoor.example.org  Ann Example  viewer") {
		t.Errorf("list: %d %q", code, o)
	}
	if code, o := run("", "user", "unlock", "nobody@kestmoor.example.org"); code != 1 || !strings.Contains(o, "There is no account nobody@kestmoor.example.org") {
		t.Errorf("unlock unknown: %d %s", code, o)
	}
	if code, o := run("", "user", "remove", "ann@kestmoor.example.org"); code != 0 {
		t.Errorf("remove: %d %s", code, o)
	}
	var trail []intake.AuditEntry
	st.View(ctx, func(tx intake.Tx) (err error) { trail, err = tx.AuditTrail(""); return err })
	var got []string
	for _, e := range trail {
		got = append(got, e.Action+" by "+e.Actor)
	}
	if s := strings.Join(got, ", "); s != "web.account_added by shell:root, web.password_set by shell:root, web.role_set by shell:root, web.account_removed by shell:root" {
		t.Errorf("audit: %s", s)
	}
}
