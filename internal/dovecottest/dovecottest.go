// Package dovecottest runs a real Dovecot (from Debian's dovecot-imapd)
// for tests: configured in a temporary directory, listening in plaintext
// on a free loopback port, with one passwd-file user and a Maildir that
// tests may fill directly on disk. When INTAKE_REQUIRE_REAL=1 (the
// README's test command sets it) a missing dovecot binary fails the test;
// otherwise it is skipped.
package dovecottest

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// The test account.
const (
	User     = "referrals"
	Password = "dovecot-test-password"
)

// Server is a running Dovecot.
type Server struct {
	Host string
	Port int
	Dir  string // the temporary directory holding config, run dir and mail

	conf     string
	uid, gid int
	mu       sync.Mutex // serialises Stop and Restart
	cmd      *exec.Cmd
}

// Conf returns the path of the Dovecot configuration file.
func (s *Server) Conf() string { return s.conf }

// Addr returns host:port.
func (s *Server) Addr() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

// Binary returns the path of dovecot, or "" if it is not installed.
func Binary() string {
	if p, err := exec.LookPath("dovecot"); err == nil {
		return p
	}
	if _, err := os.Stat("/usr/sbin/dovecot"); err == nil {
		return "/usr/sbin/dovecot"
	}
	return ""
}

// Require fails (INTAKE_REQUIRE_REAL=1) or skips the test when dovecot is
// not installed, and returns its path.
func Require(t testing.TB) string {
	t.Helper()
	bin := Binary()
	if bin == "" {
		if os.Getenv("INTAKE_REQUIRE_REAL") == "1" {
			t.Fatal("dovecottest: dovecot is not installed (scripts/install-deps.sh installs it)")
		}
		t.Skip("dovecottest: dovecot is not installed; set INTAKE_REQUIRE_REAL=1 to make this a failure")
	}
	return bin
}

// Start configures and starts a Dovecot in a fresh temporary directory;
// it is stopped when the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	Require(t)
	s, err := Launch(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)
	return s
}

// Launch configures Dovecot in dir (which should be empty) and starts it;
// the caller must Stop it. Benchmarks use it outside tests.
func Launch(dir string) (*Server, error) {
	bin := Binary()
	if bin == "" {
		return nil, fmt.Errorf("dovecottest: dovecot is not installed")
	}
	// Dovecot's unprivileged processes must reach the run directory and
	// the mail: open the temporary directories' permissions.
	for d := dir; d != os.TempDir() && d != "/" && d != "."; d = filepath.Dir(d) {
		os.Chmod(d, 0o755)
	}
	s := &Server{Host: "127.0.0.1", Dir: dir}
	if err := s.configure(); err != nil {
		return nil, err
	}
	if err := s.start(bin); err != nil {
		return nil, err
	}
	return s, nil
}

// freePort returns a loopback port that was free a moment ago.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

func (s *Server) configure() error {
	port, err := freePort()
	if err != nil {
		return err
	}
	s.Port = port
	internal, login := "dovecot", "dovenull"
	s.uid, s.gid = os.Getuid(), os.Getgid()
	chroot := ""
	if s.uid == 0 {
		// Dovecot refuses mail access as root: deliver as nobody.
		s.uid, s.gid = 65534, 65534
		if _, err := user.Lookup(internal); err != nil {
			internal = "nobody"
		}
		if _, err := user.Lookup(login); err != nil {
			login = "nobody"
		}
	} else {
		u, err := user.Current()
		if err != nil {
			return err
		}
		internal, login = u.Username, u.Username
		chroot = "  chroot =\n"
	}
	for _, d := range []string{"run", "state", "home"} {
		if err := os.MkdirAll(filepath.Join(s.Dir, d), 0o755); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(s.Dir, "passwd"), []byte(User+":{PLAIN}"+Password+"::::::\n"), 0o644); err != nil {
		return err
	}
	var b [6]byte
	rand.Read(b[:])
	conf := fmt.Sprintf(`base_dir = %[1]s/run
state_dir = %[1]s/state
instance_name = intake-test-%[2]s
log_path = %[1]s/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = %[3]s
default_login_user = %[4]s
first_valid_uid = 1
first_valid_gid = 1
mail_uid = %[5]d
mail_gid = %[6]d
mail_location = maildir:~/Maildir
mailbox_list_index = no
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%%u %[1]s/passwd
}
userdb {
  driver = static
  args = home=%[1]s/home/%%u
}
service imap-login {
%[8]s  inet_listener imap {
    address = 127.0.0.1
    port = %[7]d
  }
  inet_listener imaps {
    port = 0
  }
}
`, s.Dir, hex.EncodeToString(b[:]), internal, login, s.uid, s.gid, s.Port, chroot)
	s.conf = filepath.Join(s.Dir, "dovecot.conf")
	if err := os.WriteFile(s.conf, []byte(conf), 0o644); err != nil {
		return err
	}
	return s.chown(filepath.Join(s.Dir, "home"))
}

func (s *Server) start(bin string) error {
	cmd := exec.Command(bin, "-F", "-c", s.conf)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("dovecottest: starting dovecot: %w", err)
	}
	s.cmd = cmd
	// Ready when a login succeeds (the auth process starts lazily).
	deadline := time.Now().Add(15 * time.Second)
	for {
		if err := s.probe(); err == nil {
			return nil
		} else if time.Now().After(deadline) {
			log, _ := os.ReadFile(filepath.Join(s.Dir, "dovecot.log"))
			s.stop()
			return fmt.Errorf("dovecottest: dovecot not ready: %v\n%s\n%s", err, out.String(), log)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// probe logs in and out with a raw IMAP exchange.
func (s *Server) probe() error {
	conn, err := net.DialTimeout("tcp", s.Addr(), time.Second)
	if err != nil {
		return err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	fmt.Fprintf(conn, "a LOGIN %s %s\r\nb LOGOUT\r\n", User, Password)
	var buf bytes.Buffer
	tmp := make([]byte, 4096)
	for !bytes.Contains(buf.Bytes(), []byte("\r\nb ")) {
		n, err := conn.Read(tmp)
		buf.Write(tmp[:n])
		if err != nil {
			break
		}
	}
	if !bytes.Contains(buf.Bytes(), []byte("\r\na OK")) {
		return fmt.Errorf("login answered %q", buf.String())
	}
	return nil
}

// Stop stops Dovecot and every process it started.
func (s *Server) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stop()
}

func (s *Server) stop() {
	if s.cmd == nil {
		return
	}
	pgid := s.cmd.Process.Pid
	s.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		syscall.Kill(-pgid, syscall.SIGKILL)
		<-done
	}
	syscall.Kill(-pgid, syscall.SIGKILL) // any straggler of this group only
	s.cmd = nil
}

// Restart stops Dovecot and starts it again on the same port and mail.
func (s *Server) Restart() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stop()
	return s.start(Binary())
}

// Maildir returns the Maildir directory of folder ("INBOX" or another).
func (s *Server) Maildir(folder string) string {
	root := filepath.Join(s.Dir, "home", User, "Maildir")
	if strings.EqualFold(folder, "INBOX") {
		return root
	}
	return filepath.Join(root, "."+folder)
}

var seq atomic.Int64

// Deliver writes messages straight into folder's Maildir new/ (far faster
// than APPEND for thousands of messages), creating the folder if needed.
// Dovecot assigns UIDs when it next looks at the folder, in file order.
func (s *Server) Deliver(folder string, msgs ...[]byte) error {
	md := s.Maildir(folder)
	for _, sub := range []string{"cur", "new", "tmp"} {
		if err := os.MkdirAll(filepath.Join(md, sub), 0o700); err != nil {
			return err
		}
	}
	if folder != "INBOX" {
		os.WriteFile(filepath.Join(md, "maildirfolder"), nil, 0o600)
	}
	now := time.Now().Unix()
	for _, m := range msgs {
		name := fmt.Sprintf("%d.M%09dP%d.intaketest,S=%d", now, seq.Add(1), os.Getpid(), len(m))
		tmp := filepath.Join(md, "tmp", name)
		if err := os.WriteFile(tmp, m, 0o600); err != nil {
			return err
		}
		if err := os.Lchown(tmp, s.uid, s.gid); err != nil {
			return err
		}
		if err := os.Rename(tmp, filepath.Join(md, "new", name)); err != nil {
			return err
		}
	}
	return s.chown(filepath.Join(s.Dir, "home"))
}

// ResetUIDValidity makes Dovecot give folder a new UIDVALIDITY (and new
// UIDs) by forgetting its UID list and indexes; Dovecot must be stopped.
func (s *Server) ResetUIDValidity(folder string) error {
	md := s.Maildir(folder)
	entries, err := os.ReadDir(md)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "dovecot-uidlist") || strings.HasPrefix(e.Name(), "dovecot.index") {
			if err := os.Remove(filepath.Join(md, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}

// chown gives the tree at root to the mail user (directories only and
// files not yet owned; cheap when nothing changed).
func (s *Server) chown(root string) error {
	return filepath.Walk(root, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if st, ok := fi.Sys().(*syscall.Stat_t); ok && int(st.Uid) == s.uid && int(st.Gid) == s.gid {
			return nil
		}
		return os.Lchown(p, s.uid, s.gid)
	})
}
