package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// ErrLocked is matched (errors.Is) by Lock's error when another process
// holds the database's lock; the error is a *LockedError.
var ErrLocked = errors.New("store: the database is locked by another process")

// LockedError says which lock file another process holds, and which
// process it is (0 when it did not say).
type LockedError struct {
	LockFile string
	PID      int
}

func (e *LockedError) Error() string {
	if e.PID == 0 {
		return fmt.Sprintf("store: %s is held by another process", e.LockFile)
	}
	return fmt.Sprintf("store: %s is held by process %d", e.LockFile, e.PID)
}

// Is makes errors.Is(err, ErrLocked) true.
func (e *LockedError) Is(target error) bool { return target == ErrLocked }

// Lock takes the lock that lets one daemon at a time run over the
// database at path: an exclusive flock(2) on path + ".lock" (created
// 0600, with the holder's process ID written in it). It does not wait:
// when another process holds the lock it returns an error wrapping
// ErrLocked, a *LockedError naming that process. The commands beside the daemon do
// not take it; SQLite keeps their transactions apart. The lock goes with
// the process, so a daemon that dies never leaves it behind; release
// gives it up sooner.
func Lock(path string) (release func() error, err error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("store: creating %s: %w", dir, err)
		}
	}
	name := path + ".lock"
	f, err := os.OpenFile(name, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("store: opening the lock file: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			le := &LockedError{LockFile: name}
			if b, rerr := os.ReadFile(name); rerr == nil {
				le.PID, _ = strconv.Atoi(strings.TrimSpace(string(b)))
			}
			return nil, le
		}
		return nil, fmt.Errorf("store: locking %s: %w", name, err)
	}
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return func() error {
		f.Truncate(0)
		return f.Close() // closing the descriptor releases the flock
	}, nil
}
