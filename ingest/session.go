package ingest

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync/atomic"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-sasl"
)

// ErrTimeout is returned (wrapped, inside an error that says what was
// being done) when the server did not answer within the configured
// timeout; the connection has then been closed.
var ErrTimeout = errors.New("the server did not answer in time")

// session is one logged-in IMAP connection.
type session struct {
	cfg     *Config
	c       *imapclient.Client
	caps    imap.CapSet
	timeout time.Duration
	// newMail is signalled (never blocking) by the reader goroutine when
	// the selected mailbox reports a new message count.
	newMail  chan struct{}
	selected string
	created  map[string]bool // folders this session has made sure exist
	idling   bool            // IDLE has been started on this connection
}

// isLoopback reports whether host names this machine only.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// dial connects, logs in and reads the capabilities, all within
// ConnectTimeout: the raw connection is closed if the server stalls.
func dial(ctx context.Context, cfg *Config) (*session, error) {
	host, _, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("ingest: server address %q: %w", cfg.Addr, err)
	}
	if cfg.TLS == TLSPlaintext && !(cfg.AllowPlaintext && isLoopback(host)) {
		return nil, fmt.Errorf("ingest: refusing plaintext IMAP to %s: allowed only to a loopback host when configured", host)
	}
	d := net.Dialer{Timeout: cfg.ConnectTimeout}
	raw, err := d.DialContext(ctx, "tcp", cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("ingest: connecting to %s: %w", cfg.Addr, err)
	}
	var timedOut atomic.Bool
	timer := time.AfterFunc(cfg.ConnectTimeout, func() { timedOut.Store(true); raw.Close() })
	s := &session{cfg: cfg, timeout: cfg.CommandTimeout, newMail: make(chan struct{}, 1), created: map[string]bool{}}
	opts := &imapclient.Options{
		UnilateralDataHandler: &imapclient.UnilateralDataHandler{
			// Runs on the reader goroutine: only signal, never issue
			// commands from here.
			Mailbox: func(d *imapclient.UnilateralDataMailbox) {
				if d.NumMessages != nil {
					select {
					case s.newMail <- struct{}{}:
					default:
					}
				}
			},
		},
	}
	tcfg := cfg.TLSConfig.Clone()
	if tcfg == nil {
		tcfg = &tls.Config{}
	}
	if tcfg.ServerName == "" {
		tcfg.ServerName = host
	}
	opts.TLSConfig = tcfg
	fail := func(what, step string, err error) (*session, error) {
		timer.Stop()
		if s.c != nil {
			s.c.Close()
		} else {
			raw.Close()
		}
		if timedOut.Load() {
			err = fmt.Errorf("%w (%s)", ErrTimeout, err)
		} else {
			err = problem(err, cfg, step)
		}
		return nil, fmt.Errorf("ingest: %s %s: %w", what, cfg.Addr, err)
	}
	switch cfg.TLS {
	case TLSImplicit:
		s.c = imapclient.New(tls.Client(raw, tcfg), opts)
	case TLSStartTLS:
		if s.c, err = imapclient.NewStartTLS(raw, opts); err != nil {
			return fail("starting TLS with", "starttls", err)
		}
	default:
		s.c = imapclient.New(raw, opts)
	}
	if err := s.c.WaitGreeting(); err != nil {
		return fail("reading greeting of", "greeting", err)
	}
	secret, err := readSecret(ctx, cfg)
	if err != nil {
		return fail("reading the credentials for", "credentials", err)
	}
	if err := login(s.c, cfg, secret); err != nil {
		return fail("logging in to", "login", err)
	}
	caps, err := s.c.Capability().Wait()
	if err != nil {
		return fail("reading capabilities of", "capability", err)
	}
	s.caps = caps
	if !timer.Stop() || timedOut.Load() {
		return fail("connecting to", "connect", ErrTimeout)
	}
	return s, nil
}

// readSecret reads the password or token afresh, so that an external
// refresher can rotate a token.
func readSecret(ctx context.Context, cfg *Config) (string, error) {
	if cfg.Secret == nil {
		return "", nil
	}
	return cfg.Secret(ctx)
}

// login authenticates with the configured mechanism.
func login(c *imapclient.Client, cfg *Config, secret string) error {
	caps := c.Caps()
	switch cfg.Auth {
	case AuthXOAUTH2:
		if !caps.Has(imap.AuthCap("XOAUTH2")) {
			return errors.New("server does not offer AUTH=XOAUTH2")
		}
		return c.Authenticate(NewXOAuth2Client(cfg.Username, secret))
	case AuthPlain:
		if caps.Has(imap.AuthCap(sasl.Plain)) {
			return c.Authenticate(sasl.NewPlainClient("", cfg.Username, secret))
		}
		fallthrough
	default:
		if caps.Has(imap.CapLoginDisabled) {
			return errors.New("server refuses LOGIN (LOGINDISABLED)")
		}
		return c.Login(cfg.Username, secret).Wait()
	}
}

// guard runs fn and closes the connection if it has not returned within
// the session's command timeout. Every command that waits for the server
// runs under it: the library has no timeout between responses.
func (s *session) guard(what string, fn func(kick func()) error) error {
	var fired atomic.Bool
	timer := time.AfterFunc(s.timeout, func() { fired.Store(true); s.c.Close() })
	kick := func() { timer.Reset(s.timeout) }
	err := fn(kick)
	stopped := timer.Stop()
	if fired.Load() || (!stopped && err != nil) {
		return fmt.Errorf("ingest: %s: %w", what, ErrTimeout)
	}
	if err != nil {
		return fmt.Errorf("ingest: %s: %w", what, err)
	}
	return nil
}

// close logs out politely (briefly) and closes the connection.
func (s *session) close() {
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.c.Logout().Wait()
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
	}
	s.c.Close()
}

// hasMove reports whether the server can move messages without leaving
// copies behind: MOVE, or COPY + UID EXPUNGE (UIDPLUS).
func (s *session) hasMove() bool {
	return s.caps.Has(imap.CapMove) || s.caps.Has(imap.CapUIDPlus)
}

// canIdle reports whether the server offers IDLE.
func (s *session) canIdle() bool { return s.caps.Has(imap.CapIdle) }
