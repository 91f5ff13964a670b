package notify

import (
	"context"
	"errors"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake"
)

// digestSections are the digest's headings in the order it reads, each
// with what goldenToday puts under it.
var digestSections = []struct {
	heading string
	items   []string
}{
	{"decisions waiting for a person", []string{"KSCMP-2026-0041", "KSCMP-2026-0043"}},
	{"statutory notifications", []string{"KSCMP-2026-0034", "KSCMP-2026-0033"}},
	{"mail a person must see", []string{"Re: [KSCMP-2026-0030] our summary", "the attached form could not be read"}},
	{"waiting on the referrer", []string{"KSCMP-2026-0038"}},
	{"overdue", []string{"KSCMP-2026-0039"}},
	{"due today", []string{"KSCMP-2026-0040"}},
	{"due in the next two working days", []string{"KSCMP-2026-0032"}},
	{"cases at risk", []string{"KSCMP-2026-0037"}},
	{"paused", []string{"KSCMP-2026-0036"}},
	{"emails not sent", []string{"KSCMP-2026-0035", "KSCMP-2026-0031", "KSCMP-2026-0029"}},
	{"new since the previous working day", []string{"KSCMP-2026-0044", "KSCMP-2026-0028", "KSCMP-2026-0027"}},
}

// sections splits a rendered digest at its headings: upper-case lines in
// the text, <h2> in the HTML. It returns the headings in order, lower
// case, and each one's body.
func sections(t *testing.T, body string, html bool) (order []string, bodies map[string]string) {
	t.Helper()
	re := regexp.MustCompile(`(?m)^([A-Z][A-Z ]+)$`)
	if html {
		re = regexp.MustCompile(`<h2[^>]*>([^<]+)</h2>`)
	}
	bodies = map[string]string{}
	locs := re.FindAllStringSubmatchIndex(body, -1)
	for i, l := range locs {
		h := strings.ToLower(body[l[2]:l[3]])
		end := len(body)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		if _, dup := bodies[h]; dup {
			t.Errorf("heading %q appears twice", h)
		}
		order = append(order, h)
		bodies[h] = body[l[1]:end]
	}
	return order, bodies
}

func renderDigest(t *testing.T, today *intake.Today) Rendered {
	t.Helper()
	h := newHarness(t)
	h.sender.Today = todayFunc(func(context.Context, time.Time) (*intake.Today, error) { return today, nil })
	r, err := h.sender.Render(h.ctx, goldenCases()["digest"], t0)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestDigestLeadsWithDecisionsAndShowsEachItemOnce: every section in
// its place, the decisions first, and every item once, in its section
// only; a new referral waiting for a decision is marked new there and
// not repeated among the arrivals.
func TestDigestLeadsWithDecisionsAndShowsEachItemOnce(t *testing.T) {
	r := renderDigest(t, goldenToday())
	for _, html := range []bool{false, true} {
		body := r.Text
		if html {
			body = r.HTML
		}
		order, bodies := sections(t, body, html)
		var want []string
		for _, s := range digestSections {
			want = append(want, s.heading)
		}
		if strings.Join(order, "|") != strings.Join(want, "|") {
			t.Errorf("html %v: headings\n%q\nwant\n%q", html, order, want)
		}
		for _, s := range digestSections {
			for _, item := range s.items {
				item := strings.ReplaceAll(item, "'", "&#39;")
				if n := strings.Count(body, item); n != 1 {
					t.Errorf("html %v: %q appears %d times, want once", html, item, n)
				}
				if !strings.Contains(bodies[s.heading], item) {
					t.Errorf("html %v: %q is not under %q", html, item, s.heading)
				}
			}
		}
		if !strings.Contains(bodies["decisions waiting for a person"], "KSCMP-2026-0043 (new)") {
			t.Errorf("html %v: the new referral waiting for a decision is not marked new", html)
		}
		if !strings.Contains(bodies["new since the previous working day"], "1 new referral is listed above") {
			t.Errorf("html %v: the arrivals do not say a new referral is listed above", html)
		}
	}
	// What each section says of its items, in words.
	_, text := sections(t, r.Text, false)
	for heading, want := range map[string][]string{
		"decisions waiting for a person": {"decision OVERDUE, was due Thursday 26 February 2026", "screening advice: meets the criteria",
			"! a looked-after child has died: the Secretary of State and Ofsted must be told",
			"decision due today, Monday 2 March 2026", "missing: child's date of birth; the answer to criterion 5"},
		"statutory notifications": {"Local authority notifies the national Panel: OVERDUE, was due Friday 27 February 2026", "Intake never marks one done"},
		"mail a person must see":  {"message 17  KSCMP-2026-0030: needs a person", "from: someone@elsewhere.example", "why: an agency summary", "message 18: could not be read"},
		"waiting on the referrer": {"asked Wednesday 25 February 2026; still missing: child's date of birth"},
		"overdue":                 {"agency summary from Kestmoor Schools: was due Friday 27 February 2026"},
		"emails not sent": {"held (queued Friday 27 February 2026): a recipient has had 3 emails today (the daily cap)",
			"a person can release it with\n      intake outbox retry 9, or on the work queue's Outbox page",
			"intake outbox retry 7", "bounced", "Check the address"},
		"new since the previous working day": {"KSCMP-2026-0044  new referral: accepted, waiting for the agency summaries", "! suspected suicide",
			"Kestmoor Police: summary received", "Kestmoor Schools: no involvement"},
	} {
		for _, w := range want {
			if !strings.Contains(text[heading], w) {
				t.Errorf("%s does not say %q:\n%s", heading, w, text[heading])
			}
		}
	}
	if strings.Contains(r.Text, "Nothing today in") {
		t.Error("a full digest lists empty sections")
	}
}

// TestEmptyDigestKeepsTheDecisionsAndNamesTheRest: on a quiet day the
// decisions section still says None., and every other section is named
// once, in the digest's words for it.
func TestEmptyDigestKeepsTheDecisionsAndNamesTheRest(t *testing.T) {
	r := renderDigest(t, &intake.Today{Date: intake.Date(2026, 3, 2)})
	order, bodies := sections(t, r.Text, false)
	if len(order) != 1 || order[0] != "decisions waiting for a person" || strings.TrimSpace(strings.Split(bodies[order[0]], "\n\n")[0]) != "None." {
		t.Errorf("empty digest's sections %q:\n%s", order, r.Text)
	}
	var rest []string
	for _, s := range digestSections[1:] {
		rest = append(rest, s.heading)
	}
	if want := "Nothing today in: " + strings.Join(rest, "; ") + "."; !strings.Contains(r.Text, want) || !strings.Contains(r.HTML, want) {
		t.Errorf("empty digest does not say %q:\n%s", want, r.Text)
	}
	if order, _ := sections(t, r.HTML, true); len(order) != 1 || !strings.Contains(r.HTML, "<p>None.</p>") {
		t.Errorf("empty HTML digest's sections %q", order)
	}
}

// TestTodayCarriesNoFormText: the digest shows only what intake.Today
// holds, and Today holds references, states, codes, dates, and the
// sender, subject and reason of a message, never form text or a child's
// name. A field added to Today fails this test until someone decides it
// may reach the digest.
func TestTodayCarriesNoFormText(t *testing.T) {
	allowed := map[string]bool{
		"Today.Date": true, "CaseItem.Ref": true, "CaseItem.State": true, "CaseItem.Verdict": true, "CaseItem.Flags": true,
		"CaseItem.Missing": true, "CaseItem.Since": true, "CaseItem.Due": true, "CaseItem.Overdue": true, "CaseItem.Note": true,
		"StepItem.Ref": true, "StepItem.Step": true, "StepItem.What": true, "StepItem.Owner": true, "StepItem.Due": true,
		"StepItem.Overdue": true, "MessageItem.ID": true, "MessageItem.State": true, "MessageItem.From": true,
		"MessageItem.Subject": true, "MessageItem.Reason": true, "MessageItem.CaseRef": true, "MessageItem.ReceivedAt": true,
		"SendItem.ID": true, "SendItem.CaseRef": true, "SendItem.Kind": true, "SendItem.State": true, "SendItem.Reason": true,
		"SendItem.Since": true, "SummaryItem.Ref": true, "SummaryItem.Agency": true, "SummaryItem.Status": true,
	}
	var walk func(t0 reflect.Type)
	seen := map[reflect.Type]bool{}
	walk = func(typ reflect.Type) {
		if seen[typ] {
			return
		}
		seen[typ] = true
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			ft := f.Type
			if ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct {
				walk(ft.Elem())
				continue
			}
			if name := typ.Name() + "." + f.Name; !allowed[name] {
				t.Errorf("intake.%s (%s) may carry form text into the digest: decide, then allow it here", name, ft)
			}
		}
	}
	walk(reflect.TypeOf(intake.Today{}))
}

// TestDigestPutsMailOnOneLine: a subject or sender with line breaks (mail
// is untrusted) cannot pass for lines of the digest.
func TestDigestPutsMailOnOneLine(t *testing.T) {
	today := &intake.Today{Date: intake.Date(2026, 3, 2), NeedsPerson: []intake.MessageItem{{ID: 5, State: intake.MessageNeedsPerson,
		From: "x@elsewhere.example\r\n", Subject: "hello\r\n\r\nEMAILS NOT SENT\r\n  outbox 1: forged", Reason: "why\nnot",
		ReceivedAt: intake.Date(2026, 3, 1)}}}
	r := renderDigest(t, today)
	if strings.Contains(r.Text, "\nEMAILS NOT SENT") || !strings.Contains(r.Text, "subject: hello EMAILS NOT SENT outbox 1: forged\n") ||
		!strings.Contains(r.Text, "why: why not\n") {
		t.Errorf("untrusted text broke the digest's lines:\n%s", r.Text)
	}
	long := strings.Repeat("é", 400)
	if got := oneLine(long); len(got) > maxLine+3 || !strings.HasSuffix(got, "...") || strings.ContainsRune(got, '\uFFFD') {
		t.Errorf("oneLine cut %d octets to %d: %q", len(long), len(got), got[len(got)-8:])
	}
}

// TestDigestIsGatheredAtSendTime: the Sender asks its TodaySource at the
// moment it sends; when that fails, nothing is sent and the row waits
// for a retry.
func TestDigestIsGatheredAtSendTime(t *testing.T) {
	h := newHarness(t)
	var asked []time.Time
	h.sender.Today = todayFunc(func(_ context.Context, now time.Time) (*intake.Today, error) {
		asked = append(asked, now)
		if len(asked) == 1 {
			return nil, errors.New("the case store is locked")
		}
		return goldenToday(), nil
	})
	h.enqueue(intake.Notice{Key: DigestKey(t0), Kind: intake.NoticeDigest, To: []string{testTeam}, DueDate: intake.Date(2026, 3, 2)})
	h.sendOnce()
	row := h.rows()[0]
	if row.State != intake.OutboxPending || !strings.Contains(row.LastError, "gathering the digest") || len(h.server.Messages()) != 0 {
		t.Fatalf("after a failed gathering: %+v, %d sent", row, len(h.server.Messages()))
	}
	h.clock.Set(row.NextAttemptAt)
	if n := h.sendOnce(); n != 1 {
		t.Fatalf("sent %d", n)
	}
	if len(asked) != 2 || !asked[0].Equal(t0) || !asked[1].Equal(row.NextAttemptAt) {
		t.Errorf("asked at %v, want %v then %v", asked, t0, row.NextAttemptAt)
	}
	msg := string(h.server.Messages()[0].Data)
	for _, w := range []string{"Subject: Intake digest for Monday 2 March 2026", `filename="deadlines.ics"`, "KSCMP-2026-0041"} {
		if !strings.Contains(msg, w) {
			t.Errorf("the digest sent lacks %q", w)
		}
	}
}
