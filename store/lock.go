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

// ErrLocked is returned (wrapped) by Lock when another process holds the
// database's lock.
var ErrLocked = errors.New("store: the database is locked by another process")

// Lock takes the lock that lets one daemon at a time run over the
// database at path: an exclusive flock(2) on path + ".lock" (created
// 0600, with the holder's process ID written in it). It does not wait:
// when another process holds the lock it returns an error wrapping
// ErrLocked that names that process. The commands beside the daemon do
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
		holder := ""
		if b, rerr := os.ReadFile(name); rerr == nil {
			if pid, perr := strconv.Atoi(strings.TrimSpace(string(b))); perr == nil {
				holder = fmt.Sprintf(" (process %d)", pid)
			}
		}
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%w%s: %s", ErrLocked, holder, name)
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
