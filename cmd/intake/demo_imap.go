package main

import (
	"bytes"
	"fmt"
	"io"
	"log"
	"net"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
)

// demoIMAP is the partnership mailbox of `intake demo` and of tests: a real
// IMAP server (go-imap's imapserver over the in-memory backend) listening
// in plaintext on a loopback port. It can be stopped and started again on
// the same address, keeping its mail, to show what an outage looks like.
type demoIMAP struct {
	Username, Password string

	mu     sync.Mutex
	mem    *imapmemserver.Server
	user   *imapmemserver.User
	addr   string
	server *imapserver.Server
}

// startDemoIMAP starts a mailbox for username with INBOX, Processed and
// Quarantine, on 127.0.0.1 at a free port.
func startDemoIMAP(username, password string) (*demoIMAP, error) {
	d := &demoIMAP{Username: username, Password: password, mem: imapmemserver.New()}
	d.user = imapmemserver.NewUser(username, password)
	for _, name := range []string{"INBOX", "Processed", "Quarantine"} {
		if err := d.user.Create(name, nil); err != nil {
			return nil, fmt.Errorf("demo: creating mailbox %s: %w", name, err)
		}
	}
	d.mem.AddUser(d.user)
	if err := d.listen("127.0.0.1:0"); err != nil {
		return nil, err
	}
	return d, nil
}

func (d *demoIMAP) listen(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("demo: IMAP listening on %s: %w", addr, err)
	}
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return d.mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}, imap.CapIdle: {}, imap.CapMove: {}, imap.CapUIDPlus: {}},
		InsecureAuth: true, // loopback only
		Logger:       log.New(io.Discard, "", 0),
	})
	d.mu.Lock()
	d.addr, d.server = ln.Addr().String(), srv
	d.mu.Unlock()
	go srv.Serve(ln)
	return nil
}

// Addr returns the server's host:port.
func (d *demoIMAP) Addr() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.addr
}

// Stop closes the listener and every connection; the mail is kept.
func (d *demoIMAP) Stop() {
	d.mu.Lock()
	srv := d.server
	d.server = nil
	d.mu.Unlock()
	if srv != nil {
		srv.Close()
	}
}

// Start listens again on the address the server had.
func (d *demoIMAP) Start() error {
	d.mu.Lock()
	running := d.server != nil
	d.mu.Unlock()
	if running {
		return nil
	}
	return d.listen(d.Addr())
}

// Deliver appends raw to INBOX with the given internal date, as a mail
// server does when mail arrives. (imapmemserver's Append panics on nil
// options, so they are always given.)
func (d *demoIMAP) Deliver(raw []byte, at time.Time) (uid imap.UID, err error) {
	data, err := d.user.Append("INBOX", bytes.NewReader(raw), &imap.AppendOptions{Time: at})
	if err != nil {
		return 0, fmt.Errorf("demo: delivering to INBOX: %w", err)
	}
	return data.UID, nil
}

// Count returns how many messages mailbox holds.
func (d *demoIMAP) Count(mailbox string) (int, error) {
	st, err := d.user.Status(mailbox, &imap.StatusOptions{NumMessages: true})
	if err != nil {
		return 0, err
	}
	return int(*st.NumMessages), nil
}

// Close stops the server for good.
func (d *demoIMAP) Close() error {
	d.Stop()
	return nil
}
