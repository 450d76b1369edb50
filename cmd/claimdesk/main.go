// Command claimdesk is the after-sales desk for Nordic web shops: one binary
// that serves the API, the portal and the agent workspace, and the
// subcommands that run the same code from a terminal.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// exitError carries an exit code out of a command.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

// usageErr is a wrong command line: exit 2.
func usageErr(format string, args ...any) error {
	return &exitError{code: 2, err: fmt.Errorf(format, args...)}
}

type command struct {
	name, summary string
	run           func(ctx context.Context, env *environment, args []string) error
}

// environment is what a command may touch: its streams and variables.
type environment struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	isTerminal     bool
}

func commands() []command {
	return []command{
		{"serve", "run the server (API, portal, agent workspace)", runServe},
		{"migrate", "apply database migrations and exit", runMigrate},
		{"version", "print the version", runVersion},
		{"shop", "shop create: a new shop from its country's statutory terms template", runShop},
		{"apikey", "apikey create|list|revoke --shop S: a shop's API keys", runAPIKey},
		{"user", "user create: an agent or customer login", runUser},
		{"import", "import orders --shop S FILE: orders from CSV or JSON Lines", runImport},
		{"backup", "backup FILE: a consistent copy of the SQLite database, also while it serves", runBackup},
		{"assess", "assess --in FILE --out FILE [--terms FILE]: judge scenarios with the policy engine", runAssess},
		{"terms", "terms lint [--shop S | FILE]: where a shop's terms fall below the law", runTerms},
		{"kb", "kb search --in FILE --out FILE: answer questions from the help centers", runKB},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	env := &environment{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, isTerminal: isTerminal(os.Stderr)}
	err := run(ctx, env, os.Args[1:])
	stop()
	os.Exit(exitCode(env, err))
}

func exitCode(env *environment, err error) int {
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintln(env.stderr, "claimdesk:", ee.err)
		}
		return ee.code
	}
	fmt.Fprintln(env.stderr, "claimdesk:", err)
	return 1
}

func run(ctx context.Context, env *environment, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printUsage(env.stdout)
		if len(args) == 0 {
			return &exitError{code: 2}
		}
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, env, args[1:])
		}
	}
	printUsage(env.stderr)
	return usageErr("unknown command %q", args[0])
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "claimdesk — the after-sales desk for Nordic web shops\n\nUsage: claimdesk COMMAND [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'claimdesk COMMAND -h' for a command's flags. Settings: flags, then CLAIMDESK_* environment, then --config FILE.")
}

func runVersion(_ context.Context, env *environment, _ []string) error {
	fmt.Fprintln(env.stdout, "claimdesk", version)
	return nil
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
