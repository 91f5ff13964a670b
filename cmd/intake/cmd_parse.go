package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/kscmp/intake/parse"
)

// parseCommand is `intake parse`.
func parseCommand() command {
	return command{
		Name:    "parse",
		Summary: "read .eml messages or bare forms and print what intake makes of them",
		Usage: usageText(
			"intake parse --json [--config PATH] FILE...",
			"",
			"Reads each file (an .eml message, or a bare .docx, .pdf, .doc or .txt form)",
			"with no side effects and prints one JSON object per file, one a line:",
			"kind, case reference, the form's fields and, for a referral, its screening.",
			"Exit status 0 when every file was read, 1 when any was unreadable, 2 on bad usage.",
			"",
			"example: intake parse --json testdata/forms/eml/body-referral-qp.eml testdata/forms/docx/referral_plain_tables.docx",
		),
		Run: runParse,
	}
}

// runParse prints the parse result of each file named.
func runParse(ctx context.Context, env *Env, args []string) int {
	var configPath string
	fs := newFlags(env, "parse", &configPath)
	asJSON := fs.Bool("json", false, "print one JSON object per file (the only output format)")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if !*asJSON || fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	cfg, err := env.LoadConfig(configPath)
	if err != nil {
		fmt.Fprintln(env.Stderr, "intake parse:", err)
		return 2
	}
	// The configured working-day calendar (bank holidays and any extra
	// closed days) judges notification_overdue, as in the daemon.
	cal, err := cfg.Calendar.Calendar()
	if err != nil {
		fmt.Fprintln(env.Stderr, "intake parse:", err)
		return 2
	}
	opts, err := cfg.parseOptions(cal)
	if err != nil {
		fmt.Fprintln(env.Stderr, "intake parse:", err)
		return 2
	}
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	code := 0
	for _, name := range fs.Args() {
		if ctx.Err() != nil {
			return 1
		}
		var res parse.Result
		b, err := readLimited(name, opts.Limits.MaxMessageBytes)
		if err != nil {
			res = parse.Result{File: name, Kind: parse.KindUnreadable, Fields: map[string]any{},
				Warnings: []string{err.Error()}}
		} else {
			res, err = parse.ParseFile(ctx, filepath.Base(name), b, opts)
			if err != nil {
				return 1
			}
			res.File = name
		}
		if res.Kind == parse.KindUnreadable {
			code = 1
		}
		if err := enc.Encode(res); err != nil {
			fmt.Fprintln(env.Stderr, "intake parse: writing result:", err)
			return 1
		}
	}
	return code
}

// readLimited reads a file, refusing one larger than max bytes (it would
// be unreadable anyway) without reading it into memory.
func readLimited(name string, max int64) ([]byte, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, fmt.Errorf("parse: reading %s: %w", name, err)
	}
	if fi.IsDir() {
		return nil, fmt.Errorf("parse: reading %s: is a directory", name)
	}
	if fi.Size() > max {
		return nil, fmt.Errorf("parse: reading %s: the file is larger than %d bytes: not read", name, max)
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("parse: reading %s: %w", name, err)
	}
	return b, nil
}
