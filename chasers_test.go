package intake

import (
	"testing"
	"time"
)

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, London)
	if err != nil {
		panic(err)
	}
	return t
}

func TestChaserSchedule(t *testing.T) {
	cal := NewCalendar(nil, nil)
	p := DefaultChaserPolicy()
	// Requested Mon 2 Nov 2026, due Fri 13 Nov (9 working days).
	req := SummaryRequest{CaseRef: "KSCMP-2026-0042", Agency: "police", AgencyName: "Kestmoor Police",
		To: []string{"spoc@police.example"}, MessageID: "req1@intake.invalid",
		RequestedAt: at("2026-11-02 10:00"), Due: day("2026-11-13"), Status: SummaryRequested}
	team := []string{"team@kscmp.example"}
	tests := []struct {
		now      string
		wantKeys []string
		wantNext string
	}{
		{"2026-11-02 10:00", nil, "2026-11-11 09:00"},
		{"2026-11-11 08:59", nil, "2026-11-11 09:00"},
		{"2026-11-11 09:00", []string{"chaser:KSCMP-2026-0042:police:1"}, "2026-11-13 09:00"},
		{"2026-11-13 12:00", []string{"chaser:KSCMP-2026-0042:police:2"}, "2026-11-17 09:00"},
		{"2026-11-17 09:00", []string{"chaser:KSCMP-2026-0042:police:3"}, "2026-11-19 09:00"},
		{"2026-11-19 09:00", []string{"chaser:KSCMP-2026-0042:police:3", "escalation:KSCMP-2026-0042:police"}, ""},
		{"2026-12-30 09:00", []string{"chaser:KSCMP-2026-0042:police:3", "escalation:KSCMP-2026-0042:police"}, ""},
	}
	for _, tt := range tests {
		got, next := p.Chasers(cal, []SummaryRequest{req}, team, at(tt.now))
		var keys []string
		for _, n := range got {
			keys = append(keys, n.Key)
			if n.NotBefore.After(at(tt.now)) {
				t.Errorf("%s: %s not before %v is in the future", tt.now, n.Key, n.NotBefore)
			}
			if n.Kind == NoticeChaser && (n.InReplyTo != "<req1@intake.invalid>" || n.To[0] != "spoc@police.example") {
				t.Errorf("%s: chaser threading/recipient %+v", tt.now, n)
			}
			if n.Kind == NoticeEscalation && n.To[0] != team[0] {
				t.Errorf("escalation to %v", n.To)
			}
		}
		if len(keys) != len(tt.wantKeys) {
			t.Errorf("%s: keys %v, want %v", tt.now, keys, tt.wantKeys)
		} else {
			for i := range keys {
				if keys[i] != tt.wantKeys[i] {
					t.Errorf("%s: keys %v, want %v", tt.now, keys, tt.wantKeys)
				}
			}
		}
		wantNext := time.Time{}
		if tt.wantNext != "" {
			wantNext = at(tt.wantNext)
		}
		if !next.Equal(wantNext) {
			t.Errorf("%s: next %v, want %v", tt.now, next, wantNext)
		}
	}
	// A received summary is never chased.
	req.Status = SummaryReceived
	if got, next := p.Chasers(cal, []SummaryRequest{req}, team, at("2026-11-19 09:00")); len(got) != 0 || !next.IsZero() {
		t.Errorf("received summary chased: %v %v", got, next)
	}
}

func TestChasersOverChristmas(t *testing.T) {
	cal := NewCalendar(nil, nil)
	p := DefaultChaserPolicy()
	// Requested 23 Dec 2026, due 8 Jan 2027: reminder two working days
	// before is 6 Jan, and the first overdue chaser on 12 Jan.
	req := SummaryRequest{CaseRef: "KSCMP-2026-0050", Agency: "icb", RequestedAt: at("2026-12-23 11:00"), Due: day("2027-01-08"), Status: SummaryRequested}
	slots := p.slots(cal, req.RequestedAt, req.Due)
	want := []string{"2027-01-06 09:00", "2027-01-08 09:00", "2027-01-12 09:00", "2027-01-14 09:00"}
	if len(slots) != len(want) {
		t.Fatalf("slots %v", slots)
	}
	for i, s := range slots {
		if !s.at.Equal(at(want[i])) {
			t.Errorf("slot %d at %v, want %s", i, s.at, want[i])
		}
		if !cal.IsWorkingDay(s.at) {
			t.Errorf("slot on a closed day: %v", s.at)
		}
	}
}

func TestChaserPolicyWithoutEscalation(t *testing.T) {
	cal := NewCalendar(nil, nil)
	p := ChaserPolicy{OnDueDay: true, OverdueEvery: 1, SendHour: 9}
	slots := p.slots(cal, at("2026-11-02 10:00"), day("2026-11-13"))
	if len(slots) != maxChasers || slots[len(slots)-1].number != maxChasers {
		t.Errorf("got %d slots: %v", len(slots), slots)
	}
}

func TestReferrerReminders(t *testing.T) {
	cal := NewCalendar(nil, nil)
	c := &Case{Ref: "KSCMP-2026-0042", State: StateAwaitingReferrer, Referrer: "ref@school.example",
		ReferrerMessageID: "<abc@school.example>", AwaitingReferrerSince: at("2026-11-02 10:00"),
		AskedFor: []string{"child_dob", "incident_date"}, Referral: Referral{IncidentDate: "2026-10-30"}}
	if _, ok, next := ReferrerReminders(cal, c, 3, 2, 9, at("2026-11-04 12:00")); ok || !next.Equal(at("2026-11-05 09:00")) {
		t.Errorf("early: ok=%v next=%v", ok, next)
	}
	n, ok, next := ReferrerReminders(cal, c, 3, 2, 9, at("2026-11-05 09:00"))
	if !ok || n.Key != "referrer_reminder:KSCMP-2026-0042:1" || n.InReplyTo != "<abc@school.example>" ||
		len(n.Missing) != 1 || n.Missing[0] != "child_dob" || !next.Equal(at("2026-11-10 09:00")) {
		t.Errorf("first reminder %+v ok=%v next=%v; want it to ask only for what is still missing", n, ok, next)
	}
	// Stopped for a week: only the latest reminder, never a backlog, and
	// no third one.
	n, ok, next = ReferrerReminders(cal, c, 3, 2, 9, at("2026-11-20 09:00"))
	if !ok || n.Key != "referrer_reminder:KSCMP-2026-0042:2" || !next.IsZero() {
		t.Errorf("later: %+v ok=%v next=%v", n, ok, next)
	}
	c.State = StateReceived
	if _, ok, _ := ReferrerReminders(cal, c, 3, 2, 9, at("2026-11-05 09:00")); ok {
		t.Error("reminder for a case no longer awaiting the referrer")
	}
}

func TestEscalationWithoutOverdueChasers(t *testing.T) {
	cal := NewCalendar(nil, nil)
	p := ChaserPolicy{RemindBefore: 1, OnDueDay: true, EscalateAfter: 5, SendHour: 9}
	slots := p.slots(cal, at("2026-11-02 10:00"), day("2026-11-13"))
	if len(slots) != 3 || slots[2].number != 0 || !slots[2].at.Equal(at("2026-11-16 09:00")) {
		t.Errorf("slots %v", slots)
	}
}
