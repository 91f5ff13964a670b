package main

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// logBuffer is a bytes.Buffer that the daemon's goroutines may write to
// while a test reads it.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// waitLog waits (up to a minute: a loaded machine is slow, and a pass
// ends it early) until the log holds want.
func waitLog(t *testing.T, logs *logBuffer, want string) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !strings.Contains(logs.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("the log never said %q:\n%s", want, logs)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// quietServeConfig writes a configuration with no mailbox and no SMTP
// server and the ops listener on listen.
func quietServeConfig(t *testing.T, listen string) string {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "intake.toml")
	cfg := "[store]\npath = \"" + filepath.Join(dir, "intake.db") + "\"\n[imap]\nhost = \"\"\n[smtp]\nhost = \"\"\n[ops]\nlisten = \"" + listen + "\"\n"
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestServeOneInstanceAndSIGHUP (issue 14, point 11): while one intake
// serve runs, a second on the same database stops at once and says why;
// SIGHUP is logged as needing a restart, and does not stop the daemon.
func TestServeOneInstanceAndSIGHUP(t *testing.T) {
	cfg := quietServeConfig(t, "127.0.0.1:0")
	logs := &logBuffer{}
	env, _, errb := testEnv("")
	env.Logger = slog.New(slog.NewTextHandler(logs, nil))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	go func() { done <- Run(ctx, env, []string{"serve", "--config", cfg}) }()
	waitLog(t, logs, "intake serving")

	env2, _, errb2 := testEnv("")
	if code := Run(context.Background(), env2, []string{"serve", "--once", "--config", cfg}); code != 1 ||
		!strings.Contains(errb2.String(), fmt.Sprintf("another intake serve, process %d, holds", os.Getpid())) {
		t.Errorf("second serve: exit %d: %s", code, errb2)
	}

	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	waitLog(t, logs, "restart to apply configuration changes")
	select {
	case code := <-done:
		t.Fatalf("serve stopped (exit %d) on SIGHUP: %s", code, errb)
	default:
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("serve exited %d after cancel: %s", code, errb)
	}
	// The lock went with it.
	env3, _, errb3 := testEnv("")
	if code := Run(context.Background(), env3, []string{"serve", "--once", "--config", cfg}); code != 0 {
		t.Errorf("serve --once after the first stopped: exit %d: %s", code, errb3)
	}
}

// TestServeOpsAddressTaken (issue 14, point 11): when the ops listener's
// address is taken, serve stops at start saying so, instead of running
// on with an error every second.
func TestServeOpsAddressTaken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	cfg := quietServeConfig(t, ln.Addr().String())
	env, _, errb := testEnv("")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	code := Run(ctx, env, []string{"serve", "--config", cfg})
	if ctx.Err() != nil {
		t.Fatal("serve ran on with its ops address taken")
	}
	if code != 1 || !strings.Contains(errb.String(), "ops: listening on "+ln.Addr().String()) || !strings.Contains(errb.String(), "[ops] listen") {
		t.Errorf("exit %d: %s", code, errb)
	}
}
