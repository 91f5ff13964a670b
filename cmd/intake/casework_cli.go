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

// parseDay reads a date written YYYY-MM-DD as midnight Europe/London.
func parseDay(s string) (time.Time, error) {
	t, err := time.ParseInLocation("2006-01-02", s, intake.London)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date like 2026-12-23", s)
	}
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

// caseworkEnv is what the case commands need: the configuration, the
// calendar, the timetable and the open store.
type caseworkEnv struct {
	cfg   *Config
	cal   *intake.Calendar
	tt    intake.Timetable
	store *store.Store
}

// openCasework loads the configuration and opens the store; the caller
// closes the store.
func openCasework(ctx context.Context, env *Env, configPath string) (*caseworkEnv, error) {
	cfg, err := env.LoadConfig(configPath)
	if err != nil {
		return nil, err
	}
	cal, tt, err := cfg.caseClock()
	if err != nil {
		return nil, err
	}
	st, err := cfg.openStore(ctx, cliClock)
	if err != nil {
		return nil, err
	}
	return &caseworkEnv{cfg: cfg, cal: cal, tt: tt, store: st}, nil
}

// stateWords is a case state in plain words.
func stateWords(s intake.CaseState) string { return strings.ReplaceAll(string(s), "_", " ") }

// cliClock is the clock the case commands read; tests replace it.
var cliClock intake.Clock = intake.SystemClock{}
