package deploy

import (
	"bufio"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// The stand-in for systemd. When this test binary is run under the name
// "systemctl" or "systemd-run" (a symlink in a directory put first on
// PATH), TestMain hands it to fakeMain instead of running tests. It reads
// the installed unit files (or systemd-run's --property flags) and runs
// their commands the way systemd would for what this package tests:
//
//   - DynamicUser=yes with User=NAME: an unprivileged UID (and GID) in
//     systemd's dynamic range, derived from NAME, the same at every start,
//     with no supplementary groups;
//   - StateDirectory=: /var/lib/private/NAME owned by that UID, and the
//     /var/lib/NAME symlink; like systemd, the tree is re-owned only when
//     the directory's own owner is wrong;
//   - LoadCredential=ID:PATH: PATH read as root and copied to
//     /run/credentials/UNIT/ID, readable by the UID alone; a missing file
//     fails the start;
//   - Environment= (with the %d, %n and %% specifiers), EnvironmentFile=
//     (a leading "-": optional) and systemd-run's --setenv;
//   - ExecStartPre=, ExecStart= (with ${VAR} expansion), UMask= and
//     WorkingDirectory=; a Type=simple (or exec) unit runs in the
//     background until `systemctl stop`, a Type=oneshot unit runs to the
//     end, and systemd-run --wait waits for its command and returns its
//     exit status.
//
// The sandboxing directives (ProtectSystem= and the rest) are not
// simulated; nor is the private mount that lets the dynamic user reach
// /var/lib/private/NAME: the stand-in makes /var/lib/private 0711 instead.
// Its state (what runs, with which PID) and each unit's output live in
// $FAKE_SYSTEMD_STATE.

// fakeStateEnv names the environment variable holding the stand-in's
// state directory.
const fakeStateEnv = "FAKE_SYSTEMD_STATE"

// fakeMain runs the stand-in named name and returns its exit status.
func fakeMain(name string, args []string) int {
	state := os.Getenv(fakeStateEnv)
	if state == "" {
		fmt.Fprintf(os.Stderr, "%s (test stand-in): $%s is not set\n", name, fakeStateEnv)
		return 1
	}
	var err error
	code := 0
	switch name {
	case "systemctl":
		err = fakeSystemctl(state, args)
	case "systemd-run":
		code, err = fakeSystemdRun(state, args)
	default:
		err = fmt.Errorf("unknown stand-in %q", name)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s (test stand-in): %v\n", name, err)
		return 1
	}
	return code
}

// unitDir is where the guide installs unit files.
const unitDir = "/etc/systemd/system"

// fakeSystemctl does what the guide asks of systemctl.
func fakeSystemctl(state string, args []string) error {
	if len(args) == 0 {
		return errors.New("no command")
	}
	cmd, rest := args[0], args[1:]
	now := false
	var units []string
	for _, a := range rest {
		switch {
		case a == "--now":
			now = true
		case strings.HasPrefix(a, "-"):
			return fmt.Errorf("option %s not simulated", a)
		default:
			if !strings.Contains(a, ".") {
				a += ".service"
			}
			units = append(units, a)
		}
	}
	switch cmd {
	case "daemon-reload":
		return verifyUnits()
	case "enable":
		for _, u := range units {
			if _, err := loadUnit(filepath.Join(unitDir, u)); err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(state, u+".enabled"), nil, 0o644); err != nil {
				return err
			}
		}
		if now {
			return startUnits(state, units)
		}
		return nil
	case "start":
		return startUnits(state, units)
	case "stop":
		return stopUnits(state, units)
	case "restart":
		if err := stopUnits(state, units); err != nil {
			return err
		}
		return startUnits(state, units)
	}
	return fmt.Errorf("command %q not simulated", cmd)
}

// verifyUnits runs `systemd-analyze verify` over every installed intake
// unit, as `systemctl daemon-reload` would load them, and fails on any
// warning.
func verifyUnits() error {
	files, _ := filepath.Glob(filepath.Join(unitDir, "intake*"))
	if len(files) == 0 {
		return errors.New("daemon-reload: no intake units in " + unitDir)
	}
	out, err := exec.Command("systemd-analyze", append([]string{"verify"}, files...)...).CombinedOutput()
	if err != nil || len(strings.TrimSpace(string(out))) > 0 {
		return fmt.Errorf("systemd-analyze verify %s: %v\n%s", strings.Join(files, " "), err, out)
	}
	return nil
}

func startUnits(state string, units []string) error {
	for _, u := range units {
		if strings.HasSuffix(u, ".timer") {
			if _, err := loadUnit(filepath.Join(unitDir, u)); err != nil {
				return err
			}
			continue // a timer fires later; the guide starts its service by hand
		}
		if pid := runningPID(state, u); pid > 0 {
			continue
		}
		uf, err := loadUnit(filepath.Join(unitDir, u))
		if err != nil {
			return err
		}
		svc, err := newService(u, uf.section("Service"), true)
		if err != nil {
			return fmt.Errorf("%s: %w", u, err)
		}
		if err := svc.start(state); err != nil {
			return fmt.Errorf("job for %s failed: %w", u, err)
		}
	}
	return nil
}

func stopUnits(state string, units []string) error {
	for _, u := range units {
		pid := runningPID(state, u)
		if pid <= 0 {
			continue
		}
		syscall.Kill(pid, syscall.SIGTERM)
		deadline := time.Now().Add(60 * time.Second)
		for processAlive(pid) && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		if processAlive(pid) {
			syscall.Kill(pid, syscall.SIGKILL)
		}
		os.Remove(filepath.Join(state, u+".pid"))
	}
	return nil
}

// runningPID returns the PID of the unit's running main process, or 0.
func runningPID(state, unit string) int {
	b, err := os.ReadFile(filepath.Join(state, unit+".pid"))
	if err != nil {
		return 0
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	if pid <= 0 || !processAlive(pid) {
		return 0
	}
	return pid
}

// processAlive reports whether pid runs and is not a zombie.
func processAlive(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	s := string(b)
	if i := strings.LastIndexByte(s, ')'); i >= 0 && i+2 < len(s) {
		return s[i+2] != 'Z'
	}
	return true
}

// fakeSystemdRun runs a transient service the way `systemd-run --wait
// --pipe` does, and returns the command's exit status.
func fakeSystemdRun(state string, args []string) (int, error) {
	var props []string
	var setenv []string
	unit := fmt.Sprintf("run-u%d.service", os.Getpid())
	i := 0
	for ; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") {
			break
		}
		key, val, hasVal := strings.Cut(a, "=")
		next := func() string {
			if hasVal {
				return val
			}
			i++
			if i < len(args) {
				return args[i]
			}
			return ""
		}
		switch key {
		case "--quiet", "-q", "--pipe", "-P", "--wait", "--collect", "-G":
		case "--service-type":
			props = append(props, "Type="+next())
		case "--unit", "-u":
			unit = next()
			if !strings.Contains(unit, ".") {
				unit += ".service"
			}
		case "--property", "-p":
			props = append(props, next())
		case "--setenv", "-E":
			setenv = append(setenv, next())
		case "--uid", "--gid", "--scope", "--user", "--remain-after-exit", "-r", "--on-calendar":
			return 1, fmt.Errorf("option %s not simulated", key)
		default:
			return 1, fmt.Errorf("unknown option %s", key)
		}
	}
	argv := args[i:]
	if len(argv) == 0 {
		return 1, errors.New("no command")
	}
	sec := unitSection{}
	for _, p := range props {
		k, v, ok := strings.Cut(p, "=")
		if !ok {
			return 1, fmt.Errorf("bad property %q", p)
		}
		sec.add(k, v)
	}
	svc, err := newService(unit, sec, false)
	if err != nil {
		return 1, err
	}
	svc.setenv = setenv
	return svc.runPiped(state, argv)
}

// unitFile is a parsed unit file: its sections' assignments in order.
type unitFile map[string]unitSection

// unitSection holds one section's values per key, in order; an empty
// assignment resets a list, as in systemd.
type unitSection map[string][]string

func (s unitSection) add(k, v string) {
	if v == "" {
		s[k] = nil
		return
	}
	s[k] = append(s[k], v)
}

// last returns the last value of k, or def.
func (s unitSection) last(k, def string) string {
	if v := s[k]; len(v) > 0 {
		return v[len(v)-1]
	}
	return def
}

func (u unitFile) section(name string) unitSection {
	if s, ok := u[name]; ok {
		return s
	}
	return unitSection{}
}

// loadUnit parses a unit file: [Section] headers, Key=Value lines,
// comments and backslash continuations.
func loadUnit(path string) (unitFile, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("unit %s not found: %w", filepath.Base(path), err)
	}
	u := unitFile{}
	sec := ""
	lines := strings.Split(string(b), "\n")
	for n := 0; n < len(lines); n++ {
		line := strings.TrimSpace(lines[n])
		for strings.HasSuffix(line, `\`) && n+1 < len(lines) {
			n++
			line = strings.TrimSuffix(line, `\`) + " " + strings.TrimSpace(lines[n])
		}
		switch {
		case line == "" || line[0] == '#' || line[0] == ';':
		case line[0] == '[' && line[len(line)-1] == ']':
			sec = line[1 : len(line)-1]
			if u[sec] == nil {
				u[sec] = unitSection{}
			}
		default:
			k, v, ok := strings.Cut(line, "=")
			if !ok || sec == "" {
				return nil, fmt.Errorf("%s:%d: not an assignment: %q", path, n+1, line)
			}
			u[sec].add(strings.TrimSpace(k), strings.TrimSpace(v))
		}
	}
	return u, nil
}

// service is one unit's (or transient unit's) execution settings.
type service struct {
	name       string
	user       string
	typ        string
	uid, gid   int
	stateDirs  []string
	stateMode  os.FileMode
	umask      int
	workDir    string
	creds      [][2]string // ID, path
	env        []string    // Environment= assignments, specifiers expanded
	envFiles   []string
	setenv     []string // systemd-run --setenv
	execPre    []string
	exec       []string
	specifiers bool // unit files expand specifiers; systemd-run's argv does not
}

// simulated lists the [Service] settings the stand-in acts on; every
// other one is sandboxing it leaves out (see the package comment).
var simulated = map[string]bool{
	"Type": true, "DynamicUser": true, "User": true, "StateDirectory": true, "StateDirectoryMode": true,
	"UMask": true, "WorkingDirectory": true, "LoadCredential": true, "Environment": true,
	"EnvironmentFile": true, "ExecStartPre": true, "ExecStart": true,
}

func newService(name string, sec unitSection, specifiers bool) (*service, error) {
	s := &service{name: name, typ: sec.last("Type", "simple"), stateMode: 0o755, umask: 0o022, specifiers: specifiers}
	for k := range sec {
		if strings.HasPrefix(k, "Exec") && !simulated[k] {
			return nil, fmt.Errorf("%s= not simulated", k)
		}
	}
	expand := func(v string) (string, error) {
		if !specifiers {
			return v, nil
		}
		return s.expandSpecifiers(v)
	}
	if sec.last("DynamicUser", "no") == "yes" {
		user := sec.last("User", "")
		if user == "" {
			user = strings.TrimSuffix(name, filepath.Ext(name))
		}
		s.user = user
		s.uid = dynamicUID(user)
		s.gid = s.uid
	} else if sec.last("User", "") != "" {
		return nil, errors.New("a static User= is not simulated")
	}
	for _, v := range sec["StateDirectory"] {
		s.stateDirs = append(s.stateDirs, strings.Fields(v)...)
	}
	if m := sec.last("StateDirectoryMode", ""); m != "" {
		mode, err := strconv.ParseUint(m, 8, 32)
		if err != nil {
			return nil, fmt.Errorf("StateDirectoryMode=%s: %w", m, err)
		}
		s.stateMode = os.FileMode(mode)
	}
	if m := sec.last("UMask", ""); m != "" {
		mask, err := strconv.ParseUint(m, 8, 32)
		if err != nil {
			return nil, fmt.Errorf("UMask=%s: %w", m, err)
		}
		s.umask = int(mask)
	}
	wd, err := expand(sec.last("WorkingDirectory", "/"))
	if err != nil {
		return nil, err
	}
	s.workDir = wd
	for _, v := range sec["LoadCredential"] {
		v, err := expand(v)
		if err != nil {
			return nil, err
		}
		id, path, ok := strings.Cut(v, ":")
		if !ok || !filepath.IsAbs(path) {
			return nil, fmt.Errorf("LoadCredential=%s: only ID:/absolute/path is simulated", v)
		}
		s.creds = append(s.creds, [2]string{id, path})
	}
	for _, v := range sec["Environment"] {
		v, err := expand(v)
		if err != nil {
			return nil, err
		}
		words, err := splitWords(v)
		if err != nil {
			return nil, fmt.Errorf("Environment=%s: %w", v, err)
		}
		s.env = append(s.env, words...)
	}
	for _, v := range sec["EnvironmentFile"] {
		v, err := expand(v)
		if err != nil {
			return nil, err
		}
		s.envFiles = append(s.envFiles, v)
	}
	for _, v := range sec["ExecStartPre"] {
		v, err := expand(v)
		if err != nil {
			return nil, err
		}
		s.execPre = append(s.execPre, v)
	}
	for _, v := range sec["ExecStart"] {
		v, err := expand(v)
		if err != nil {
			return nil, err
		}
		s.exec = append(s.exec, v)
	}
	return s, nil
}

// dynamicUID is the UID systemd's dynamic range would give user: derived
// from the name, so the same at every start.
func dynamicUID(user string) int {
	h := fnv.New32a()
	h.Write([]byte(user))
	return 61184 + int(h.Sum32()%(65519-61184))
}

// credDir is the unit's credentials directory.
func (s *service) credDir() string { return "/run/credentials/" + s.name }

// expandSpecifiers expands the unit-file specifiers the units may use.
func (s *service) expandSpecifiers(v string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] != '%' {
			b.WriteByte(v[i])
			continue
		}
		if i+1 >= len(v) {
			return "", fmt.Errorf("%q: a lone %% at the end", v)
		}
		i++
		switch v[i] {
		case '%':
			b.WriteByte('%')
		case 'd':
			b.WriteString(s.credDir())
		case 'n':
			b.WriteString(s.name)
		case 'N':
			b.WriteString(strings.TrimSuffix(s.name, filepath.Ext(s.name)))
		default:
			return "", fmt.Errorf("%q: specifier %%%c not simulated", v, v[i])
		}
	}
	return b.String(), nil
}

// prepare does what systemd does before the first command: the state
// directories, the credentials and the environment.
func (s *service) prepare() ([]string, error) {
	if s.uid > 0 && len(s.stateDirs) > 0 {
		if err := os.MkdirAll("/var/lib/private", 0o700); err != nil {
			return nil, err
		}
		// See the package comment: systemd mounts the directory into the
		// service's namespace instead.
		if err := os.Chmod("/var/lib/private", 0o711); err != nil {
			return nil, err
		}
	}
	for _, d := range s.stateDirs {
		if err := s.stateDir(d); err != nil {
			return nil, fmt.Errorf("StateDirectory=%s: %w", d, err)
		}
	}
	env := []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8"}
	if s.uid > 0 {
		env = append(env, "HOME=/", "USER="+s.user, "LOGNAME="+s.user, "SHELL=/usr/sbin/nologin")
	}
	if len(s.stateDirs) > 0 {
		env = append(env, "STATE_DIRECTORY=/var/lib/"+s.stateDirs[0])
	}
	if len(s.creds) > 0 {
		if err := s.loadCredentials(); err != nil {
			return nil, err
		}
		env = append(env, "CREDENTIALS_DIRECTORY="+s.credDir())
	}
	env = append(env, s.env...)
	for _, f := range s.envFiles {
		optional := strings.HasPrefix(f, "-")
		f = strings.TrimPrefix(f, "-")
		vars, err := readEnvFile(f)
		if errors.Is(err, fs.ErrNotExist) && optional {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("EnvironmentFile=%s: %w", f, err)
		}
		env = append(env, vars...)
	}
	return append(env, s.setenv...), nil
}

// stateDir makes /var/lib/private/NAME for a dynamic user (or /var/lib/NAME
// for root) with the unit's mode, and re-owns the tree only when its top
// is not the user's, as systemd does.
func (s *service) stateDir(name string) error {
	if s.uid == 0 {
		return os.MkdirAll("/var/lib/"+name, s.stateMode)
	}
	dir := "/var/lib/private/" + name
	if err := os.MkdirAll(dir, s.stateMode); err != nil {
		return err
	}
	if err := os.Chmod(dir, s.stateMode); err != nil {
		return err
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return err
	}
	if st := fi.Sys().(*syscall.Stat_t); int(st.Uid) != s.uid || int(st.Gid) != s.gid {
		err := filepath.WalkDir(dir, func(p string, _ fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			return os.Lchown(p, s.uid, s.gid)
		})
		if err != nil {
			return err
		}
	}
	link := "/var/lib/" + name
	if target, err := os.Readlink(link); err == nil && target == "private/"+name {
		return nil
	}
	os.Remove(link)
	return os.Symlink("private/"+name, link)
}

// loadCredentials copies each credential, read as root, into the unit's
// credentials directory, readable by the unit's user alone.
func (s *service) loadCredentials() error {
	dir := s.credDir()
	os.RemoveAll(dir)
	if err := os.MkdirAll("/run/credentials", 0o755); err != nil {
		return err
	}
	if err := os.Mkdir(dir, 0o700); err != nil {
		return err
	}
	for _, c := range s.creds {
		b, err := os.ReadFile(c[1])
		if err != nil {
			return fmt.Errorf("failed to set up credentials: LoadCredential=%s:%s: %w", c[0], c[1], err)
		}
		p := filepath.Join(dir, c[0])
		if err := os.WriteFile(p, b, 0o400); err != nil {
			return err
		}
		if err := os.Chown(p, s.uid, s.gid); err != nil {
			return err
		}
	}
	if err := os.Chown(dir, s.uid, s.gid); err != nil {
		return err
	}
	return os.Chmod(dir, 0o500)
}

// command builds one process of the unit; line is an Exec line in unit
// syntax, or nil with argv given.
func (s *service) command(env []string, line string, argv []string) (cmd *exec.Cmd, ignoreFailure bool, err error) {
	if argv == nil {
		if strings.HasPrefix(line, "-") {
			ignoreFailure = true
			line = line[1:]
		}
		if line != "" && strings.ContainsRune("@+!:", rune(line[0])) {
			return nil, false, fmt.Errorf("exec prefix %q not simulated", line[0])
		}
		if argv, err = splitWords(line); err != nil {
			return nil, false, err
		}
	}
	vars := map[string]string{}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		vars[k] = v
	}
	for i, a := range argv {
		argv[i] = expandEnv(a, vars)
	}
	if !filepath.IsAbs(argv[0]) {
		return nil, false, fmt.Errorf("%s: systemd wants an absolute path", argv[0])
	}
	cmd = exec.Command(argv[0], argv[1:]...)
	cmd.Env = env
	cmd.Dir = s.workDir
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if s.uid > 0 {
		cmd.SysProcAttr.Credential = &syscall.Credential{Uid: uint32(s.uid), Gid: uint32(s.gid), Groups: []uint32{}}
	}
	return cmd, ignoreFailure, nil
}

// start starts a unit: its ExecStartPre= and, for oneshot, its ExecStart=
// lines run to the end; a simple service's one ExecStart= runs in the
// background, its PID recorded.
func (s *service) start(state string) error {
	env, err := s.prepare()
	if err != nil {
		return err
	}
	journal, err := os.OpenFile(filepath.Join(state, s.name+".log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer journal.Close()
	fmt.Fprintf(journal, "-- start %s as uid %d\n", s.name, s.uid)
	syscall.Umask(s.umask)
	run := func(line string) error {
		cmd, ignore, err := s.command(env, line, nil)
		if err != nil {
			return err
		}
		cmd.Stdout, cmd.Stderr = journal, journal
		if err := cmd.Run(); err != nil && !ignore {
			return fmt.Errorf("%s: %w (see %s)", line, err, journal.Name())
		}
		return nil
	}
	for _, l := range s.execPre {
		if err := run(l); err != nil {
			return err
		}
	}
	switch s.typ {
	case "oneshot":
		for _, l := range s.exec {
			if err := run(l); err != nil {
				return err
			}
		}
		return nil
	case "simple", "exec":
		if len(s.exec) != 1 {
			return fmt.Errorf("type=%s needs exactly one ExecStart=, not %d", s.typ, len(s.exec))
		}
		cmd, _, err := s.command(env, s.exec[0], nil)
		if err != nil {
			return err
		}
		cmd.Stdout, cmd.Stderr = journal, journal
		if err := cmd.Start(); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(state, s.name+".pid"), []byte(strconv.Itoa(cmd.Process.Pid)), 0o644)
	}
	return fmt.Errorf("type=%s not simulated", s.typ)
}

// runPiped runs argv as the transient unit with this process's standard
// input and output, and returns its exit status.
func (s *service) runPiped(state string, argv []string) (int, error) {
	env, err := s.prepare()
	if err != nil {
		return 1, err
	}
	defer os.RemoveAll(s.credDir())
	syscall.Umask(s.umask)
	cmd, _, err := s.command(env, "", append([]string(nil), argv...))
	if err != nil {
		return 1, err
	}
	cmd.SysProcAttr.Setsid = false
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err = cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode(), nil
	}
	if err != nil {
		return 1, err
	}
	return 0, nil
}

// splitWords splits a command line or an Environment= value the way
// systemd does for the cases the units use: whitespace separates words,
// single quotes keep everything, double quotes and bare words take
// backslash escapes.
func splitWords(s string) ([]string, error) {
	var words []string
	var w strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("unterminated quote in %q", s)
			}
			w.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == '"':
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) {
					i++
				}
				w.WriteByte(s[i])
			}
			if i >= len(s) {
				return nil, fmt.Errorf("unterminated quote in %q", s)
			}
			inWord = true
		case c == '\\' && i+1 < len(s):
			i++
			w.WriteByte(s[i])
			inWord = true
		default:
			w.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words, nil
}

// expandEnv replaces ${NAME}, and $NAME where it is a whole word, with
// the variable's value ("" when unset), as systemd does in Exec lines;
// "$$" is a "$".
func expandEnv(s string, vars map[string]string) string {
	if strings.HasPrefix(s, "$") && !strings.HasPrefix(s, "${") && isName(s[1:]) {
		return vars[s[1:]]
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case strings.HasPrefix(s[i:], "$$"):
			b.WriteByte('$')
			i++
		case strings.HasPrefix(s[i:], "${"):
			j := strings.IndexByte(s[i:], '}')
			if j < 0 {
				b.WriteString(s[i:])
				return b.String()
			}
			b.WriteString(vars[s[i+2:i+j]])
			i += j
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func isName(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		if !(c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// readEnvFile reads an EnvironmentFile= the way systemd does: KEY=VALUE
// lines, "#" and ";" comments, single quotes taken literally, double
// quotes and bare values with backslash escapes, trailing blanks of a bare
// value dropped.
func readEnvFile(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var vars []string
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimLeft(sc.Text(), " \t")
		if line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		k = strings.TrimSpace(k)
		if !ok || !isName(k) {
			return nil, fmt.Errorf("%s:%d: not KEY=VALUE", path, n)
		}
		v = strings.TrimLeft(v, " \t")
		var b strings.Builder
		for i := 0; i < len(v); i++ {
			switch c := v[i]; {
			case c == '\'':
				j := strings.IndexByte(v[i+1:], '\'')
				if j < 0 {
					return nil, fmt.Errorf("%s:%d: unterminated quote", path, n)
				}
				b.WriteString(v[i+1 : i+1+j])
				i += j + 1
			case c == '"':
				i++
				for ; i < len(v) && v[i] != '"'; i++ {
					if v[i] == '\\' && i+1 < len(v) && strings.IndexByte("\"\\`$", v[i+1]) >= 0 {
						i++
					}
					b.WriteByte(v[i])
				}
				if i >= len(v) {
					return nil, fmt.Errorf("%s:%d: unterminated quote", path, n)
				}
			case c == '\\' && i+1 < len(v):
				i++
				b.WriteByte(v[i])
			default:
				b.WriteByte(c)
			}
		}
		val := b.String()
		if !strings.ContainsAny(v, `'"`) {
			val = strings.TrimRight(val, " \t")
		}
		vars = append(vars, k+"="+val)
	}
	return vars, sc.Err()
}

// fakeJournal returns every unit's output collected so far, for a
// failure message.
func fakeJournal(state string) string {
	files, _ := filepath.Glob(filepath.Join(state, "*.log"))
	sort.Strings(files)
	var b strings.Builder
	for _, f := range files {
		data, _ := os.ReadFile(f)
		fmt.Fprintf(&b, "== %s\n%s", filepath.Base(f), data)
	}
	return b.String()
}
