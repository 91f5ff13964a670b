package webtest

import (
	"encoding/json"
	"net"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/oauth2-proxy/mockoidc"
)

// Provider is a real OpenID Connect provider on a loopback port
// (github.com/oauth2-proxy/mockoidc): discovery, an authorization
// endpoint that signs in the next queued user at once (no login form),
// a token endpoint that checks the PKCE verifier, and RS256-signed ID
// tokens with the user's claims, roles included.
type Provider struct {
	Issuer, ClientID, ClientSecret string

	m *mockoidc.MockOIDC

	mu    sync.Mutex
	auths []url.Values
}

// User is someone the provider signs in. Roles go in the ID token's
// "roles" claim, as Microsoft Entra ID sends app roles.
type User struct {
	Subject string
	Email   string
	Name    string
	Roles   []string
	Groups  []string
}

// StartOIDC starts a provider for the test and stops it at the test's
// end. now is the clock of the server under test: tokens are issued on
// that clock (as it is when the provider starts), so that a server with
// an injected time accepts them.
func StartOIDC(t testing.TB, now func() time.Time) *Provider {
	t.Helper()
	m, err := mockoidc.NewServer(nil)
	if err != nil {
		t.Fatalf("webtest: making the OIDC provider: %v", err)
	}
	p := &Provider{m: m}
	// The provider's clock is set once, before it serves anything, to
	// the server's; tokens last a day so that a test may move its clock
	// on by hours and still sign in.
	m.AccessTTL = 24 * time.Hour
	if now != nil {
		m.FastForward(time.Until(now()))
	}
	m.AddMiddleware(func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == mockoidc.AuthorizationEndpoint {
				p.mu.Lock()
				p.auths = append(p.auths, r.URL.Query())
				p.mu.Unlock()
			}
			h.ServeHTTP(w, r)
		})
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("webtest: listening: %v", err)
	}
	if err := m.Start(ln, nil); err != nil {
		t.Fatalf("webtest: starting the OIDC provider: %v", err)
	}
	t.Cleanup(func() { m.Shutdown() })
	cfg := m.Config()
	p.Issuer, p.ClientID, p.ClientSecret = cfg.Issuer, cfg.ClientID, cfg.ClientSecret
	return p
}

// Queue makes u the user signed in by the next authorization request.
func (p *Provider) Queue(u User) { p.m.QueueUser(&mockUser{u}) }

// Authorizations returns the query of every authorization request the
// provider received (to check code_challenge_method=S256 and a nonce).
func (p *Provider) Authorizations() []url.Values {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]url.Values(nil), p.auths...)
}

type mockUser struct{ u User }

func (m *mockUser) ID() string { return m.u.Subject }

func (m *mockUser) Userinfo(scope []string) ([]byte, error) {
	return json.Marshal(map[string]any{"sub": m.u.Subject, "email": m.u.Email, "name": m.u.Name})
}

type claims struct {
	*mockoidc.IDTokenClaims
	Email  string   `json:"email,omitempty"`
	Name   string   `json:"name,omitempty"`
	Roles  []string `json:"roles,omitempty"`
	Groups []string `json:"groups,omitempty"`
}

func (m *mockUser) Claims(scope []string, base *mockoidc.IDTokenClaims) (jwt.Claims, error) {
	return &claims{IDTokenClaims: base, Email: m.u.Email, Name: m.u.Name, Roles: m.u.Roles, Groups: m.u.Groups}, nil
}
