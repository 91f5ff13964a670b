package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/kscmp/intake"
)

// statsSource is where /metrics and /healthz read their figures:
// *store.Store has it.
type statsSource interface {
	Stats(ctx context.Context) (intake.Stats, error)
}

// healthz judges the daemon's health for /healthz: unhealthy when the last
// successful mailbox sync (store meta "last_sync") is older than maxAge,
// or, before any sync, when the daemon has been up longer than maxAge; and
// when the outbox holds emails that failed. It answers 200 "ok" or 503
// with one reason a line, and never names a person.
type healthz struct {
	store   statsSource
	clock   intake.Clock
	maxAge  time.Duration
	started time.Time
}

// check returns the reasons the daemon is unhealthy (none when healthy).
func (h *healthz) check(ctx context.Context) []string {
	s, err := h.store.Stats(ctx)
	if err != nil {
		return []string{"store unreadable: " + err.Error()}
	}
	now := h.clock.Now()
	var why []string
	switch {
	case s.LastSync.IsZero():
		if age := now.Sub(h.started); age > h.maxAge {
			why = append(why, fmt.Sprintf("no successful mailbox sync in the %s since start (limit %s)", age.Round(time.Second), h.maxAge))
		}
	case now.Sub(s.LastSync) > h.maxAge:
		why = append(why, fmt.Sprintf("last successful mailbox sync at %s, %s ago (limit %s)",
			s.LastSync.UTC().Format(time.RFC3339), now.Sub(s.LastSync).Round(time.Second), h.maxAge))
	}
	if s.OutboxFailed > 0 {
		why = append(why, fmt.Sprintf("%d outbox email(s) failed: see 'intake outbox --failed'", s.OutboxFailed))
	}
	return why
}

// ServeHTTP answers /healthz.
func (h *healthz) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if why := h.check(ctx); len(why) > 0 {
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintf(w, "unhealthy\n%s\n", strings.Join(why, "\n"))
		return
	}
	fmt.Fprintln(w, "ok")
}
