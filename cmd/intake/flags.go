package main

import (
	"errors"
	"flag"
	"fmt"
)

// newFlags returns a flag set for command c that prints c's usage, with
// the --config option every command shares. Flags may be written with one
// or two dashes.
func newFlags(env *Env, c string, configPath *string) *flag.FlagSet {
	fs := flag.NewFlagSet(c, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		if cmd, ok := lookupCommand(c); ok {
			fmt.Fprintln(env.Stderr, cmd.Usage)
		}
		fmt.Fprintln(env.Stderr, "\nOptions:")
		fs.PrintDefaults()
	}
	if configPath != nil {
		fs.StringVar(configPath, "config", "", "configuration file (default $INTAKE_CONFIG; built-in defaults if neither)")
	}
	return fs
}

// parseFlags parses args and returns the exit status to stop with, or -1
// to carry on. --help prints the usage and exits 0; a bad flag exits 2.
func parseFlags(fs *flag.FlagSet, args []string) int {
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(fs.Output())
		return 0
	}
	if err != nil {
		return 2
	}
	return -1
}
