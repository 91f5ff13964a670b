package ingest

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/kscmp/intake"
	"github.com/kscmp/intake/internal/loopmail"
)

func TestPollOnceStoresThenMoves(t *testing.T) {
	srv := memServer(t, loopmail.IMAPOptions{})
	c := client(t, srv)
	appendMsg(t, c, "INBOX", referral("<r1@kestmoor.example>", "first"))
	appendMsg(t, c, "INBOX", referral("", "no message id"))
	appendMsg(t, c, "INBOX", referral("<r1@kestmoor.example>", "same id, different content"))
	st := openStore(t)
	in := newTestIngester(t, srv.Addr(), st, nil)
	mustPoll(t, in)

	got := messages(t, st)
	if len(got) != 3 {
		t.Fatalf("stored %d messages, want 3 (no Message-ID and reused Message-ID kept as their own)", len(got))
	}
	for _, m := range got {
		if m.State != intake.MessageStored || m.Mailbox != "INBOX" || m.Size == 0 || m.SHA256 == "" {
			t.Errorf("message %+v", m)
		}
		if raw := rawOf(st, m.ID); int64(len(raw)) != m.Size {
			t.Errorf("raw of %d: %d bytes, want %d", m.ID, len(raw), m.Size)
		}
	}
	if got[1].MessageID != "" || got[0].MessageID != "<r1@kestmoor.example>" {
		t.Errorf("message ids %q %q", got[0].MessageID, got[1].MessageID)
	}
	if n := count(t, c, "INBOX"); n != 0 {
		t.Errorf("INBOX has %d messages after the pass, want 0", n)
	}
	if n := count(t, c, "Processed"); n != 3 {
		t.Errorf("Processed has %d messages, want 3", n)
	}
	// Fetching used BODY.PEEK[]: nothing became \Seen.
	if _, err := c.Select("Processed", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	bufs, err := c.Fetch(imap.SeqSetNum(1, 2, 3), &imap.FetchOptions{Flags: true}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bufs {
		for _, f := range b.Flags {
			if f == imap.FlagSeen {
				t.Errorf("message %d marked \\Seen", b.SeqNum)
			}
		}
	}
	trail := trailOf(st)
	if len(trail) != 3 || trail[0].Action != "message.stored" || trail[0].MessageID == 0 {
		t.Errorf("audit trail %+v", trail)
	}
	if v := lastSync(st); v == "" {
		t.Error("last_sync not recorded")
	}

	// A second pass finds nothing new.
	appendMsg(t, c, "INBOX", referral("<r2@kestmoor.example>", "second"))
	mustPoll(t, in)
	mustPoll(t, in)
	if got := messages(t, st); len(got) != 4 {
		t.Fatalf("after more passes: %d messages, want 4", len(got))
	}
}

func TestActionNoneLeavesMailboxAlone(t *testing.T) {
	srv := memServer(t, loopmail.IMAPOptions{})
	c := client(t, srv)
	for _, id := range refs(5, "none") {
		appendMsg(t, c, "INBOX", referral(id, "body of "+id))
	}
	st := openStore(t)
	in := newTestIngester(t, srv.Addr(), st, func(c *Config) { c.Action = ActionNone; c.BatchSize = 2 })
	mustPoll(t, in)
	mustPoll(t, in)
	if n := len(messages(t, st)); n != 5 {
		t.Fatalf("stored %d, want 5", n)
	}
	if n := count(t, c, "INBOX"); n != 5 {
		t.Errorf("INBOX has %d, want 5 untouched", n)
	}
	cp := checkpointOf(st, "INBOX")
	if cp.LastUID != 5 {
		t.Errorf("checkpoint %+v", cp)
	}
}

func TestFlagActionWithoutMove(t *testing.T) {
	// A plain IMAP4rev1 server: no MOVE, no UIDPLUS, no IDLE. "move"
	// falls back to a keyword.
	srv := memServer(t, loopmail.IMAPOptions{Caps: imap.CapSet{imap.CapIMAP4rev1: {}}})
	c := client(t, srv)
	appendMsg(t, c, "INBOX", referral("<f1@kestmoor.example>", "flag me"))
	st := openStore(t)
	in := newTestIngester(t, srv.Addr(), st, nil)
	mustPoll(t, in)
	if n := count(t, c, "INBOX"); n != 1 {
		t.Fatalf("INBOX has %d, want 1", n)
	}
	c.Select("INBOX", nil).Wait()
	bufs, err := c.Fetch(imap.SeqSetNum(1), &imap.FetchOptions{Flags: true}).Collect()
	if err != nil || len(bufs) != 1 {
		t.Fatal(err)
	}
	found := false
	for _, f := range bufs[0].Flags {
		found = found || strings.EqualFold(string(f), "$IntakeStored") // keywords are case-insensitive
	}
	if !found {
		t.Errorf("flags %v lack $IntakeStored", bufs[0].Flags)
	}
}

func TestOversizeQuarantinedWithHeader(t *testing.T) {
	srv := memServer(t, loopmail.IMAPOptions{})
	c := client(t, srv)
	big := referral("<big@kestmoor.example>", strings.Repeat("attachment data ", 1000))
	appendMsg(t, c, "INBOX", referral("<small@kestmoor.example>", "small"))
	appendMsg(t, c, "INBOX", big)
	st := openStore(t)
	in := newTestIngester(t, srv.Addr(), st, func(c *Config) { c.MaxMessageSize = 4096 })
	mustPoll(t, in)
	q := messagesIn(t, st, intake.MessageQuarantined)
	if len(q) != 1 || q[0].MessageID != "<big@kestmoor.example>" || q[0].Size != int64(len(big)) || !strings.Contains(q[0].StateDetail, "too large") {
		t.Fatalf("quarantined %+v", q)
	}
	raw := rawOf(st, q[0].ID)
	if !strings.HasSuffix(string(raw), "\r\n\r\n") || strings.Contains(string(raw), "attachment data") {
		t.Errorf("kept %q, want the header only", raw)
	}
	if n := count(t, c, "Quarantine"); n != 1 {
		t.Errorf("Quarantine has %d, want 1", n)
	}
	if n := count(t, c, "Processed"); n != 1 {
		t.Errorf("Processed has %d, want 1", n)
	}
	trail := trailOf(st)
	if len(trail) != 2 || trail[1].Action != "message.quarantined" {
		t.Errorf("audit %+v", trail)
	}
}

func TestUIDValidityChangeRescans(t *testing.T) {
	srv := memServer(t, loopmail.IMAPOptions{})
	c := client(t, srv)
	if err := c.Create("Referrals", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	ids := refs(3, "uv")
	for _, id := range ids {
		appendMsg(t, c, "Referrals", referral(id, "body "+id))
	}
	st := openStore(t)
	in := newTestIngester(t, srv.Addr(), st, func(c *Config) { c.Folders = []string{"Referrals"}; c.Action = ActionNone })
	mustPoll(t, in)
	in.Close()
	// The folder is recreated: a new UIDVALIDITY, the same three
	// messages plus one new, under new UIDs.
	if err := c.Delete("Referrals").Wait(); err != nil {
		t.Fatal(err)
	}
	c.Create("Referrals", nil).Wait()
	appendMsg(t, c, "Referrals", referral("<uv-new@kestmoor.example>", "new after the change"))
	for _, id := range ids {
		appendMsg(t, c, "Referrals", referral(id, "body "+id))
	}
	mustPoll(t, in)
	got := messages(t, st)
	if len(got) != 4 {
		t.Fatalf("%d messages after the UIDVALIDITY change, want 4 (nothing twice, nothing skipped)", len(got))
	}
	if got[3].MessageID != "<uv-new@kestmoor.example>" || got[3].UIDValidity == got[0].UIDValidity {
		t.Errorf("new message %+v", got[3])
	}
}

func TestPendingActionsFinishedAfterCrash(t *testing.T) {
	srv := memServer(t, loopmail.IMAPOptions{})
	c := client(t, srv)
	appendMsg(t, c, "INBOX", referral("<p1@kestmoor.example>", "stored, not moved"))
	st := openStore(t)
	// A crash after the commit and before the move: the message is stored,
	// the checkpoint advanced and the move promised.
	sel, _ := c.Select("INBOX", nil).Wait()
	ctx := context.Background()
	err := st.Update(ctx, func(tx intake.Tx) error {
		if _, _, err := tx.InsertMessage(intake.NewMessage{Mailbox: "INBOX", UIDValidity: sel.UIDValidity, UID: 1,
			SHA256: "x", Size: 1, Raw: []byte("x"), State: intake.MessageStored}); err != nil {
			return err
		}
		if err := tx.AddPendingAction(intake.PendingAction{Mailbox: "INBOX", UIDValidity: sel.UIDValidity, UID: 1, Action: "move:Processed"}); err != nil {
			return err
		}
		return tx.SetCheckpoint(intake.Checkpoint{Mailbox: "INBOX", UIDValidity: sel.UIDValidity, LastUID: 1})
	})
	if err != nil {
		t.Fatal(err)
	}
	c.Unselect().Wait()
	in := newTestIngester(t, srv.Addr(), st, nil)
	mustPoll(t, in)
	if n := count(t, c, "Processed"); n != 1 {
		t.Errorf("Processed has %d, want 1", n)
	}
	if n := len(messages(t, st)); n != 1 {
		t.Errorf("%d messages, want 1", n)
	}
	if p := pendingOf(st, "INBOX", sel.UIDValidity); len(p) != 0 {
		t.Errorf("pending %+v", p)
	}
}

// TestIdleNewMail: a message appended while the ingester waits in IDLE
// is stored because the server announced it, not because a poll came
// round: the poll interval runs on a manual clock that never moves, so
// the only way the message can be stored is IDLE. The wall-clock bound
// is generous (a loaded machine is slow); the latency is logged.
func TestIdleNewMail(t *testing.T) {
	srv := memServer(t, loopmail.IMAPOptions{})
	c := client(t, srv)
	st := openStore(t)
	logs := &lockedLog{}
	in := newTestIngester(t, srv.Addr(), st, nil)
	in.clock = intake.NewManualClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	in.logger = slog.New(slog.NewTextHandler(logs, nil))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- in.Run(ctx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	waitFor(t, time.Minute, func() bool { return strings.Contains(logs.String(), "waiting for new mail with IDLE") })
	start := time.Now()
	appendMsg(t, c, "INBOX", referral("<idle@kestmoor.example>", "arrives during IDLE"))
	waitFor(t, time.Minute, func() bool { return len(messages(t, st)) == 1 })
	t.Logf("stored %v after APPEND", time.Since(start))
}

func waitFor(t *testing.T, d time.Duration, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("condition not met within %v", d)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestSilentServerTimesOut(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			// Greets, then never answers a command.
			conn.Write([]byte("* OK IMAP4rev1 ready\r\n"))
			go func() {
				buf := make([]byte, 4096)
				for {
					if _, err := conn.Read(buf); err != nil {
						return
					}
				}
			}()
		}
	}()
	st := openStore(t)
	// Every command would wait an hour: only the connect timeout can end
	// the wait within the (generous, load-proof) bound below.
	in := newTestIngester(t, ln.Addr().String(), st, func(c *Config) {
		c.ConnectTimeout, c.CommandTimeout = 300*time.Millisecond, time.Hour
	})
	start := time.Now()
	err = in.PollOnce(context.Background())
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want a timeout", err)
	}
	if d := time.Since(start); d > time.Minute {
		t.Errorf("took %v: the connect timeout was not applied", d)
	}
}

func TestPlaintextRefusedToNonLoopback(t *testing.T) {
	st := openStore(t)
	in := newTestIngester(t, "192.0.2.1:143", st, nil)
	err := in.PollOnce(context.Background())
	if err == nil || !strings.Contains(err.Error(), "refusing plaintext") {
		t.Fatalf("err = %v", err)
	}
}

func TestBackoffGrowsWithJitter(t *testing.T) {
	for n := 1; n < 12; n++ {
		d := backoff(n, time.Second, time.Minute)
		want := time.Second << (n - 1)
		if want > time.Minute {
			want = time.Minute
		}
		if d < want/2 || d > want {
			t.Errorf("backoff(%d) = %v, want in [%v, %v]", n, d, want/2, want)
		}
	}
}

func TestXOAuth2InitialResponse(t *testing.T) {
	mech, ir, err := NewXOAuth2Client("referrals@kestmoor.example", "tok").Start()
	if err != nil || mech != "XOAUTH2" || string(ir) != "user=referrals@kestmoor.example\x01auth=Bearer tok\x01\x01" {
		t.Fatalf("%s %q %v", mech, ir, err)
	}
	resp, err := NewXOAuth2Client("u", "t").Next([]byte(`{"status":"401"}`))
	if err != nil || len(resp) != 0 {
		t.Fatalf("error challenge answered %q, %v", resp, err)
	}
}

// refusingSession answers NO to any FETCH of a body that includes uid, as
// a server does for a message it cannot read from disk.
type refusingSession struct {
	imapserver.SessionIMAP4rev2
	uid imap.UID
}

func (s *refusingSession) Fetch(w *imapserver.FetchWriter, numSet imap.NumSet, o *imap.FetchOptions) error {
	if set, ok := numSet.(imap.UIDSet); ok && set.Contains(s.uid) && len(o.BodySection) > 0 {
		return &imap.Error{Type: imap.StatusResponseTypeNo, Text: "Internal error occurred"}
	}
	return s.SessionIMAP4rev2.Fetch(w, numSet, o)
}

func TestMessageServerRefusesIsKeptAndRestRead(t *testing.T) {
	srv := memServer(t, loopmail.IMAPOptions{Wrap: func(s imapserver.Session) imapserver.Session {
		return &refusingSession{s.(imapserver.SessionIMAP4rev2), 2}
	}})
	c := client(t, srv)
	for _, id := range refs(3, "refuse") {
		appendMsg(t, c, "INBOX", referral(id, "body of "+id))
	}
	st := openStore(t)
	in := newTestIngester(t, srv.Addr(), st, nil)
	mustPoll(t, in)
	got := messages(t, st)
	if len(got) != 3 {
		t.Fatalf("%d messages, want 3", len(got))
	}
	if got[1].UID != 2 || got[1].State != intake.MessageQuarantined || !strings.Contains(got[1].StateDetail, "would not return") {
		t.Errorf("refused message %+v", got[1])
	}
	if got[0].State != intake.MessageStored || got[2].State != intake.MessageStored {
		t.Errorf("others %+v %+v", got[0], got[2])
	}
	if n := count(t, c, "Quarantine"); n != 1 {
		t.Errorf("Quarantine has %d", n)
	}
}

func TestEachFailureLoggedOnce(t *testing.T) {
	var buf strings.Builder
	in := New(Config{}, nil, nil, slog.New(slog.NewTextHandler(&buf, nil)))
	refused := errors.New("ingest: connecting to 127.0.0.1:1: connection refused")
	in.failed(refused)
	in.failed(refused)
	in.failed(refused)
	in.failed(errors.New("ingest: logging in: authentication failed"))
	in.recovered()
	in.failed(refused)
	if n := strings.Count(buf.String(), "level=WARN"); n != 3 {
		t.Errorf("%d warnings, want 3 (one per distinct failure, again after recovery):\n%s", n, buf.String())
	}
	if !strings.Contains(buf.String(), "failed_attempts=4") {
		t.Errorf("recovery not logged with the attempts:\n%s", buf.String())
	}
}
