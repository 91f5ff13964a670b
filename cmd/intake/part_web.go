package main

import (
	"context"
	"fmt"
	"net"

	"github.com/kscmp/intake/web"
)

// webPart serves the business team's work queue on [web] listen. It has
// no pass of its own for RunOnce; Run listens until the context ends and
// then lets the requests in flight finish.
type webPart struct {
	srv    *web.Server
	listen string
	m      *Main
	ln     net.Listener // bound by Listen before Run, or by Run itself
}

// newWebPart builds the work queue over m's casework and store: every
// button a casework call, every page a casework read.
func newWebPart(m *Main) (*webPart, error) {
	cfg, err := webServerConfig(m.Config, m.Env.Getenv)
	if err != nil {
		return nil, err
	}
	srv, err := web.New(cfg, web.Deps{Backend: web.NewCasework(m.Casework), Store: m.Store, Now: m.Clock.Now,
		Logger: m.Logger.With("part", "web")})
	if err != nil {
		return nil, err
	}
	return &webPart{srv: srv, listen: m.Config.Web.Listen, m: m}, nil
}

// RunOnce does nothing: the work queue has no pass of its own.
func (p *webPart) RunOnce(ctx context.Context) error { return nil }

// Listen binds web.listen, so that `intake serve` refuses to start when
// the address is taken instead of retrying in the background.
func (p *webPart) Listen() error {
	if p.ln != nil {
		return nil
	}
	ln, err := net.Listen("tcp", p.listen)
	if err != nil {
		return fmt.Errorf("web: listening on %s ([web] listen): %w; is another program using the port? choose a free one, or \"\" to turn the work queue off", p.listen, err)
	}
	p.ln = ln
	return nil
}

// Run serves the work queue on web.listen until ctx ends.
func (p *webPart) Run(ctx context.Context) error {
	if err := p.Listen(); err != nil {
		return err
	}
	ln := p.ln
	p.ln = nil // a restarted Run binds afresh
	p.m.Logger.Info("web: serving the work queue", "addr", ln.Addr().String(), "base_url", p.m.Config.Web.BaseURL)
	return p.srv.Serve(ctx, ln)
}
