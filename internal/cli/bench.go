package cli

import (
	"context"
	"fmt"
)

// benchCommands are the bench subcommands; others add theirs here.
var benchCommands = map[string]struct {
	summary string
	run     func(ctx context.Context, env *Env, args []string) error
}{
	"matching": {"name-matching quality and speed against the bundled UN and OFAC lists", runBenchMatching},
}

func runBench(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintf(env.Stderr, "usage: chokepoint bench <subcommand> [flags]\n\nsubcommands:\n")
		for n, c := range benchCommands {
			fmt.Fprintf(env.Stderr, "  %-10s %s\n", n, c.summary)
		}
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	c, ok := benchCommands[args[0]]
	if !ok {
		return fmt.Errorf("%w: unknown bench subcommand %q", errUsage, args[0])
	}
	return c.run(ctx, env, args[1:])
}

func runBenchMatching(ctx context.Context, env *Env, args []string) error {
	return fmt.Errorf("bench matching: not implemented yet")
}
