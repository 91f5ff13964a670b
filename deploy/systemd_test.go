package deploy

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// container is a machine booted with the real systemd (this machine's
// own, as Debian packages it): systemd-nspawn on a copy-on-write overlay
// of this machine's root, so that nothing it writes outlives it, sharing
// this machine's network so that the loopback mail servers are in reach,
// with the guide's tree bound in at the same path and an empty
// /etc/systemd/system of its own. It boots only basic.target (no
// getty, no mail server of this machine's), which brings up D-Bus for
// systemd-run.
type container struct {
	t      *testing.T
	pid    int // the container's PID 1, as this machine numbers it
	nspawn *exec.Cmd
	out    bytes.Buffer
}

// cgroupDirs lists the top-level cgroups of every hierarchy.
func cgroupDirs() map[string]bool {
	dirs := map[string]bool{}
	hier, _ := filepath.Glob("/sys/fs/cgroup/*")
	for _, h := range append(hier, "/sys/fs/cgroup") {
		entries, _ := os.ReadDir(h)
		for _, e := range entries {
			if e.IsDir() {
				dirs[filepath.Join(h, e.Name())] = true
			}
		}
	}
	return dirs
}

func bootContainer(t *testing.T, tmp, tree string) *container {
	t.Helper()
	c := &container{t: t}
	units := filepath.Join(tmp, "container-units")
	if err := os.MkdirAll(units, 0o755); err != nil {
		t.Fatal(err)
	}
	target := "[Unit]\nDescription=intake's install test\nRequires=basic.target\nAfter=basic.target\n"
	if err := os.WriteFile(filepath.Join(units, "intake-test.target"), []byte(target), 0o644); err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(tmp, "container")
	if err := os.MkdirAll(root, 0o755); err != nil {
		t.Fatal(err)
	}
	boot := fmt.Sprintf(`set -e
mount --make-rprivate /
mount -t tmpfs tmpfs %[1]s
mkdir %[1]s/upper %[1]s/work %[1]s/root
mount -t overlay overlay -o lowerdir=/,upperdir=%[1]s/upper,workdir=%[1]s/work %[1]s/root
exec systemd-nspawn --quiet --register=no --keep-unit --link-journal=no -D %[1]s/root \
	--bind=%[2]s:%[2]s --bind=%[3]s:/etc/systemd/system --boot -- systemd.unit=intake-test.target
`, root, tree, units)
	before := cgroupDirs()
	c.nspawn = exec.Command("unshare", "--mount", "sh", "-c", boot)
	c.nspawn.Stdout, c.nspawn.Stderr = &c.out, &c.out
	c.nspawn.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := c.nspawn.Start(); err != nil {
		skipOrFail(t, "starting systemd-nspawn: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- c.nspawn.Wait() }()
	t.Cleanup(func() {
		if c.pid > 0 {
			c.run("/", "systemctl poweroff", nil)
		}
		select {
		case <-exited:
		case <-time.After(30 * time.Second):
			if c.pid > 0 {
				syscall.Kill(c.pid, syscall.SIGKILL) // ends every process of the container
			}
			syscall.Kill(-c.nspawn.Process.Pid, syscall.SIGKILL)
			<-exited
		}
		// nspawn leaves its cgroups ("payload", "supervisor") behind on a
		// machine whose own init is not systemd: remove the empty ones it
		// made.
		for d := range cgroupDirs() {
			if !before[d] {
				removeEmptyCgroup(d)
			}
		}
	})
	deadline := time.Now().Add(60 * time.Second)
	for c.pid == 0 && time.Now().Before(deadline) {
		select {
		case err := <-exited:
			t.Fatalf("systemd-nspawn exited: %v\n%s", err, c.out.String())
		case <-time.After(100 * time.Millisecond):
		}
		c.pid = containerInit(c.nspawn.Process.Pid)
	}
	if c.pid == 0 {
		t.Fatalf("the container's systemd did not appear in 60s:\n%s", c.out.String())
	}
	state := ""
	for time.Now().Before(deadline) {
		out, _ := c.run("/", "test -S /run/systemd/private && systemctl is-system-running || true", nil)
		if state = strings.TrimSpace(out); state == "running" || state == "degraded" {
			return c
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("the container's systemd is %q, not running, after 60s:\n%s", state, c.out.String())
	return nil
}

// removeEmptyCgroup removes a cgroup and its children, deepest first, if
// no process is in them.
func removeEmptyCgroup(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.IsDir() {
			removeEmptyCgroup(filepath.Join(dir, e.Name()))
		}
	}
	if b, err := os.ReadFile(filepath.Join(dir, "cgroup.procs")); err == nil && len(bytes.TrimSpace(b)) == 0 {
		os.Remove(dir)
	}
}

// containerInit returns the PID of the systemd that is PID 1 in its own
// namespace and descends from ancestor, or 0.
func containerInit(ancestor int) int {
	procs, _ := filepath.Glob("/proc/[0-9]*/status")
	for _, p := range procs {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		var nspid []string
		ppid := 0
		for _, l := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(l, "NSpid:"); ok {
				nspid = strings.Fields(v)
			}
			if v, ok := strings.CutPrefix(l, "PPid:"); ok {
				ppid, _ = strconv.Atoi(strings.TrimSpace(v))
			}
		}
		if len(nspid) != 2 || nspid[1] != "1" {
			continue
		}
		pid, _ := strconv.Atoi(nspid[0])
		if comm, _ := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid)); strings.TrimSpace(string(comm)) != "systemd" {
			continue // not yet systemd: nspawn's child before it execs
		}
		for a := ppid; a > 1; a = parentOf(a) {
			if a == ancestor {
				return pid
			}
		}
	}
	return 0
}

func parentOf(pid int) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "PPid:"); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(v))
			return n
		}
	}
	return 0
}

func (c *container) run(dir, script string, stdin []byte, extraEnv ...string) (string, error) {
	// -r -w: the container's root and working directory; then into dir.
	cmd := exec.Command("nsenter", "-t", strconv.Itoa(c.pid), "-a", "-r", "-w", "--", "sh", "-eu", "-c", "cd "+dir+"\n"+script)
	cmd.Env = append([]string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root", "LANG=C.UTF-8"}, extraEnv...)
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func (c *container) journal() string {
	out, _ := c.run("/", "journalctl --no-pager -n 80 -u intake -u intake-maintenance -u 'intake-run-*'", nil)
	return out
}

func (c *container) active(unit string) bool {
	_, err := c.run("/", "systemctl is-active --quiet "+unit, nil)
	return err == nil
}

func (c *container) serviceUserReads(path string) bool {
	_, err := c.run("/", "systemd-run --quiet --pipe --wait --collect -p DynamicUser=yes -p User=intake /bin/cat "+path+" >/dev/null", nil)
	return err == nil
}

// TestInstallUnderSystemd runs the guide's steps as TestInstallAsDocumented
// does, but under the real systemd: a container booted with
// systemd-nspawn (Debian's systemd-container package) on a throw-away
// overlay of this machine, so that the units, LoadCredential=,
// EnvironmentFile=, DynamicUser= and intake-run's systemd-run are
// systemd's own, not a stand-in's.
func TestInstallUnderSystemd(t *testing.T) {
	t.Parallel()
	needRoot(t, "unshare", "nsenter", "systemd-nspawn", "sha256sum", "stat", "dpkg")
	if testing.Short() {
		t.Skip("boots a container: not in -short")
	}
	if _, err := os.Stat("/lib/systemd/systemd"); err != nil {
		skipOrFail(t, "no systemd to boot: %v", err)
	}
	tmp := t.TempDir()
	tree, blocks, version := guideTree(t, tmp)
	start := time.Now()
	c := bootContainer(t, tmp, tree)
	out, _ := c.run("/", "systemctl --version | head -1", nil)
	t.Logf("booted a container with the real %s in %v (systemd-nspawn on an overlay of this machine's root)", strings.TrimSpace(out), time.Since(start).Round(time.Millisecond))
	runGuide(t, &installRun{t: t, m: c, tree: tree, blocks: blocks}, version)
}
