package notify

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/mail"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/internal/loopmail"
	"github.com/kscmp/intake/store"
)

// Invented partnership details for every test.
const (
	testFrom    = "rapid.reviews@kestmoor.example"
	testTeam    = "business.team@kestmoor.example"
	testRef     = "KSCMP-2026-0042"
	testReferer = "a.referrer@kestmoor-health.example"
)

var testSite = Site{
	Partnership: "Kestmoor Safeguarding Children Multi-agency Partnership",
	Mailbox:     testFrom,
	Agencies: map[string]string{
		"police": "Kestmoor Police", "health": "Kestmoor Integrated Care Board", "education": "Kestmoor Schools",
	},
}

// t0 is Monday 2 March 2026, 08:00 in London (GMT).
var t0 = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

type harness struct {
	t      *testing.T
	ctx    context.Context
	store  *store.Store
	clock  *intake.ManualClock
	server *loopmail.SMTP
	sender *Sender
	uid    uint32 // the last UID storeMessage gave
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	return newHarnessAt(t, t0)
}

// newHarnessAt returns a harness whose clock (the store's too) starts at
// start.
func newHarnessAt(t *testing.T, start time.Time) *harness {
	t.Helper()
	ctx := context.Background()
	clock := intake.NewManualClock(start)
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "intake.db"), store.Options{Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	r, err := NewRenderer(testSite, "")
	if err != nil {
		t.Fatal(err)
	}
	srv := loopmail.MustSMTP(t, loopmail.SMTPOptions{})
	s := &Sender{
		Store: st, Clock: clock, Renderer: r,
		Transport: &SMTPTransport{Settings: SMTPSettings{Host: srv.Host(), Port: srv.Port(), TLS: TLSPlaintext,
			AllowPlaintextLoopback: true, Timeout: 5 * time.Second}},
		Envelope: Envelope{From: testFrom},
		Today:    emptyToday,
		Policy:   Policy{BackoffMin: time.Minute, BackoffMax: time.Hour, MaxAge: 24 * time.Hour},
		Logger:   discardLogger(),
	}
	return &harness{t: t, ctx: ctx, store: st, clock: clock, server: srv, sender: s}
}

// todayFunc is a TodaySource from a function: the tests' stand-in for
// casework.
type todayFunc func(ctx context.Context, now time.Time) (*intake.Today, error)

func (f todayFunc) Today(ctx context.Context, now time.Time) (*intake.Today, error) {
	return f(ctx, now)
}

// emptyToday is a day with nothing to show.
var emptyToday = todayFunc(func(_ context.Context, now time.Time) (*intake.Today, error) {
	return &intake.Today{Date: intake.StartOfDay(now)}, nil
})

func (h *harness) enqueue(n intake.Notice) {
	h.t.Helper()
	err := h.store.Update(h.ctx, func(tx intake.Tx) error {
		_, err := tx.Enqueue(n)
		return err
	})
	if err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) sendOnce() int {
	h.t.Helper()
	n, err := h.sender.SendOnce(h.ctx)
	if err != nil {
		h.t.Fatal(err)
	}
	return n
}

func (h *harness) rows() []intake.OutboxRow {
	h.t.Helper()
	var rows []intake.OutboxRow
	err := h.store.View(h.ctx, func(tx intake.Tx) error {
		var err error
		rows, err = tx.ListOutbox(intake.OutboxFilter{})
		return err
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return rows
}

// header parses a recorded message's header.
func header(t *testing.T, data []byte) mail.Header {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, m.Body)
	return m.Header
}

func ackNotice() intake.Notice {
	return intake.Notice{Key: "ack:" + testRef, Kind: intake.NoticeAcknowledgement, CaseRef: testRef,
		To: []string{testReferer}, InReplyTo: "<referral-1@kestmoor-health.example>",
		References: []string{"<earlier@kestmoor-health.example>"}, Verdict: "meets_criteria",
		DueDate: intake.Date(2026, 3, 19)}
}

// storeMessage stores a message (raw, or only its header) in state and
// returns its id.
func (h *harness) storeMessage(raw, header []byte, state string) int64 {
	h.t.Helper()
	sum := sha256.Sum256(append(append([]byte(nil), raw...), header...))
	h.uid++
	var id int64
	err := h.store.Update(h.ctx, func(tx intake.Tx) error {
		var err error
		id, _, err = tx.InsertMessage(intake.NewMessage{Mailbox: "INBOX", UIDValidity: 1, UID: h.uid, SHA256: hex.EncodeToString(sum[:]),
			Size: int64(len(raw) + len(header)), Raw: raw, Header: header, ReceivedAt: h.clock.Now(), State: state})
		return err
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return id
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
