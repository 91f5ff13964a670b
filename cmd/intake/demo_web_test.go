package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestDemoWeb runs `intake demo --web` in-process: once the story has
// run, the work queue serves the demo's database on loopback, the printed
// account signs in and sees the demo's cases, and when the context ends
// (Ctrl-C) the server stops, nothing listens any more, and the database
// is kept where it was asked to be.
func TestDemoWeb(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	db := filepath.Join(t.TempDir(), "demo.db")
	var out bytes.Buffer
	var addr string
	pages := make(chan string, 2)
	dw := &demoWeb{Listen: "127.0.0.1:0", Out: &out, Ready: func(base, email, password string) {
		u, _ := url.Parse(base)
		addr = u.Host
		go func() {
			defer cancel() // Ctrl-C, once the pages are read
			jar, _ := cookiejar.New(nil)
			c := &http.Client{Jar: jar, Timeout: 10 * time.Second}
			var res *http.Response
			var err error
			for range 50 { // the server starts serving just after Ready
				req, _ := http.NewRequest(http.MethodPost, base+"/login", strings.NewReader(url.Values{"email": {email}, "password": {password}}.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				req.Header.Set("Origin", base)
				if res, err = c.Do(req); err == nil {
					break
				}
				time.Sleep(100 * time.Millisecond)
			}
			if err != nil {
				pages <- "sign-in failed: " + err.Error()
				return
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			pages <- string(b)
			res, err = c.Get(base + "/cases")
			if err != nil {
				pages <- err.Error()
				return
			}
			b, _ = io.ReadAll(res.Body)
			res.Body.Close()
			pages <- string(b)
		}()
	}}
	_, err := runDemo(ctx, demoOptions{DBPath: db, AfterScenario: dw.serve})
	if err != nil && ctx.Err() == nil {
		t.Fatal(err)
	}
	today, cases := <-pages, <-pages
	if !strings.Contains(today, "<h1>Today</h1>") || !strings.Contains(today, demoWebName) {
		t.Errorf("after signing in with the printed account:\n%s", today)
	}
	if !strings.Contains(cases, "KSCMP-2026-0001") {
		t.Errorf("the case list does not show the demo's cases:\n%s", cases)
	}
	for _, want := range []string{"The business team's work queue is at http://127.0.0.1:", "Sign in as " + demoWebEmail + " with the password ", db} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the demo did not print %q:\n%s", want, out.String())
		}
	}
	if addr == "" {
		t.Fatal("the work queue never served")
	}
	if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		c.Close()
		t.Errorf("something still listens on %s after the demo stopped", addr)
	}
	if _, err := os.Stat(db); err != nil {
		t.Errorf("the demo's database was not kept: %v", err)
	}
}
