package ingest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/kscmp/intake"
	"github.com/kscmp/intake/internal/loopmail"
	"github.com/kscmp/intake/store"
)

const (
	memUser = "referrals@kestmoor.example"
	memPass = "test-password-not-real"
)

// memServer starts an in-process IMAP server on loopback with the test
// account and o's other options; it stops when the test ends.
func memServer(t *testing.T, o loopmail.IMAPOptions) *loopmail.IMAP {
	t.Helper()
	o.User, o.Password = memUser, memPass
	return loopmail.MustIMAP(t, o)
}

// client returns a logged-in client for setting up and checking the
// mailbox from the test's side.
func client(t *testing.T, srv *loopmail.IMAP) *imapclient.Client {
	t.Helper()
	c, err := imapclient.DialInsecure(srv.Addr(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Login(memUser, memPass).Wait(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// appendMsg appends raw to folder (options must not be nil: the memory
// server panics on nil).
func appendMsg(t *testing.T, c *imapclient.Client, folder, raw string) {
	t.Helper()
	cmd := c.Append(folder, int64(len(raw)), &imap.AppendOptions{Time: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)})
	if _, err := io.WriteString(cmd, raw); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
}

// count returns the number of messages in folder (0 if it does not exist).
func count(t *testing.T, c *imapclient.Client, folder string) int {
	t.Helper()
	st, err := c.Status(folder, &imap.StatusOptions{NumMessages: true}).Wait()
	if err != nil {
		return 0
	}
	return int(*st.NumMessages)
}

// referral returns an invented message with a Message-ID (none if id is
// "") and a body.
func referral(id, body string) string {
	var b strings.Builder
	b.WriteString("From: Referrer <referrer@kestmoor.example>\r\nTo: " + memUser + "\r\n")
	if id != "" {
		b.WriteString("Message-ID: " + id + "\r\n")
	}
	b.WriteString("Subject: Referral\r\nContent-Type: text/plain\r\n\r\n" + body + "\r\n")
	return b.String()
}

func testLogger(t *testing.T) *slog.Logger {
	if testing.Verbose() {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

func openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "intake.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// newTestIngester returns an ingester for addr with a fresh store; edit
// changes the configuration first.
func newTestIngester(t *testing.T, addr string, st intake.Store, edit func(*Config)) *Ingester {
	t.Helper()
	cfg := Config{
		Addr: addr, TLS: TLSPlaintext, AllowPlaintext: true, Username: memUser, Auth: AuthPlain,
		Secret:         func(context.Context) (string, error) { return memPass, nil },
		CommandTimeout: 5 * time.Second, ConnectTimeout: 5 * time.Second,
		BackoffMin: 50 * time.Millisecond, BackoffMax: 200 * time.Millisecond,
		PollInterval: 30 * time.Second, IDLE: true,
	}
	if edit != nil {
		edit(&cfg)
	}
	in := New(cfg, st, intake.SystemClock{}, testLogger(t))
	t.Cleanup(func() { in.Close() })
	return in
}

func mustPoll(t *testing.T, in *Ingester) {
	t.Helper()
	if err := in.PollOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func messages(t *testing.T, st intake.Store) []intake.Message {
	t.Helper()
	return messagesIn(t, st, "")
}

// messagesIn returns the stored messages in state ("": all of them).
func messagesIn(t *testing.T, st intake.Store, state string) []intake.Message {
	t.Helper()
	var list []intake.Message
	err := st.View(context.Background(), func(tx intake.Tx) error {
		var err error
		list, err = tx.Messages(intake.MessageFilter{State: state})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// rawOf returns the stored bytes of message id (nil if none).
func rawOf(st intake.Store, id int64) (raw []byte) {
	st.View(context.Background(), func(tx intake.Tx) (err error) {
		raw, err = tx.MessageRaw(id)
		return err
	})
	return raw
}

// lastSync returns the time ingest recorded its last whole pass ("" if
// never).
func lastSync(st intake.Store) (v string) {
	st.View(context.Background(), func(tx intake.Tx) (err error) {
		v, err = tx.Meta(intake.MetaLastSync)
		return err
	})
	return v
}

// checkpointOf returns the checkpoint of mailbox.
func checkpointOf(st intake.Store, mailbox string) (cp intake.Checkpoint) {
	st.View(context.Background(), func(tx intake.Tx) (err error) {
		cp, _, err = tx.Checkpoint(mailbox)
		return err
	})
	return cp
}

// pendingOf returns the server actions still promised in mailbox.
func pendingOf(st intake.Store, mailbox string, uidvalidity uint32) (list []intake.PendingAction) {
	st.View(context.Background(), func(tx intake.Tx) (err error) {
		list, err = tx.PendingActions(mailbox, uidvalidity)
		return err
	})
	return list
}

// trailOf returns the whole audit trail.
func trailOf(st intake.Store) (trail []intake.AuditEntry) {
	st.View(context.Background(), func(tx intake.Tx) (err error) {
		trail, err = tx.AuditTrail("")
		return err
	})
	return trail
}

func refs(n int, prefix string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("<%s-%d@kestmoor.example>", prefix, i)
	}
	return out
}
