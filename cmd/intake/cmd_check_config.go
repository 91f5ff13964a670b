package main

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/textproto"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/ingest"
)

// checkConfigCommand is `intake check-config`.
func checkConfigCommand() command {
	return command{
		Name:    "check-config",
		Summary: "validate the configuration; with --connect, log in to IMAP and greet SMTP",
		Usage: usageText(
			"Usage: intake check-config [--connect] [--config FILE]",
			"",
			"Reads and validates the configuration, printing every problem with the",
			"setting it concerns, then a summary. With --connect it also logs in to",
			"the IMAP server and reports its capabilities (IDLE, MOVE, UIDPLUS), and",
			"greets the SMTP server (EHLO only: no login, no mail). Exits 1 if",
			"anything is wrong.",
			"",
			"Example:",
			"  INTAKE_IMAP_PASSWORD=... intake check-config --config intake.toml --connect",
		),
		Run: runCheckConfig,
	}
}

func runCheckConfig(ctx context.Context, env *Env, args []string) int {
	var configPath string
	fs := newFlags(env, "check-config", &configPath)
	connect := fs.Bool("connect", false, "also log in to IMAP and greet SMTP")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if configPath == "" && env.Getenv != nil {
		configPath = env.Getenv("INTAKE_CONFIG")
	}
	cfg, err := env.LoadConfig(configPath)
	if err != nil {
		fmt.Fprintln(env.Stderr, "intake check-config:", err)
		return 1
	}
	w := env.Stdout
	fmt.Fprintf(w, "configuration %s: valid\n", displayPath(configPath))
	fmt.Fprintf(w, "  store:  %s", cfg.Store.Path)
	if _, err := os.Stat(cfg.Store.Path); errors.Is(err, os.ErrNotExist) {
		fmt.Fprint(w, " (not there yet: `intake serve` creates it)")
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "  cases:  references like %s-%d-0042 (found in mail by %s); areas %s\n",
		cfg.Partnership.CaseRefPrefix, env.Clock.Now().Year(), cfg.caseRefPattern(), strings.Join(cfg.Partnership.Areas, ", "))
	im := cfg.IMAP
	if !im.Enabled() {
		fmt.Fprintln(w, "  imap:   off (imap.host is empty)")
	} else {
		fmt.Fprintf(w, "  imap:   %s:%d (%s), user %s, auth %s\n", im.Host, im.EffectivePort(), im.TLS, im.Username, im.Auth)
		fmt.Fprintf(w, "          folders %s; action %s", strings.Join(im.Folders, ", "), im.Action)
		switch im.Action {
		case "move":
			fmt.Fprintf(w, " (to %s; oversize to %s)", im.ProcessedFolder, im.QuarantineFolder)
		case "flag":
			fmt.Fprintf(w, " (keyword %s)", im.FlagKeyword)
		}
		fmt.Fprintf(w, "\n          max message %d bytes; idle %v; poll every %v\n", im.MaxMessageSize, im.IDLE, im.PollInterval.Duration)
	}
	if !*connect {
		return 0
	}
	failed := false
	if im.Enabled() {
		if err := checkIMAP(ctx, w, cfg, env); err != nil {
			fmt.Fprintln(env.Stderr, "intake check-config: imap:", err)
			failed = true
		}
	}
	if err := checkSMTP(ctx, w, cfg.SMTP); err != nil {
		fmt.Fprintln(env.Stderr, "intake check-config: smtp:", err)
		failed = true
	}
	if failed {
		return 1
	}
	return 0
}

// checkIMAP logs in with the configured credentials and prints the
// capabilities intake cares about.
func checkIMAP(ctx context.Context, w io.Writer, cfg *Config, env *Env) error {
	icfg, err := ingestConfig(cfg.IMAP, env.Getenv)
	if err != nil {
		return err
	}
	in := ingest.New(icfg, nil, intake.SystemClock{}, env.Logger)
	defer in.Close()
	idle, move, uidplus, all, err := in.Capabilities(ctx)
	if err != nil {
		return err
	}
	sort.Strings(all)
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	fmt.Fprintf(w, "imap: logged in to %s as %s\n", icfg.Addr, icfg.Username)
	fmt.Fprintf(w, "  IDLE %s, MOVE %s, UIDPLUS %s\n", yes(idle), yes(move), yes(uidplus))
	fmt.Fprintf(w, "  capabilities: %s\n", strings.Join(all, " "))
	if !move && !uidplus && cfg.IMAP.Action == "move" {
		fmt.Fprintf(w, "  note: the server cannot move; messages will be flagged %s instead\n", cfg.IMAP.FlagKeyword)
	}
	if !idle && cfg.IMAP.IDLE {
		fmt.Fprintf(w, "  note: no IDLE; polling every %v\n", cfg.IMAP.PollInterval.Duration)
	}
	return nil
}

// checkSMTP greets the SMTP server (EHLO, no login, no mail) and prints
// its banner and extensions.
func checkSMTP(ctx context.Context, w io.Writer, c SMTPConfig) error {
	if !c.Enabled() {
		fmt.Fprintln(w, "smtp: off (smtp.host is empty)")
		return nil
	}
	var tcfg *tls.Config
	if c.TLS == "implicit" {
		var err error
		if tcfg, err = c.tlsConfig(); err != nil {
			return err
		}
		if tcfg.ServerName == "" {
			tcfg.ServerName = c.Host
		}
	}
	timeout := c.Timeout.Duration
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	addr := net.JoinHostPort(c.Host, strconv.Itoa(c.EffectivePort()))
	banner, exts, err := greetSMTP(ctx, addr, tcfg, timeout)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "smtp: %s greets %q\n", addr, banner)
	fmt.Fprintf(w, "  extensions: %s\n", strings.Join(exts, ", "))
	if c.TLS == "starttls" && !hasExt(exts, "STARTTLS") {
		return fmt.Errorf("%s does not offer STARTTLS, which smtp.tls = \"starttls\" requires", addr)
	}
	return nil
}

// hasExt reports whether the EHLO extension lines exts offer name. A
// blank line (some servers send one) offers nothing.
func hasExt(exts []string, name string) bool {
	for _, e := range exts {
		if f := strings.Fields(e); len(f) > 0 && strings.EqualFold(f[0], name) {
			return true
		}
	}
	return false
}

// greetSMTP connects to addr (through TLS when tcfg is set), reads the banner, sends EHLO and QUIT, and
// returns the banner and the EHLO extensions. It sends no mail.
func greetSMTP(ctx context.Context, addr string, tcfg *tls.Config, timeout time.Duration) (banner string, exts []string, err error) {
	d := net.Dialer{Timeout: timeout}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return "", nil, fmt.Errorf("connecting to %s: %w", addr, err)
	}
	if tcfg != nil {
		conn = tls.Client(conn, tcfg)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(timeout))
	tp := textproto.NewConn(struct {
		io.Reader
		io.WriteCloser
	}{bufio.NewReader(conn), conn})
	_, banner, err = tp.ReadResponse(220)
	if err != nil {
		return "", nil, fmt.Errorf("reading greeting of %s: %w", addr, err)
	}
	id, err := tp.Cmd("EHLO intake.invalid")
	if err != nil {
		return banner, nil, err
	}
	tp.StartResponse(id)
	_, msg, err := tp.ReadResponse(250)
	tp.EndResponse(id)
	if err != nil {
		return banner, nil, fmt.Errorf("EHLO to %s: %w", addr, err)
	}
	lines := strings.Split(msg, "\n")
	if len(lines) > 1 {
		exts = lines[1:]
	}
	tp.Cmd("QUIT")
	return banner, exts, nil
}
