package webtest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
)

// TestBrowserDownloadsAndScreenshots checks the harness itself: the
// browser loads a page, a download lands in the download directory with
// its suggested name, and a screenshot is a PNG.
func TestBrowserDownloadsAndScreenshots(t *testing.T) {
	b := NewBrowser(t, time.Minute)
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/file":
			w.Header().Set("Content-Type", "application/octet-stream")
			w.Header().Set("Content-Disposition", `attachment; filename="summary.pdf"`)
			fmt.Fprint(w, "%PDF-1.4 invented")
		case "/next":
			fmt.Fprint(w, `<!doctype html><title>next</title><h1>Next page</h1>`)
		default:
			fmt.Fprint(w, `<!doctype html><title>t</title><h1>Hello</h1><input id="in"><a id="dl" href="/file">file</a> <a id="go" href="/next">next</a>`)
		}
	}))
	defer s.Close()
	b.Navigate(s.URL)
	if got := b.Text("h1"); got != "Hello" {
		t.Fatalf("h1 = %q", got)
	}
	b.Fill("#in", "typed")
	d := b.Download("#dl")
	got, err := os.ReadFile(d.Path)
	if err != nil || string(got) != "%PDF-1.4 invented" || d.SuggestedName != "summary.pdf" {
		t.Fatalf("download %+v: %q, %v", d, got, err)
	}
	b.ClickAndWait("#go")
	if got := b.Text("h1"); got != "Next page" || !strings.HasSuffix(b.Location(), "/next") {
		t.Fatalf("after the click: %q at %s", got, b.Location())
	}
	dir := t.TempDir()
	t.Setenv("INTAKE_SCREENSHOTS", dir)
	p := b.Screenshot("page")
	png, err := os.ReadFile(p)
	if err != nil || !strings.HasPrefix(string(png), "\x89PNG") {
		t.Fatalf("screenshot %s: %v", p, err)
	}
}

// TestProviderDiscovery checks that the provider answers discovery on
// loopback and issues tokens on the clock it was given.
func TestProviderDiscovery(t *testing.T) {
	p := StartOIDC(t, func() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) })
	if !strings.HasPrefix(p.Issuer, "http://127.0.0.1:") || p.ClientID == "" || p.ClientSecret == "" {
		t.Fatalf("provider %+v", p)
	}
	prov, err := oidc.NewProvider(context.Background(), p.Issuer)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(prov.Endpoint().AuthURL, p.Issuer) {
		t.Errorf("authorization endpoint %s", prov.Endpoint().AuthURL)
	}
}
