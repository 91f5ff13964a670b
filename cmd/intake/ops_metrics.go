package main

import (
	"context"
	"log/slog"
	"sort"
	"time"

	"github.com/kscmp/intake"
	"github.com/prometheus/client_golang/prometheus"
)

// opsCollector is a Prometheus collector that reads the store and the
// daemon's health once at each scrape and reports both the store's
// figures and what /healthz judges from that one read, so that the parts
// that change them need know nothing of metrics, and a restart loses
// nothing.
type opsCollector struct {
	h       *healthz
	logger  *slog.Logger
	timeout time.Duration
	store   storeMetrics
	health  healthMetrics
}

// newOpsCollector returns a collector over h's store and state.
func newOpsCollector(h *healthz, logger *slog.Logger) *opsCollector {
	return &opsCollector{h: h, logger: logger, timeout: 5 * time.Second, store: newStoreMetrics(), health: newHealthMetrics()}
}

// Describe sends every metric's description.
func (c *opsCollector) Describe(ch chan<- *prometheus.Desc) {
	c.store.describe(ch)
	c.health.describe(ch)
}

// Collect reads the figures now, once, and sends them.
func (c *opsCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
	defer cancel()
	f := c.h.read(ctx)
	if f.statsErr != nil {
		c.logger.Error("ops: reading metrics from the store", "err", f.statsErr)
		ch <- prometheus.MustNewConstMetric(c.store.up, prometheus.GaugeValue, 0)
	} else {
		c.store.collect(ch, f.stats)
	}
	c.health.collect(ch, f, c.h.reasons(f))
}

// storeMetrics are the store's figures.
type storeMetrics struct {
	ingested, messages, parse, backlog, failed, outbox, chasers, lastSync, up *prometheus.Desc
}

func newStoreMetrics() storeMetrics {
	d := func(name, help string, labels ...string) *prometheus.Desc {
		return prometheus.NewDesc("intake_"+name, help, labels, nil)
	}
	return storeMetrics{
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

func (c *storeMetrics) describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.ingested, c.messages, c.parse, c.backlog, c.failed, c.outbox, c.chasers, c.lastSync, c.up} {
		ch <- d
	}
}

// collect sends the figures of a store that could be read.
func (c *storeMetrics) collect(ch chan<- prometheus.Metric, s intake.Stats) {
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

// healthMetrics report what /healthz judges, figure by figure, so
// that an alert can name the cause: the store's writes, the mailbox, the
// SMTP server, the outbox's retrying and held emails, and the verdict.
type healthMetrics struct {
	healthy, writeFailing, writeFailures, mailboxFailing, mailboxProblem, sendAttempts, sendFailures,
	sendConsecutive, sendProblem, retrying, held *prometheus.Desc
}

func newHealthMetrics() healthMetrics {
	d := func(name, help string, labels ...string) *prometheus.Desc {
		return prometheus.NewDesc("intake_"+name, help, labels, nil)
	}
	return healthMetrics{
		healthy:         d("healthy", "1 if /healthz answers ok, 0 if it names a reason."),
		writeFailing:    d("store_write_failing", "1 if the last database write failed for a reason of the storage's own (a full disk, a read-only file)."),
		writeFailures:   d("store_write_failures_total", "Database writes that failed for a reason of the storage's own since start."),
		mailboxFailing:  d("mailbox_failing", "1 if the last pass over the mailbox failed."),
		mailboxProblem:  d("mailbox_problem", "1 while the mailbox fails in a way a person must fix, by kind (auth, folder, starttls, tls, certificate, protocol, credentials).", "kind"),
		sendAttempts:    d("smtp_send_attempts_total", "Emails handed to the SMTP server since start."),
		sendFailures:    d("smtp_send_failures_total", "Emails the SMTP server did not accept since start."),
		sendConsecutive: d("smtp_consecutive_failures", "Send attempts that failed since the last that succeeded."),
		sendProblem:     d("smtp_problem", "1 while sending fails in a way a person must fix, by kind (auth, starttls, tls, certificate).", "kind"),
		retrying:        d("outbox_retrying", "Emails waiting to be tried again after a failed attempt."),
		held:            d("outbox_held", "Emails held by the daily cap until a person releases them."),
	}
}

func (c *healthMetrics) describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.healthy, c.writeFailing, c.writeFailures, c.mailboxFailing, c.mailboxProblem,
		c.sendAttempts, c.sendFailures, c.sendConsecutive, c.sendProblem, c.retrying, c.held} {
		ch <- d
	}
}

// collect sends the figures f and the verdict given why, the reasons
// /healthz names from f.
func (c *healthMetrics) collect(ch chan<- prometheus.Metric, f healthFigures, why []string) {
	gauge := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, labels...)
	}
	counter := func(d *prometheus.Desc, v float64) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, v)
	}
	b := func(v bool) float64 {
		if v {
			return 1
		}
		return 0
	}
	gauge(c.healthy, b(len(why) == 0))
	gauge(c.writeFailing, b(f.write.Failing))
	counter(c.writeFailures, float64(f.write.Failures))
	if st := f.mailbox; st != nil {
		gauge(c.mailboxFailing, b(st.Failing))
		if st.Kind != "" {
			gauge(c.mailboxProblem, 1, st.Kind)
		}
	}
	if sh := f.sends; sh != nil {
		counter(c.sendAttempts, float64(sh.Attempts))
		counter(c.sendFailures, float64(sh.Failures))
		gauge(c.sendConsecutive, float64(sh.Consecutive))
		if sh.Problem != "" {
			gauge(c.sendProblem, 1, sh.Problem)
		}
	}
	if f.outboxErr == nil {
		gauge(c.retrying, float64(f.outbox.Retrying))
		gauge(c.held, float64(f.outbox.Held))
	}
}
