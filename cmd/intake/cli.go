package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/casework"
	"github.com/kscmp/intake/store"
)

// parseInterspersed parses flags that may come before, between or after
// the positional arguments ("intake case KSCMP-2026-0042 --json"), and
// returns the positionals, or the exit status to stop with.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, int) {
	var pos []string
	for {
		if len(args) > 0 && negativeNumber.MatchString(args[0]) {
			pos, args = append(pos, args[0]), args[1:]
			continue
		}
		if code := parseFlags(fs, args); code >= 0 {
			return nil, code
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, -1
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), -1
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// negativeNumber is a positional argument such as "-3" that is not a flag.
var negativeNumber = regexp.MustCompile(`^-[0-9]+$`)

// parseDay reads a date written YYYY-MM-DD (or 20/11/2026) as midnight
// Europe/London.
func parseDay(s string) (time.Time, error) {
	iso, err := intake.ParseFormDate(strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date like 2026-12-23", s)
	}
	t, _ := time.ParseInLocation("2006-01-02", iso, intake.London)
	return t, nil
}

func dayText(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.In(intake.London).Format("Mon 2006-01-02")
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// cli is what a case command needs: the configuration, the open store and
// casework over it.
type cli struct {
	cfg   *Config
	store *store.Store
	cw    *casework.Casework
}

// openCLI loads the configuration, opens the store and builds casework;
// the caller closes the store.
func openCLI(ctx context.Context, env *Env, configPath string) (*cli, error) {
	cfg, err := env.LoadConfig(configPath)
	if err != nil {
		return nil, err
	}
	st, err := cfg.openStore(ctx, env.Clock)
	if err != nil {
		return nil, err
	}
	cw, err := newCasework(cfg, st, env.Clock, env.Logger)
	if err != nil {
		st.Close()
		return nil, err
	}
	return &cli{cfg: cfg, store: st, cw: cw}, nil
}

// fail prints a command's error for a person and returns its exit status:
// 2 for what the person typed (an unknown field, a missing reason), 1 for
// everything else. An error of intake's own is said in its words; any
// other is said with its detail, since the person at the terminal is the
// operator.
func fail(env *Env, name string, err error) int {
	switch intake.ErrorCode(err) {
	case intake.EINVALID:
		fmt.Fprintf(env.Stderr, "intake %s: %s\n", name, intake.ErrorMessage(err))
		return 2
	case intake.ENOTFOUND, intake.ECONFLICT, intake.EFORBIDDEN:
		fmt.Fprintf(env.Stderr, "intake %s: %s\n", name, intake.ErrorMessage(err))
		return 1
	}
	fmt.Fprintf(env.Stderr, "intake %s: %v\n", name, err)
	return 1
}
