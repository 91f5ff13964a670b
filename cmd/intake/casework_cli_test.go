package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func runCLI(t *testing.T, args ...string) (string, int) {
	t.Helper()
	var out bytes.Buffer
	env := &Env{Stdout: &out, Stderr: &out, Getenv: func(string) string { return "" },
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	code := Run(context.Background(), env, args)
	return out.String(), code
}

func TestWorkdaysCommand(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
		code int
	}{
		{[]string{"workdays", "add", "2026-12-23", "5"}, "2027-01-04 (Monday)\n", 0},
		{[]string{"workdays", "add", "2027-12-24", "1"}, "2027-12-29 (Wednesday)\n", 0},
		{[]string{"workdays", "add", "2026-12-29", "-1"}, "2026-12-24 (Thursday)\n", 0},
		{[]string{"workdays", "between", "2026-12-23", "2027-01-04"}, "5\n", 0},
		{[]string{"workdays", "add", "23/12/2026", "5"}, "not a date", 2},
		{[]string{"workdays", "sideways", "a", "b"}, "Usage", 2},
	} {
		out, code := runCLI(t, tt.args...)
		if code != tt.code || !strings.Contains(out, tt.want) {
			t.Errorf("%v: %d %q, want %d %q", tt.args, code, out, tt.code, tt.want)
		}
	}
}

func TestTimetableCommand(t *testing.T) {
	out, code := runCLI(t, "timetable", "--aware", "2026-12-23", "--json")
	var rows []timetableRow
	if code != 0 || json.Unmarshal([]byte(out), &rows) != nil {
		t.Fatalf("%d %s", code, out)
	}
	due := map[string]string{}
	for _, r := range rows {
		due[r.Step] = r.Due
	}
	if due["notification"] != "2027-01-04" || due["summaries_returned"] != "2027-01-08" || due["outcome_to_panel"] != "2027-01-15" {
		t.Errorf("due %v", due)
	}
	for i := 1; i < len(rows); i++ {
		if rows[i].Due < rows[i-1].Due {
			t.Errorf("steps out of date order: %s (%s) after %s (%s)", rows[i].Step, rows[i].Due, rows[i-1].Step, rows[i-1].Due)
		}
	}
	if rows[len(rows)-1].Day != 15 {
		t.Errorf("last step is day %d, want 15", rows[len(rows)-1].Day)
	}
	out, code = runCLI(t, "timetable", "--aware", "2026-12-23")
	if code != 0 || !strings.Contains(out, "Mon 2027-01-04") {
		t.Errorf("text: %d %s", code, out)
	}
	if _, code = runCLI(t, "timetable"); code != 2 {
		t.Errorf("without --aware: %d", code)
	}
}

func TestPauseCommandMovesDueDates(t *testing.T) {
	f := newCaseworkFixture(t, london("2026-11-02 14:00"))
	f.deliver(referralMeets)
	f.runOnce()
	cfgPath := filepath.Join(t.TempDir(), "intake.toml")
	os.WriteFile(cfgPath, []byte("[store]\npath = \""+f.cfg.Store.Path+"\"\n"), 0o600)
	old := cliClock
	cliClock = f.clock
	defer func() { cliClock = old }()
	f.clock.Set(london("2026-11-04 10:00"))
	if out, code := runCLI(t, "pause", "KSCMP-2026-0001", "--reason", "police asked us to wait", "--by", "B. Manager", "--config", cfgPath); code != 0 {
		t.Fatalf("pause: %d %s", code, out)
	}
	if out, code := runCLI(t, "pause", "KSCMP-2026-0001", "--reason", "again", "--by", "B. Manager", "--config", cfgPath); code != 1 || !strings.Contains(out, "already paused") {
		t.Errorf("second pause: %d %s", code, out)
	}
	// No chasers while paused, even on the reminder day.
	f.clock.Set(london("2026-11-11 09:00"))
	f.runOnce()
	for k := range f.outbox() {
		if strings.HasPrefix(k, "chaser:") {
			t.Errorf("chaser while paused: %s", k)
		}
	}
	f.clock.Set(london("2026-11-11 10:00"))
	if out, code := runCLI(t, "resume", "KSCMP-2026-0001", "--reason", "strategy meeting held", "--by", "B. Manager", "--config", cfgPath); code != 0 {
		t.Fatalf("resume: %d %s", code, out)
	}
	// Paused Wed 4 to Wed 11 Nov: 6 working days, so the summaries due
	// Fri 13 Nov are now due Mon 23 Nov.
	c := f.caseOf("KSCMP-2026-0001")
	s := c.Schedule(f.part.tt, f.part.cal, f.clock.Now())
	if got := s.Requests[0].Due.Format("2006-01-02"); got != "2026-11-23" {
		t.Errorf("due after the pause %s", got)
	}
	out, _ := runCLI(t, "case", "KSCMP-2026-0001", "--config", cfgPath)
	if !strings.Contains(out, "police asked us to wait") || !strings.Contains(out, "case.resumed") {
		t.Errorf("case output:\n%s", out)
	}
}

// TestCaseworkRunSleepsUntilDue checks that Run waits on the clock (never
// spinning) and files mail and queues chasers as the clock moves.
func TestCaseworkRunSleepsUntilDue(t *testing.T) {
	f := newCaseworkFixture(t, london("2026-11-02 14:00"))
	f.deliver(referralMeets)
	ctx, cancel := context.WithCancel(f.ctx)
	done := make(chan error)
	go func() { done <- f.part.Run(ctx) }()
	waitForSleep := func() {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for f.clock.Waiters() == 0 {
			if time.Now().After(deadline) {
				t.Fatal("Run never went to sleep")
			}
			time.Sleep(time.Millisecond)
		}
	}
	waitForSleep()
	if _, ok := f.outbox()["acknowledgement:KSCMP-2026-0001"]; !ok {
		t.Fatal("the referral was not filed before sleeping")
	}
	// Jump to the reminder day: the loop wakes and queues chasers.
	for i := 0; i < 500 && f.clock.Now().Before(london("2026-11-11 09:01")); i++ {
		waitForSleep()
		f.clock.Advance(time.Hour)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		if _, ok := f.outbox()["chaser:KSCMP-2026-0001:police:1"]; ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("chaser not queued by Run")
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	f.clock.Advance(time.Hour)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
