// Package smtptest runs an in-process SMTP server on loopback that records
// every message it accepts, and can be told to fail: temporarily (451),
// permanently (550), or by not listening at all.
package smtptest

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"log"
	"net"
	"strconv"
	"sync"
	"testing"

	"github.com/emersion/go-smtp"

	"github.com/kscmp/intake/internal/testtls"
)

// Message is one message the server accepted.
type Message struct {
	From     string
	To       []string
	Data     []byte
	AuthMech string // the SASL mechanism the client logged in with, "" if none
	TLS      bool   // whether the session was encrypted
	Body     string // MAIL FROM's BODY parameter (RFC 6152), "" if none
}

// Option configures a Server.
type Option func(*Server)

// WithStartTLS offers STARTTLS with a self-signed certificate (RootCAs
// trusts it).
func WithStartTLS() Option { return func(s *Server) { s.tlsMode = "starttls" } }

// WithImplicitTLS speaks TLS from the first byte.
func WithImplicitTLS() Option { return func(s *Server) { s.tlsMode = "implicit" } }

// WithAuth requires AUTH (PLAIN, LOGIN or XOAUTH2) with user and secret
// (the password, or the OAuth token).
func WithAuth(user, secret string) Option {
	return func(s *Server) { s.user, s.secret = user, secret }
}

// Server is a recording SMTP server.
type Server struct {
	t    testing.TB
	addr string
	srv  *smtp.Server
	l    net.Listener
	mu   sync.Mutex
	msgs []Message
	// reject, when set, is the reply to MAIL FROM.
	reject *smtp.SMTPError
	// rejectRcpt, when set, decides the reply to each RCPT TO.
	rejectRcpt func(rcpt string) *smtp.SMTPError

	tlsMode      string // "", "starttls" or "implicit"
	tlsConfig    *tls.Config
	roots        *x509.CertPool
	user, secret string
}

// Start starts a server on a free loopback port; it stops when the test
// ends.
func Start(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := &Server{t: t}
	for _, o := range opts {
		o(s)
	}
	if s.tlsMode != "" {
		cert, pool, err := testtls.SelfSigned()
		if err != nil {
			t.Fatal(err)
		}
		s.tlsConfig, s.roots = &tls.Config{Certificates: []tls.Certificate{cert}}, pool
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.addr = l.Addr().String()
	s.serve(l)
	t.Cleanup(func() { s.Stop() })
	return s
}

func (s *Server) serve(l net.Listener) {
	srv := smtp.NewServer(backend{s})
	srv.Domain = "smtp.kestmoor.test"
	srv.ErrorLog = log.New(io.Discard, "", 0)
	srv.AllowInsecureAuth = s.tlsMode == ""
	if s.tlsMode == "starttls" {
		srv.TLSConfig = s.tlsConfig
	}
	if s.tlsMode == "implicit" {
		l = tls.NewListener(l, s.tlsConfig)
	}
	s.mu.Lock()
	s.srv, s.l = srv, l
	s.mu.Unlock()
	go srv.Serve(l)
}

// RootCAs trusts the server's certificate.
func (s *Server) RootCAs() *x509.CertPool { return s.roots }

// Host and Port are where the server listens.
func (s *Server) Host() string { h, _, _ := net.SplitHostPort(s.addr); return h }

// Port is the server's port.
func (s *Server) Port() int {
	_, p, _ := net.SplitHostPort(s.addr)
	n, _ := strconv.Atoi(p)
	return n
}

// Stop closes the listener: connections are refused until Restart.
func (s *Server) Stop() {
	s.mu.Lock()
	srv, l := s.srv, s.l
	s.srv, s.l = nil, nil
	s.mu.Unlock()
	if l != nil {
		l.Close() // Serve may not have registered it yet
	}
	if srv != nil {
		srv.Close()
	}
}

// Restart listens again on the same port.
func (s *Server) Restart() {
	l, err := net.Listen("tcp", s.addr)
	if err != nil {
		s.t.Fatalf("smtptest: listening again on %s: %v", s.addr, err)
	}
	s.serve(l)
}

// Reject makes MAIL FROM fail with code (e.g. 451 or 550) until Accept.
func (s *Server) Reject(code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reject = &smtp.SMTPError{Code: code, EnhancedCode: smtp.EnhancedCode{code / 100, 0, 0}, Message: "rejected by test"}
}

// RejectRcpt makes RCPT TO fail with code for the recipient addr.
func (s *Server) RejectRcpt(addr string, code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rejectRcpt = func(rcpt string) *smtp.SMTPError {
		if rcpt == addr {
			return &smtp.SMTPError{Code: code, EnhancedCode: smtp.EnhancedCode{code / 100, 1, 1}, Message: "no such user"}
		}
		return nil
	}
}

// Accept stops rejecting.
func (s *Server) Accept() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reject, s.rejectRcpt = nil, nil
}

// Messages returns a copy of what the server has accepted, in order.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.msgs...)
}

type backend struct{ s *Server }

func (b backend) NewSession(c *smtp.Conn) (smtp.Session, error) {
	return &session{s: b.s, conn: c}, nil
}

type session struct {
	s    *Server
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
	if x.s.user != "" && x.mech == "" {
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
	defer x.s.mu.Unlock()
	if x.s.rejectRcpt != nil {
		if e := x.s.rejectRcpt(to); e != nil {
			return e
		}
	}
	x.to = append(x.to, to)
	return nil
}

func (x *session) Data(r io.Reader) error {
	var b bytes.Buffer
	if _, err := io.Copy(&b, r); err != nil {
		return errors.New("smtptest: reading data")
	}
	x.s.mu.Lock()
	defer x.s.mu.Unlock()
	_, isTLS := x.conn.TLSConnectionState()
	x.s.msgs = append(x.s.msgs, Message{From: x.from, To: append([]string(nil), x.to...), Data: b.Bytes(), AuthMech: x.mech, TLS: isTLS, Body: x.body})
	return nil
}
