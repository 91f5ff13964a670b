package main

import (
	"context"
	"log/slog"
	"sort"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// storeCollector is a Prometheus collector that reads its figures from the
// store at each scrape, so that the parts that change them need know
// nothing of metrics, and a restart loses nothing.
type storeCollector struct {
	store   statsSource
	logger  *slog.Logger
	timeout time.Duration

	ingested, messages, parse, backlog, failed, outbox, chasers, lastSync, up *prometheus.Desc
}

// newStoreCollector returns a collector over st.
func newStoreCollector(st statsSource, logger *slog.Logger) *storeCollector {
	d := func(name, help string, labels ...string) *prometheus.Desc {
		return prometheus.NewDesc("intake_"+name, help, labels, nil)
	}
	return &storeCollector{
		store: st, logger: logger, timeout: 5 * time.Second,
		ingested: d("messages_ingested_total", "Messages ingested from the mailbox and stored."),
		messages: d("messages", "Stored messages by processing state.", "state"),
		parse:    d("parse_results", "Parsed messages by result kind (referral, agency_summary, auto_reply, bounce, other, unreadable).", "kind"),
		backlog:  d("outbox_backlog", "Outbox emails not yet sent (pending or waiting to retry)."),
		failed:   d("outbox_failed", "Outbox emails given up on (permanent rejection or retries exhausted)."),
		outbox:   d("outbox_messages", "Outbox emails by state.", "state"),
		chasers:  d("chasers_sent_total", "Chasers sent to agency SPOCs."),
		lastSync: d("last_sync_timestamp_seconds", "Unix time of the last successful mailbox sync (0 if never)."),
		up:       d("store_up", "1 if the store could be read at this scrape."),
	}
}

// Describe sends every metric's description.
func (c *storeCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.ingested, c.messages, c.parse, c.backlog, c.failed, c.outbox, c.chasers, c.lastSync, c.up} {
		ch <- d
	}
}

// Collect reads the store and sends the current figures.
func (c *storeCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
	defer cancel()
	s, err := c.store.Stats(ctx)
	if err != nil {
		c.logger.Error("ops: reading metrics from the store", "err", err)
		ch <- prometheus.MustNewConstMetric(c.up, prometheus.GaugeValue, 0)
		return
	}
	ch <- prometheus.MustNewConstMetric(c.up, prometheus.GaugeValue, 1)
	ch <- prometheus.MustNewConstMetric(c.ingested, prometheus.CounterValue, float64(s.MessagesTotal))
	for _, k := range sortedCounts(s.MessagesByState) {
		ch <- prometheus.MustNewConstMetric(c.messages, prometheus.GaugeValue, float64(s.MessagesByState[k]), k)
	}
	for _, k := range sortedCounts(s.ParseByKind) {
		ch <- prometheus.MustNewConstMetric(c.parse, prometheus.GaugeValue, float64(s.ParseByKind[k]), k)
	}
	ch <- prometheus.MustNewConstMetric(c.backlog, prometheus.GaugeValue, float64(s.OutboxBacklog))
	ch <- prometheus.MustNewConstMetric(c.failed, prometheus.GaugeValue, float64(s.OutboxFailed))
	ch <- prometheus.MustNewConstMetric(c.chasers, prometheus.CounterValue, float64(s.ChasersSent))
	for _, k := range sortedCounts(s.OutboxByState) {
		ch <- prometheus.MustNewConstMetric(c.outbox, prometheus.GaugeValue, float64(s.OutboxByState[k]), k)
	}
	var last float64
	if !s.LastSync.IsZero() {
		last = float64(s.LastSync.Unix())
	}
	ch <- prometheus.MustNewConstMetric(c.lastSync, prometheus.GaugeValue, last)
}

func sortedCounts(m map[string]int64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
