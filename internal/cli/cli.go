// Package cli wires Chokepoint's subcommands: it parses flags, opens what a
// command needs and hands over to the domain packages. It holds no domain
// logic of its own; cmd/chokepoint only calls Run.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Env is what a command may touch of the outside world. Tests supply their
// own; cmd/chokepoint supplies the process's.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Getenv reads an environment variable.
	Getenv func(string) string
}

// command is one subcommand.
type command struct {
	summary string
	run     func(ctx context.Context, env *Env, args []string) error
}

// commands lists every subcommand. Each lives in a file of its own.
func commands() map[string]command {
	return map[string]command{
		"parse":      {"parse airline messages and print them as JSON Lines", runParse},
		"demo":       {"run Chokepoint end to end on bundled or generated data", runDemo},
		"screen":     {"screen travellers (JSON Lines) against watchlists", runScreen},
		"names":      {"compare or normalise personal names", runNames},
		"bench":      {"measure matching quality and speed (bench matching)", runBench},
		"ingest":     {"ingest files or folders of messages into the store", runIngest},
		"watchlist":  {"import watchlists into the store and list their versions", runWatchlist},
		"token":      {"create API tokens", runToken},
		"travellers": {"list traveller identities with flights, bookings and matches", runTravellers},
		"journeys":   {"list a traveller's journeys across bookings (JSON Lines with --json)", runJourneys},
		"network":    {"a traveller's network (who travels with, pays for, shares contacts with whom) and growing groups", runNetwork},
		"serve":      {"serve the HTTP API, the inbox folder and the pipeline", runServe},
		"worker":     {"consume the NATS JetStream queue and commit (scale mode)", runWorker},
		"synth":      {"generate a synthetic world of API and PNR files with ground truth", runSynth},
		"alerts":     {"list the alert queue (JSON Lines with --json)", runAlerts},
		"alert":      {"review, confirm, dismiss or show one alert", runAlert},
		"criteria":   {"add, check, backtest, activate, retire and list risk criteria", runCriteria},
	}
}

// errUsage marks an error caused by wrong arguments; Run prints usage.
var errUsage = errors.New("usage")

// ExitError carries a process exit code with its message.
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string { return e.Err.Error() }
func (e *ExitError) Unwrap() error { return e.Err }

// Run runs the subcommand named by args[0] and returns the process exit code.
func Run(ctx context.Context, env *Env, args []string) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(env.Stderr, cmds)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "chokepoint: unknown command %q\n", args[0])
		usage(env.Stderr, cmds)
		return 2
	}
	err := cmd.run(ctx, env, args[1:])
	if err == nil {
		return 0
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintf(env.Stderr, "chokepoint %s: %v\n", args[0], err)
	var ee *ExitError
	if errors.As(err, &ee) {
		return ee.Code
	}
	if errors.Is(err, errUsage) {
		return 2
	}
	return 1
}

func usage(w io.Writer, cmds map[string]command) {
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("usage: chokepoint <command> [flags] [args]\n\ncommands:\n")
	for _, n := range names {
		fmt.Fprintf(&b, "  %-12s %s\n", n, cmds[n].summary)
	}
	b.WriteString("\nRun 'chokepoint <command> -h' for a command's flags. See docs/cli.md.\n")
	io.WriteString(w, b.String())
}

// newFlags returns a flag set that reports errors instead of exiting.
func newFlags(env *Env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet("chokepoint "+name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	return fs
}
