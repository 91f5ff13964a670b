// Package loopmail runs mail servers on loopback for the demo and the
// tests: an IMAP server over go-imap's in-memory backend and an SMTP
// server that records what it accepts instead of delivering it. Both can
// be stopped and started again on the same address, and speak plaintext
// unless told to use TLS (a self-signed certificate, for the tests).
//
// The demo binary links this package, so it does not import testing;
// [MustIMAP] and [MustSMTP] serve the tests through [TB].
package loopmail

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"log"
	"net"
	"strconv"
	"sync"

	"github.com/kscmp/intake/internal/testtls"
)

// TLSMode is how a server speaks TLS.
type TLSMode int

const (
	Plaintext   TLSMode = iota // no TLS at all
	StartTLS                   // plaintext, offering STARTTLS
	ImplicitTLS                // TLS from the first byte
)

// serverTLS is the TLS configuration of a server in mode presenting cert
// (nil: a fresh self-signed certificate), and a pool trusting it; both
// nil in plaintext.
func serverTLS(mode TLSMode, cert *tls.Certificate) (*tls.Config, *x509.CertPool, error) {
	if mode == Plaintext {
		return nil, nil, nil
	}
	if cert != nil {
		var pool *x509.CertPool
		if cert.Leaf != nil {
			pool = x509.NewCertPool()
			pool.AddCert(cert.Leaf)
		}
		return &tls.Config{Certificates: []tls.Certificate{*cert}}, pool, nil
	}
	c, pool, err := testtls.SelfSigned()
	if err != nil {
		return nil, nil, fmt.Errorf("loopmail: making a certificate: %w", err)
	}
	return &tls.Config{Certificates: []tls.Certificate{c}}, pool, nil
}

// discard is the servers' logger.
var discard = log.New(io.Discard, "", 0)

// server is what go-imap's and go-smtp's servers have in common.
type server interface {
	Serve(net.Listener) error
	Close() error
}

// loop is a server's place on loopback: one address, kept across Stop and
// Start, and its TLS. newServer makes a server to serve on it afresh.
type loop struct {
	newServer func() server
	mode      TLSMode
	tlsConfig *tls.Config
	roots     *x509.CertPool

	mu     sync.Mutex
	addr   string
	ln     net.Listener
	srv    server        // nil while stopped
	served chan struct{} // closed when srv's Serve has returned
}

// open makes the TLS configuration of mode, presenting cert, and starts
// serving on a free port of 127.0.0.1.
func (l *loop) open(mode TLSMode, cert *tls.Certificate, newServer func() server) error {
	var err error
	if l.tlsConfig, l.roots, err = serverTLS(mode, cert); err != nil {
		return err
	}
	l.mode, l.newServer = mode, newServer
	return l.listen("127.0.0.1:0")
}

// listen starts serving on addr, unless already serving.
func (l *loop) listen(addr string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.srv != nil {
		return nil
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("loopmail: listening on %s: %w", addr, err)
	}
	l.addr, l.ln, l.srv, l.served = ln.Addr().String(), ln, l.newServer(), make(chan struct{})
	if l.mode == ImplicitTLS {
		ln = tls.NewListener(ln, l.tlsConfig)
	}
	go func(srv server, ln net.Listener, served chan struct{}) {
		defer close(served)
		srv.Serve(ln)
	}(l.srv, ln, l.served)
	return nil
}

// startTLS is the TLS configuration a server offers with STARTTLS (nil
// unless in StartTLS).
func (l *loop) startTLS() *tls.Config {
	if l.mode != StartTLS {
		return nil
	}
	return l.tlsConfig
}

// RootCAs trusts the server's certificate: the self-signed one, or the
// one given with a Leaf (nil in plaintext).
func (l *loop) RootCAs() *x509.CertPool { return l.roots }

// Addr returns the server's host:port.
func (l *loop) Addr() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.addr
}

// Host returns the server's host (an IP address).
func (l *loop) Host() string {
	h, _, _ := net.SplitHostPort(l.Addr())
	return h
}

// Port returns the server's port.
func (l *loop) Port() int {
	_, p, _ := net.SplitHostPort(l.Addr())
	n, _ := strconv.Atoi(p)
	return n
}

// Stop closes the listener and every connection: connections are refused
// until Start. What the server holds is kept.
func (l *loop) Stop() {
	l.mu.Lock()
	ln, srv, served := l.ln, l.srv, l.served
	l.ln, l.srv = nil, nil
	l.mu.Unlock()
	if srv == nil {
		return
	}
	// Closing the listener ends Serve, even one not yet begun; the server
	// is closed (with its connections) once Serve has returned, as
	// go-imap's Close must not race with Serve's start.
	ln.Close()
	<-served
	srv.Close()
}

// Start listens again on the address the server had; it does nothing if
// the server is running.
func (l *loop) Start() error { return l.listen(l.Addr()) }

// Close stops the server (as Stop does), for io.Closer and defer.
func (l *loop) Close() error {
	l.Stop()
	return nil
}

// TB is the part of testing.TB that MustIMAP and MustSMTP use.
type TB interface {
	Helper()
	Fatal(args ...any)
	Cleanup(func())
}

// MustIMAP starts an IMAP server for a test, failing it if the server
// cannot start, and closes the server when the test ends.
func MustIMAP(t TB, o IMAPOptions) *IMAP {
	t.Helper()
	return must(t, func() (*IMAP, error) { return StartIMAP(o) })
}

// MustSMTP starts an SMTP server for a test, failing it if the server
// cannot start, and closes the server when the test ends.
func MustSMTP(t TB, o SMTPOptions) *SMTP {
	t.Helper()
	return must(t, func() (*SMTP, error) { return StartSMTP(o) })
}

func must[S io.Closer](t TB, start func() (S, error)) S {
	t.Helper()
	s, err := start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
