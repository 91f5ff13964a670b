// Package webtest drives a real browser against intake's web work queue
// in tests: Debian's chromium-headless-shell through
// github.com/chromedp/chromedp, and a real OpenID Connect provider on
// loopback to sign in through. The web package's own browser test uses
// it, and so will the end-to-end test against a whole `intake serve`.
//
// The browser is found at $INTAKE_CHROMIUM, else
// /usr/bin/chromium-headless-shell, else /usr/bin/chromium
// (scripts/install-deps.sh installs chromium-headless-shell). When none is
// there the test is skipped, unless INTAKE_REQUIRE_REAL=1 (as `make test`
// and CI set): then it fails. Nothing is fetched from the network: the
// browser runs with a fresh profile and its background networking off.
//
// Screenshots are saved only when INTAKE_SCREENSHOTS names a directory
// (relative to the module root), e.g. INTAKE_SCREENSHOTS=docs/screenshots.
package webtest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// ExecPath returns the browser to run, or "" when there is none.
func ExecPath() string {
	if p := os.Getenv("INTAKE_CHROMIUM"); p != "" {
		return p
	}
	for _, p := range []string{"/usr/bin/chromium-headless-shell", "/usr/bin/chromium"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium-headless-shell"); err == nil {
		return p
	}
	return ""
}

// Browser is one headless browser for one test, with a fresh profile and
// a download directory.
type Browser struct {
	// Ctx runs chromedp actions on the browser's tab.
	Ctx context.Context
	// Downloads is where downloaded files land (named by download GUID).
	Downloads string

	t testing.TB
}

// NewBrowser starts a browser for the test, or skips the test when there
// is none (fails with INTAKE_REQUIRE_REAL=1). The browser is closed at
// the test's end; every action must finish within timeout.
func NewBrowser(t testing.TB, timeout time.Duration) *Browser {
	t.Helper()
	path := ExecPath()
	if path == "" {
		if os.Getenv("INTAKE_REQUIRE_REAL") == "1" {
			t.Fatal("webtest: no browser: install chromium-headless-shell (scripts/install-deps.sh) or set INTAKE_CHROMIUM")
		}
		t.Skip("webtest: no browser (install chromium-headless-shell, or set INTAKE_CHROMIUM)")
	}
	profile, downloads := t.TempDir(), t.TempDir()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(profile),
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.WindowSize(1280, 900),
	)
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, timeout)
	t.Cleanup(func() {
		cancelTimeout()
		cancelTab()
		cancelAlloc()
	})
	b := &Browser{Ctx: ctx, Downloads: downloads, t: t}
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("webtest: starting %s: %v", path, err)
	}
	if _, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: downloads, EventsEnabled: ptr(true)}); err != nil {
		t.Fatalf("webtest: setting the download directory: %v", err)
	}
	return b
}

func ptr[T any](v T) *T { return &v }

// Do runs steps, failing the test on an error.
func (b *Browser) Do(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.Ctx, steps...); err != nil {
		b.t.Fatalf("webtest: %v", err)
	}
}

// Navigate loads a URL and waits for the page.
func (b *Browser) Navigate(url string) {
	b.t.Helper()
	b.Do(chromedp.Navigate(url))
}

// ClickAndWait clicks the element the CSS selector finds and waits for
// the page it leads to to load.
func (b *Browser) ClickAndWait(sel string) {
	b.t.Helper()
	if _, err := chromedp.Run(b.Ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(sel)))); err != nil {
		loc, _ := chromedp.Run(context.Background(), chromedp.Location())
		b.t.Fatalf("webtest: clicking %s: %v (at %s)", sel, err, loc)
	}
}

// Click clicks the element the CSS selector finds (a radio button, a
// checkbox) without waiting for a page.
func (b *Browser) Click(sel string) {
	b.t.Helper()
	b.Do(chromedp.Click(chromedp.CSS(sel)))
}

// Text returns the visible text of the first element the selector finds,
// waiting up to ten seconds for it to appear.
func (b *Browser) Text(sel string) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.Ctx, 10*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		loc, _ := chromedp.Run(b.Ctx, chromedp.Location())
		title, _ := chromedp.Run(b.Ctx, chromedp.Title())
		b.t.Fatalf("webtest: reading %s: %v (at %s, %q)", sel, err, loc, title)
	}
	return s
}

// Location returns the tab's URL.
func (b *Browser) Location() string {
	b.t.Helper()
	s, err := chromedp.Run(b.Ctx, chromedp.Location())
	if err != nil {
		b.t.Fatalf("webtest: reading the location: %v", err)
	}
	return s
}

// Fill types v into the input the selector finds, after clearing it.
func (b *Browser) Fill(sel, v string) {
	b.t.Helper()
	q, _ := json.Marshal(sel)
	if _, err := chromedp.Run(b.Ctx, chromedp.Evaluate[bool](`(e => !!e && (e.value = "", true))(document.querySelector(`+string(q)+`))`)); err != nil {
		b.t.Fatalf("webtest: clearing %s: %v", sel, err)
	}
	b.Do(chromedp.SendKeys(chromedp.CSS(sel), v))
}

// Downloaded is a file the browser saved.
type Downloaded struct {
	Path          string // in Browser.Downloads
	SuggestedName string // from Content-Disposition
}

// Download clicks the link the selector finds and waits until the file
// it starts has been saved.
func (b *Browser) Download(sel string) Downloaded {
	b.t.Helper()
	begin := chromedp.Events(b.Ctx, browser.DownloadWillBegin)
	progress := chromedp.Events(b.Ctx, browser.DownloadProgress)
	b.Do(chromedp.Click(chromedp.CSS(sel)))
	var d Downloaded
	for ev, err := range begin {
		if err != nil {
			b.t.Fatalf("webtest: waiting for a download from %s: %v", sel, err)
		}
		d.SuggestedName = ev.SuggestedFilename
		break
	}
	for ev, err := range progress {
		if err != nil {
			b.t.Fatalf("webtest: waiting for a download from %s: %v", sel, err)
		}
		if ev.State == browser.DownloadProgressStateCanceled {
			b.t.Fatalf("webtest: the download from %s was cancelled", sel)
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			d.Path = filepath.Join(b.Downloads, ev.GUID)
			break
		}
	}
	return d
}

// Screenshot saves a full-page PNG as NAME.png in $INTAKE_SCREENSHOTS, if
// it is set, and returns its path ("" when not saved).
func (b *Browser) Screenshot(name string) string {
	b.t.Helper()
	return b.save(name, chromedp.FullScreenshot(100))
}

// ScreenshotTop saves the top of the page, width × height CSS pixels, as
// NAME.png in $INTAKE_SCREENSHOTS, if it is set (for a page too long to
// show whole), and returns its path ("" when not saved).
func (b *Browser) ScreenshotTop(name string, width, height int64) string {
	b.t.Helper()
	if os.Getenv("INTAKE_SCREENSHOTS") == "" {
		return ""
	}
	b.Do(chromedp.EmulateViewport(width, height))
	defer b.Do(chromedp.EmulateViewport(1280, 900))
	return b.save(name, chromedp.CaptureScreenshot())
}

func (b *Browser) save(name string, shot chromedp.Action[[]byte]) string {
	b.t.Helper()
	dir := os.Getenv("INTAKE_SCREENSHOTS")
	if dir == "" {
		return ""
	}
	if !filepath.IsAbs(dir) {
		root, err := moduleRoot()
		if err != nil {
			b.t.Fatalf("webtest: %v", err)
		}
		dir = filepath.Join(root, dir)
	}
	png, err := chromedp.Run(b.Ctx, shot)
	if err != nil {
		b.t.Fatalf("webtest: screenshot %s: %v", name, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.t.Fatal(err)
	}
	p := filepath.Join(dir, name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	return p
}

// moduleRoot finds the directory holding go.mod, from the working
// directory up.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

// String names the browser for messages.
func (b *Browser) String() string { return fmt.Sprintf("browser (%s)", ExecPath()) }
