package main

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// opsPart serves /metrics and /healthz on the [ops] listen address. It has
// no work of its own for RunOnce; Run listens until the context ends.
type opsPart struct {
	m       *Main
	handler http.Handler
	ln      net.Listener // bound by Listen before Run, or by Run itself
}

// Listen binds ops.listen, so that `intake serve` can refuse to start
// when the address is taken (by another program, or a second intake)
// instead of retrying in the background.
func (p *opsPart) Listen() error {
	if p.ln != nil {
		return nil
	}
	ln, err := net.Listen("tcp", p.m.Config.Ops.Listen)
	if err != nil {
		return fmt.Errorf("ops: listening on %s ([ops] listen): %w; is another program using the port? choose a free one, or \"\" to turn /metrics and /healthz off", p.m.Config.Ops.Listen, err)
	}
	p.ln = ln
	return nil
}

// opsHandler returns the handler for /metrics and /healthz over m's store
// and clock, the mailbox's and the SMTP server's state, behind the
// bearer token when one is set.
func opsHandler(m *Main) http.Handler {
	h := m.health()
	reg := prometheus.NewRegistry()
	if m.Casework != nil {
		cw := m.Casework
		reg.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "intake_filing_panics_total",
			Help: "Messages that made filing panic since start: each is marked failed and waits for a person."},
			func() float64 { return float64(cw.Panics()) }))
	}
	reg.MustRegister(newOpsCollector(h, m.Logger),
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	mux.Handle("GET /healthz", h)
	return requireToken(m.opsToken, mux)
}

// health returns the judge of m's health.
func (m *Main) health() *healthz {
	h := &healthz{store: m.Store, clock: m.Clock, cfg: m.Config.Ops, started: m.Clock.Now(), sends: m.Sends}
	if m.Ingester != nil {
		h.mailbox = m.Ingester.Status
	}
	return h
}

// requireToken answers 401 to a request without "Authorization: Bearer
// token", when token is set.
func requireToken(token string, next http.Handler) http.Handler {
	if token == "" {
		return next
	}
	want := []byte("Bearer " + token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), want) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="intake"`)
			http.Error(w, "a bearer token is required (ops.token_file)", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// RunOnce does nothing: the listener has no pass of its own.
func (p *opsPart) RunOnce(ctx context.Context) error { return nil }

// Run listens on ops.listen until ctx ends.
func (p *opsPart) Run(ctx context.Context) error {
	if err := p.Listen(); err != nil {
		return err
	}
	ln := p.ln
	p.ln = nil // a restarted Run binds afresh
	srv := &http.Server{Handler: p.handler, ReadHeaderTimeout: 10 * time.Second, WriteTimeout: 30 * time.Second}
	p.m.Logger.Info("ops: serving /metrics and /healthz", "addr", ln.Addr().String())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("ops: serving: %w", err)
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("ops: shutting down: %w", err)
	}
	return nil
}
