package main

import (
	"bufio"
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/web"
)

// userCommand is `intake user`: the local accounts of the web work queue,
// for a partnership without single sign-on.
func userCommand() command {
	return command{
		Name:    "user",
		Summary: "add, remove or change the web work queue's local accounts",
		Usage: usageText(
			"Usage: intake user add EMAIL --name NAME --role business_team|viewer [--generate] [--by WHO] [--config FILE]",
			"       intake user passwd EMAIL [--generate] [--by WHO] [--config FILE]",
			"       intake user role EMAIL business_team|viewer [--by WHO] [--config FILE]",
			"       intake user unlock EMAIL [--by WHO] [--config FILE]",
			"       intake user remove EMAIL [--by WHO] [--config FILE]",
			"       intake user list [--json] [--config FILE]",
			"",
			"Local accounts sign in to the web work queue with a password, for a",
			"partnership without single sign-on. The business_team role reads and",
			"acts; viewer only reads. The password is read from the first line of",
			"standard input (so it is in neither the process list nor the shell's",
			"history), at least 12 characters; --generate makes a random one and",
			"prints it once. Passwords are stored as argon2id hashes. After 5 wrong",
			"attempts in a row an account is locked for 15 minutes, even with the",
			"right password; `unlock` lifts it sooner, and a new password does too.",
			"A new password, a new role or a removal ends the person's sessions.",
			"Every change is kept in the audit trail with --by (default: $SUDO_USER",
			"or $USER).",
			"",
			"Examples:",
			"  intake user add ann.example@kestmoor.gov.uk --name \"Ann Example\" --role business_team --generate",
			"  read -rs P && printf '%s\\n' \"$P\" | intake user passwd ann.example@kestmoor.gov.uk",
			"  intake user list",
		),
		Run: runUser,
	}
}

func runUser(ctx context.Context, env *Env, args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(env.Stderr, userCommand().Usage)
		return 2
	}
	if args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		fmt.Fprintln(env.Stdout, userCommand().Usage)
		return 0
	}
	sub := args[0]
	var configPath, name, role, by string
	fs := newFlags(env, "user", &configPath)
	fs.StringVar(&name, "name", "", "the person's name, as the audit trail shows it (add)")
	fs.StringVar(&role, "role", "", "business_team or viewer (add)")
	fs.StringVar(&by, "by", "", "who is making the change (default $SUDO_USER or $USER)")
	generate := fs.Bool("generate", false, "make a random password and print it (add, passwd)")
	asJSON := fs.Bool("json", false, "print a JSON array (list)")
	pos, code := parseInterspersed(fs, args[1:])
	if code >= 0 {
		return code
	}
	want := map[string]int{"add": 1, "passwd": 1, "role": 2, "unlock": 1, "remove": 1, "list": 0}
	n, ok := want[sub]
	if !ok || len(pos) != n || (sub == "add" && (name == "" || role == "")) {
		fs.Usage()
		return 2
	}
	if by == "" {
		by = shellUser(env)
	}
	by = "shell:" + by
	cfg, err := env.LoadConfig(configPath)
	if err != nil {
		fmt.Fprintln(env.Stderr, "intake user:", err)
		return 1
	}
	st, err := cfg.openStore(ctx, env.Clock)
	if err != nil {
		fmt.Fprintln(env.Stderr, "intake user:", err)
		return 1
	}
	defer st.Close()
	admin := web.UserAdmin{Store: st, Params: web.DefaultPasswordParams()}
	password := func() (string, error) {
		if *generate {
			return web.GeneratePassword(), nil
		}
		line, err := bufio.NewReader(env.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return "", intake.Errorf(intake.EINVALID, "Give the password on the first line of standard input, or use --generate.")
		}
		return strings.TrimRight(line, "\r\n"), nil
	}
	var pw string
	switch sub {
	case "list":
		var list []intake.Account
		if list, err = admin.List(ctx); err != nil {
			break
		}
		if *asJSON {
			if list == nil {
				list = []intake.Account{}
			}
			return exitOn(env, writeJSON(env.Stdout, list))
		}
		tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "EMAIL\tNAME\tROLE\tLOCKED UNTIL")
		now := env.Clock.Now()
		for _, a := range list {
			locked := ""
			if a.Locked(now) {
				locked = web.FormatDateTime(a.LockedUntil)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", a.Email, a.Name, a.Role, locked)
		}
		return exitOn(env, tw.Flush())
	case "add":
		r, perr := intake.ParseRole(role)
		if perr != nil {
			err = perr
			break
		}
		if pw, err = password(); err == nil {
			err = admin.Add(ctx, by, pos[0], name, r, pw)
		}
	case "passwd":
		if pw, err = password(); err == nil {
			err = admin.SetPassword(ctx, by, pos[0], pw)
		}
	case "role":
		r, perr := intake.ParseRole(pos[1])
		if perr != nil {
			err = perr
			break
		}
		err = admin.SetRole(ctx, by, pos[0], r)
	case "unlock":
		err = admin.Unlock(ctx, by, pos[0])
	case "remove":
		err = admin.Remove(ctx, by, pos[0])
	}
	if err != nil {
		return fail(env, "user "+sub, err)
	}
	if sub != "list" {
		fmt.Fprintf(env.Stdout, "%s: done (%s)\n", intake.NormalizeEmail(pos[0]), sub)
	}
	if *generate && pw != "" {
		fmt.Fprintf(env.Stdout, "password: %s\n(shown once: hand it over safely; it is stored only as a hash)\n", pw)
	}
	return 0
}

func exitOn(env *Env, err error) int {
	if err != nil {
		fmt.Fprintln(env.Stderr, "intake user:", err)
		return 1
	}
	return 0
}
