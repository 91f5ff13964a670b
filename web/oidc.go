package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/kscmp/intake"
)

// OIDCConfig is single sign-on through the partnership's identity
// provider: OpenID Connect's authorization code flow with PKCE (S256) and
// a nonce, the ID token checked by github.com/coreos/go-oidc (signature
// against the provider's published keys, issuer, audience, expiry).
//
// Microsoft Entra ID, which councils use: register a web application,
// give it the redirect URI https://HOST/auth/oidc/callback and a client
// secret, and set Issuer to https://login.microsoftonline.com/TENANT-ID/v2.0
// (the tenant's ID, not its domain name, or the issuer will not match).
// Define two app roles on the registration (for example
// Intake.BusinessTeam and Intake.Viewer), assign them to people or
// groups under Enterprise applications, and list them in BusinessTeam and
// Viewers: Entra sends the assigned roles in the ID token's "roles"
// claim. Prefer app roles to group claims: they name the application's
// own roles, and they do not run into the token's group limit. With
// RoleClaim "groups", BusinessTeam and Viewers hold group object IDs.
type OIDCConfig struct {
	Issuer       string
	ClientID     string
	ClientSecret string // from the environment or a file, never the config file
	RedirectURL  string // https://HOST/auth/oidc/callback
	Scopes       []string

	// RoleClaim is the ID token claim that carries roles: "roles" (Entra
	// app roles, the default) or "groups".
	RoleClaim string
	// BusinessTeam and Viewers are the claim values that give each role.
	BusinessTeam []string
	Viewers      []string
	// Users is an allow-list: a sign-in name (the verified email claim, or
	// else preferred_username, which Entra fills with the user principal
	// name) and its role. It is checked before the role claim, so it can
	// also stand alone, without roles in the provider.
	Users map[string]intake.Role

	// ButtonText is the sign-in button's words ("Sign in with Microsoft").
	ButtonText string
}

// Validate checks the settings and fills the defaults.
func (c *OIDCConfig) Validate() error {
	if c.Issuer == "" || c.ClientID == "" || c.RedirectURL == "" {
		return errors.New("web: oidc needs an issuer, a client ID and a redirect URL")
	}
	if len(c.Scopes) == 0 {
		c.Scopes = []string{oidc.ScopeOpenID, "profile", "email"}
	}
	if !slices.Contains(c.Scopes, oidc.ScopeOpenID) {
		c.Scopes = append([]string{oidc.ScopeOpenID}, c.Scopes...)
	}
	if c.RoleClaim == "" {
		c.RoleClaim = "roles"
	}
	if c.ButtonText == "" {
		c.ButtonText = "Sign in with your organisation's account"
	}
	if len(c.BusinessTeam)+len(c.Viewers)+len(c.Users) == 0 {
		return errors.New("web: oidc lets nobody in: give business_team or viewer claim values, or users")
	}
	users := map[string]intake.Role{}
	for email, r := range c.Users {
		if _, err := intake.ParseRole(string(r)); err != nil {
			return fmt.Errorf("web: oidc user %s: %w", email, err)
		}
		users[intake.NormalizeEmail(email)] = r
	}
	c.Users = users
	return nil
}

// Role maps a person to their role: the allow-list first, then the role
// claim (business team before viewer). ok is false for someone with
// neither: they are not let in.
func (c OIDCConfig) Role(email string, claimValues []string) (r intake.Role, ok bool) {
	if r, ok := c.Users[intake.NormalizeEmail(email)]; ok {
		return r, true
	}
	for _, v := range claimValues {
		if slices.Contains(c.BusinessTeam, v) {
			return intake.RoleBusinessTeam, true
		}
	}
	for _, v := range claimValues {
		if slices.Contains(c.Viewers, v) {
			return intake.RoleViewer, true
		}
	}
	return "", false
}

// oidcLogin is the provider's discovered configuration, fetched on first
// use so that the daemon starts even while the provider is unreachable.
type oidcLogin struct {
	cfg    OIDCConfig
	client *http.Client
	now    func() time.Time

	mu       sync.Mutex
	oauth    *oauth2.Config
	verifier *oidc.IDTokenVerifier
}

func newOIDCLogin(cfg OIDCConfig, client *http.Client, now func() time.Time) *oidcLogin {
	return &oidcLogin{cfg: cfg, client: client, now: now}
}

// setup discovers the provider once; a failure is tried again next time.
func (o *oidcLogin) setup() (*oauth2.Config, *oidc.IDTokenVerifier, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.oauth != nil {
		return o.oauth, o.verifier, nil
	}
	// The provider's key set keeps this context for fetching keys later:
	// it must outlive the request.
	ctx := oidc.ClientContext(context.Background(), o.client)
	p, err := oidc.NewProvider(ctx, o.cfg.Issuer)
	if err != nil {
		return nil, nil, fmt.Errorf("web: discovering the identity provider: %w", err)
	}
	o.oauth = &oauth2.Config{ClientID: o.cfg.ClientID, ClientSecret: o.cfg.ClientSecret, RedirectURL: o.cfg.RedirectURL,
		Endpoint: p.Endpoint(), Scopes: o.cfg.Scopes}
	o.verifier = p.Verifier(&oidc.Config{ClientID: o.cfg.ClientID, Now: o.now})
	return o.oauth, o.verifier, nil
}

// loginFlow is what the browser keeps between leaving for the provider
// and coming back: the state, the nonce, the PKCE verifier, where to go
// after, and when it started. All random values are checked against what
// comes back, so the cookie needs no signature.
type loginFlow struct {
	State, Nonce, Verifier, Next string
	Started                      time.Time
}

const flowTTL = 10 * time.Minute

func (s *Server) flowCookieName() string {
	if s.cfg.InsecureCookie {
		return "intake_oidc"
	}
	return "__Host-intake_oidc"
}

func (f loginFlow) encode() string {
	b64 := base64.RawURLEncoding
	return strings.Join([]string{f.State, f.Nonce, f.Verifier, b64.EncodeToString([]byte(f.Next)), strconv.FormatInt(f.Started.Unix(), 10)}, ".")
}

func decodeFlow(v string) (loginFlow, bool) {
	p := strings.Split(v, ".")
	if len(p) != 5 {
		return loginFlow{}, false
	}
	next, err := base64.RawURLEncoding.DecodeString(p[3])
	sec, err2 := strconv.ParseInt(p[4], 10, 64)
	if err != nil || err2 != nil || p[0] == "" || p[1] == "" || p[2] == "" {
		return loginFlow{}, false
	}
	return loginFlow{State: p[0], Nonce: p[1], Verifier: p[2], Next: safeNext(string(next)), Started: time.Unix(sec, 0)}, true
}

func randomString() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// oidcStart sends the browser to the identity provider.
func (s *Server) oidcStart(w http.ResponseWriter, r *http.Request) {
	if s.oidc == nil {
		s.notFound(w, r)
		return
	}
	oc, _, err := s.oidc.setup()
	if err != nil {
		s.log.Error("web: single sign-on", "err", err)
		s.errorPage(w, r, http.StatusBadGateway, "Single sign-on is not answering",
			"intake could not reach your organisation's sign-in service. Try again in a few minutes; if it goes on, tell the person who runs intake.")
		return
	}
	f := loginFlow{State: randomString(), Nonce: randomString(), Verifier: oauth2.GenerateVerifier(),
		Next: safeNext(r.URL.Query().Get("next")), Started: s.now()}
	http.SetCookie(w, &http.Cookie{Name: s.flowCookieName(), Value: f.encode(), Path: "/", MaxAge: int(flowTTL / time.Second),
		Secure: !s.cfg.InsecureCookie, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, oc.AuthCodeURL(f.State, oauth2.S256ChallengeOption(f.Verifier), oidc.Nonce(f.Nonce)), http.StatusFound)
}

// oidcCallback is where the provider sends the browser back: the state is
// checked against the flow cookie, the code exchanged with the PKCE
// verifier, the ID token verified (and its nonce), and the person's role
// worked out. Every refusal is audited.
func (s *Server) oidcCallback(w http.ResponseWriter, r *http.Request) {
	if s.oidc == nil {
		s.notFound(w, r)
		return
	}
	ctx := r.Context()
	now := s.now()
	c, err := r.Cookie(s.flowCookieName())
	http.SetCookie(w, &http.Cookie{Name: s.flowCookieName(), Value: "", Path: "/", MaxAge: -1,
		Secure: !s.cfg.InsecureCookie, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	refuse := func(who, why, detail string) {
		s.auditOrLog(ctx, intake.AuditEntry{Actor: who, Action: "web.login_failed", Detail: "via oidc: " + detail})
		s.errorPage(w, r, http.StatusForbidden, "You could not be signed in", why)
	}
	const again = " Go to the sign-in page and try again."
	if err != nil {
		refuse("unknown", "The sign-in took too long or was started in another browser."+again, "no sign-in in progress")
		return
	}
	f, ok := decodeFlow(c.Value)
	q := r.URL.Query()
	if !ok || subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(f.State)) != 1 {
		refuse("unknown", "The sign-in could not be matched to this browser."+again, "state does not match")
		return
	}
	if now.Sub(f.Started) > flowTTL || now.Before(f.Started.Add(-time.Minute)) {
		refuse("unknown", "The sign-in took too long."+again, "sign-in started too long ago")
		return
	}
	if e := q.Get("error"); e != "" {
		refuse("unknown", "Your organisation's sign-in service did not sign you in."+again, "provider said "+auditName(truncate(e, 64)))
		return
	}
	oc, verifier, err := s.oidc.setup()
	if err != nil {
		s.serverError(w, r, "reaching the sign-in service", err)
		return
	}
	xctx := context.WithValue(ctx, oauth2.HTTPClient, s.oidc.client)
	tok, err := oc.Exchange(xctx, q.Get("code"), oauth2.VerifierOption(f.Verifier))
	if err != nil {
		s.log.Warn("web: exchanging the sign-in code", "err", err)
		refuse("unknown", "The sign-in service did not confirm the sign-in."+again, "code exchange failed")
		return
	}
	raw, _ := tok.Extra("id_token").(string)
	idt, err := verifier.Verify(ctx, raw)
	if err != nil {
		s.log.Warn("web: verifying the ID token", "err", err)
		refuse("unknown", "The sign-in service's answer could not be verified."+again, "ID token not valid")
		return
	}
	if subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(f.Nonce)) != 1 {
		refuse("unknown", "The sign-in could not be matched to this browser."+again, "nonce does not match")
		return
	}
	var claims map[string]any
	if err := idt.Claims(&claims); err != nil {
		refuse("unknown", "The sign-in service's answer could not be read."+again, "claims not readable")
		return
	}
	p := personFromClaims(claims)
	if p.Email == "" {
		refuse("unknown", "The sign-in service did not say who you are.", "no email or preferred_username claim")
		return
	}
	role, ok := s.oidc.cfg.Role(p.Email, stringsClaim(claims[s.oidc.cfg.RoleClaim]))
	if !ok {
		s.auditOrLog(ctx, intake.AuditEntry{Actor: p.String(), Action: "web.login_refused", Detail: "via oidc: no role for this person"})
		s.errorPage(w, r, http.StatusForbidden, "You do not have access to intake",
			"You signed in, but you have not been given a role in intake. Ask your partnership's business manager to give you access.")
		return
	}
	p.Role = role
	if err := s.startSession(ctx, w, p, "oidc", nil); err != nil {
		s.serverError(w, r, "signing you in", err)
		return
	}
	http.Redirect(w, r, f.Next, http.StatusSeeOther)
}

// personFromClaims reads who signed in: the email claim unless the
// provider says it is not verified, else preferred_username (Entra's user
// principal name); the name claim for the audit trail.
func personFromClaims(c map[string]any) Person {
	str := func(k string) string { v, _ := c[k].(string); return strings.TrimSpace(v) }
	email := str("email")
	if v, ok := c["email_verified"].(bool); ok && !v {
		email = ""
	}
	if email == "" {
		email = str("preferred_username")
	}
	name := str("name")
	if name == "" {
		name = email
	}
	return Person{Email: intake.NormalizeEmail(auditName(truncate(email, 254))), Name: auditName(truncate(name, 200))}
}

// stringsClaim reads a claim that is a list of strings or one string.
func stringsClaim(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
