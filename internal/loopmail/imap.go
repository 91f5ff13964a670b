package loopmail

import (
	"bytes"
	"crypto/tls"
	"fmt"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
)

// IMAPOptions configure an IMAP server.
type IMAPOptions struct {
	// User and Password are the one account's login.
	User, Password string
	// Mailboxes are created at the start; nil creates INBOX alone.
	Mailboxes []string
	// Caps are the capabilities announced; nil announces IMAP4rev1,
	// IMAP4rev2, IDLE, MOVE and UIDPLUS.
	Caps imap.CapSet
	// Wrap, when set, is given each new session and returns the one the
	// connection uses (to make the server misbehave).
	Wrap func(imapserver.Session) imapserver.Session
	// TLS is how the server speaks TLS; Plaintext allows logging in
	// without it.
	TLS TLSMode
	// Cert is the certificate presented over TLS; nil makes a
	// self-signed one, which RootCAs trusts.
	Cert *tls.Certificate
}

// IMAP is an IMAP server holding one account's mail in memory.
type IMAP struct {
	loop
	user *imapmemserver.User
	mem  *imapmemserver.Server
	opts IMAPOptions
}

// StartIMAP starts an IMAP server on 127.0.0.1 at a free port.
func StartIMAP(o IMAPOptions) (*IMAP, error) {
	if o.Mailboxes == nil {
		o.Mailboxes = []string{"INBOX"}
	}
	if o.Caps == nil {
		o.Caps = imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}, imap.CapIdle: {}, imap.CapMove: {}, imap.CapUIDPlus: {}}
	}
	s := &IMAP{mem: imapmemserver.New(), user: imapmemserver.NewUser(o.User, o.Password), opts: o}
	for _, name := range o.Mailboxes {
		if err := s.user.Create(name, nil); err != nil {
			return nil, fmt.Errorf("loopmail: creating mailbox %s: %w", name, err)
		}
	}
	s.mem.AddUser(s.user)
	if err := s.open(o.TLS, o.Cert, s.newServer); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *IMAP) newServer() server {
	return imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			sess := s.mem.NewSession()
			if s.opts.Wrap != nil {
				return s.opts.Wrap(sess), nil, nil
			}
			return sess, nil, nil
		},
		Caps:         s.opts.Caps,
		TLSConfig:    s.startTLS(),
		InsecureAuth: s.opts.TLS == Plaintext, // loopback only
		Logger:       discard,
	})
}

// Deliver appends raw to INBOX with the internal date at, as a mail
// server does when mail arrives. (imapmemserver's Append panics on nil
// options, so they are always given.)
func (s *IMAP) Deliver(raw []byte, at time.Time) (imap.UID, error) {
	data, err := s.user.Append("INBOX", bytes.NewReader(raw), &imap.AppendOptions{Time: at})
	if err != nil {
		return 0, fmt.Errorf("loopmail: delivering to INBOX: %w", err)
	}
	return data.UID, nil
}

// Count returns how many messages mailbox holds.
func (s *IMAP) Count(mailbox string) (int, error) {
	st, err := s.user.Status(mailbox, &imap.StatusOptions{NumMessages: true})
	if err != nil {
		return 0, err
	}
	return int(*st.NumMessages), nil
}
