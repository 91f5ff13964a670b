package notify

import (
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake"
)

func TestDeadlinesICSFoldsAtSeventyFiveOctetsWithCRLF(t *testing.T) {
	long := strings.Repeat("é", 60) + "; a, b\\c\nd"
	b := DeadlinesICS([]intake.StepItem{{Ref: testRef, Step: "x", What: long, Due: intake.Date(2026, 3, 30)}}, t0, "kestmoor.example")
	s := string(b)
	if !strings.HasSuffix(s, "END:VCALENDAR\r\n") {
		t.Fatal("does not end with CRLF")
	}
	lines := strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
	var unfolded []string
	for _, l := range lines {
		if strings.Contains(l, "\n") || strings.Contains(l, "\r") {
			t.Fatalf("bare line break in %q", l)
		}
		if len(l) > 75 {
			t.Errorf("line of %d octets: %q", len(l), l)
		}
		if strings.HasPrefix(l, " ") {
			unfolded[len(unfolded)-1] += l[1:]
			continue
		}
		unfolded = append(unfolded, l)
	}
	want := "SUMMARY:" + testRef + ": " + strings.Repeat("é", 60) + `\; a\, b\\c\nd`
	found := false
	for _, l := range unfolded {
		if l == want {
			found = true
		}
		if !strings.Contains(l, "\uFFFD") && !utf8Valid(l) {
			t.Errorf("invalid UTF-8 after unfolding: %q", l)
		}
	}
	if !found {
		t.Errorf("SUMMARY not found unfolded; lines:\n%s", strings.Join(unfolded, "\n"))
	}
	// Same case and step, same UID, whatever the day.
	b2 := DeadlinesICS([]intake.StepItem{{Ref: testRef, Step: "x", What: "other", Due: intake.Date(2026, 3, 31)}}, t0.Add(24*time.Hour), "kestmoor.example")
	if uid(string(b)) != uid(string(b2)) || uid(string(b)) == "" {
		t.Errorf("UIDs differ: %q %q", uid(string(b)), uid(string(b2)))
	}
}

func uid(s string) string {
	for _, l := range strings.Split(s, "\r\n") {
		if strings.HasPrefix(l, "UID:") {
			return l
		}
	}
	return ""
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }
