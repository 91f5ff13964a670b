package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/kscmp/intake"
)

// Config is the web work queue's settings.
type Config struct {
	// Partnership is the name the pages carry in their header.
	Partnership string
	// Listen is the address the server listens on; it is checked here only
	// to allow InsecureCookie.
	Listen string
	// InsecureCookie drops the session cookie's Secure attribute, for
	// plain http on a loopback address only (a demo, a test). Behind the
	// council's reverse proxy with TLS it stays off.
	InsecureCookie bool
	// TrustedOrigins are other origins (scheme://host[:port]) whose forms
	// may post here, for a reverse proxy that rewrites the Host header.
	TrustedOrigins []string

	// IdleTimeout ends a session not used for this long; AbsoluteTimeout
	// ends every session this long after sign-in.
	IdleTimeout     time.Duration
	AbsoluteTimeout time.Duration

	// LocalAccounts offers the sign-in form for local accounts (argon2id
	// passwords), for a partnership without single sign-on.
	LocalAccounts bool
	// Lockout is when repeated failed sign-ins lock a local account.
	Lockout intake.LockoutPolicy
	// Passwords are the argon2id settings for new hashes (and for the
	// decoy hash compared when the sign-in name is unknown).
	Passwords PasswordParams

	// OIDC is single sign-on through the partnership's identity provider;
	// nil for none.
	OIDC *OIDCConfig
}

// DefaultConfig returns the settings a partnership starts from: sessions
// idle out after 30 minutes and end after 8 hours; five failed sign-ins
// lock a local account for 15 minutes.
func DefaultConfig() Config {
	return Config{
		Partnership:     "Safeguarding Children Partnership",
		IdleTimeout:     30 * time.Minute,
		AbsoluteTimeout: 8 * time.Hour,
		Lockout:         intake.DefaultLockoutPolicy(),
		Passwords:       DefaultPasswordParams(),
	}
}

// Validate checks the settings.
func (c Config) Validate() error {
	if c.IdleTimeout <= 0 || c.AbsoluteTimeout <= 0 {
		return fmt.Errorf("web: session timeouts must be positive (idle %s, absolute %s)", c.IdleTimeout, c.AbsoluteTimeout)
	}
	if c.IdleTimeout > c.AbsoluteTimeout {
		return fmt.Errorf("web: the idle timeout (%s) is longer than the absolute timeout (%s)", c.IdleTimeout, c.AbsoluteTimeout)
	}
	if c.InsecureCookie && !IsLoopback(c.Listen) {
		return fmt.Errorf("web: cookies without Secure are allowed only on a loopback address, not %q", c.Listen)
	}
	if !c.LocalAccounts && c.OIDC == nil {
		return errors.New("web: no way to sign in: configure single sign-on (oidc) or local accounts")
	}
	if c.LocalAccounts {
		if err := c.Lockout.Validate(); err != nil {
			return fmt.Errorf("web: %w", err)
		}
		if err := c.Passwords.Validate(); err != nil {
			return err
		}
	}
	if c.OIDC != nil {
		if err := c.OIDC.Validate(); err != nil {
			return err
		}
	}
	return nil
}

// IsLoopback reports whether a listen address (host:port) is on the
// loopback interface.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Deps are what the server is built on.
type Deps struct {
	Backend Backend
	// Store keeps the sessions, the local accounts and the audit lines of
	// signing in and out (each in one transaction with its line).
	Store  intake.Store
	Now    func() time.Time // the store's clock
	Logger *slog.Logger
	// HTTPClient reaches the identity provider (nil: a client with a
	// 30-second timeout).
	HTTPClient *http.Client
}

// Server is the web work queue.
type Server struct {
	cfg     Config
	backend Backend
	store   intake.Store
	now     func() time.Time
	log     *slog.Logger
	pages   *pages
	oidc    *oidcLogin
	handler http.Handler
	// passwordSlots bounds the argon2id comparisons running at once, so
	// that a flood of sign-in attempts cannot take all the memory.
	passwordSlots chan struct{}
	decoyHash     string
}

// New builds the server.
func New(cfg Config, d Deps) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if d.Backend == nil || d.Store == nil || d.Now == nil {
		return nil, errors.New("web: a backend, a store and a clock are required")
	}
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	if d.HTTPClient == nil {
		d.HTTPClient = &http.Client{Timeout: 30 * time.Second}
	}
	p, err := parsePages()
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, backend: d.Backend, store: d.Store, now: d.Now, log: d.Logger, pages: p, passwordSlots: make(chan struct{}, 2)}
	if cfg.LocalAccounts {
		if s.decoyHash, err = HashPassword("decoy password for unknown names", cfg.Passwords); err != nil {
			return nil, err
		}
	}
	if cfg.OIDC != nil {
		s.oidc = newOIDCLogin(*cfg.OIDC, d.HTTPClient, d.Now)
	}
	cop := http.NewCrossOriginProtection()
	for _, o := range cfg.TrustedOrigins {
		if err := cop.AddTrustedOrigin(o); err != nil {
			return nil, fmt.Errorf("web: trusted origin: %w", err)
		}
	}
	cop.SetDenyHandler(http.HandlerFunc(s.crossOriginRefused))
	s.handler = s.secure(cop.Handler(s.routes()))
	return s, nil
}

// Handler returns the server's HTTP handler.
func (s *Server) Handler() http.Handler { return s.handler }

// Serve answers HTTP on ln until ctx ends, then lets requests in flight
// finish (for up to ten seconds).
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		WriteTimeout:      5 * time.Minute, // a large download or pack
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("web: serving: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		hs.Close()
	}
	<-done
	return nil
}

// routes maps every path to its handler. New puts them behind the
// security headers and the cross-origin check that every request passes.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /assets/{file}", http.HandlerFunc(serveAsset))

	mux.HandleFunc("GET /login", s.loginPage)
	mux.HandleFunc("POST /login", s.loginPassword)
	mux.HandleFunc("POST /logout", s.logout)
	mux.HandleFunc("GET /auth/oidc/start", s.oidcStart)
	mux.HandleFunc("GET /auth/oidc/callback", s.oidcCallback)

	mux.Handle("GET /{$}", s.reader(s.todayPage))
	mux.Handle("GET /cases", s.reader(s.casesPage))
	mux.Handle("GET /cases/{ref}", s.reader(s.casePage))
	mux.Handle("GET /cases/{ref}/do/{action}", s.actor(s.caseActionPage))
	mux.Handle("POST /cases/{ref}/do/{action}", s.actor(s.caseAction))
	mux.Handle("POST /cases/{ref}/pack", s.actor(s.casePack))

	mux.Handle("GET /mail", s.reader(s.mailPage))
	mux.Handle("GET /mail/{id}", s.reader(s.messagePage))
	mux.Handle("GET /mail/{id}/raw", s.reader(s.messageRaw))
	mux.Handle("GET /mail/{id}/files/{n}", s.reader(s.messageFile))
	mux.Handle("GET /mail/{id}/do/{action}", s.actor(s.mailActionPage))
	mux.Handle("POST /mail/{id}/do/{action}", s.actor(s.mailAction))

	mux.Handle("GET /outbox", s.reader(s.outboxPage))
	mux.Handle("POST /outbox/{id}/{action}", s.actor(s.outboxAction))

	mux.Handle("/", s.reader(s.notFound))
	return mux
}
