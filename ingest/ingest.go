// Package ingest reads the partnership mailbox over IMAP and stores every
// new message's raw bytes before anything else happens to it.
//
// For each configured folder a pass SELECTs the folder, compares its
// UIDVALIDITY with the stored checkpoint, lists the UIDs above the
// checkpoint with their RFC822.SIZE, and fetches them with BODY.PEEK[] (so
// that \Seen, which people reading the mailbox rely on, is never touched)
// in batches bounded by count and bytes. A batch's messages and the
// advanced checkpoint commit in one transaction, together with the
// promise of what to do on the server (move to the processed folder, or
// set a keyword). Only then does ingest act on the server, and it forgets
// the promise once the server has confirmed. A crash at any point
// therefore loses nothing (nothing is moved before it is stored) and
// repeats nothing (the checkpoint and the promises commit together, and a
// UID MOVE of a UID already moved does nothing).
//
// A message larger than MaxMessageSize is not downloaded: its header is
// kept, it is stored in state "quarantined" with the reason, and it is
// moved to the quarantine folder, to be shown in the digest. A message
// whose bytes are already stored from the same folder (same SHA-256) is
// not stored again, only acted on: this is what makes the rescan after a
// UIDVALIDITY change safe. Message-IDs are recorded but never used to
// deduplicate, so a message without one, or reusing another's with
// different content, is kept as its own.
//
// Run waits for new mail with IDLE where the server has it (on the first
// folder; the others are polled) and polls at PollInterval otherwise.
// Every command runs under CommandTimeout (the connection is closed when
// the server stalls), and a failed connection is retried with exponential
// backoff and jitter, each distinct failure logged once.
package ingest

import (
	"context"
	"crypto/tls"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/kscmp/intake"
)

// TLS modes.
const (
	TLSImplicit  = "implicit"
	TLSStartTLS  = "starttls"
	TLSPlaintext = "plaintext"
)

// Authentication mechanisms.
const (
	AuthPlain   = "plain"
	AuthLogin   = "login"
	AuthXOAUTH2 = "xoauth2"
)

// Server actions once a message is stored.
const (
	ActionMove = "move"
	ActionFlag = "flag"
	ActionNone = "none"
)

// Config says where the mailbox is and how to read it.
type Config struct {
	// Stored, when set, is called after each commit that stored messages,
	// so that casework files them at once instead of at its next pass. It
	// must not block.
	Stored func()

	Addr           string      // host:port
	TLS            string      // TLSImplicit, TLSStartTLS or TLSPlaintext
	TLSConfig      *tls.Config // nil: system roots, server name from Addr
	AllowPlaintext bool        // plaintext is used only if set and the host is loopback
	Username       string
	Auth           string // AuthPlain, AuthLogin or AuthXOAUTH2
	// Secret returns the password or the OAuth token; it is called at
	// each connection.
	Secret func(ctx context.Context) (string, error)

	Folders          []string
	Action           string // ActionMove, ActionFlag or ActionNone
	ProcessedFolder  string
	QuarantineFolder string
	FlagKeyword      string

	BatchSize      int   // messages per fetch and transaction
	BatchBytes     int64 // bytes per fetch and transaction (by RFC822.SIZE)
	MaxMessageSize int64 // larger messages are quarantined with their header only
	PollInterval   time.Duration
	IDLE           bool

	ConnectTimeout time.Duration
	CommandTimeout time.Duration
	BackoffMin     time.Duration
	BackoffMax     time.Duration
}

func (c *Config) setDefaults() {
	if len(c.Folders) == 0 {
		c.Folders = []string{"INBOX"}
	}
	if c.Action == "" {
		c.Action = ActionMove
	}
	if c.ProcessedFolder == "" {
		c.ProcessedFolder = "Processed"
	}
	if c.QuarantineFolder == "" {
		c.QuarantineFolder = "Quarantine"
	}
	if c.FlagKeyword == "" {
		c.FlagKeyword = "$IntakeStored"
	}
	if c.BatchSize <= 0 {
		c.BatchSize = 200
	}
	if c.BatchBytes <= 0 {
		c.BatchBytes = 16 << 20
	}
	if c.MaxMessageSize <= 0 {
		c.MaxMessageSize = 50 << 20
	}
	if c.PollInterval <= 0 {
		c.PollInterval = time.Minute
	}
	if c.ConnectTimeout <= 0 {
		c.ConnectTimeout = 30 * time.Second
	}
	if c.CommandTimeout <= 0 {
		c.CommandTimeout = time.Minute
	}
	if c.BackoffMin <= 0 {
		c.BackoffMin = time.Second
	}
	if c.BackoffMax < c.BackoffMin {
		c.BackoffMax = 5 * time.Minute
	}
}

// Ingester reads the mailbox into the store. PollOnce and Run must not be
// called concurrently.
type Ingester struct {
	cfg    Config
	store  intake.Store
	clock  intake.Clock
	logger *slog.Logger

	sess *session // the open connection, kept between passes

	lastErr  string // the last failure logged, so that each is logged once
	failures int

	mu     sync.Mutex
	status Status // for Status, read by /healthz and /metrics

	// testHook, when set (tests only), is called at points of a batch:
	// "fetching" before the download, "fetched" before the commit.
	testHook func(event string)
}

func (in *Ingester) hook(event string) {
	if in.testHook != nil {
		in.testHook(event)
	}
}

// New returns an Ingester; it does not connect until the first pass.
func New(cfg Config, st intake.Store, clock intake.Clock, logger *slog.Logger) *Ingester {
	cfg.setDefaults()
	if logger == nil {
		logger = slog.Default()
	}
	return &Ingester{cfg: cfg, store: st, clock: clock, logger: logger.With("component", "ingest")}
}

// Status is how the mailbox stands, for /healthz and /metrics: whether
// the last pass failed, since when, and whether the failure is a Problem
// a person must fix (a refused login, a missing folder).
type Status struct {
	Failing     bool
	Since       time.Time // the first failure of the current run of them
	Attempts    int       // failed passes in a row
	Err         string    // the last failure, with how to fix it for a Problem
	Cause       error     // the last failure itself
	Kind        string    // the Problem's kind; "" for a temporary failure
	LastSuccess time.Time // the end of the last whole pass; zero if none yet
}

// Status returns how the mailbox stands. It may be called at any time,
// from any goroutine.
func (in *Ingester) Status() Status {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.status
}

func (in *Ingester) setStatus(err error) {
	in.mu.Lock()
	defer in.mu.Unlock()
	now := in.clock.Now()
	if err == nil {
		in.status = Status{LastSuccess: now}
		return
	}
	if !in.status.Failing {
		in.status.Since = now
	}
	in.status.Failing = true
	in.status.Attempts++
	in.status.Err = err.Error()
	in.status.Cause = err
	in.status.Kind = ""
	if p, ok := AsProblem(err); ok {
		in.status.Kind = p.Kind
	}
}

// PollOnce makes one pass over every folder: connects if needed, stores
// what is new and acts on the server. On success it records the time as
// the store's intake.MetaLastSync. On a network failure the connection is dropped
// so that the next pass reconnects.
func (in *Ingester) PollOnce(ctx context.Context) error {
	err := in.pollOnce(ctx)
	if ctx.Err() == nil {
		in.setStatus(err)
	}
	return err
}

func (in *Ingester) pollOnce(ctx context.Context) error {
	if err := in.poll(ctx); err != nil {
		in.drop()
		return err
	}
	if ctx.Err() != nil {
		return nil // stopped part-way: not a whole pass
	}
	return in.store.Update(context.WithoutCancel(ctx), func(tx intake.Tx) error {
		return tx.SetMeta(intake.MetaLastSync, tx.Now().UTC().Format(time.RFC3339))
	})
}

func (in *Ingester) poll(ctx context.Context) error {
	s, err := in.session(ctx)
	if err != nil {
		return err
	}
	for _, f := range in.cfg.Folders {
		if ctx.Err() != nil {
			return nil
		}
		if err := in.syncFolder(ctx, s, f); err != nil {
			return err
		}
	}
	return nil
}

// drop closes the connection, if any.
func (in *Ingester) drop() {
	if in.sess != nil {
		in.sess.close()
		in.sess = nil
	}
}

// Close logs out and closes the connection.
func (in *Ingester) Close() error {
	in.drop()
	return nil
}

// Capabilities connects (if needed) and returns the server's capabilities
// after login; check-config reports them.
func (in *Ingester) Capabilities(ctx context.Context) (idle, move, uidplus bool, all []string, err error) {
	s, err := in.session(ctx)
	if err != nil {
		return false, false, false, nil, err
	}
	caps := s.caps
	for c := range caps {
		all = append(all, string(c))
	}
	return s.canIdle(), caps.Has("MOVE"), caps.Has("UIDPLUS"), all, nil
}

// session returns the open connection, connecting (and logging in) first
// if there is none.
func (in *Ingester) session(ctx context.Context) (*session, error) {
	if in.sess == nil {
		s, err := in.connect(ctx)
		if err != nil {
			return nil, err
		}
		in.sess = s
	}
	return in.sess, nil
}

// connect dials, logs in and says so.
func (in *Ingester) connect(ctx context.Context) (*session, error) {
	s, err := dial(ctx, &in.cfg)
	if err != nil {
		return nil, err
	}
	in.logger.Info("connected and logged in", "addr", in.cfg.Addr, "tls", in.cfg.TLS, "auth", in.cfg.Auth,
		"idle", s.canIdle(), "move", s.hasMove())
	return s, nil
}

// Run polls until ctx ends: a pass, then a wait for new mail (IDLE or the
// poll interval), again and again. A failed pass is retried after an
// exponential backoff with jitter; each distinct failure is logged once.
// A Problem (a refused login, a missing folder, a wrong TLS setting) is
// logged as an error with how to fix it and retried only every
// BackoffMax, so that a fix is noticed without hammering the server.
// When ctx ends, the batch in hand is finished and stored first.
func (in *Ingester) Run(ctx context.Context) error {
	for ctx.Err() == nil {
		err := in.PollOnce(ctx)
		if err == nil {
			in.recovered()
			if err = in.waitForMail(ctx); err != nil && ctx.Err() == nil {
				in.setStatus(err)
			}
		}
		if ctx.Err() != nil {
			return nil
		}
		if err == nil {
			continue
		}
		in.drop()
		wait := in.failed(err)
		select {
		case <-ctx.Done():
		case <-in.clock.After(wait):
		}
	}
	return nil
}

// failed logs err unless it is the same failure as the last one logged,
// and returns how long to wait before the next attempt.
func (in *Ingester) failed(err error) time.Duration {
	in.failures++
	p, permanent := AsProblem(err)
	wait := backoff(in.failures, in.cfg.BackoffMin, in.cfg.BackoffMax)
	if permanent {
		wait = in.cfg.BackoffMax
	}
	if msg := err.Error(); msg != in.lastErr {
		in.lastErr = msg
		if permanent {
			in.logger.Error("mailbox unusable until the configuration or the server is fixed; retrying slowly", "problem", p.Kind,
				"err", p.Err, "fix", p.Fix, "retry_every", wait)
		} else {
			in.logger.Warn("mailbox unavailable; retrying with backoff", "err", err, "attempt", in.failures)
		}
		return wait
	}
	in.logger.Debug("mailbox still unavailable", "attempt", in.failures)
	return wait
}

func (in *Ingester) recovered() {
	if in.failures > 0 {
		in.logger.Info("mailbox available again", "failed_attempts", in.failures)
	}
	in.failures, in.lastErr = 0, ""
}

// backoff returns the wait after the n-th consecutive failure: min doubled
// n-1 times, capped at max, then drawn uniformly from its upper half so
// that many clients do not retry in step.
func backoff(n int, min, max time.Duration) time.Duration {
	d := min
	for i := 1; i < n && d < max; i++ {
		d *= 2
	}
	if d > max {
		d = max
	}
	half := d / 2
	return half + rand.N(d-half+1)
}
