package main

import (
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/kscmp/intake/web"
)

// OpsConfig holds the [ops] settings: where the operator's HTTP endpoints
// (/metrics for Prometheus, /healthz for a monitor) listen, who may read
// them, and when the daemon counts as unhealthy.
type OpsConfig struct {
	// Listen is the address of /metrics and /healthz, e.g.
	// "127.0.0.1:9464". Empty disables the listener. The endpoints carry
	// no personal data; off loopback, set a token.
	Listen string `toml:"listen"`
	// TokenFile holds a bearer token (or $INTAKE_OPS_TOKEN does): when
	// one is set, /metrics and /healthz answer only requests carrying
	// "Authorization: Bearer TOKEN".
	TokenFile string `toml:"token_file"`
	// HealthzMaxSyncAge is how old the last successful mailbox sync may be
	// before /healthz fails.
	HealthzMaxSyncAge duration `toml:"healthz_max_sync_age"`
	// HealthzMaxSendFailures is how many send attempts in a row may fail
	// (a server down, refusing for a while) before /healthz fails; a
	// failure a person must fix (a refused login) fails it at once.
	HealthzMaxSendFailures int `toml:"healthz_max_send_failures"`
	// HealthzMaxRetrying is how many emails may be waiting to be tried
	// again after a failed attempt before /healthz fails.
	HealthzMaxRetrying int `toml:"healthz_max_retrying"`
}

// opsTokenEnv is the environment variable holding the ops bearer token.
const opsTokenEnv = "INTAKE_OPS_TOKEN"

func defaultOpsConfig() OpsConfig {
	return OpsConfig{Listen: "127.0.0.1:9464", HealthzMaxSyncAge: duration{15 * time.Minute},
		HealthzMaxSendFailures: 3, HealthzMaxRetrying: 10}
}

// Validate checks the [ops] settings.
func (c OpsConfig) Validate() error {
	var errs []error
	if c.Listen != "" {
		if _, _, err := net.SplitHostPort(c.Listen); err != nil {
			errs = append(errs, fieldError("ops.listen", "want host:port such as 127.0.0.1:9464, or empty to disable: %v", err))
		}
	}
	if c.HealthzMaxSyncAge.Duration <= 0 {
		errs = append(errs, fieldError("ops.healthz_max_sync_age", "must be positive"))
	}
	if c.HealthzMaxSendFailures < 1 {
		errs = append(errs, fieldError("ops.healthz_max_send_failures", "must be at least 1"))
	}
	if c.HealthzMaxRetrying < 0 {
		errs = append(errs, fieldError("ops.healthz_max_retrying", "must not be negative"))
	}
	return errors.Join(errs...)
}

// token returns the bearer token /metrics and /healthz require: from
// $INTAKE_OPS_TOKEN, else token_file; "" for none.
func (c OpsConfig) token(getenv func(string) string) (string, error) {
	tok, err := secret(getenv, opsTokenEnv, c.TokenFile)
	if err != nil {
		return "", fmt.Errorf("ops.token_file: %w", err)
	}
	return tok, nil
}

// exposure says what is wrong with where the endpoints listen, or "":
// off loopback without a token, anyone who can reach the port reads them.
// Validate has refused a listen address that is not host:port.
func (c OpsConfig) exposure(token string) string {
	if c.Listen == "" || web.IsLoopback(c.Listen) || token != "" {
		return ""
	}
	return fmt.Sprintf("ops.listen %s is not a loopback address and no token is set: anyone who can reach the port reads /metrics and /healthz; "+
		"set ops.token_file (or $%s), or listen on 127.0.0.1 behind a proxy", c.Listen, opsTokenEnv)
}
