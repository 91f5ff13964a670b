package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/ingest"
	"github.com/kscmp/intake/notify"
	"github.com/kscmp/intake/store"
)

// healthSource is what /healthz and /metrics read of the store: its
// figures, what the outbox holds that a person should know of, and how
// its writes have gone in this process. *store.Store has it.
type healthSource interface {
	Stats(ctx context.Context) (intake.Stats, error)
	OutboxTrouble(ctx context.Context) (store.OutboxTrouble, error)
	WriteHealth() store.WriteHealth
}

// healthz judges the daemon's health for /healthz, and for
// intake_healthy. It is unhealthy, with one reason a line, when:
//   - the database cannot be written (a commit failed since the last one
//     that succeeded: a full disk, a read-only file), or read;
//   - the last successful mailbox sync is older than healthz_max_sync_age
//     (before any sync, when the daemon has been up that long);
//   - the mailbox fails in a way a person must fix (a refused login, a
//     missing folder, a TLS setting), at once;
//   - sending fails: healthz_max_send_failures attempts in a row, or at
//     once for a failure a person must fix (a refused login);
//   - more than healthz_max_retrying emails wait to be tried again after
//     failing, any email was given up on, or any is held by the daily
//     cap.
//
// Each reason says what to look at; none names a person. It is healthy
// again as soon as none holds.
type healthz struct {
	store   healthSource
	clock   intake.Clock
	cfg     OpsConfig
	started time.Time
	mailbox func() ingest.Status // nil without a mailbox
	sends   *notify.Watch        // nil without an SMTP server
}

// healthFigures is what /healthz judges, read once: the store's figures
// and outbox trouble (each with the error reading it), how its writes
// have gone, and the mailbox's and the SMTP server's state.
type healthFigures struct {
	now       time.Time
	write     store.WriteHealth
	stats     intake.Stats
	statsErr  error
	outbox    store.OutboxTrouble
	outboxErr error
	mailbox   *ingest.Status     // nil without a mailbox
	sends     *notify.SendHealth // nil without an SMTP server
}

// read reads the figures /healthz and intake_healthy judge, reading the
// store once for each.
func (h *healthz) read(ctx context.Context) healthFigures {
	f := healthFigures{now: h.clock.Now(), write: h.store.WriteHealth()}
	f.stats, f.statsErr = h.store.Stats(ctx)
	if h.mailbox != nil {
		st := h.mailbox()
		f.mailbox = &st
	}
	if h.sends != nil {
		sh := h.sends.Health()
		f.sends = &sh
	}
	f.outbox, f.outboxErr = h.store.OutboxTrouble(ctx)
	return f
}

// reasons returns the reasons the daemon is unhealthy given f (none when
// healthy).
func (h *healthz) reasons(f healthFigures) []string {
	now := f.now
	ago := func(t time.Time) string {
		return fmt.Sprintf("%s (%s ago)", t.UTC().Format(time.RFC3339), now.Sub(t).Round(time.Second))
	}
	var why []string
	if w := f.write; w.Failing {
		why = append(why, fmt.Sprintf("database writes failing since %s: %s: free disk space, or make the database writable by the service; intake carries on by itself once it can write",
			ago(w.Since), w.Err))
	}
	if f.statsErr != nil {
		return append(why, "store unreadable: "+f.statsErr.Error())
	}
	s := f.stats
	maxAge := h.cfg.HealthzMaxSyncAge.Duration
	switch {
	case s.LastSync.IsZero():
		if age := now.Sub(h.started); age > maxAge {
			why = append(why, fmt.Sprintf("no successful mailbox sync in the %s since start (limit %s)", age.Round(time.Second), maxAge))
		}
	case now.Sub(s.LastSync) > maxAge:
		why = append(why, fmt.Sprintf("last successful mailbox sync at %s, %s ago (limit %s)",
			s.LastSync.UTC().Format(time.RFC3339), now.Sub(s.LastSync).Round(time.Second), maxAge))
	}
	if f.mailbox != nil {
		switch st := *f.mailbox; {
		case st.Failing && st.Kind != "":
			why = append(why, fmt.Sprintf("mailbox: %s problem since %s, %d attempt(s): %s", st.Kind, ago(st.Since), st.Attempts, st.Err))
		case st.Failing && store.IsStorageFailure(st.Cause):
			why = append(why, fmt.Sprintf("mailbox: new mail cannot be stored since %s, %d attempt(s): %s: free disk space, or make the database writable by the service",
				ago(st.Since), st.Attempts, st.Err))
		}
	}
	if f.sends != nil {
		sh := *f.sends
		switch {
		case sh.Problem != "":
			why = append(why, fmt.Sprintf("sending: %s problem since %s: %s", sh.Problem, ago(sh.Since), sh.Fix))
		case sh.Consecutive >= h.cfg.HealthzMaxSendFailures:
			why = append(why, fmt.Sprintf("sending: the last %d attempts failed, since %s (limit %d): %s",
				sh.Consecutive, ago(sh.Since), h.cfg.HealthzMaxSendFailures, sh.LastErr))
		}
	}
	if f.outboxErr != nil {
		return append(why, "store unreadable: "+f.outboxErr.Error())
	}
	o := f.outbox
	if o.Failed > 0 {
		why = append(why, fmt.Sprintf("%d outbox email(s) failed: see 'intake outbox --failed'", o.Failed))
	}
	if o.Held > 0 {
		why = append(why, fmt.Sprintf("%d outbox email(s) held by the daily cap (notify.max_per_recipient_per_day): 'intake outbox' lists them; 'intake outbox retry ID' releases one", o.Held))
	}
	if o.Retrying > int64(h.cfg.HealthzMaxRetrying) {
		why = append(why, fmt.Sprintf("%d outbox email(s) waiting to be tried again after failing (limit %d); the last failure: %s",
			o.Retrying, h.cfg.HealthzMaxRetrying, o.LastError))
	}
	return why
}

// ServeHTTP answers /healthz.
func (h *healthz) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if why := h.reasons(h.read(ctx)); len(why) > 0 {
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintf(w, "unhealthy\n%s\n", strings.Join(why, "\n"))
		return
	}
	fmt.Fprintln(w, "ok")
}
