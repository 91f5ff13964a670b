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

// goldenToday is a Monday with something in every section of the
// digest, each item on a case of its own so that a test can find it by
// its reference. Every name, address and reference is invented.
func goldenToday() *intake.Today {
	d := intake.Date
	return &intake.Today{
		Date: d(2026, 3, 2),
		Decisions: []intake.CaseItem{
			{Ref: "KSCMP-2026-0041", State: intake.StateReceived, Verdict: intake.VerdictMeetsCriteria,
				Flags: []string{intake.FlagLookedAfterDeath}, Since: d(2026, 2, 26), Due: d(2026, 2, 26), Overdue: true},
			{Ref: "KSCMP-2026-0043", State: intake.StateReceived, Verdict: intake.VerdictIncomplete,
				Missing: []string{"child_dob", "c_agreement_to_refer"}, Since: d(2026, 3, 2), Due: d(2026, 3, 2)},
		},
		Statutory: []intake.StepItem{
			{Ref: "KSCMP-2026-0034", Step: intake.StepNotification, What: "Local authority notifies the national Panel",
				Owner: intake.OwnerLocalAuthority, Due: d(2026, 2, 27), Overdue: true},
			{Ref: "KSCMP-2026-0033", Step: intake.StepSoSOfstedNotification, What: "Local authority notifies the Secretary of State and Ofsted (looked-after child)",
				Owner: intake.OwnerLocalAuthority, Due: d(2026, 3, 4)},
		},
		NeedsPerson: []intake.MessageItem{
			{ID: 17, State: intake.MessageNeedsPerson, From: "someone@elsewhere.example", Subject: "Re: [KSCMP-2026-0030] our summary",
				Reason:  "an agency summary for KSCMP-2026-0030, as from Kestmoor Schools, sent by someone@elsewhere.example, who is not Kestmoor Schools's SPOC or not authenticated: if it is genuine, attach it as Kestmoor Schools's summary",
				CaseRef: "KSCMP-2026-0030", ReceivedAt: time.Date(2026, 2, 27, 15, 4, 0, 0, time.UTC)},
			{ID: 18, State: intake.MessageUnreadable, Reason: "the attached form could not be read: the file is damaged",
				ReceivedAt: time.Date(2026, 3, 1, 22, 10, 0, 0, time.UTC)},
		},
		WaitingOnReferrer: []intake.CaseItem{
			{Ref: "KSCMP-2026-0038", State: intake.StateAwaitingReferrer, Verdict: intake.VerdictIncomplete,
				Missing: []string{"child_dob"}, Since: d(2026, 2, 25)},
		},
		Overdue: []intake.StepItem{{Ref: "KSCMP-2026-0039", Step: "summary:education", What: "agency summary from Kestmoor Schools",
			Owner: intake.OwnerSPOCs, Due: d(2026, 2, 27), Overdue: true}},
		DueToday: []intake.StepItem{{Ref: "KSCMP-2026-0040", Step: "summary:health", What: "agency summary from Kestmoor Integrated Care Board",
			Owner: intake.OwnerSPOCs, Due: d(2026, 3, 2)}},
		DueSoon: []intake.StepItem{{Ref: "KSCMP-2026-0032", Step: "collation", What: "Summaries collated into the case report",
			Owner: intake.OwnerBusinessTeam, Due: d(2026, 3, 4)}},
		AtRisk: []intake.CaseItem{{Ref: "KSCMP-2026-0037", State: intake.StateAwaitingSummaries, Since: d(2026, 2, 20)}},
		Paused: []intake.CaseItem{{Ref: "KSCMP-2026-0036", State: intake.StateAwaitingSummaries, Since: d(2026, 2, 16),
			Note: "paused at the police's request"}},
		NotSent: []intake.SendItem{
			{ID: 7, CaseRef: "KSCMP-2026-0035", Kind: string(intake.NoticeAcknowledgement), State: intake.OutboxFailed,
				Reason: "permanent failure: send: 550 5.1.1", Since: time.Date(2026, 2, 27, 9, 0, 0, 0, time.UTC)},
			{ID: 9, CaseRef: "KSCMP-2026-0031", Kind: string(intake.NoticeChaser), State: intake.OutboxHeld,
				Reason: "a recipient has had 3 emails today (the daily cap)", Since: time.Date(2026, 2, 27, 9, 0, 0, 0, time.UTC)},
			{ID: 11, CaseRef: "KSCMP-2026-0029", Kind: string(intake.NoticeSummaryRequest), State: intake.OutboxBounced,
				Reason: "550 5.1.1 mailbox unknown", Since: time.Date(2026, 2, 26, 11, 0, 0, 0, time.UTC)},
		},
		NewReferrals: []intake.CaseItem{
			{Ref: "KSCMP-2026-0043", State: intake.StateReceived, Verdict: intake.VerdictIncomplete, Since: d(2026, 3, 2)},
			{Ref: "KSCMP-2026-0044", State: intake.StateAwaitingSummaries, Verdict: intake.VerdictMeetsCriteria,
				Flags: []string{intake.FlagSuspectedSuicide}, Since: d(2026, 2, 27)},
		},
		SummariesReceived: []intake.SummaryItem{
			{Ref: "KSCMP-2026-0028", Agency: "Kestmoor Police", Status: intake.SummaryReceived},
			{Ref: "KSCMP-2026-0027", Agency: "Kestmoor Schools", Status: intake.SummaryNoInvolvement},
		},
		Upcoming: []intake.StepItem{
			{Ref: "KSCMP-2026-0040", Step: "summary:health", What: "agency summary from Kestmoor Integrated Care Board", Due: d(2026, 3, 2)},
			{Ref: "KSCMP-2026-0032", Step: "collation", What: "Summaries collated into the case report; a long description, to fold", Due: d(2026, 3, 4)},
			{Ref: "KSCMP-2026-0032", Step: intake.StepRapidReview, What: "Rapid review meeting and decision", Due: d(2026, 3, 12)},
		},
	}
}

// goldenTodaySource returns goldenToday whenever it is asked.
var goldenTodaySource = todayFunc(func(context.Context, time.Time) (*intake.Today, error) { return goldenToday(), nil })

// forwardedID is the id the redirect's referral gets in a fresh store.
const forwardedID = 1

func goldenCases() map[string]intake.Notice {
	due := intake.Date(2026, 3, 13)
	base := func(k intake.NoticeKind) intake.Notice {
		return intake.Notice{Key: string(k) + ":" + testRef, Kind: k, CaseRef: testRef, To: []string{testReferer}}
	}
	c := map[string]intake.Notice{}
	n := base(intake.NoticeAcknowledgement)
	c["acknowledgement"] = n
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
	n.Decision, n.Ending = "lcspr", "reviewed"
	n.Reason = "The agencies' summaries show missed chances to share information across the partnership."
	c["outcome"] = n
	n.Agency, n.To = "police", []string{"police.spoc@kestmoor.example"}
	c["outcome_spoc"] = n
	n = base(intake.NoticeLinkedReferral)
	c["linked_referral"] = n
	n = intake.Notice{Key: "digest:2026-03-02", Kind: intake.NoticeDigest, To: []string{testTeam}, DueDate: intake.Date(2026, 3, 2)}
	c["digest"] = n
	n.Key = "digest:2026-03-03"
	c["digest_empty"] = n

	n = base(intake.NoticeAccepted)
	n.DueDate = intake.Date(2026, 3, 19)
	c["accepted"] = n
	n = base(intake.NoticeInformationRequest)
	n.Missing = []string{"child_dob", "aware_date", "c_agreement_to_refer"}
	c["information_request"] = n
	n = base(intake.NoticeNotAccepted)
	n.Ending, n.Reason = "screened_out", "The child was not seriously harmed, so the case does not meet the criteria. Kestmoor Schools will look at the learning for its own staff."
	c["not_accepted"] = n
	n = base(intake.NoticeRedirect)
	n.To, n.Neighbour = []string{"referrals@eastholm-scp.example"}, "Eastholm Safeguarding Children Partnership"
	n.Reason, n.ForwardMessage = "The child and family moved to Eastholm in January.", forwardedID
	c["redirect"] = n
	n = base(intake.NoticeRedirected)
	n.Neighbour, n.Ending = "Eastholm Safeguarding Children Partnership", "redirected"
	c["redirected"] = n
	n = base(intake.NoticeDueDateChanged)
	n.To, n.Agency, n.DueDate, n.OldDueDate = []string{"health.spoc@kestmoor.example"}, "health", intake.Date(2026, 3, 20), due
	n.Reason, n.ChildIdentity = "The rapid review meeting has moved a week later.", "initials A.B., born 2014"
	c["due_date_changed"] = n
	n = base(intake.NoticeRequestWithdrawn)
	n.To, n.Agency, n.Reason = []string{"education.spoc@kestmoor.example"}, "education", "The school was named in error: the child was not on its roll."
	c["request_withdrawn"] = n
	return c
}

// TestGoldenTemplates renders every kind of email and compares it with
// testdata/<case>/: subject.txt, body.txt, body.html, and each
// attachment but the agency summary form (deadlines.ics for the digest,
// referral.eml for a redirect). Run with -update to rewrite them.
func TestGoldenTemplates(t *testing.T) {
	h := newHarness(t)
	if id := h.storeMessage(readFixture(t, "forward/referral.eml"), nil, intake.MessageProcessed); id != forwardedID {
		t.Fatalf("the referral to forward is message %d, want %d", id, forwardedID)
	}
	cases := goldenCases()
	for _, k := range Kinds {
		found := false
		for _, n := range cases {
			found = found || n.Kind == k
		}
		if !found {
			t.Errorf("no golden case renders %s", k)
		}
	}
	for name, n := range cases {
		t.Run(name, func(t *testing.T) {
			h.sender.Today = emptyToday
			if name == "digest" {
				h.sender.Today = goldenTodaySource
			}
			r, err := h.sender.Render(h.ctx, n, t0)
			if err != nil {
				t.Fatal(err)
			}
			files := map[string][]byte{"subject.txt": []byte(r.Subject + "\n"), "body.txt": []byte(r.Text), "body.html": []byte(r.HTML)}
			for _, a := range r.Attachments {
				files[a.Name] = a.Data
			}
			compareGolden(t, name, files)
		})
	}
}

func compareGolden(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for f, got := range files {
		path := filepath.Join("testdata", dir, f)
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
	// The start-up check renders every section of the digest.
	os.Remove(filepath.Join(dir, "chaser.txt"))
	os.WriteFile(filepath.Join(dir, "digest.html"), []byte(`{{range .Digest.Paused}}{{.PausedBy}}{{end}}`), 0o644)
	if _, err := NewRenderer(testSite, dir); err == nil || !strings.Contains(err.Error(), "PausedBy") {
		t.Errorf("a digest template naming a missing field in a section: %v", err)
	}
}

// TestAcknowledgementDoesNotTellTheVerdict: a person decides, so the
// acknowledgement says the same whatever screening found.
func TestAcknowledgementDoesNotTellTheVerdict(t *testing.T) {
	h := newHarness(t)
	plain, err := h.sender.Renderer.Render(goldenCases()["acknowledgement"], nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{intake.VerdictMeetsCriteria, intake.VerdictIncomplete, intake.VerdictDoesNotMeet} {
		n := goldenCases()["acknowledgement"]
		n.Verdict, n.Missing, n.Failed, n.Flags = v, []string{"child_dob"}, []string{"c_multi_agency_learning"}, []string{intake.FlagOutOfArea}
		n.DueDate = intake.Date(2026, 3, 19)
		r, err := h.sender.Renderer.Render(n, nil)
		if err != nil {
			t.Fatal(err)
		}
		if r.Subject != plain.Subject || r.Text != plain.Text || r.HTML != plain.HTML {
			t.Errorf("the acknowledgement changes with the verdict %s:\n%s", v, r.Text)
		}
	}
	for _, w := range []string{"criteria", "meets", "incomplete", "date of birth", "Thursday 19 March"} {
		if strings.Contains(plain.Text+plain.HTML, w) {
			t.Errorf("the acknowledgement says %q", w)
		}
	}
}

// TestOnlyAReviewedOutcomeSaysTheGroupConsideredIt (docs/design.md: a case
// screened out never reads "the Rapid Review Group has considered").
func TestOnlyAReviewedOutcomeSaysTheGroupConsideredIt(t *testing.T) {
	h := newHarness(t)
	const phrase = "rapid review group has considered"
	says := func(n intake.Notice) bool {
		t.Helper()
		r, err := h.sender.Renderer.Render(n, NewDigestData(goldenToday()))
		if err != nil {
			t.Fatal(err)
		}
		return strings.Contains(strings.ToLower(r.Subject+r.Text+r.HTML), phrase)
	}
	for name, n := range goldenCases() {
		if got, want := says(n), n.Kind == intake.NoticeOutcome; got != want {
			t.Errorf("%s: says %q: %v, want %v", name, phrase, got, want)
		}
	}
	for _, ending := range []string{"screened_out", "redirected"} {
		n := goldenCases()["outcome"]
		n.Ending, n.Decision = ending, string(intake.DecisionCriteriaNotMet)
		if says(n) {
			t.Errorf("an outcome of a case %s says %q", ending, phrase)
		}
	}
}
