package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/ingest"
	"github.com/kscmp/intake/notify"
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
	if cfg.Ops.Listen == "" {
		fmt.Fprintln(w, "  ops:    off (ops.listen is empty)")
	} else {
		tok, err := cfg.Ops.token(env.Getenv)
		if err != nil {
			fmt.Fprintln(env.Stderr, "intake check-config:", err)
			return 1
		}
		auth := "no token"
		if tok != "" {
			auth = "bearer token required"
		}
		fmt.Fprintf(w, "  ops:    /metrics and /healthz on %s (%s)\n", cfg.Ops.Listen, auth)
		if warn := cfg.Ops.exposure(tok); warn != "" {
			fmt.Fprintf(w, "  warning: %s\n", warn)
		}
	}
	if code := printWebConfig(w, env, cfg); code != 0 {
		return code
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
	folders, names, err := in.CheckFolders(ctx)
	if err != nil {
		return err
	}
	var missing []string
	for _, f := range folders {
		switch {
		case f.Exists:
			fmt.Fprintf(w, "  folder %s (%s): %d message(s)\n", f.Name, f.Role, f.Messages)
		case f.Role == "read":
			fmt.Fprintf(w, "  folder %s (%s): NOT FOUND\n", f.Name, f.Role)
			missing = append(missing, f.Name)
		default:
			fmt.Fprintf(w, "  folder %s (%s): not there yet; intake creates it at the first move\n", f.Name, f.Role)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("no folder %s in the mailbox (imap.folders); its folders are: %s", strings.Join(quoteAll(missing), ", "), strings.Join(quoteAll(names), ", "))
	}
	return nil
}

func quoteAll(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = strconv.Quote(s)
	}
	return out
}

// checkSMTP greets the SMTP server (EHLO, and STARTTLS when configured,
// so that the certificate is checked; no login, no mail) and prints its
// banner and extensions. A failure says what to change.
func checkSMTP(ctx context.Context, w io.Writer, c SMTPConfig) error {
	if !c.Enabled() {
		fmt.Fprintln(w, "smtp: off (smtp.host is empty)")
		return nil
	}
	tcfg, err := c.tlsConfig()
	if err != nil {
		return err
	}
	addr := net.JoinHostPort(c.Host, strconv.Itoa(c.EffectivePort()))
	banner, exts, err := notify.Greet(ctx, c.Host, c.EffectivePort(), c.TLS, c.Timeout.Duration, tcfg)
	if err != nil {
		return smtpHint(err, c)
	}
	fmt.Fprintf(w, "smtp: %s greets %q\n", addr, banner)
	fmt.Fprintf(w, "  extensions: %s\n", strings.Join(exts, ", "))
	switch c.TLS {
	case notify.TLSStartTLS:
		fmt.Fprintf(w, "  TLS: STARTTLS; the certificate is valid for %s\n", tcfg.ServerName)
	case notify.TLSImplicit:
		fmt.Fprintf(w, "  TLS: implicit; the certificate is valid for %s\n", tcfg.ServerName)
	}
	if c.Auth != "none" && !notify.Offers(exts, "AUTH") {
		fmt.Fprintf(w, "  note: the server offers no AUTH; with a relay that needs no login set smtp.auth = \"none\"\n")
	}
	return nil
}

// smtpHint adds to an SMTP check's failure what it most likely means:
// what the daemon would say of the same failure (notify.SendProblem), or what
// only a first connection shows (an IMAP port, or port 465 spoken to
// as if it were 587).
func smtpHint(err error, c SMTPConfig) error {
	if _, fix := notify.SendProblem(err, notify.SMTPSettings{Host: c.Host, Port: c.EffectivePort(), Auth: c.Auth}); fix != "" {
		return fmt.Errorf("%w: %s", err, fix)
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "* OK") || strings.Contains(msg, "IMAP"):
		return fmt.Errorf("%w: this looks like an IMAP server: check smtp.host and smtp.port (587 with STARTTLS, or 465)", err)
	case c.TLS == "starttls" && c.EffectivePort() == 465 && (errors.Is(err, os.ErrDeadlineExceeded) || strings.Contains(msg, "timeout")):
		return fmt.Errorf("%w: port 465 speaks TLS at once: set smtp.tls = \"implicit\"", err)
	}
	return err
}

// printWebConfig says how the work queue is served and how people sign
// in, and checks that single sign-on's issuer, client ID and secret can
// be read (without printing them).
func printWebConfig(w io.Writer, env *Env, cfg *Config) int {
	wc := cfg.Web
	if !wc.Enabled() {
		fmt.Fprintln(w, "  web:    off (web.listen is empty)")
		return 0
	}
	var ways []string
	if wc.OIDC.oidcOn() {
		ways = append(ways, "single sign-on (role claim "+wc.OIDC.RoleClaim+")")
	}
	if wc.LocalAccounts {
		ways = append(ways, "local accounts")
	}
	fmt.Fprintf(w, "  web:    %s on %s; sign-in by %s; sessions end after %v idle, %v in all\n",
		wc.BaseURL, wc.Listen, strings.Join(ways, " and "), wc.SessionIdle.Duration, wc.SessionAbsolute.Duration)
	if _, err := webServerConfig(cfg, env.Getenv); err != nil {
		fmt.Fprintln(env.Stderr, "intake check-config:", err)
		return 1
	}
	return 0
}
