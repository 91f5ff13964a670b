package deploy

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestMain(m *testing.M) {
	// Run as systemctl or systemd-run: be the stand-in for systemd.
	if name := filepath.Base(os.Args[0]); name == "systemctl" || name == "systemd-run" {
		os.Exit(fakeMain(name, os.Args[1:]))
	}
	os.Exit(m.Run())
}

// skipOrFail skips the test, or fails it under `make test`
// (INTAKE_REQUIRE_REAL=1), where everything it needs must be there.
func skipOrFail(t *testing.T, format string, args ...any) {
	t.Helper()
	if os.Getenv("INTAKE_REQUIRE_REAL") == "1" {
		t.Fatalf("INTAKE_REQUIRE_REAL=1: "+format, args...)
	}
	t.Skipf(format, args...)
}

// moduleRoot is the repository, one level up from this package.
func moduleRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// guideBlocks returns the shell blocks of docs/operations.md marked
// "<!-- deploy-test: NAME -->", by name.
func guideBlocks(t *testing.T, guide string) map[string]string {
	t.Helper()
	re := regexp.MustCompile("(?s)<!-- deploy-test: ([a-z-]+) -->\n```sh\n(.*?)```")
	blocks := map[string]string{}
	for _, m := range re.FindAllStringSubmatch(guide, -1) {
		if _, dup := blocks[m[1]]; dup {
			t.Fatalf("docs/operations.md marks two blocks %q", m[1])
		}
		blocks[m[1]] = m[2]
	}
	return blocks
}

// namespace is a private mount namespace in which /etc, /usr/local,
// /var/lib, /run and /root are overlays over the machine's own, so that
// the guide's commands can run as root, as written, and leave nothing
// behind.
type namespace struct {
	pid    int
	holder *exec.Cmd
	env    []string
	state  string // the systemd stand-in's state
}

// machine is where the guide's steps run: a temporary root with systemd
// stood in for (namespace), or a container booted with the real systemd
// (container, in systemd_test.go).
type machine interface {
	// run runs a shell script as root in dir and returns its output.
	run(dir, script string, stdin []byte, extraEnv ...string) (string, error)
	// journal returns what the units have logged, for failure messages.
	journal() string
	// active reports whether unit runs.
	active(unit string) bool
	// serviceUserReads reports whether a process of intake.service's
	// user, with no credential, can read path.
	serviceUserReads(path string) bool
}

var overlaid = []string{"etc", "usr/local", "var/lib", "run", "root"}

func newNamespace(t *testing.T, dir string, env []string) *namespace {
	t.Helper()
	var setup strings.Builder
	setup.WriteString("set -e\nmount --make-rprivate /\n")
	for _, d := range overlaid {
		up := filepath.Join(dir, "overlay", strings.ReplaceAll(d, "/", "-"))
		fmt.Fprintf(&setup, "mkdir -p %s/upper %s/work\nmount -t overlay overlay -o lowerdir=/%s,upperdir=%s/upper,workdir=%s/work /%s\n", up, up, d, up, up, d)
	}
	setup.WriteString("echo ready\nexec sleep 3600\n")
	holder := exec.Command("unshare", "--mount", "--propagation", "private", "sh", "-c", setup.String())
	out, err := holder.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	holder.Stderr = &stderr
	if err := holder.Start(); err != nil {
		skipOrFail(t, "cannot make a mount namespace (unshare): %v", err)
	}
	ready := make(chan bool, 1)
	go func() {
		line, _ := bufio.NewReader(out).ReadString('\n')
		ready <- strings.TrimSpace(line) == "ready"
	}()
	select {
	case ok := <-ready:
		if !ok {
			holder.Wait()
			skipOrFail(t, "cannot set up the overlays of the temporary root: %s", stderr.String())
		}
	case <-time.After(20 * time.Second):
		holder.Process.Kill()
		t.Fatal("the mount namespace did not come up in 20s")
	}
	ns := &namespace{pid: holder.Process.Pid, holder: holder, env: env}
	t.Cleanup(func() {
		holder.Process.Kill()
		holder.Wait()
	})
	return ns
}

// run runs a shell script as root inside the namespace, in dir, and
// returns its output.
func (ns *namespace) run(dir, script string, stdin []byte, extraEnv ...string) (string, error) {
	cmd := exec.Command("nsenter", "-t", strconv.Itoa(ns.pid), "-m", "--wd="+dir, "--", "sh", "-eu", "-c", script)
	cmd.Dir = dir
	cmd.Env = append(append([]string(nil), ns.env...), extraEnv...)
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func (ns *namespace) journal() string { return fakeJournal(ns.state) }

func (ns *namespace) active(unit string) bool { return runningPID(ns.state, unit) != 0 }

func (ns *namespace) serviceUserReads(path string) bool {
	uid := dynamicUID("intake")
	_, err := ns.run("/", fmt.Sprintf("setpriv --reuid=%d --regid=%d --clear-groups cat %s >/dev/null", uid, uid, path), nil)
	return err == nil
}

// installRun is one run of the guide's install, start, backup, restore
// and upgrade steps.
type installRun struct {
	t      *testing.T
	m      machine
	tree   string // the directory the guide's commands run in
	blocks map[string]string
}

// must runs a script in the namespace and fails the test if it fails.
func (r *installRun) must(what, dir, script string, stdin []byte, extraEnv ...string) string {
	r.t.Helper()
	out, err := r.m.run(dir, script, stdin, extraEnv...)
	if err != nil {
		r.t.Fatalf("%s: %v\n%s\n--- units' output:\n%s", what, err, out, r.m.journal())
	}
	return out
}

// block runs the guide's block name as written.
func (r *installRun) block(name string, extraEnv ...string) string {
	r.t.Helper()
	script, ok := r.blocks[name]
	if !ok {
		r.t.Fatalf("docs/operations.md has no block marked deploy-test: %s", name)
	}
	start := time.Now()
	out := r.must("the guide's "+name+" step", r.tree, script, nil, extraEnv...)
	r.t.Logf("ran the guide's %q step as written (%v):\n%s", name, time.Since(start).Round(time.Millisecond), indent(script))
	return out
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n    ")
}

// stat returns a file's mode and owner inside the namespace.
func (r *installRun) stat(path string) (mode string, uid int) {
	r.t.Helper()
	out := r.must("stat "+path, "/", "stat -c '%a %u' "+path, nil)
	f := strings.Fields(out)
	if len(f) != 2 {
		r.t.Fatalf("stat %s: %q", path, out)
	}
	uid, _ = strconv.Atoi(f[1])
	return f[0], uid
}

// setTOML sets key in [section] of a TOML file's text to value, where
// the file already has the key (intake.example.toml lists every setting).
func setTOML(t *testing.T, text, section, key, value string) string {
	t.Helper()
	lines := strings.Split(text, "\n")
	in := false
	for i, l := range lines {
		trimmed := strings.TrimSpace(l)
		if strings.HasPrefix(trimmed, "[") {
			in = trimmed == "["+section+"]"
			continue
		}
		if in && strings.HasPrefix(trimmed, key+" =") {
			lines[i] = key + " = " + value
			return strings.Join(lines, "\n")
		}
	}
	t.Fatalf("intake.example.toml has no %s.%s to set", section, key)
	return ""
}

// referralText is an invented referral pasted into an email.
const referralText = `From: Dana Inventa <FROM>
To: Kestmoor Safeguarding Partnership <reviews@kscmp.example>
Subject: Serious incident referral
Date: Mon, 09 Nov 2026 10:00:00 +0000
Message-ID: <MSGID>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Referrer name: Dana Inventa
Role: Hospital social worker
Agency: Kestmoor General Hospital
Email: FROM
Date of referral: 09/11/2026
Child's name: CHILD
Date of birth: 14/02/2012
Home local authority: Kestmoor
Date of incident: 06/11/2026
Where did the incident occur: Kestmoor
Has the child died or been seriously harmed: Seriously harmed
Is abuse or neglect known or suspected: Suspected
Brief summary of the incident: Admitted with injuries that are not explained.
Agencies involved: Kestmoor Police, Kestmoor ICB
Referral agreed by: Named nurse for safeguarding
The child has died or has been seriously harmed: Yes
Abuse or neglect is known or suspected and directly linked to the death or serious harm: Yes
The child is normally resident in the area or the incident occurred in the area: Yes
The case highlights potential learning for the safeguarding system: Yes
I have agreement to refer from my executive representative or senior safeguarding lead: Yes
`

// referralFrom returns the nth referral (1-4), each about a different
// invented child from a different referrer, and its sender.
func referralFrom(n int) (from string, msg []byte) {
	from = fmt.Sprintf("dana.inventa%d@kestmoor-hospital.example", n)
	child := []string{"Alex Sample", "Billie Sample", "Casey Sample", "Drew Sample"}[n-1]
	s := strings.NewReplacer("FROM", from, "MSGID", fmt.Sprintf("install-test-%d@kestmoor-hospital.example", n), "CHILD", child).Replace(referralText)
	return from, []byte(strings.ReplaceAll(s, "\n", "\r\n"))
}

// waitFor polls cond until it holds or d has passed.
func waitFor(d time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if cond() {
			return true
		}
		time.Sleep(50 * time.Millisecond)
	}
	return cond()
}

// guideTree makes the repository as an operator has it: the units, the
// example configuration, the guide, and a release build in dist/. It
// returns the tree, the guide's marked blocks and the build's version.
func guideTree(t *testing.T, tmp string) (tree string, blocks map[string]string, version string) {
	t.Helper()
	root := moduleRoot(t)
	guide, err := os.ReadFile(filepath.Join(root, "docs", "operations.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(guide), "[store]\npath = \"/var/lib/intake/intake.db\"") {
		t.Fatal("the guide no longer sets [store] path to /var/lib/intake/intake.db: change this test's configuration with it")
	}
	if err := os.Chmod(tmp, 0o755); err != nil { // the guide's tree must be reachable by the service's user
		t.Fatal(err)
	}
	tree = filepath.Join(tmp, "intake")
	for _, f := range []string{"deploy/intake.service", "deploy/intake-maintenance.service", "deploy/intake-maintenance.timer",
		"deploy/intake-run", "intake.example.toml", "docs/operations.md"} {
		b, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			t.Fatal(err)
		}
		fi, _ := os.Stat(filepath.Join(root, f))
		if err := os.MkdirAll(filepath.Dir(filepath.Join(tree, f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(tree, f), b, fi.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
	version = "v0.0.0-installtest"
	start := time.Now()
	build := exec.Command(filepath.Join(root, "scripts", "release.sh"))
	build.Env = append(os.Environ(), "DIST="+filepath.Join(tree, "dist"), "PLATFORMS=linux/"+runtime.GOARCH, "VERSION="+version, "COMMIT=0000000000000000000000000000000000000000")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("scripts/release.sh: %v\n%s", err, out)
	}
	t.Logf("built the release binary for linux/%s with scripts/release.sh in %v", runtime.GOARCH, time.Since(start).Round(time.Millisecond))
	return tree, guideBlocks(t, string(guide)), version
}

// needRoot skips (or fails) a test that must run as root with tools.
func needRoot(t *testing.T, tools ...string) {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("the guide is for Linux with systemd")
	}
	if os.Geteuid() != 0 {
		skipOrFail(t, "the install steps run as root (in a private mount namespace); this test runs as uid %d", os.Geteuid())
	}
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			skipOrFail(t, "%s is missing (Debian's util-linux, systemd, systemd-container and coreutils packages)", tool)
		}
	}
}

// TestInstallAsDocumented installs intake as docs/operations.md says, as
// root, in a temporary root with systemd stood in for, and runs it under
// the documented permissions (see runGuide).
func TestInstallAsDocumented(t *testing.T) {
	t.Parallel()
	needRoot(t, "unshare", "nsenter", "systemd-analyze", "sha256sum", "stat", "setpriv", "dpkg")
	if b, err := os.ReadFile("/proc/1/comm"); err == nil && strings.TrimSpace(string(b)) == "systemd" {
		t.Log("systemd is PID 1 here, but this test still stands in for it: it must not install units into the machine's own systemd (TestInstallUnderSystemd boots a container for that)")
	} else {
		t.Log("systemd is not PID 1 here: systemctl and systemd-run are stood in for by this test binary, which runs the installed units' commands as a dynamic user would (see fakesystemd_test.go); the unit files are checked by systemd-analyze verify")
	}
	tmp := t.TempDir()
	tree, blocks, version := guideTree(t, tmp)

	// The stand-in for systemd: this test binary, first on PATH.
	fakebin := filepath.Join(tmp, "fakebin")
	state := filepath.Join(tmp, "systemd-state")
	for _, d := range []string{fakebin, state} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"systemctl", "systemd-run"} {
		if err := os.Symlink(self, filepath.Join(fakebin, name)); err != nil {
			t.Fatal(err)
		}
	}
	ns := newNamespace(t, tmp, []string{
		"PATH=" + fakebin + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
		"HOME=/root", "LANG=C.UTF-8", fakeStateEnv + "=" + state,
	})
	ns.state = state
	t.Cleanup(func() {
		// Stop whatever the steps started, even when the test failed.
		for _, pidfile := range must(filepath.Glob(filepath.Join(state, "*.pid"))) {
			if b, err := os.ReadFile(pidfile); err == nil {
				if pid, _ := strconv.Atoi(strings.TrimSpace(string(b))); pid > 0 {
					syscall.Kill(pid, syscall.SIGKILL)
				}
			}
		}
	})

	runGuide(t, &installRun{t: t, m: ns, tree: tree, blocks: blocks}, version)
}

// runGuide runs the guide's steps on r's machine, as written: install,
// configure, the pre-flight check before the first start, one pass of
// `intake serve --once` as the service, the daemon and the nightly
// maintenance job, a backup, a restore and an upgrade, each followed by
// mail read and answered through loopback IMAP and SMTP servers that
// check the passwords; then a start with no password file at all.
func runGuide(t *testing.T, r *installRun, version string) {
	start := time.Now()
	// The partnership's servers, with passwords that systemd's
	// environment file must carry through untouched.
	const imapPassword, smtpPassword = `pa$$ w0rd "x" \y`, `s3nd $HOME`
	box, out := startServers(t, "reviews", imapPassword, smtpPassword)

	// 1. Install, as written.
	r.block("binary")
	if got := r.block("install"); !strings.Contains(got, "intake "+version) {
		t.Errorf("`intake version` in the install step printed %q, want the release version %s", got, version)
	}
	for path, want := range map[string]string{"/etc/intake/intake.toml": "600", "/etc/intake/intake.env": "600", "/etc/intake": "755"} {
		if mode, uid := r.stat(path); mode != want || uid != 0 {
			t.Errorf("%s: mode %s owner %d, want %s owned by root", path, mode, uid, want)
		}
	}

	// Configure, as the guide says: the database, the mailbox and the
	// sending server in intake.toml; the passwords in intake.env.
	conf := r.must("reading the installed configuration", "/", "cat /etc/intake/intake.toml", nil)
	imapHost, imapPort, _ := strings.Cut(box.Addr(), ":")
	smtpHost, smtpPort, _ := strings.Cut(out.Addr(), ":")
	for _, e := range [][3]string{
		{"store", "path", `"/var/lib/intake/intake.db"`},
		{"imap", "host", strconv.Quote(imapHost)}, {"imap", "port", imapPort}, {"imap", "tls", `"plaintext"`},
		{"imap", "allow_plaintext_loopback", "true"}, {"imap", "username", `"reviews"`},
		{"smtp", "host", strconv.Quote(smtpHost)}, {"smtp", "port", smtpPort}, {"smtp", "tls", `"plaintext"`},
		{"smtp", "allow_plaintext_loopback", "true"}, {"smtp", "username", `"reviews"`},
		{"ops", "listen", `""`},
	} {
		conf = setTOML(t, conf, e[0], e[1], e[2])
	}
	r.must("editing /etc/intake/intake.toml", "/", "cat > /etc/intake/intake.toml", []byte(conf))
	r.must("editing /etc/intake/intake.env", "/", "cat > /etc/intake/intake.env",
		[]byte("INTAKE_IMAP_PASSWORD='"+imapPassword+"'\nINTAKE_SMTP_PASSWORD='"+smtpPassword+"'\n"))

	// The service's user cannot read the configuration on disk: what it
	// reads is the copy systemd hands it.
	if r.m.serviceUserReads("/etc/intake/intake.toml") {
		t.Fatal("the service's user can read /etc/intake/intake.toml itself: it must be root's alone")
	}

	// Before the first start: the pre-flight check, as the service.
	if got := r.block("preflight"); !strings.Contains(got, "imap: logged in to "+box.Addr()+" as reviews") {
		t.Errorf("the pre-flight check did not log in to IMAP:\n%s", got)
	}

	// One pass, as the service: the referral is read and acknowledged.
	from1, msg1 := referralFrom(1)
	deliver(t, box, msg1)
	got := r.must("intake-run serve --once", "/", "intake-run serve --once", nil)
	if len(sentTo(out, from1)) == 0 {
		t.Fatalf("intake-run serve --once sent nothing to the referrer %s:\n%s", from1, got)
	}
	if n, _ := box.Count("INBOX"); n != 0 {
		t.Errorf("after serve --once the INBOX holds %d messages, want 0 (moved to Processed)", n)
	}
	// The service's (dynamic) user owns its state directory.
	_, uid := r.stat("/var/lib/private/intake")
	if uid == 0 {
		t.Fatal("/var/lib/private/intake is root's, not the service's")
	}
	if mode, owner := r.stat("/var/lib/private/intake/intake.db"); owner != uid || mode != "600" {
		t.Errorf("the database is mode %s owned by %d, want 600 owned by the service (%d)", mode, owner, uid)
	}

	// Start the daemon and the nightly job, as written.
	from2, msg2 := referralFrom(2)
	deliver(t, box, msg2)
	r.block("start")
	if !waitFor(20*time.Second, func() bool { return len(sentTo(out, from2)) > 0 }) {
		t.Fatalf("the daemon did not acknowledge the second referral in 20s\n--- units' output:\n%s", r.m.journal())
	}
	nightly := "/var/lib/private/intake/backups/intake-" + time.Now().Format("2006-01-02") + ".db"
	if mode, owner := r.stat(nightly); owner != uid || mode != "600" {
		t.Errorf("the nightly backup %s is mode %s owned by %d, want 600 owned by the service", nightly, mode, owner)
	}

	// Back up, then restore that backup, as written.
	r.block("backup")
	backups := r.must("listing backups", "/", "ls /var/lib/private/intake/backups/", nil)
	manual := ""
	for _, f := range strings.Fields(backups) {
		if strings.HasPrefix(f, "manual-") {
			manual = "/var/lib/private/intake/backups/" + f
		}
	}
	if manual == "" {
		t.Fatalf("the backup step made no manual-*.db: %s", backups)
	}
	if mode, owner := r.stat(manual); owner != uid || mode != "600" {
		t.Errorf("%s is mode %s owned by %d, want 600 owned by the service", manual, mode, owner)
	}
	// The operator brings the backup back from off the machine, as root.
	r.must("bringing the backup back", "/", "cp "+manual+" /root/intake-restore.db", nil)
	r.block("restore", "BACKUP=/root/intake-restore.db")
	if mode, owner := r.stat("/var/lib/private/intake/intake.db"); owner != uid || mode != "600" {
		t.Errorf("after the restore the database is mode %s owned by %d, want 600 owned by the service (%d)", mode, owner, uid)
	}
	from3, msg3 := referralFrom(3)
	deliver(t, box, msg3)
	if !waitFor(20*time.Second, func() bool { return len(sentTo(out, from3)) > 0 }) {
		t.Fatalf("after the restore the daemon did not acknowledge a referral in 20s: can it open its database?\n--- units' output:\n%s", r.m.journal())
	}

	// Upgrade, as written (to the same binary: the steps are what count).
	r.block("upgrade")
	from4, msg4 := referralFrom(4)
	deliver(t, box, msg4)
	if !waitFor(20*time.Second, func() bool { return len(sentTo(out, from4)) > 0 }) {
		t.Fatalf("after the upgrade the daemon did not acknowledge a referral in 20s\n--- units' output:\n%s", r.m.journal())
	}
	cases := r.must("intake-run cases", "/", "intake-run cases", nil)
	if n := strings.Count(cases, "KSCMP-"); n != 4 {
		t.Errorf("intake-run cases lists %d cases, want the 4 referrals (2 restored from the backup, 2 since):\n%s", n, cases)
	}
	r.must("stopping intake", "/", "systemctl stop intake", nil)
	if r.m.active("intake.service") {
		t.Error("intake still runs after systemctl stop")
	}

	// Passwords are optional (auth = "none", XOAUTH2): without
	// intake.env the check runs and the service starts.
	r.must("removing intake.env", "/", "rm /etc/intake/intake.env", nil)
	r.must("intake-run check-config without intake.env", "/", "intake-run check-config", nil)
	r.must("starting intake without intake.env", "/", "systemctl start intake", nil)
	time.Sleep(time.Second)
	if !r.m.active("intake.service") {
		t.Errorf("intake did not start without /etc/intake/intake.env\n--- units' output:\n%s", r.m.journal())
	}
	r.must("stopping intake", "/", "systemctl stop intake", nil)
	t.Logf("installed, checked, ran, backed up, restored and upgraded intake as docs/operations.md says, in %v", time.Since(start).Round(time.Millisecond))
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
