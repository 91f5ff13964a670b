// Command intake runs the mailbox of a local safeguarding children
// partnership: it ingests referrals and agency summaries over IMAP, reads
// the forms, keeps each case's working-day clocks and sends the emails that
// keep the rapid review process moving; the business team's decisions
// reach it from the web work queue or these commands.
//
// Everything the program is made of is listed here (the commands) and in
// daemon.go (the parts of `intake serve`); each is built explicitly, with
// no registration at init time and no package-level state.
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	_ "time/tzdata" // Europe/London, even in a container without a zone database

	"github.com/kscmp/intake"
)

// command is one `intake NAME` subcommand.
type command struct {
	Name    string
	Summary string // one line for the command list
	Usage   string // synopsis, options and at least one example
	Run     func(ctx context.Context, env *Env, args []string) int
}

// commandList is every command, in the order `intake help` lists them:
// the daemon, then the business team's actions, then what to look at,
// then the operator's tools.
func commandList() []command {
	return []command{
		serveCommand(), demoCommand(),
		casesCommand(), caseCommand(), acceptCommand(), routeCommand(), recordCommand(), pauseCommand(), resumeCommand(),
		extendCommand(), outcomeCommand(), correctCommand(), agencyCommand(), linkCommand(), unlinkCommand(),
		withdrawCommand(), closeCommand(), packCommand(),
		messagesCommand(), outboxCommand(), digestCommand(), parseCommand(), timetableCommand(), workdaysCommand(),
		userCommand(), checkConfigCommand(), backupCommand(), purgeCommand(), versionCommand(),
	}
}

// lookupCommand returns the command named name.
func lookupCommand(name string) (command, bool) {
	i := slices.IndexFunc(commandList(), func(c command) bool { return c.Name == name })
	if i < 0 {
		return command{}, false
	}
	return commandList()[i], true
}

// Env is what a command may touch of the outside world, so that tests can
// run commands in-process: the standard streams, the environment, the
// logger and the clock.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	Logger         *slog.Logger
	Clock          intake.Clock
	// LogOutput, when set, is where the logger writes once the
	// configuration is read: LoadConfig replaces Logger with one built
	// from [log] (level, text or JSON). Tests leave it nil and set Logger.
	LogOutput io.Writer
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	env := &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv,
		Logger: newLogger(os.Stderr, defaultLogConfig()), LogOutput: os.Stderr, Clock: intake.SystemClock{}}
	code := Run(ctx, env, os.Args[1:])
	stop()
	os.Exit(code)
}

// Run dispatches args to a subcommand and returns the exit status: 0 done,
// 1 failed (or, for parse, something unreadable), 2 bad usage.
func Run(ctx context.Context, env *Env, args []string) int {
	if env.Clock == nil {
		env.Clock = intake.SystemClock{}
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			if c, ok := lookupCommand(args[1]); ok {
				fmt.Fprintln(env.Stdout, c.Usage)
				return 0
			}
		}
		if len(args) == 0 {
			usage(env.Stderr)
			return 2
		}
		usage(env.Stdout)
		return 0
	}
	c, ok := lookupCommand(args[0])
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
	for _, c := range commandList() {
		fmt.Fprintf(w, "  %-14s %s\n", c.Name, c.Summary)
	}
	fmt.Fprintln(w, "\n'intake COMMAND --help' shows a command's options and an example.")
}

// usageText joins a command's synopsis and examples for its --help.
func usageText(lines ...string) string { return strings.Join(lines, "\n") }
