package ingest

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/internal/dovecottest"
	"github.com/kscmp/intake/store"
)

// buildIntake builds the intake binary into a temporary directory.
func buildIntake(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "intake")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/kscmp/intake/cmd/intake")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building intake: %v\n%s", err, out)
	}
	return bin
}

// serveConfig writes an intake configuration reading srv into db.
func serveConfig(t *testing.T, srv *dovecottest.Server, db, extra string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "intake.toml")
	cfg := fmt.Sprintf(`[store]
path = %q

[imap]
host = %q
port = %d
tls = "plaintext"
allow_plaintext_loopback = true
username = %q
poll_interval = "1s"
%s
`, db, srv.Host, srv.Port, dovecottest.User, extra)
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// storedCount returns how many messages the database at db holds (0 while
// it does not exist yet).
func storedCount(db string) int {
	if _, err := os.Stat(db); err != nil {
		return 0
	}
	st, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		return 0
	}
	defer st.Close()
	var list []intake.Message
	st.View(context.Background(), func(tx intake.Tx) (err error) {
		list, err = tx.Messages(intake.MessageFilter{})
		return err
	})
	return len(list)
}

// TestDovecotSIGKILLDuringBatch runs the real binary against Dovecot, kills
// it with SIGKILL at random points of a 500-message batch, three times,
// and restarts it: afterwards every message is stored exactly once and
// moved exactly once.
func TestDovecotSIGKILLDuringBatch(t *testing.T) {
	srv := dovecottest.Start(t)
	bin := buildIntake(t)
	const n = 500
	if err := srv.Deliver("INBOX", numbered("kill", n, 8_000)...); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "intake.db")
	cfg := serveConfig(t, srv, db, "batch_size = 20")
	env := append(os.Environ(), "INTAKE_IMAP_PASSWORD="+dovecottest.Password)
	var logs bytes.Buffer
	defer func() {
		if t.Failed() {
			t.Logf("intake's logs:\n%s", logs.String())
		}
	}()
	seed := time.Now().UnixNano()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(uint64(seed), 0))
	threshold := 0
	for kill := 1; kill <= 3; kill++ {
		// Kill once the store holds a random number of messages beyond
		// the last kill, plus a random few milliseconds, so that the
		// kill lands in a download, a commit or a move.
		threshold += 1 + rng.IntN(n/4)
		cmd := exec.Command(bin, "serve", "--config", cfg)
		cmd.Env, cmd.Stdout, cmd.Stderr = env, &logs, &logs
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(60 * time.Second)
		for storedCount(db) < threshold && time.Now().Before(deadline) {
			time.Sleep(2 * time.Millisecond)
		}
		time.Sleep(time.Duration(rng.IntN(15)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		t.Logf("kill %d: SIGKILL with %d messages stored (threshold %d)", kill, storedCount(db), threshold)
	}
	cmd := exec.Command(bin, "serve", "--once", "--parts", "ingest", "--config", cfg)
	cmd.Env, cmd.Stdout, cmd.Stderr = env, &logs, &logs
	if err := cmd.Run(); err != nil {
		// Other parts of the daemon may fail a pass in this bare
		// configuration; what matters here is ingest's record.
		t.Logf("serve --once: %v", err)
	}
	t.Logf("restarts that finished a move promised before a kill: %d",
		strings.Count(logs.String(), "finishing server actions left from an earlier pass"))
	st, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c := dovecotClient(t, srv)
	checkExactlyOnce(t, st, c, "kill", n)
}

// TestDovecotSIGTERMFinishesBatchInHand stops the real binary with SIGTERM
// mid-run: it exits 0 soon after, and the batch it had in hand is stored
// and moved (no promised move is left, nothing is moved unstored).
func TestDovecotSIGTERMFinishesBatchInHand(t *testing.T) {
	srv := dovecottest.Start(t)
	bin := buildIntake(t)
	const n = 300
	if err := srv.Deliver("INBOX", numbered("term", n, 8_000)...); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "intake.db")
	cfg := serveConfig(t, srv, db, "batch_size = 20")
	var logs bytes.Buffer
	cmd := exec.Command(bin, "serve", "--parts", "ingest", "--config", cfg)
	cmd.Env = append(os.Environ(), "INTAKE_IMAP_PASSWORD="+dovecottest.Password)
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for storedCount(db) < 50 && time.Now().Before(deadline) {
		time.Sleep(2 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("intake exited with %v after SIGTERM\n%s", err, logs.String())
		}
	case <-time.After(time.Minute): // only ends a hang: a loaded machine is slow
		cmd.Process.Kill()
		t.Fatalf("intake still running a minute after SIGTERM\n%s", logs.String())
	}
	st, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cp := checkpointOf(st, "INBOX")
	pending := pendingOf(st, "INBOX", cp.UIDValidity)
	stored := len(messages(t, st))
	c := dovecotClient(t, srv)
	moved, left := len(messageIDsIn(t, c, "Processed")), len(messageIDsIn(t, c, "INBOX"))
	t.Logf("SIGTERM after %d stored: %d moved, %d left in INBOX", stored, moved, left)
	if len(pending) != 0 || moved != stored || moved+left != n {
		t.Errorf("after SIGTERM: %d promised moves left, %d stored, %d moved, %d left (of %d)", len(pending), stored, moved, left, n)
	}
}
