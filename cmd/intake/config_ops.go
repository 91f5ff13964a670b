package main

import (
	"net"
	"time"
)

// OpsConfig holds the [ops] settings: where the operator's HTTP endpoints
// (/metrics for Prometheus, /healthz for a monitor) listen, and when the
// daemon counts as unhealthy.
type OpsConfig struct {
	// Listen is the address of /metrics and /healthz, e.g.
	// "127.0.0.1:9464". Empty disables the listener. The endpoints carry
	// no personal data but are not authenticated: keep them on loopback
	// or behind a reverse proxy.
	Listen string `toml:"listen"`
	// HealthzMaxSyncAge is how old the last successful mailbox sync may be
	// before /healthz fails.
	HealthzMaxSyncAge duration `toml:"healthz_max_sync_age"`
}

func defaultOpsConfig() OpsConfig {
	return OpsConfig{Listen: "127.0.0.1:9464", HealthzMaxSyncAge: duration{15 * time.Minute}}
}

// Validate checks the [ops] settings.
func (c OpsConfig) Validate() error {
	if c.Listen != "" {
		if _, _, err := net.SplitHostPort(c.Listen); err != nil {
			return fieldError("ops.listen", "want host:port such as 127.0.0.1:9464, or empty to disable: %v", err)
		}
	}
	if c.HealthzMaxSyncAge.Duration <= 0 {
		return fieldError("ops.healthz_max_sync_age", "must be positive")
	}
	return nil
}
