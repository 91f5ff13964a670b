package main

import (
	"bytes"
	"fmt"
	"io"
	"log"
	"net"
	"sync"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// sentMail is one email the demo's SMTP peer accepted.
type sentMail struct {
	From string
	To   []string
	Data []byte
	At   time.Time // on the demo's clock
}

// demoSMTP is the outgoing mail server of `intake demo` and of tests: a
// go-smtp server on a loopback port whose backend records every message
// instead of delivering it. It accepts any login (PLAIN) and none.
type demoSMTP struct {
	now    func() time.Time
	server *smtp.Server
	addr   string

	mu   sync.Mutex
	sent []sentMail
	// Reject, when set, is asked for each recipient; a non-nil error
	// (an *smtp.SMTPError) refuses it.
	Reject func(rcpt string) error
	// Login, when set, is asked for each login; a non-nil error refuses
	// it. Unset, any login is accepted.
	Login func(username, password string) error
}

// startDemoSMTP starts the recording server on 127.0.0.1 at a free port;
// now stamps each accepted message.
func startDemoSMTP(now func() time.Time) (*demoSMTP, error) {
	d := &demoSMTP{now: now}
	s := smtp.NewServer(d)
	s.Domain = "localhost"
	s.AllowInsecureAuth = true // loopback only
	s.MaxMessageBytes = 50 << 20
	s.ReadTimeout, s.WriteTimeout = time.Minute, time.Minute
	s.ErrorLog = log.New(io.Discard, "", 0)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("demo: SMTP listening: %w", err)
	}
	d.server, d.addr = s, ln.Addr().String()
	go s.Serve(ln)
	return d, nil
}

// Addr returns the server's host:port.
func (d *demoSMTP) Addr() string { return d.addr }

// Close stops the server.
func (d *demoSMTP) Close() error { return d.server.Close() }

// Sent returns the messages accepted so far, in order.
func (d *demoSMTP) Sent() []sentMail {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]sentMail(nil), d.sent...)
}

// NewSession implements smtp.Backend.
func (d *demoSMTP) NewSession(*smtp.Conn) (smtp.Session, error) { return &demoSMTPSession{d: d}, nil }

type demoSMTPSession struct {
	d    *demoSMTP
	from string
	to   []string
}

func (s *demoSMTPSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *demoSMTPSession) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if s.d.Login != nil {
			return s.d.Login(username, password)
		}
		return nil
	}), nil
}

func (s *demoSMTPSession) Mail(from string, _ *smtp.MailOptions) error {
	s.from = from
	return nil
}

func (s *demoSMTPSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	if s.d.Reject != nil {
		if err := s.d.Reject(to); err != nil {
			return err
		}
	}
	s.to = append(s.to, to)
	return nil
}

func (s *demoSMTPSession) Data(r io.Reader) error {
	var b bytes.Buffer
	if _, err := b.ReadFrom(r); err != nil {
		return err
	}
	s.d.mu.Lock()
	s.d.sent = append(s.d.sent, sentMail{From: s.from, To: s.to, Data: b.Bytes(), At: s.d.now()})
	s.d.mu.Unlock()
	s.to = nil
	return nil
}

func (s *demoSMTPSession) Reset()        { s.from, s.to = "", nil }
func (s *demoSMTPSession) Logout() error { return nil }
