package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestWebConfigValidate(t *testing.T) {
	parse := func(extra string) error {
		t.Helper()
		c, err := ParseConfigFile(bytes.NewReader([]byte(extra)))
		if err != nil {
			t.Fatal(err)
		}
		return c.Validate()
	}
	if err := parse(""); err != nil {
		t.Errorf("the defaults (web off): %v", err)
	}
	ok := "[web]\nlisten = \"127.0.0.1:8080\"\nbase_url = \"https://intake.kestmoor.example\"\nlocal_accounts = true\n"
	if err := parse(ok); err != nil {
		t.Errorf("a good [web]: %v", err)
	}
	for _, tc := range []struct{ conf, want string }{
		{"[web]\nlisten = \"127.0.0.1:8080\"\nlocal_accounts = true\n", "web.base_url: required"},
		{"[web]\nlisten = \"8080\"\nbase_url = \"https://x.example\"\nlocal_accounts = true\n", "web.listen: want host:port"},
		{"[web]\nlisten = \"127.0.0.1:8080\"\nbase_url = \"https://x.example/intake\"\nlocal_accounts = true\n", "web.base_url: want https://HOST"},
		{"[web]\nlisten = \"127.0.0.1:8080\"\nbase_url = \"http://x.example\"\nlocal_accounts = true\n", "web.base_url: \"http://x.example\" is plain http"},
		{"[web]\nlisten = \"0.0.0.0:8080\"\nbase_url = \"http://x.example\"\ncookie_secure = false\nlocal_accounts = true\n", "web.cookie_secure: may be false only"},
		{"[web]\nlisten = \"127.0.0.1:8080\"\nbase_url = \"https://x.example\"\n", "web.oidc: nobody can sign in"},
		{"[web]\nlisten = \"127.0.0.1:8080\"\nbase_url = \"https://x.example\"\nsession_idle = \"9h\"\nlocal_accounts = true\n", "web.session_idle: 9h0m0s is longer"},
		{"[web]\nlisten = \"127.0.0.1:8080\"\nbase_url = \"https://x.example\"\n[web.oidc]\nrole_claim = \"wids\"\nbusiness_team = [\"a\"]\n", "web.oidc.role_claim"},
		{"[web]\nlisten = \"127.0.0.1:8080\"\nbase_url = \"https://x.example\"\n[web.oidc.users]\n\"a@x.example\" = \"admin\"\n", "web.oidc.users: a@x.example"},
	} {
		err := parse(tc.conf)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: err %v, want %q", tc.conf, err, tc.want)
		}
	}
	if _, err := ParseConfigFile(bytes.NewReader([]byte("[web.oidc]\nclient_secret = \"s3cret\"\n"))); err == nil || !strings.Contains(err.Error(), "web.oidc.client_secret") {
		t.Errorf("a secret in the file: %v", err)
	}
}

func TestWebServerConfigReadsSecretsFromEnvOrFiles(t *testing.T) {
	dir := t.TempDir()
	secretFile := filepath.Join(dir, "secret")
	os.WriteFile(secretFile, []byte("from-a-file\n"), 0o600)
	c, err := ParseConfigFile(bytes.NewReader([]byte(`[web]
listen = "127.0.0.1:8080"
base_url = "https://intake.kestmoor.example/"
[web.oidc]
client_secret_file = "` + secretFile + `"
business_team = ["Intake.BusinessTeam"]
[web.oidc.users]
"Lee@Kestmoor.example" = "viewer"
`)))
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{oidcIssuerEnv: "https://login.microsoftonline.com/tenant/v2.0", oidcClientIDEnv: "client-1"}
	getenv := func(k string) string { return env[k] }
	wc, err := webServerConfig(c, getenv)
	if err != nil {
		t.Fatal(err)
	}
	o := wc.OIDC
	if o == nil || o.Issuer != env[oidcIssuerEnv] || o.ClientID != "client-1" || o.ClientSecret != "from-a-file" ||
		o.RedirectURL != "https://intake.kestmoor.example/auth/oidc/callback" || o.Users["lee@kestmoor.example"] != "viewer" {
		t.Errorf("OIDC %+v", o)
	}
	if wc.InsecureCookie || wc.LocalAccounts || len(wc.TrustedOrigins) != 1 || wc.TrustedOrigins[0] != "https://intake.kestmoor.example" {
		t.Errorf("config %+v", wc)
	}
	delete(env, oidcClientIDEnv)
	if _, err := webServerConfig(c, getenv); err == nil || !strings.Contains(err.Error(), "web.oidc.client_id_file: single sign-on needs $INTAKE_OIDC_CLIENT_ID") {
		t.Errorf("no client ID: %v", err)
	}
}

// TestServeWebAddressTaken: when the work queue's address is taken,
// serve stops at start saying so, like the ops listener.
func TestServeWebAddressTaken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	cfg := quietServeConfig(t, "127.0.0.1:0")
	f, err := os.OpenFile(cfg, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(f, "[web]\nlisten = %q\nbase_url = \"https://intake.kestmoor.example\"\nlocal_accounts = true\n", ln.Addr().String())
	f.Close()
	env, _, errb := testEnv("")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	code := Run(ctx, env, []string{"serve", "--config", cfg})
	if ctx.Err() != nil {
		t.Fatal("serve ran on with its web address taken")
	}
	if code != 1 || !strings.Contains(errb.String(), "web: listening on "+ln.Addr().String()) || !strings.Contains(errb.String(), "[web] listen") {
		t.Errorf("exit %d: %s", code, errb)
	}
}
