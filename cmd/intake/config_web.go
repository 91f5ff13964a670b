package main

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/web"
)

// WebConfig holds the [web] settings: the business team's work queue in
// the browser. It is off unless Listen is set. People reach it at BaseURL,
// through the council's reverse proxy with TLS; intake listens on
// loopback behind it.
type WebConfig struct {
	// Listen is the address the work queue listens on, e.g.
	// "127.0.0.1:8080"; empty switches it off.
	Listen string `toml:"listen"`
	// BaseURL is the address people type (https://intake.example.gov.uk):
	// the sign-in service sends them back to BaseURL/auth/oidc/callback,
	// and forms posted from its origin are accepted.
	BaseURL string `toml:"base_url"`
	// CookieSecure marks the session cookie Secure (sent over HTTPS
	// only). It may be false only for plain http on a loopback address.
	CookieSecure bool `toml:"cookie_secure"`
	// SessionIdle ends a session not used for this long;
	// SessionAbsolute ends every session this long after sign-in.
	SessionIdle     duration `toml:"session_idle"`
	SessionAbsolute duration `toml:"session_absolute"`
	// LocalAccounts offers sign-in with intake's own accounts (`intake
	// user add`), for a partnership without single sign-on. After
	// LockoutAfter wrong passwords in a row an account is locked for
	// LockoutFor.
	LocalAccounts bool     `toml:"local_accounts"`
	LockoutAfter  int      `toml:"lockout_after"`
	LockoutFor    duration `toml:"lockout_for"`

	OIDC WebOIDCConfig `toml:"oidc"`
}

// WebOIDCConfig is single sign-on through the partnership's identity
// provider (Microsoft Entra ID, or any OpenID Connect provider). It is on
// when anyone is let in: a role claim value or a listed user. The
// issuer, client ID and client secret are never in this file: they come
// from $INTAKE_OIDC_ISSUER, $INTAKE_OIDC_CLIENT_ID and
// $INTAKE_OIDC_CLIENT_SECRET, or from the files named here.
type WebOIDCConfig struct {
	IssuerFile       string `toml:"issuer_file"`
	ClientIDFile     string `toml:"client_id_file"`
	ClientSecretFile string `toml:"client_secret_file"`
	// RoleClaim is the ID token claim holding roles: "roles" (Entra app
	// roles) or "groups" (group object IDs).
	RoleClaim string `toml:"role_claim"`
	// BusinessTeam and Viewers are the claim values giving each role.
	BusinessTeam []string `toml:"business_team"`
	Viewers      []string `toml:"viewers"`
	// Users is an allow-list of sign-in names (email or user principal
	// name) and their role ("business_team" or "viewer"), checked before
	// the claim.
	Users map[string]string `toml:"users"`
	// ButtonText is the sign-in button's words.
	ButtonText string `toml:"button_text"`
}

// The environment variables holding the identity provider's settings.
const (
	oidcIssuerEnv       = "INTAKE_OIDC_ISSUER"
	oidcClientIDEnv     = "INTAKE_OIDC_CLIENT_ID"
	oidcClientSecretEnv = "INTAKE_OIDC_CLIENT_SECRET"
)

func defaultWebConfig() WebConfig {
	return WebConfig{CookieSecure: true, SessionIdle: duration{30 * time.Minute}, SessionAbsolute: duration{8 * time.Hour},
		LockoutAfter: 5, LockoutFor: duration{15 * time.Minute},
		OIDC: WebOIDCConfig{RoleClaim: "roles", ButtonText: "Sign in with your organisation's account"}}
}

// Enabled reports whether the work queue is served.
func (c WebConfig) Enabled() bool { return c.Listen != "" }

// oidcOn reports whether single sign-on lets anyone in.
func (c WebOIDCConfig) oidcOn() bool {
	return len(c.BusinessTeam)+len(c.Viewers)+len(c.Users) > 0
}

// Validate checks the [web] settings, each problem naming its setting.
func (c WebConfig) Validate() error {
	if !c.Enabled() {
		return nil
	}
	var errs []error
	if _, _, err := net.SplitHostPort(c.Listen); err != nil {
		errs = append(errs, fieldError("web.listen", "want host:port such as 127.0.0.1:8080, not %q", c.Listen))
	}
	u, err := url.Parse(c.BaseURL)
	switch {
	case c.BaseURL == "":
		errs = append(errs, fieldError("web.base_url", "required with web.listen: the address people reach the work queue at, e.g. https://intake.kestmoor.gov.uk"))
	case err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "":
		errs = append(errs, fieldError("web.base_url", "want https://HOST[:PORT] with no path, not %q", c.BaseURL))
	case u.Scheme == "http" && c.CookieSecure:
		errs = append(errs, fieldError("web.base_url", "%q is plain http, where a Secure cookie is never sent: serve it over https (behind a reverse proxy), or for a test on loopback set cookie_secure = false", c.BaseURL))
	}
	if !c.CookieSecure && !web.IsLoopback(c.Listen) {
		errs = append(errs, fieldError("web.cookie_secure", "may be false only when web.listen is a loopback address, not %q", c.Listen))
	}
	if c.SessionIdle.Duration <= 0 || c.SessionAbsolute.Duration <= 0 {
		errs = append(errs, fieldError("web.session_idle", "the session timeouts must be positive"))
	} else if c.SessionIdle.Duration > c.SessionAbsolute.Duration {
		errs = append(errs, fieldError("web.session_idle", "%s is longer than web.session_absolute (%s)", c.SessionIdle.Duration, c.SessionAbsolute.Duration))
	}
	if c.LocalAccounts && (c.LockoutAfter < 1 || c.LockoutFor.Duration <= 0) {
		errs = append(errs, fieldError("web.lockout_after", "lockout needs at least one failed attempt and a positive web.lockout_for"))
	}
	if !c.LocalAccounts && !c.OIDC.oidcOn() {
		errs = append(errs, fieldError("web.oidc", "nobody can sign in: give web.oidc business_team or viewers (claim values) or users, or set web.local_accounts = true"))
	}
	if c.OIDC.RoleClaim != "roles" && c.OIDC.RoleClaim != "groups" {
		errs = append(errs, fieldError("web.oidc.role_claim", "want \"roles\" (Entra app roles) or \"groups\", not %q", c.OIDC.RoleClaim))
	}
	for email, role := range c.OIDC.Users {
		if _, err := intake.ParseRole(role); err != nil {
			errs = append(errs, fieldError("web.oidc.users", "%s: %s", email, intake.ErrorMessage(err)))
		}
	}
	return errors.Join(errs...)
}

// webServerConfig turns the [web] settings into the web server's, reading
// the identity provider's issuer, client ID and secret from the
// environment or their files.
func webServerConfig(c *Config, getenv func(string) string) (web.Config, error) {
	w := c.Web
	cfg := web.DefaultConfig()
	cfg.Partnership = c.Partnership.Name
	cfg.Listen = w.Listen
	cfg.InsecureCookie = !w.CookieSecure
	cfg.IdleTimeout, cfg.AbsoluteTimeout = w.SessionIdle.Duration, w.SessionAbsolute.Duration
	cfg.LocalAccounts = w.LocalAccounts
	cfg.Lockout = intake.LockoutPolicy{MaxFailures: w.LockoutAfter, LockFor: w.LockoutFor.Duration}
	base := strings.TrimRight(w.BaseURL, "/")
	cfg.TrustedOrigins = []string{base}
	if w.OIDC.oidcOn() {
		var vals [3]string
		for i, s := range []struct{ env, file, setting string }{
			{oidcIssuerEnv, w.OIDC.IssuerFile, "issuer_file"},
			{oidcClientIDEnv, w.OIDC.ClientIDFile, "client_id_file"},
			{oidcClientSecretEnv, w.OIDC.ClientSecretFile, "client_secret_file"},
		} {
			v, err := secret(getenv, s.env, s.file)
			if err != nil {
				return cfg, fieldError("web.oidc."+s.setting, "%v", err)
			}
			if v == "" {
				return cfg, fieldError("web.oidc."+s.setting, "single sign-on needs $%s or web.oidc.%s (never the setting itself in this file)", s.env, s.setting)
			}
			vals[i] = v
		}
		users := map[string]intake.Role{}
		for email, role := range w.OIDC.Users {
			users[email] = intake.Role(role)
		}
		cfg.OIDC = &web.OIDCConfig{Issuer: vals[0], ClientID: vals[1], ClientSecret: vals[2], RedirectURL: base + "/auth/oidc/callback",
			RoleClaim: w.OIDC.RoleClaim, BusinessTeam: slices.Clone(w.OIDC.BusinessTeam), Viewers: slices.Clone(w.OIDC.Viewers),
			Users: users, ButtonText: w.OIDC.ButtonText}
	}
	if err := cfg.Validate(); err != nil {
		return cfg, fmt.Errorf("web: %w", err)
	}
	return cfg, nil
}
