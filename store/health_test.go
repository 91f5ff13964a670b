package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kscmp/intake"
)

// MountSmallDisk mounts a tmpfs of size bytes at a new directory and
// returns it, unmounting it when the test ends. It needs root: without
// it the test is skipped, or fails under `make test`
// (INTAKE_REQUIRE_REAL=1).
func mountSmallDisk(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size+",mode=0700"); err != nil {
		if os.Getenv("INTAKE_REQUIRE_REAL") == "1" {
			t.Fatalf("mounting a tmpfs to fill (needs root): %v", err)
		}
		t.Skipf("mounting a tmpfs to fill needs root: %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
	return dir
}

// fillDisk writes a file in dir until the disk is full and returns its
// path.
func fillDisk(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "filler")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := bytes.Repeat([]byte{'x'}, 64<<10)
	for {
		if _, err := f.Write(chunk); err != nil {
			if errors.Is(err, syscall.ENOSPC) {
				return path
			}
			t.Fatal(err)
		}
	}
}

// TestWriteHealthFullDisk (issue 12): a commit that fails because the
// disk is full is recorded as a storage failure, and the next commit
// after space is freed clears it; a transaction's own refusal is not a
// storage failure.
func TestWriteHealthFullDisk(t *testing.T) {
	dir := mountSmallDisk(t, "16m")
	clock := intake.NewManualClock(time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC))
	s, err := Open(context.Background(), filepath.Join(dir, "intake.db"), Options{Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	insert := func(uid uint32) error {
		return s.Update(context.Background(), func(tx intake.Tx) error {
			_, _, err := tx.InsertMessage(intake.NewMessage{Mailbox: "INBOX", UIDValidity: 1, UID: uid, SHA256: strings.Repeat("a", 63) + string(rune('a'+uid)),
				Size: 1 << 20, Raw: bytes.Repeat([]byte{'r'}, 1<<20), ReceivedAt: clock.Now(), State: intake.MessageStored})
			return err
		})
	}
	if err := insert(1); err != nil {
		t.Fatal(err)
	}
	if h := s.WriteHealth(); h.Failing || !h.LastSuccess.Equal(clock.Now()) {
		t.Fatalf("after a commit: %+v", h)
	}
	s.Update(context.Background(), func(intake.Tx) error { return intake.Errorf(intake.ENOTFOUND, "no such case") })
	if h := s.WriteHealth(); h.Failing {
		t.Fatalf("a refused transaction counted as a storage failure: %+v", h)
	}

	filler := fillDisk(t, dir)
	clock.Advance(time.Minute)
	if err := insert(2); err == nil {
		t.Fatal("a 1 MB message committed to a full disk")
	}
	h := s.WriteHealth()
	if !h.Failing || !h.Since.Equal(clock.Now()) || h.Failures != 1 || !strings.Contains(strings.ToLower(h.Err), "full") {
		t.Fatalf("after a commit on a full disk: %+v", h)
	}

	os.Remove(filler)
	clock.Advance(time.Minute)
	if err := insert(3); err != nil {
		t.Fatalf("after freeing space: %v", err)
	}
	if h := s.WriteHealth(); h.Failing || h.Failures != 1 {
		t.Fatalf("after recovery: %+v", h)
	}
}
