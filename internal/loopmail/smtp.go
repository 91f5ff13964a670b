package loopmail

import (
	"bytes"
	"crypto/tls"
	"errors"
	"io"
	"slices"
	"sync"
	"time"

	"github.com/emersion/go-smtp"
)

// Message is one message the SMTP server accepted.
type Message struct {
	From     string
	To       []string
	Data     []byte
	At       time.Time // on the server's clock
	AuthMech string    // the SASL mechanism the client logged in with, "" if none
	TLS      bool      // whether the session was encrypted
	Body     string    // MAIL FROM's BODY parameter (RFC 6152), "" if none
}

// SMTPOptions configure an SMTP server.
type SMTPOptions struct {
	// Now stamps each accepted message; nil is time.Now.
	Now func() time.Time
	// TLS is how the server speaks TLS; Plaintext allows logging in
	// without it.
	TLS TLSMode
	// Cert is the certificate presented over TLS; nil makes a
	// self-signed one, which RootCAs trusts.
	Cert *tls.Certificate
	// User and Secret, when User is set, make AUTH (PLAIN, LOGIN or
	// XOAUTH2) required, with this user name and secret (the password,
	// or the OAuth token).
	User, Secret string
	// Login, when set (and User is not), offers AUTH without requiring
	// it and is asked about each login: a non-nil error (an
	// *smtp.SMTPError for a chosen reply) refuses it.
	Login func(user, secret string) error
}

// SMTP is an SMTP server that records every message it accepts.
type SMTP struct {
	loop
	opts SMTPOptions

	mu         sync.Mutex // guards what follows (loop has its own)
	msgs       []Message
	reject     *smtp.SMTPError                   // the reply to MAIL FROM, when set
	rejectRcpt func(rcpt string) *smtp.SMTPError // the reply to RCPT TO, when set and not nil
}

// StartSMTP starts an SMTP server on 127.0.0.1 at a free port.
func StartSMTP(o SMTPOptions) (*SMTP, error) {
	if o.Now == nil {
		o.Now = time.Now
	}
	s := &SMTP{opts: o}
	if err := s.open(o.TLS, o.Cert, s.newServer); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *SMTP) newServer() server {
	srv := smtp.NewServer(backend{s})
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = s.opts.TLS == Plaintext // loopback only
	srv.MaxMessageBytes = 50 << 20
	srv.ReadTimeout, srv.WriteTimeout = time.Minute, time.Minute
	srv.TLSConfig = s.startTLS()
	srv.ErrorLog = discard
	return srv
}

// Reject makes MAIL FROM fail with code (e.g. 451 or 550) until Accept.
func (s *SMTP) Reject(code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reject = &smtp.SMTPError{Code: code, EnhancedCode: smtp.EnhancedCode{code / 100, 0, 0}, Message: "rejected by test"}
}

// RejectRcpt makes RCPT TO fail with code for the recipient addr until
// Accept.
func (s *SMTP) RejectRcpt(addr string, code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rejectRcpt = func(rcpt string) *smtp.SMTPError {
		if rcpt == addr {
			return &smtp.SMTPError{Code: code, EnhancedCode: smtp.EnhancedCode{code / 100, 1, 1}, Message: "no such user"}
		}
		return nil
	}
}

// Accept stops what Reject and RejectRcpt started.
func (s *SMTP) Accept() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reject, s.rejectRcpt = nil, nil
}

// Messages returns a copy of what the server has accepted, in order.
func (s *SMTP) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Message, len(s.msgs))
	for i, m := range s.msgs {
		m.To, m.Data = slices.Clone(m.To), slices.Clone(m.Data)
		out[i] = m
	}
	return out
}

type backend struct{ s *SMTP }

func (b backend) NewSession(c *smtp.Conn) (smtp.Session, error) {
	return &session{s: b.s, conn: c}, nil
}

type session struct {
	s    *SMTP
	conn *smtp.Conn
	from string
	to   []string
	mech string
	body string
}

func (x *session) Reset()        { x.from, x.to, x.body = "", nil, "" }
func (x *session) Logout() error { return nil }

func (x *session) Mail(from string, opts *smtp.MailOptions) error {
	x.s.mu.Lock()
	defer x.s.mu.Unlock()
	if x.s.opts.User != "" && x.mech == "" {
		return &smtp.SMTPError{Code: 530, EnhancedCode: smtp.EnhancedCode{5, 7, 0}, Message: "authentication required"}
	}
	if x.s.reject != nil {
		return x.s.reject
	}
	x.from = from
	if opts != nil {
		x.body = string(opts.Body)
	}
	return nil
}

func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	x.s.mu.Lock()
	rule := x.s.rejectRcpt
	x.s.mu.Unlock()
	if rule != nil {
		if e := rule(to); e != nil {
			return e
		}
	}
	x.to = append(x.to, to)
	return nil
}

func (x *session) Data(r io.Reader) error {
	var b bytes.Buffer
	if _, err := io.Copy(&b, r); err != nil {
		return errors.New("loopmail: reading data")
	}
	_, isTLS := x.conn.TLSConnectionState()
	m := Message{From: x.from, To: append([]string(nil), x.to...), Data: b.Bytes(), At: x.s.opts.Now(),
		AuthMech: x.mech, TLS: isTLS, Body: x.body}
	x.s.mu.Lock()
	x.s.msgs = append(x.s.msgs, m)
	x.s.mu.Unlock()
	return nil
}
