package notify

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// fakeCases is a CaseSource with invented cases.
type fakeCases struct{}

func (fakeCases) NewReferrals(context.Context, time.Time, time.Time) ([]DigestReferral, error) {
	return []DigestReferral{
		{CaseRef: "KSCMP-2026-0042", Verdict: "meets_criteria", Flags: []string{"looked_after_death"}},
		{CaseRef: "KSCMP-2026-0043", Verdict: "incomplete"},
	}, nil
}

func (fakeCases) SummariesReceived(context.Context, time.Time, time.Time) ([]DigestSummary, error) {
	return []DigestSummary{{CaseRef: "KSCMP-2026-0040", Agency: "Kestmoor Police"}}, nil
}

func (fakeCases) UnverifiedSenders(context.Context, time.Time, time.Time) ([]DigestSender, error) {
	return []DigestSender{{CaseRef: "KSCMP-2026-0040", Sender: "someone@elsewhere.example", Detail: "not the SPOC of Kestmoor Schools"}}, nil
}

func (fakeCases) OpenDeadlines(_ context.Context, to time.Time) ([]DigestDeadline, error) {
	return []DigestDeadline{
		{CaseRef: "KSCMP-2026-0039", Step: "summary:education", What: "agency summary from Kestmoor Schools", Due: intake.Date(2026, 2, 27)},
		{CaseRef: "KSCMP-2026-0040", Step: "summary:health", What: "agency summary from Kestmoor Integrated Care Board", Due: intake.Date(2026, 3, 2)},
		{CaseRef: "KSCMP-2026-0040", Step: "collate", What: "collate the summaries into the case report; a long description, to fold", Due: intake.Date(2026, 3, 4)},
		{CaseRef: "KSCMP-2026-0042", Step: "meeting", What: "rapid review meeting", Due: intake.Date(2026, 3, 12)},
	}, nil
}

func goldenCases() map[string]intake.Notice {
	due := intake.Date(2026, 3, 13)
	base := func(k intake.NoticeKind) intake.Notice {
		return intake.Notice{Key: string(k) + ":" + testRef, Kind: k, CaseRef: testRef, To: []string{testReferer}}
	}
	c := map[string]intake.Notice{}
	n := base(intake.NoticeAcknowledgement)
	n.Verdict, n.DueDate = "meets_criteria", intake.Date(2026, 3, 19)
	c["acknowledgement_meets"] = n
	n = base(intake.NoticeAcknowledgement)
	n.Verdict, n.Missing = "incomplete", []string{"child_dob", "aware_date", "c_agreement_to_refer"}
	c["acknowledgement_incomplete"] = n
	n = base(intake.NoticeAcknowledgement)
	n.Verdict, n.Failed = "does_not_meet", []string{"c_died_or_seriously_harmed", "c_multi_agency_learning"}
	c["acknowledgement_does_not_meet"] = n
	n = base(intake.NoticeReferrerReminder)
	n.Missing, n.DueDate = []string{"child_dob"}, due
	c["referrer_reminder"] = n
	n = base(intake.NoticeSummaryRequest)
	n.Agency, n.DueDate, n.ChildIdentity = "police", due, "initials A.B., born 2014"
	c["summary_request"] = n
	for name, at := range map[string]time.Time{"chaser_before": intake.Date(2026, 3, 11), "chaser_today": due, "chaser_overdue": intake.Date(2026, 3, 16)} {
		n = base(intake.NoticeChaser)
		n.Agency, n.DueDate, n.NotBefore, n.ChaserNumber = "health", due, at.Add(9*time.Hour), 2
		c[name] = n
	}
	n = base(intake.NoticeEscalation)
	n.Agency, n.DueDate, n.ChaserNumber, n.Note = "education", due, 3, `Escaping check: <b>not bold</b> & "quoted"`
	c["escalation"] = n
	n = base(intake.NoticeSummaryReceipt)
	n.Agency = "police"
	c["summary_receipt"] = n
	n = base(intake.NoticeOutcome)
	n.Decision = "lcspr"
	c["outcome"] = n
	n = base(intake.NoticeLinkedReferral)
	c["linked_referral"] = n
	n = intake.Notice{Key: "digest:2026-03-02", Kind: intake.NoticeDigest, To: []string{testTeam}, DueDate: intake.Date(2026, 3, 2)}
	c["digest"] = n
	return c
}

// TestGoldenTemplates renders every kind of email and compares it with
// testdata/<case>/: subject.txt, body.txt, body.html (and deadlines.ics
// for the digest). Run with -update to rewrite them.
func TestGoldenTemplates(t *testing.T) {
	h := newHarness(t)
	h.sender.Digester.Cases = fakeCases{}
	for name, n := range goldenCases() {
		t.Run(name, func(t *testing.T) {
			r, err := h.sender.Render(h.ctx, n, t0)
			if err != nil {
				t.Fatal(err)
			}
			files := map[string][]byte{"subject.txt": []byte(r.Subject + "\n"), "body.txt": []byte(r.Text), "body.html": []byte(r.HTML)}
			for _, a := range r.Attachments {
				files[a.Name] = a.Data
			}
			for f, got := range files {
				path := filepath.Join("testdata", name, f)
				if *update {
					os.MkdirAll(filepath.Dir(path), 0o755)
					if err := os.WriteFile(path, got, 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test ./notify -run TestGoldenTemplates -update)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from the golden file:\n--- got\n%s\n--- want\n%s", path, got, want)
				}
			}
		})
	}
}

func TestHTMLIsEscaped(t *testing.T) {
	h := newHarness(t)
	r, err := h.sender.Render(h.ctx, goldenCases()["escalation"], t0)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(r.HTML, "<b>not bold</b>") || !strings.Contains(r.HTML, "&lt;b&gt;not bold&lt;/b&gt;") {
		t.Errorf("note not escaped in HTML:\n%s", r.HTML)
	}
}

func TestTemplatesOverriddenFromADirectory(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "outcome.txt"), []byte(`{{define "subject"}}Decision on {{.CaseRef}}{{end}}The decision: {{.DecisionWords}}.`), 0o644)
	r, err := NewRenderer(testSite, dir)
	if err != nil {
		t.Fatal(err)
	}
	out, err := r.Render(goldenCases()["outcome"], nil)
	if err != nil {
		t.Fatal(err)
	}
	if out.Subject != "Decision on "+testRef || !strings.Contains(out.HTML, "Rapid Review Group") {
		t.Errorf("override: %q / html from embedded: %v", out.Subject, strings.Contains(out.HTML, "Rapid Review Group"))
	}
	os.WriteFile(filepath.Join(dir, "chaser.txt"), []byte(`no subject here`), 0o644)
	if _, err := NewRenderer(testSite, dir); err == nil {
		t.Error("a template without a subject was accepted")
	}
	os.WriteFile(filepath.Join(dir, "chaser.txt"), []byte(`{{define "subject"}}{{.CaseReference}}{{end}}x`), 0o644)
	if _, err := NewRenderer(testSite, dir); err == nil || !strings.Contains(err.Error(), "CaseReference") {
		t.Errorf("a template naming a missing field: %v", err)
	}
}
