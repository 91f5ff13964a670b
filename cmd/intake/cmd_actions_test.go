package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake"
)

// actionsTestConfig writes a configuration over a fresh database holding
// one referral, filed, and returns the configuration's path and the case's
// reference.
func actionsTestConfig(t *testing.T) (path, ref string) {
	t.Helper()
	dir := t.TempDir()
	path = filepath.Join(dir, "intake.toml")
	conf := fmt.Sprintf("[store]\npath = %q\n\n[trust]\nauthserv_ids = [%q]\n\n[[partnership.neighbour]]\nkey = \"eastholm\"\nname = \"Eastholm Safeguarding Children Partnership\"\naddress = \"referrals@eastholm-scp.example\"\n",
		filepath.Join(dir, "intake.db"), demoAuthservID)
	if err := os.WriteFile(path, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	env, _, _ := testEnv("")
	env.Clock = intake.NewManualClock(time.Date(2026, 11, 9, 9, 12, 0, 0, intake.London))
	cfg, err := env.LoadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := cfg.createStore(context.Background(), env.Clock)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cw, err := newCasework(cfg, st, env.Clock, env.Logger)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := renderDemoMail("referral-body.eml", newDemoMailData(env.Clock.Now(), 1))
	if err != nil {
		t.Fatal(err)
	}
	err = st.Update(context.Background(), func(tx intake.Tx) error {
		_, _, err := tx.InsertMessage(intake.NewMessage{Mailbox: "INBOX", UIDValidity: 1, UID: 1, SHA256: "x", Size: int64(len(raw)),
			Raw: raw, ReceivedAt: env.Clock.Now(), State: intake.MessageStored})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cw.FileStored(context.Background()); err != nil {
		t.Fatal(err)
	}
	return path, fmt.Sprintf("%s-%d-0001", cfg.Partnership.CaseRefPrefix, 2026)
}

// TestActionCommandsBadInput checks the business team's commands on bad
// input: the exit status (2 for what the person typed, 1 for the state of
// things) and a message that says what to do.
func TestActionCommandsBadInput(t *testing.T) {
	path, ref := actionsTestConfig(t)
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"accept", "KSCMP-2026-0999", "--by", "Jo", "--reason", "x"}, 1, "There is no case KSCMP-2026-0999"},
		{[]string{"accept", ref, "--reason", "x"}, 2, "Say who is doing this (--by NAME)"},
		{[]string{"accept", ref, "--by", "Jo"}, 2, "Give a reason"},
		{[]string{"route", ref, "redirect", "--to", "Westmarch", "--by", "Jo", "--reason", "x"}, 2, "choose one of eastholm"},
		{[]string{"route", ref, "elsewhere", "--by", "Jo", "--reason", "x"}, 2, "is not a route"},
		{[]string{"record", "tea", ref, "--by", "Jo"}, 2, "is not a step a person records"},
		{[]string{"outcome", ref, "--decision", "lcspr", "--by", "Jo", "--reason", "x"}, 1, "not accepted"},
		{[]string{"outcome", ref, "--decision", "maybe", "--by", "Jo", "--reason", "x"}, 2, "unknown decision"},
		{[]string{"correct", ref, "shoe_size", "3", "--by", "Jo", "--reason", "x"}, 2, "not a field of the referral form"},
		{[]string{"extend", ref, "police", "--until", "2026-12-01", "--by", "Jo", "--reason", "x"}, 1, "has asked no agency yet"},
		{[]string{"messages", "dismiss", "77", "--by", "Jo", "--reason", "spam"}, 1, "no message 77"},
		{[]string{"cases", "--state", "bogus"}, 2, "awaiting_summaries"},
	} {
		t.Run(strings.Join(c.args[:2], " "), func(t *testing.T) {
			env, out, errb := testEnv("")
			env.Clock = intake.NewManualClock(time.Date(2026, 11, 9, 10, 0, 0, 0, intake.London))
			code := Run(context.Background(), env, append(c.args, "--config", path))
			if code != c.code || !strings.Contains(errb.String(), c.says) {
				t.Errorf("exit %d, stderr %q (stdout %q); want %d saying %q", code, errb, out, c.code, c.says)
			}
		})
	}
	// After all that, the case is as it was: received, nobody asked.
	env, out, _ := testEnv("")
	if code := Run(context.Background(), env, []string{"case", ref, "--by", "Jo", "--json", "--config", path}); code != 0 {
		t.Fatalf("intake case exited %d", code)
	}
	if !strings.Contains(out.String(), `"state": "received"`) || strings.Contains(out.String(), `"requests": [`) {
		t.Errorf("the case changed:\n%s", out)
	}
}

// TestActionCommandsWork runs the happy path of a few commands and checks
// what they print.
func TestActionCommandsWork(t *testing.T) {
	path, ref := actionsTestConfig(t)
	for _, c := range []struct {
		args []string
		says string
	}{
		{[]string{"accept", ref, "--by", "Jo Screener", "--reason", "meets every criterion"}, "accepted for rapid review"},
		{[]string{"record", "la_notification", ref, "--done", "2026-11-09", "--how", "Panel form", "--by", "Jo Screener"}, "recorded as done"},
		{[]string{"pause", ref, "--by", "Jo Screener", "--reason", "legal hold"}, "paused"},
		{[]string{"resume", ref, "--by", "Jo Screener", "--reason", "cleared"}, "resumed"},
		{[]string{"extend", ref, "police", "--until", "2026-11-27", "--by", "Jo Screener", "--reason", "archived records"}, "now has until"},
		{[]string{"agency", ref, "no-involvement", "icb", "--by", "Jo Screener", "--reason", "phoned"}, "no involvement"},
	} {
		env, out, errb := testEnv("")
		env.Clock = intake.NewManualClock(time.Date(2026, 11, 9, 10, 0, 0, 0, intake.London))
		if code := Run(context.Background(), env, append(c.args, "--config", path)); code != 0 || !strings.Contains(out.String(), c.says) {
			t.Errorf("intake %s: exit %d, %q %q; want it to say %q", strings.Join(c.args, " "), code, out, errb, c.says)
		}
	}
	env, out, _ := testEnv("")
	Run(context.Background(), env, []string{"case", ref, "--by", "Jo Screener", "--config", path})
	for _, want := range []string{"done Mon 2026-11-09, recorded by Jo Screener", "no involvement", "Fri 2026-11-27"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("intake case does not show %q:\n%s", want, out)
		}
	}
}

// TestCasesOverdueIncludesDecided: a decided case whose steps were never
// recorded is still overdue, and `intake cases --overdue` lists it as the
// web's case list does; --open leaves it out.
func TestCasesOverdueIncludesDecided(t *testing.T) {
	path, ref := actionsTestConfig(t)
	run := func(at time.Time, args ...string) string {
		t.Helper()
		env, out, errb := testEnv("")
		env.Clock = intake.NewManualClock(at)
		if code := Run(context.Background(), env, append(args, "--config", path)); code != 0 {
			t.Fatalf("intake %s: exit %d %s", strings.Join(args, " "), code, errb)
		}
		return out.String()
	}
	day := time.Date(2026, 11, 9, 10, 0, 0, 0, intake.London)
	run(day, "accept", ref, "--by", "Jo Screener", "--reason", "meets every criterion")
	run(day.AddDate(0, 0, 10), "outcome", ref, "--decision", "lcspr", "--by", "Jo Screener", "--reason", "learning about information sharing")
	later := day.AddDate(0, 1, 0)
	if out := run(later, "cases", "--overdue"); !strings.Contains(out, ref) || !strings.Contains(out, "OVERDUE") {
		t.Errorf("cases --overdue leaves out the decided, overdue case:\n%s", out)
	}
	if out := run(later, "cases", "--due-within", "0"); !strings.Contains(out, ref) {
		t.Errorf("cases --due-within 0 leaves out the decided, overdue case:\n%s", out)
	}
	if out := run(later, "cases", "--open"); strings.Contains(out, ref) {
		t.Errorf("cases --open lists a decided case:\n%s", out)
	}
}
