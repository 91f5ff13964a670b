package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/store"
	"github.com/prometheus/client_golang/prometheus"
)

// countingSource is a healthSource that counts its reads and can fail
// to read the store's figures.
type countingSource struct {
	stats, outbox atomic.Int64
	statsErr      error
	trouble       store.OutboxTrouble
}

func (c *countingSource) Stats(context.Context) (intake.Stats, error) {
	c.stats.Add(1)
	return intake.Stats{}, c.statsErr
}

func (c *countingSource) OutboxTrouble(context.Context) (store.OutboxTrouble, error) {
	c.outbox.Add(1)
	return c.trouble, nil
}

func (c *countingSource) WriteHealth() store.WriteHealth { return store.WriteHealth{} }

// gauges gathers reg and returns the value of each unlabelled metric.
func gauges(t *testing.T, reg *prometheus.Registry) map[string]float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, mf := range mfs {
		for _, m := range mf.GetMetric() {
			if len(m.GetLabel()) == 0 && m.GetGauge() != nil {
				out[mf.GetName()] = m.GetGauge().GetValue()
			}
		}
	}
	return out
}

// TestMetricsReadStoreOncePerScrape: a scrape reads the store's figures
// and the outbox's trouble once each, and both the verdict and the
// gauges come from that read; a store that cannot be read gives
// intake_store_up 0 and intake_healthy 0, and the outbox gauges still.
func TestMetricsReadStoreOncePerScrape(t *testing.T) {
	src := &countingSource{trouble: store.OutboxTrouble{Held: 2}}
	h := &healthz{store: src, clock: intake.NewManualClock(opsT0), cfg: defaultOpsConfig(), started: opsT0}
	reg := prometheus.NewRegistry()
	reg.MustRegister(newOpsCollector(h, slog.New(slog.NewTextHandler(io.Discard, nil))))
	g := gauges(t, reg)
	if g["intake_store_up"] != 1 || g["intake_healthy"] != 0 || g["intake_outbox_held"] != 2 {
		t.Errorf("held email: %v, want store_up 1, healthy 0, outbox_held 2", g)
	}
	if s, o := src.stats.Load(), src.outbox.Load(); s != 1 || o != 1 {
		t.Errorf("one scrape read Stats %d and OutboxTrouble %d times, want once each", s, o)
	}
	src.statsErr = errors.New("disk I/O error")
	g = gauges(t, reg)
	if v, ok := g["intake_store_up"]; !ok || v != 0 || g["intake_healthy"] != 0 || g["intake_outbox_held"] != 2 {
		t.Errorf("unreadable store: %v, want store_up 0, healthy 0, outbox_held 2", g)
	}
	if _, ok := g["intake_outbox_backlog"]; ok {
		t.Error("unreadable store: intake_outbox_backlog reported")
	}
	if s, o := src.stats.Load(), src.outbox.Load(); s != 2 || o != 2 {
		t.Errorf("two scrapes read Stats %d and OutboxTrouble %d times, want twice each", s, o)
	}
	src.statsErr, src.trouble = nil, store.OutboxTrouble{}
	if g = gauges(t, reg); g["intake_healthy"] != 1 || g["intake_store_up"] != 1 {
		t.Errorf("healthy store: %v, want healthy 1, store_up 1", g)
	}
}
