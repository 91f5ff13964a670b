// Command intake runs the mailbox of a local safeguarding children
// partnership: it ingests referrals and agency summaries over IMAP, reads
// the forms, keeps each case's working-day clock and sends the emails that
// keep the rapid review process moving.
//
// Each subcommand lives in its own cmd_*.go file and registers itself.
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

// command is one `intake NAME` subcommand.
type command struct {
	Name    string
	Summary string // one line for the command list
	Usage   string // synopsis, options and at least one example
	Run     func(ctx context.Context, env *Env, args []string) int
}

var commands = map[string]command{}

// register adds a subcommand; each cmd_*.go calls it from init.
func register(c command) {
	if _, dup := commands[c.Name]; dup {
		panic("intake: command registered twice: " + c.Name)
	}
	commands[c.Name] = c
}

// Env is what a command may touch of the outside world, so that tests can
// run commands in-process.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	Logger         *slog.Logger
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	env := &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv,
		Logger: slog.New(slog.NewTextHandler(os.Stderr, nil))}
	code := Run(ctx, env, os.Args[1:])
	stop()
	os.Exit(code)
}

// Run dispatches args to a subcommand and returns the exit status: 0 done,
// 1 failed (or, for parse, something unreadable), 2 bad usage.
func Run(ctx context.Context, env *Env, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			if c, ok := commands[args[1]]; ok {
				fmt.Fprintln(env.Stdout, c.Usage)
				return 0
			}
		}
		usage(env.Stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "intake: unknown command %q\n\n", args[0])
		usage(env.Stderr)
		return 2
	}
	return c.Run(ctx, env, args[1:])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "intake runs the mailbox of a safeguarding children partnership.")
	fmt.Fprintln(w, "\nUsage: intake COMMAND [options]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-14s %s\n", n, commands[n].Summary)
	}
	fmt.Fprintln(w, "\n'intake COMMAND --help' shows a command's options and an example.")
}

// usageText joins a command's synopsis and examples for its --help.
func usageText(lines ...string) string { return strings.Join(lines, "\n") }
