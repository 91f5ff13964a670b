package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/web"
)

// The demo's sign-in to the work queue: an invented business team
// member with a password made afresh for each run.
const (
	demoWebEmail = "jo.screener@kscmp.example"
	demoWebName  = "Jo Screener"
)

// demoWeb is `intake demo --web`: once the fifteen days have run, the
// demo's database stays open and the work queue serves it on a loopback
// address, with a local account to sign in with, until ctx ends (Ctrl-C).
// The daemon keeps running against the demo's mail servers, its clock now
// moving in real time from where the story ended, so that what is done in
// the browser is filed, queued and sent like anything else.
type demoWeb struct {
	Listen string    // e.g. 127.0.0.1:0
	Out    io.Writer // where the address and the account are printed
	// Ready, when set, is told the work queue's address, the account's
	// email and password once it serves (for tests).
	Ready func(url, email, password string)
}

// serve is the demo's AfterScenario for --web.
func (dw *demoWeb) serve(ctx context.Context, d *demo) error {
	ln, err := net.Listen("tcp", dw.Listen)
	if err != nil {
		return fmt.Errorf("demo: the work queue: listening on %s: %w", dw.Listen, err)
	}
	defer ln.Close()
	if !web.IsLoopback(ln.Addr().String()) {
		return fmt.Errorf("demo: the work queue listens on loopback only, not %s", ln.Addr())
	}
	base := "http://" + ln.Addr().String()
	m := d.main
	cfg := web.DefaultConfig()
	cfg.Partnership = m.Config.Partnership.Name
	cfg.Listen, cfg.InsecureCookie, cfg.LocalAccounts = ln.Addr().String(), true, true
	cfg.TrustedOrigins = []string{base}
	srv, err := web.New(cfg, web.Deps{Backend: web.NewCasework(m.Casework), Store: m.Store, Now: d.clock.Now, Logger: m.Logger.With("part", "web")})
	if err != nil {
		return err
	}
	password := web.GeneratePassword()
	admin := web.UserAdmin{Store: m.Store, Params: cfg.Passwords}
	if err := admin.Add(ctx, "intake demo", demoWebEmail, demoWebName, intake.RoleBusinessTeam, password); err != nil {
		return fmt.Errorf("demo: making the demo account: %w", err)
	}
	// From here the demo's clock runs in real time, and so does the
	// daemon: ingest, filing, chasers and the outbox, as under serve.
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				d.clock.Advance(time.Second)
			}
		}
	}()
	m.Run(ctx)
	fmt.Fprintf(dw.Out, "\nThe business team's work queue is at %s/\n", base)
	fmt.Fprintf(dw.Out, "Sign in as %s with the password %s\n", demoWebEmail, password)
	fmt.Fprintf(dw.Out, "The demo's database is %s; its clock now runs on from %s.\n", m.Store.Path(),
		d.clock.Now().In(intake.London).Format("Monday 2 January 2006 at 3:04pm"))
	fmt.Fprintln(dw.Out, "Press Ctrl-C to stop it.")
	if dw.Ready != nil {
		dw.Ready(base, demoWebEmail, password)
	}
	return srv.Serve(ctx, ln)
}
