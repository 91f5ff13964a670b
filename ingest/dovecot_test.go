package ingest

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/kscmp/intake"
	"github.com/kscmp/intake/internal/dovecottest"
)

// dovecotIngester returns an ingester reading srv with a fresh store.
func dovecotIngester(t *testing.T, srv *dovecottest.Server, st intake.Store, edit func(*Config)) *Ingester {
	return newTestIngester(t, srv.Addr(), st, func(c *Config) {
		c.Username = dovecottest.User
		c.Secret = func(context.Context) (string, error) { return dovecottest.Password, nil }
		if edit != nil {
			edit(c)
		}
	})
}

// dovecotClient returns a logged-in client for checking srv's folders.
func dovecotClient(t *testing.T, srv *dovecottest.Server) *imapclient.Client {
	t.Helper()
	c, err := imapclient.DialInsecure(srv.Addr(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Login(dovecottest.User, dovecottest.Password).Wait(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// messageIDsIn returns the Message-IDs in folder, with how often each occurs.
func messageIDsIn(t *testing.T, c *imapclient.Client, folder string) map[string]int {
	t.Helper()
	out := map[string]int{}
	sel, err := c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		return out
	}
	if sel.NumMessages == 0 {
		return out
	}
	bufs, err := c.Fetch(imap.SeqSet{{Start: 1, Stop: 0}}, &imap.FetchOptions{Envelope: true}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bufs {
		out["<"+b.Envelope.MessageID+">"]++
	}
	return out
}

// numbered returns n invented referrals "<prefix-i@kestmoor.example>" with
// bodies of about size bytes.
func numbered(prefix string, n, size int) [][]byte {
	out := make([][]byte, n)
	for i := range out {
		id := fmt.Sprintf("<%s-%d@kestmoor.example>", prefix, i)
		body := fmt.Sprintf("Referral %d for the Kestmoor partnership.\r\n", i)
		if pad := size - len(body); pad > 0 {
			body += strings.Repeat("x", pad%76) + "\r\n" + strings.Repeat(strings.Repeat("y", 76)+"\r\n", pad/78)
		}
		out[i] = []byte(referral(id, body))
	}
	return out
}

// TestDovecotIdleNewMail: mail appended during IDLE is stored because
// Dovecot announced it. The poll interval runs on a manual clock that
// never moves, so no poll can stand in for IDLE; the wall-clock bounds
// are generous, for a loaded machine, and the latency is logged.
func TestDovecotIdleNewMail(t *testing.T) {
	srv := dovecottest.Start(t)
	st := openStore(t)
	logs := &lockedLog{}
	in := dovecotIngester(t, srv, st, nil)
	in.clock = intake.NewManualClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	in.logger = slog.New(slog.NewTextHandler(logs, nil))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- in.Run(ctx) }()
	defer func() { cancel(); <-done }()
	c := dovecotClient(t, srv)
	for i, id := range refs(2, "idle") {
		// In IDLE (again, after the first message's pass) by now.
		waitFor(t, time.Minute, func() bool {
			return strings.Count(logs.String(), "waiting for new mail with IDLE") > 0 && lastSync(st) != ""
		})
		start := time.Now()
		appendMsg(t, c, "INBOX", referral(id, "arrives during IDLE"))
		waitFor(t, time.Minute, func() bool { return len(messages(t, st)) == i+1 })
		t.Logf("message %d stored %v after APPEND", i+1, time.Since(start))
	}
	// The move to Processed follows the commit that stored the message:
	// wait for it rather than race it.
	waitFor(t, time.Minute, func() bool { return len(messageIDsIn(t, c, "Processed")) == 2 })
}

func TestDovecotUIDValidityChange(t *testing.T) {
	srv := dovecottest.Start(t)
	if err := srv.Deliver("INBOX", numbered("uv", 5, 500)...); err != nil {
		t.Fatal(err)
	}
	st := openStore(t)
	in := dovecotIngester(t, srv, st, func(c *Config) { c.Action = ActionFlag; c.BatchSize = 2 })
	mustPoll(t, in)
	in.Close()
	before := checkpointOf(st, "INBOX")
	srv.Stop()
	if err := srv.ResetUIDValidity("INBOX"); err != nil {
		t.Fatal(err)
	}
	if err := srv.Deliver("INBOX", numbered("uv-after", 2, 500)...); err != nil {
		t.Fatal(err)
	}
	if err := srv.Restart(); err != nil {
		t.Fatal(err)
	}
	mustPoll(t, in)
	after := checkpointOf(st, "INBOX")
	if after.UIDValidity == before.UIDValidity {
		t.Fatalf("UIDVALIDITY did not change (%d)", after.UIDValidity)
	}
	got := messages(t, st)
	seen := map[string]int{}
	for _, m := range got {
		seen[m.MessageID]++
	}
	if len(got) != 7 || len(seen) != 7 {
		t.Fatalf("%d messages, %d distinct, want 7 and 7 (nothing twice, nothing skipped)", len(got), len(seen))
	}
}

func TestDovecotRestartMidBatch(t *testing.T) {
	srv := dovecottest.Start(t)
	const n = 300
	if err := srv.Deliver("INBOX", numbered("restart", n, 20_000)...); err != nil {
		t.Fatal(err)
	}
	st := openStore(t)
	in := dovecotIngester(t, srv, st, func(c *Config) { c.BatchSize = 10 })
	// Dovecot restarts three times: just before the third batch is
	// downloaded (the batch is listed, in hand, when the connection dies);
	// after the sixth is downloaded and before it is committed (so the
	// move after the commit meets a dead connection); and a few
	// milliseconds into the download of the ninth.
	var batches atomic.Int64 // the hook runs on the download goroutine too
	var async sync.WaitGroup
	var restartErr atomic.Value
	restart := func() {
		if err := srv.Restart(); err != nil {
			restartErr.Store(err)
		}
	}
	in.testHook = func(event string) {
		b := batches.Load()
		if event == "fetching" {
			b = batches.Add(1)
		}
		switch {
		case event == "fetching" && b == 3, event == "fetched" && b == 6:
			restart()
		case event == "fetching" && b == 9:
			async.Add(1)
			go func() { defer async.Done(); time.Sleep(3 * time.Millisecond); restart() }()
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- in.Run(ctx) }()
	defer func() { cancel(); <-done }()
	waitFor(t, 60*time.Second, func() bool { return len(messages(t, st)) == n })
	async.Wait()
	if err, _ := restartErr.Load().(error); err != nil {
		t.Fatal(err)
	}
	c := dovecotClient(t, srv)
	waitFor(t, time.Minute, func() bool { return len(messageIDsIn(t, c, "INBOX")) == 0 })
	if b := batches.Load(); b < 9 {
		t.Errorf("only %d batches: the restarts did not all happen mid-run", b)
	}
	checkExactlyOnce(t, st, c, "restart", n)
}

// checkExactlyOnce checks that messages prefix-0..n-1 are each stored
// once and are each in Processed once, and nothing is left in INBOX.
func checkExactlyOnce(t *testing.T, st intake.Store, c *imapclient.Client, prefix string, n int) {
	t.Helper()
	got := messages(t, st)
	stored := map[string]int{}
	for _, m := range got {
		stored[m.MessageID]++
	}
	processed := messageIDsIn(t, c, "Processed")
	inbox := messageIDsIn(t, c, "INBOX")
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("<%s-%d@kestmoor.example>", prefix, i)
		if stored[id] != 1 {
			t.Errorf("%s stored %d times", id, stored[id])
		}
		if processed[id] != 1 {
			t.Errorf("%s moved %d times", id, processed[id])
		}
	}
	if len(got) != n || len(inbox) != 0 {
		t.Errorf("%d rows stored (want %d), %d left in INBOX", len(got), n, len(inbox))
	}
}

func TestDovecotOversizeAndDuplicateMessageID(t *testing.T) {
	srv := dovecottest.Start(t)
	big := numbered("big", 1, 300_000)[0]
	err := srv.Deliver("INBOX",
		[]byte(referral("<dup@kestmoor.example>", "first content")),
		[]byte(referral("<dup@kestmoor.example>", "second, different content")),
		[]byte(referral("", "no Message-ID at all")),
		big)
	if err != nil {
		t.Fatal(err)
	}
	st := openStore(t)
	in := dovecotIngester(t, srv, st, func(c *Config) { c.MaxMessageSize = 100_000 })
	mustPoll(t, in)
	got := messages(t, st)
	if len(got) != 4 {
		t.Fatalf("%d messages stored, want 4", len(got))
	}
	var dups, quarantined int
	for _, m := range got {
		if m.MessageID == "<dup@kestmoor.example>" {
			dups++
		}
		if m.State == intake.MessageQuarantined {
			quarantined++
			if m.MessageID != "<big-0@kestmoor.example>" || m.Size < 300_000 {
				t.Errorf("quarantined %+v", m)
			}
			raw := rawOf(st, m.ID)
			if len(raw) > 1000 || !strings.Contains(string(raw), "Message-ID: <big-0@") {
				t.Errorf("quarantined message kept %d bytes", len(raw))
			}
		}
	}
	if dups != 2 || quarantined != 1 {
		t.Errorf("%d with the shared Message-ID (want 2), %d quarantined (want 1)", dups, quarantined)
	}
	c := dovecotClient(t, srv)
	if q := messageIDsIn(t, c, "Quarantine"); q["<big-0@kestmoor.example>"] != 1 {
		t.Errorf("Quarantine holds %v", q)
	}
	if p := messageIDsIn(t, c, "Processed"); p["<dup@kestmoor.example>"] != 2 {
		t.Errorf("Processed holds %v", p)
	}
}

func TestDovecotTenThousandMessages(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 messages: not with -short")
	}
	srv := dovecottest.Start(t)
	const n = 10_000
	if err := srv.Deliver("INBOX", numbered("bulk", n, 300)...); err != nil {
		t.Fatal(err)
	}
	st := openStore(t)
	in := dovecotIngester(t, srv, st, func(c *Config) { c.BatchSize = 500 })
	start := time.Now()
	mustPoll(t, in)
	t.Logf("first pass over %d messages: %v", n, time.Since(start))
	start = time.Now()
	mustPoll(t, in)
	t.Logf("pass with no new mail: %v", time.Since(start))
	c := dovecotClient(t, srv)
	checkExactlyOnce(t, st, c, "bulk", n)
}
