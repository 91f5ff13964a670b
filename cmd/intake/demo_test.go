package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestDemoTimeline runs `intake demo` in-process and compares its timeline
// with testdata/demo/timeline.golden (go test ./cmd/intake -run
// TestDemoTimeline -update rewrites it). The demo drives a simulated clock
// and runs the daemon's passes itself, so the timeline is the same on
// every run: comparing with a golden file made by an earlier run is also
// the check that it is deterministic.
func TestDemoTimeline(t *testing.T) {
	out := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	start := time.Now()
	tl, err := runDemo(ctx, demoOptions{OutDir: out})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("demo ran in %s", time.Since(start).Round(time.Millisecond))
	if tl.passErrors > 0 {
		t.Errorf("%d of the daemon's passes reported errors (run intake demo --verbose)", tl.passErrors)
	}
	var got bytes.Buffer
	tl.write(&got)
	golden := filepath.Join("..", "..", "testdata", "demo", "timeline.golden")
	if *update {
		os.MkdirAll(filepath.Dir(golden), 0o755)
		if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/intake -run TestDemoTimeline -update)", err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("timeline differs from %s (rerun with -update if the change is intended):\n%s", golden, demoLineDiff(string(want), got.String()))
	}
	files, _ := filepath.Glob(filepath.Join(out, "*.eml"))
	sent := 0
	for _, e := range tl.entries {
		if e.Kind == "sent" {
			sent++
		}
	}
	if len(files) != sent {
		t.Errorf("%d .eml files written, timeline says %d emails sent", len(files), sent)
	}
}

// demoLineDiff shows the lines that differ between want and got.
func demoLineDiff(want, got string) string {
	w, g := bytes.Split([]byte(want), []byte("\n")), bytes.Split([]byte(got), []byte("\n"))
	var b bytes.Buffer
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl []byte
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if !bytes.Equal(wl, gl) {
			b.WriteString("-" + string(wl) + "\n+" + string(gl) + "\n")
		}
	}
	return b.String()
}
