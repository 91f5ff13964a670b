// Package smtpsink runs Postfix's smtp-sink (from Debian's postfix) for
// tests: a real SMTP peer on a free loopback port that accepts every
// message (or refuses, as its options say) and dumps each into a file of
// its own. When INTAKE_REQUIRE_REAL=1 (the README's test command sets it)
// a missing smtp-sink fails the test; otherwise it is skipped.
package smtpsink

import (
	"bytes"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"time"
)

// Sink is a running smtp-sink.
type Sink struct {
	Port int
	Dir  string // where each accepted message is dumped
}

// Start starts smtp-sink with extra options (e.g. "-f", "RCPT" to refuse
// every RCPT TO with a 5xx); it stops when the test ends.
func Start(t testing.TB, extra ...string) *Sink {
	t.Helper()
	bin, err := exec.LookPath("smtp-sink")
	if err != nil {
		bin = "/usr/sbin/smtp-sink"
		if _, err := os.Stat(bin); err != nil {
			if os.Getenv("INTAKE_REQUIRE_REAL") == "1" {
				t.Fatal("smtp-sink is not installed (scripts/install-deps.sh installs postfix), and INTAKE_REQUIRE_REAL=1")
			}
			t.Skip("smtp-sink not installed; set INTAKE_REQUIRE_REAL=1 to make this a failure")
		}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	// smtp-sink drops to nobody when run as root, so the dump directory
	// must be reachable by everyone (t.TempDir's parent is not).
	dir, err := os.MkdirTemp("", "intake-smtp-sink-")
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o777)
	t.Cleanup(func() { os.RemoveAll(dir) })
	args := append([]string{"-d", filepath.Join(dir, "%Y%m%d%H%M%S.")}, extra...)
	if os.Geteuid() == 0 {
		args = append([]string{"-u", "nobody"}, args...)
	}
	args = append(args, "127.0.0.1:"+strconv.Itoa(port), "10")
	cmd := exec.Command(bin, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	for i := 0; ; i++ {
		c, err := net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(port))
		if err == nil {
			c.Close()
			break
		}
		if i > 200 {
			t.Fatalf("smtp-sink did not start: %v: %s", err, stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	return &Sink{Port: port, Dir: dir}
}

// Messages returns every message dumped so far, oldest first.
func (s *Sink) Messages() [][]byte {
	files, _ := filepath.Glob(filepath.Join(s.Dir, "*"))
	sort.Strings(files)
	var out [][]byte
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil {
			out = append(out, b)
		}
	}
	return out
}
