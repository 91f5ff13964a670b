package web

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/kscmp/intake"
)

// fakeBackend is an in-memory Backend with invented cases. It records
// every action it is asked to do, so tests can assert that a refused
// request changed nothing.
type fakeBackend struct {
	mu      sync.Mutex
	cases   map[string]*CaseView
	order   []string // newest first
	mail    map[int64]*MailItem
	outbox  []Email
	files   map[string][]byte // "REF/ID" or "m/ID/FILE"
	calls   []string
	failing map[string]error // action name → the error it returns
}

func (f *fakeBackend) record(format string, args ...any) {
	f.calls = append(f.calls, fmt.Sprintf(format, args...))
}

// Calls returns the actions done so far.
func (f *fakeBackend) Calls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.calls...)
}

var fakeAgencies = []Option{{"police", "Kestmoor Police"}, {"la", "Kestmoor County Council children's services"},
	{"icb", "Kestmoor Integrated Care Board"}, {"school", "Brambleford Primary School"}}

var fakeFirstNames = []string{"Amelia", "Noah", "Isla", "Leo", "Ava", "Oscar", "Freya", "Arthur", "Mia", "Theo"}
var fakeLastNames = []string{"Hartley", "Okafor", "Pennington", "Quill", "Rowntree", "Sandoval", "Thackeray", "Underwood"}

// newFake makes n invented cases received on the working days before
// now, and a small mail queue and outbox.
func newFake(n int, now time.Time) *fakeBackend {
	f := &fakeBackend{cases: map[string]*CaseView{}, mail: map[int64]*MailItem{}, files: map[string][]byte{}, failing: map[string]error{}}
	cal := intake.NewCalendar(nil, nil)
	for i := 1; i <= n; i++ {
		ref := fmt.Sprintf("KSCMP-2026-%04d", i)
		received := cal.AddWorkingDays(intake.Date(2026, 11, 20), -(n-i)%40).Add(9*time.Hour + time.Duration(i%50)*time.Minute)
		child := fakeFirstNames[i%len(fakeFirstNames)] + " " + fakeLastNames[i%len(fakeLastNames)]
		v := &CaseView{Ref: ref, State: intake.StateReceived, Child: child, Referrer: fmt.Sprintf("referrer%d@school.example.org", i),
			Received: received, CanDecide: true, Partnerships: []Option{{"westshire", "Westshire Safeguarding Children Partnership"}, {"eastmoor", "Eastmoor Children's Partnership"}}}
		v.Fields = []FieldView{
			{Key: "child_name", Label: "Child's name", Value: child, Source: "form field 'Child's name' in referral.docx", Correctable: true},
			{Key: "child_dob", Label: "Date of birth", Value: "2014-03-02", Source: "form field 'DOB' in referral.docx", Correctable: true},
			{Key: "incident_date", Label: "Date of the incident", Value: "2026-11-12", Source: "form field 'Date of incident' in referral.docx", Correctable: true},
			{Key: "summary", Label: "What happened", Value: "The child was admitted to hospital with injuries.\nSchool had raised concerns twice.", Source: "form field 'Summary' in referral.docx", Correctable: true},
			{Key: "agencies", Label: "Agencies involved", Value: "Kestmoor Police, Brambleford Primary School", Source: "form field 'Agencies' in referral.docx", Correctable: true},
		}
		v.Originals = []AttachmentView{{ID: "form", Name: "referral.docx", Size: 48213}}
		f.files[ref+"/form"] = []byte("PK\x03\x04 invented docx bytes for " + ref)
		v.Screening = Screening{Verdict: "Meets the criteria for a rapid review",
			Met: []string{"The child has died or has been seriously harmed", "Abuse or neglect is known or suspected"}}
		if i%7 == 0 {
			v.Screening.Flags = []Flag{{"suspected_suicide", "Suspected suicide"}}
		}
		if i%11 == 0 {
			v.Screening.Flags = append(v.Screening.Flags, Flag{"out_of_area", "Out of area: the referral may belong to another partnership"})
		}
		aware := cal.AddWorkingDays(received, -1)
		v.Statutory = []ClockStep{{Key: "la_notification", Title: "The local authority notifies the national Panel and Ofsted",
			Owner: "the local authority", Due: cal.AddWorkingDays(aware, 5), Status: StepUpcoming, Recordable: true}}
		v.Audit = []AuditView{{At: received, Actor: "intake", Action: "Referral received and screened", Detail: "message " + fmt.Sprint(i)}}
		switch i % 4 {
		case 1, 2:
			f.accept(v, received, "intake")
		case 3:
			v.State = intake.StateAwaitingReferrer
		}
		f.cases[ref] = v
		f.order = append([]string{ref}, f.order...)
	}
	f.mail[901] = &MailItem{ID: 901, ReceivedAt: now.Add(-3 * time.Hour), From: "spoc@police.example.org", Subject: "Re: Agency summary request KSCMP-2026-0001",
		Kind: MailQuestion, Reason: "A question from the police's contact: it needs an answer from a person.", CaseRef: "KSCMP-2026-0001", Agency: "police", Agencies: fakeAgencies,
		Attachments: []AttachmentView{{ID: "1", Name: "question.txt", Size: 120}}}
	f.mail[902] = &MailItem{ID: 902, ReceivedAt: now.Add(-26 * time.Hour), From: "head@brambleford.example.org", Subject: "Referral form",
		Kind: MailUnreadable, Reason: "The attached form is a scanned image: no text could be read from it.", Agencies: fakeAgencies}
	f.files["m/902/raw"] = []byte("From: head@brambleford.example.org\r\nSubject: Referral form\r\n\r\n<html><script>alert(1)</script></html>")
	f.files["m/901/1"] = []byte("Can we search on initials?")
	f.outbox = []Email{
		{ID: 71, CaseRef: "KSCMP-2026-0001", Kind: "Summary request", To: []string{"spoc@police.example.org"}, Subject: "Agency summary request KSCMP-2026-0001", State: "failed", Attempts: 5, LastError: "The receiving server refused the address", CanRetry: true},
		{ID: 72, CaseRef: "KSCMP-2026-0002", Kind: "Acknowledgement", To: []string{"referrer2@school.example.org"}, Subject: "Your referral KSCMP-2026-0002", State: "held", LastError: "Held: the address bounced before", CanRelease: true},
		{ID: 73, CaseRef: "KSCMP-2026-0002", Kind: "Acknowledgement", To: []string{"referrer2@school.example.org"}, Subject: "Your referral KSCMP-2026-0002", State: "sent", SentAt: now.Add(-time.Hour)},
	}
	return f
}

// accept starts the timetable and asks the agencies.
func (f *fakeBackend) accept(v *CaseView, at time.Time, by string) {
	cal := intake.NewCalendar(nil, nil)
	v.State, v.CanDecide, v.CanRecordOutcome = intake.StateAwaitingSummaries, false, true
	v.Day1 = intake.Date(at.In(intake.London).Date())
	v.Timetable = nil
	for _, s := range []struct {
		day               int
		key, title, owner string
		rec               bool
	}{
		{1, "requests", "Summary requests sent to every agency", "the partnership team (intake sends them)", false},
		{10, "summaries", "Agency summaries returned", "each agency's single point of contact", false},
		{11, "collated", "Summaries collated into the case report", "the partnership team", true},
		{12, "papers", "Papers sent to the Rapid Review Group", "the partnership team", true},
		{14, "meeting", "Rapid review meeting and decision", "the Rapid Review Group", true},
		{15, "panel", "Outcome sent to the national Panel", "the Rapid Review Group's chair", true},
	} {
		st := ClockStep{Key: s.key, Day: s.day, Title: s.title, Owner: s.owner, Due: cal.AddWorkingDays(v.Day1, s.day-1), Status: StepUpcoming, Recordable: s.rec}
		if s.day == 1 {
			st.Status, st.DoneOn, st.DoneBy, st.How = StepDone, v.Day1, "intake", "sent when the referral was accepted"
		}
		v.Timetable = append(v.Timetable, st)
	}
	v.Requests = nil
	for _, a := range fakeAgencies[:3] {
		v.Requests = append(v.Requests, RequestView{Agency: a.Value, AgencyName: a.Label, To: []string{"spoc@" + a.Value + ".example.org"},
			RequestedAt: at, Due: cal.AddWorkingDays(v.Day1, 9), Status: "Requested", Open: true})
	}
	v.Emails = append(v.Emails, Email{ID: int64(len(v.Emails) + 1), Kind: "Summary request", To: []string{"spoc@police.example.org"}, Subject: "Agency summary request " + v.Ref, State: "waiting"})
	v.Audit = append(v.Audit, AuditView{At: at, Actor: by, Action: "Accepted for rapid review"})
}

func (f *fakeBackend) Today(ctx context.Context, now time.Time) (TodayView, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var t TodayView
	today := intake.Date(now.In(intake.London).Date())
	for _, ref := range f.order {
		v := f.cases[ref]
		if v.CanDecide && v.State == intake.StateReceived {
			t.Decisions = append(t.Decisions, TodayItem{CaseRef: ref, What: "Accept or route the referral"})
		}
		if v.State == intake.StateAwaitingReferrer {
			t.AwaitingReferrer = append(t.AwaitingReferrer, TodayItem{CaseRef: ref, What: "Waiting for the referrer's answer"})
		}
		for _, st := range v.Statutory {
			if st.Status != StepDone && !st.Due.After(today.AddDate(0, 0, 2)) {
				t.Statutory = append(t.Statutory, TodayItem{CaseRef: ref, What: st.Title, Due: st.Due, Overdue: st.Due.Before(today)})
			}
		}
		for _, r := range v.Requests {
			if r.Open && !r.Due.After(today) {
				t.SummariesDue = append(t.SummariesDue, TodayItem{CaseRef: ref, What: r.AgencyName + " summary", Due: r.Due, Overdue: r.Due.Before(today)})
			}
		}
	}
	for _, id := range f.mailIDs() {
		m := f.mail[id]
		t.NeedsPerson = append(t.NeedsPerson, TodayItem{MessageID: id, What: m.Kind.Words() + ": " + m.Subject})
	}
	for _, e := range f.outbox {
		if e.State == "failed" || e.State == "held" {
			t.Emails = append(t.Emails, TodayItem{OutboxID: e.ID, What: e.Kind + " " + e.State})
		}
	}
	return t, nil
}

func (f *fakeBackend) mailIDs() []int64 {
	var ids []int64
	for id := range f.mail {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

func (f *fakeBackend) Cases(ctx context.Context, flt CaseFilter, now time.Time) (CaseList, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	l := CaseList{PerPage: 50, Flags: []Option{{"suspected_suicide", "Suspected suicide"}, {"out_of_area", "Out of area"}}}
	q := strings.ToLower(flt.Query)
	var all []CaseSummary
	for _, ref := range f.order {
		v := f.cases[ref]
		if flt.State != "" && v.State != flt.State {
			continue
		}
		if q != "" && !strings.Contains(strings.ToLower(v.Ref+" "+v.Child+" "+v.Referrer), q) {
			continue
		}
		if flt.Flag != "" && !hasFlag(v.Screening.Flags, flt.Flag) {
			continue
		}
		all = append(all, CaseSummary{Ref: v.Ref, Child: v.Child, State: v.State, Received: v.Received, Flags: v.Screening.Flags, Paused: v.Paused})
	}
	l.Total = len(all)
	start := (max(flt.Page, 1) - 1) * l.PerPage
	if start < len(all) {
		l.Items = all[start:min(start+l.PerPage, len(all))]
	}
	return l, nil
}

func hasFlag(fl []Flag, key string) bool {
	for _, x := range fl {
		if x.Key == key {
			return true
		}
	}
	return false
}

func (f *fakeBackend) Case(ctx context.Context, ref string, now time.Time) (CaseView, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	v, ok := f.cases[ref]
	if !ok {
		return CaseView{}, fmt.Errorf("fake: case %s: %w", ref, ErrNotFound)
	}
	out := *v
	today := intake.Date(now.In(intake.London).Date())
	status := func(steps []ClockStep) []ClockStep {
		steps = append([]ClockStep(nil), steps...)
		for i := range steps {
			switch {
			case steps[i].Status == StepDone:
			case steps[i].Due.Before(today):
				steps[i].Status = StepOverdue
			case steps[i].Due.Equal(today):
				steps[i].Status = StepDueToday
			}
		}
		return steps
	}
	out.Statutory, out.Timetable = status(v.Statutory), status(v.Timetable)
	return out, nil
}

func (f *fakeBackend) Mail(ctx context.Context, now time.Time) (MailView, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var v MailView
	for _, id := range f.mailIDs() {
		v.Items = append(v.Items, *f.mail[id])
	}
	return v, nil
}

func (f *fakeBackend) MailItem(ctx context.Context, id int64, now time.Time) (MailItem, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	m, ok := f.mail[id]
	if !ok {
		return MailItem{}, fmt.Errorf("fake: message %d: %w", id, ErrNotFound)
	}
	return *m, nil
}

func (f *fakeBackend) Outbox(ctx context.Context, flt OutboxFilter, now time.Time) (OutboxView, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var v OutboxView
	for _, e := range f.outbox {
		if flt.State == "" || e.State == flt.State {
			v.Items = append(v.Items, e)
		}
	}
	return v, nil
}

func (f *fakeBackend) open(key, name string) (Download, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	b, ok := f.files[key]
	if !ok {
		return Download{}, fmt.Errorf("fake: file %s: %w", key, ErrNotFound)
	}
	return Download{Name: name, Size: int64(len(b)), Body: io.NopCloser(bytes.NewReader(b))}, nil
}

func (f *fakeBackend) Attachment(ctx context.Context, ref, id string) (Download, error) {
	name := id
	f.mu.Lock()
	v, ok := f.cases[ref]
	f.mu.Unlock()
	if ok {
		for _, a := range v.Originals {
			if a.ID == id {
				name = a.Name
			}
		}
	}
	return f.open(ref+"/"+id, name)
}

func (f *fakeBackend) RawMessage(ctx context.Context, id int64) (Download, error) {
	return f.open(fmt.Sprintf("m/%d/raw", id), fmt.Sprintf("message-%d.eml", id))
}

func (f *fakeBackend) MailAttachment(ctx context.Context, id int64, file string) (Download, error) {
	return f.open(fmt.Sprintf("m/%d/%s", id, file), file+".txt")
}

// act runs an action on a case under the lock: unknown cases and
// configured failures are refused before anything changes.
func (f *fakeBackend) act(name, ref string, by Actor, fn func(v *CaseView) error) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.failing[name]; err != nil {
		return err
	}
	v, ok := f.cases[ref]
	if !ok {
		return fmt.Errorf("fake: case %s: %w", ref, ErrNotFound)
	}
	if err := fn(v); err != nil {
		return err
	}
	f.record("%s %s by %s", name, ref, by.Email)
	return nil
}

func (f *fakeBackend) decide(name, ref string, by Actor, fn func(v *CaseView)) error {
	return f.act(name, ref, by, func(v *CaseView) error {
		if !v.CanDecide {
			return Refuse("", "%s has already been decided: there is nothing to accept or route", ref)
		}
		fn(v)
		v.CanDecide = false
		return nil
	})
}

func (f *fakeBackend) Accept(ctx context.Context, by Actor, ref, reason string) error {
	return f.decide("accept", ref, by, func(v *CaseView) { f.accept(v, by.At, by.String()) })
}

func (f *fakeBackend) AskReferrer(ctx context.Context, by Actor, ref, what string) error {
	return f.decide("ask-referrer", ref, by, func(v *CaseView) { v.State = intake.StateAwaitingReferrer })
}

func (f *fakeBackend) Redirect(ctx context.Context, by Actor, ref, partnership, reason string) error {
	return f.decide("redirect", ref, by, func(v *CaseView) { v.State = intake.StateClosed })
}

func (f *fakeBackend) NotAccepted(ctx context.Context, by Actor, ref, reason string, keep bool) error {
	return f.decide("not-accepted", ref, by, func(v *CaseView) { v.State = intake.StateClosed })
}

func (f *fakeBackend) AcceptException(ctx context.Context, by Actor, ref, reason string) error {
	return f.decide("exception", ref, by, func(v *CaseView) { f.accept(v, by.At, by.String()) })
}

func (f *fakeBackend) RecordStep(ctx context.Context, by Actor, ref, step string, on time.Time, note string) error {
	return f.act("record-step", ref, by, func(v *CaseView) error {
		for _, steps := range [][]ClockStep{v.Statutory, v.Timetable} {
			for i := range steps {
				if steps[i].Key == step {
					steps[i].Status, steps[i].DoneOn, steps[i].DoneBy, steps[i].Recordable = StepDone, on, by.String(), false
					return nil
				}
			}
		}
		return Refuse("step", "There is no step %q on %s", step, ref)
	})
}

func (f *fakeBackend) CorrectField(ctx context.Context, by Actor, ref, field, value, reason string) error {
	return f.act("correct", ref, by, func(v *CaseView) error {
		for i := range v.Fields {
			if v.Fields[i].Key == field {
				v.Fields[i].Value, v.Fields[i].Source = value, "corrected by "+by.Name+" on "+FormatDate(by.At)
				if field == "child_name" {
					v.Child = value
				}
				return nil
			}
		}
		return Refuse("field", "There is no field %q", field)
	})
}

func (f *fakeBackend) RecordOutcome(ctx context.Context, by Actor, ref string, d intake.Decision, reason string) error {
	return f.act("outcome", ref, by, func(v *CaseView) error {
		v.Outcome = &OutcomeView{Decision: d, Reason: reason, By: by.String(), At: by.At}
		v.State = intake.StateDecided
		return nil
	})
}

func (f *fakeBackend) request(name, ref string, by Actor, agency string, fn func(r *RequestView)) error {
	return f.act(name, ref, by, func(v *CaseView) error {
		for i := range v.Requests {
			if v.Requests[i].Agency == agency {
				fn(&v.Requests[i])
				return nil
			}
		}
		return Refuse("agency", "No request went to %s on %s", agency, ref)
	})
}

func (f *fakeBackend) NoInvolvement(ctx context.Context, by Actor, ref, agency, reason string) error {
	return f.request("no-involvement", ref, by, agency, func(r *RequestView) { r.Open, r.Status = false, "No involvement" })
}

func (f *fakeBackend) Reassign(ctx context.Context, by Actor, ref, agency, address, reason string) error {
	return f.request("reassign", ref, by, agency, func(r *RequestView) { r.To = []string{address} })
}

func (f *fakeBackend) Extend(ctx context.Context, by Actor, ref, agency string, due time.Time, reason string) error {
	return f.request("extend", ref, by, agency, func(r *RequestView) { r.Due = due })
}

func (f *fakeBackend) BuildPack(ctx context.Context, by Actor, ref string) (Download, error) {
	if err := f.act("pack", ref, by, func(*CaseView) error { return nil }); err != nil {
		return Download{}, err
	}
	b := []byte("PK\x03\x04 invented pack for " + ref)
	return Download{Name: ref + " rapid review pack.zip", Size: int64(len(b)), Body: io.NopCloser(bytes.NewReader(b))}, nil
}

func (f *fakeBackend) mailAct(name string, by Actor, id int64, ref string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.failing[name]; err != nil {
		return err
	}
	if _, ok := f.mail[id]; !ok {
		return fmt.Errorf("fake: message %d: %w", id, ErrNotFound)
	}
	if ref != "" {
		if _, ok := f.cases[ref]; !ok {
			return Refuse("ref", "There is no case %s. Check the reference.", ref)
		}
	}
	delete(f.mail, id)
	f.record("mail-%s %d %s by %s", name, id, ref, by.Email)
	return nil
}

func (f *fakeBackend) AttachSummary(ctx context.Context, by Actor, id int64, ref, agency string) error {
	return f.mailAct("attach", by, id, ref)
}

func (f *fakeBackend) MailNoInvolvement(ctx context.Context, by Actor, id int64, ref, agency string) error {
	return f.mailAct("no-involvement", by, id, ref)
}

func (f *fakeBackend) LinkToCase(ctx context.Context, by Actor, id int64, ref string) error {
	return f.mailAct("link", by, id, ref)
}

func (f *fakeBackend) NewCase(ctx context.Context, by Actor, id int64) (string, error) {
	if err := f.mailAct("new-case", by, id, ""); err != nil {
		return "", err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	ref := fmt.Sprintf("KSCMP-2026-%04d", len(f.cases)+1)
	f.cases[ref] = &CaseView{Ref: ref, State: intake.StateReceived, CanDecide: true, Received: by.At}
	f.order = append([]string{ref}, f.order...)
	return ref, nil
}

func (f *fakeBackend) Dismiss(ctx context.Context, by Actor, id int64, reason string) error {
	return f.mailAct("dismiss", by, id, "")
}

func (f *fakeBackend) Reprocess(ctx context.Context, by Actor, id int64) error {
	return f.mailAct("reprocess", by, id, "")
}

func (f *fakeBackend) outboxAct(name string, by Actor, id int64, from, to string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := range f.outbox {
		if f.outbox[i].ID == id {
			if f.outbox[i].State != from {
				return Refuse("", "Email %d is %s, not %s", id, f.outbox[i].State, from)
			}
			f.outbox[i].State, f.outbox[i].CanRetry, f.outbox[i].CanRelease = to, false, false
			f.record("%s %d by %s", name, id, by.Email)
			return nil
		}
	}
	return fmt.Errorf("fake: email %d: %w", id, ErrNotFound)
}

func (f *fakeBackend) RetryEmail(ctx context.Context, by Actor, id int64) error {
	return f.outboxAct("retry", by, id, "failed", "waiting")
}

func (f *fakeBackend) ReleaseEmail(ctx context.Context, by Actor, id int64) error {
	return f.outboxAct("release", by, id, "held", "waiting")
}

var _ Backend = (*fakeBackend)(nil)

