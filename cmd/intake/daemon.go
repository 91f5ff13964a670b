package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sort"
	"sync"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/store"
)

// Main is the running daemon: the store, the clock and the parts (ingest,
// processing, the outbox scheduler, the metrics listener) wired together.
// `intake serve` and `intake demo` both run a Main; tests run one
// in-process.
type Main struct {
	Config *Config
	Env    *Env
	Store  *store.Store
	Clock  intake.Clock
	Logger *slog.Logger

	parts  []namedPart
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// daemonPart is one of the daemon's loops. Run loops until ctx ends;
// RunOnce does one pass and is what `serve --once` and tests call.
type daemonPart interface {
	RunOnce(ctx context.Context) error
	Run(ctx context.Context) error
}

type namedPart struct {
	name string
	daemonPart
}

// partMaker builds a part for a Main. order sets the order of RunOnce
// passes: ingest (10) before processing (20) before sending (30).
type partMaker struct {
	name  string
	order int
	make  func(m *Main) (daemonPart, error)
}

var partMakers []partMaker

// registerPart adds a daemon part; each part's file calls it from init.
func registerPart(name string, order int, make func(m *Main) (daemonPart, error)) {
	partMakers = append(partMakers, partMaker{name, order, make})
	sort.SliceStable(partMakers, func(i, j int) bool { return partMakers[i].order < partMakers[j].order })
}

// NewMain opens the store and builds every registered part.
func NewMain(ctx context.Context, cfg *Config, env *Env, clock intake.Clock) (*Main, error) {
	st, err := cfg.openStore(ctx, clock)
	if err != nil {
		return nil, err
	}
	m := &Main{Config: cfg, Env: env, Store: st, Clock: clock, Logger: env.Logger}
	if m.Logger == nil {
		m.Logger = slog.Default()
	}
	for _, pm := range partMakers {
		p, err := pm.make(m)
		if err != nil {
			st.Close()
			return nil, fmt.Errorf("starting %s: %w", pm.name, err)
		}
		if p != nil {
			m.parts = append(m.parts, namedPart{pm.name, p})
		}
	}
	return m, nil
}

// RunOnce runs one pass of every part in order and returns every error.
func (m *Main) RunOnce(ctx context.Context) error {
	var errs []error
	for _, p := range m.parts {
		if err := p.RunOnce(ctx); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p.name, err))
		}
	}
	return errors.Join(errs...)
}

// Run starts every part's loop and returns at once; Close stops them.
func (m *Main) Run(ctx context.Context) {
	ctx, m.cancel = context.WithCancel(ctx)
	for _, p := range m.parts {
		m.wg.Add(1)
		go func() {
			defer m.wg.Done()
			m.runPart(ctx, p.name, p.daemonPart)
		}()
	}
}

// runPart runs one loop, recovering from panics so that one bad message
// cannot stop the daemon; a loop that returns before ctx ends is restarted
// a second later (wall time, so that a broken part never spins).
func (m *Main) runPart(ctx context.Context, name string, p daemonPart) {
	for ctx.Err() == nil {
		func() {
			defer func() {
				if r := recover(); r != nil {
					m.Logger.Error("part panicked; restarting", "part", name, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
				}
			}()
			if err := p.Run(ctx); err != nil && ctx.Err() == nil {
				m.Logger.Error("part stopped; restarting", "part", name, "err", err)
			}
		}()
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}
}

// Close stops the loops, waits for the work in hand to finish, and closes
// the store.
func (m *Main) Close() error {
	if m.cancel != nil {
		m.cancel()
	}
	m.wg.Wait()
	for _, p := range m.parts {
		if c, ok := p.daemonPart.(interface{ Close() error }); ok {
			c.Close()
		}
	}
	return m.Store.Close()
}
