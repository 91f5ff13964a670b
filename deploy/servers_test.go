package deploy

import (
	"slices"
	"testing"
	"time"

	"github.com/kscmp/intake/internal/loopmail"
)

// The partnership's mail servers for the install test are loopmail's, in
// plaintext on loopback, both checking the password, so that a password
// lost on its way through the environment file shows.

// startServers starts the mailbox of user, with the folders intake moves
// mail to, and the sending server, which requires AUTH as user.
func startServers(t *testing.T, user, imapPassword, smtpPassword string) (*loopmail.IMAP, *loopmail.SMTP) {
	t.Helper()
	box := loopmail.MustIMAP(t, loopmail.IMAPOptions{User: user, Password: imapPassword, Mailboxes: []string{"INBOX", "Processed", "Quarantine"}})
	return box, loopmail.MustSMTP(t, loopmail.SMTPOptions{User: user, Secret: smtpPassword})
}

// deliver puts msg in box's INBOX.
func deliver(t *testing.T, box *loopmail.IMAP, msg []byte) {
	t.Helper()
	if _, err := box.Deliver(msg, time.Now()); err != nil {
		t.Fatal(err)
	}
}

// sentTo returns the messages out accepted for rcpt.
func sentTo(out *loopmail.SMTP, rcpt string) []loopmail.Message {
	var got []loopmail.Message
	for _, m := range out.Messages() {
		if slices.Contains(m.To, rcpt) {
			got = append(got, m)
		}
	}
	return got
}
