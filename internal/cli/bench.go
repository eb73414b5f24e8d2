package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/chokepoint/chokepoint/internal/screen"
)

// benchCommands are the bench subcommands; others add theirs here.
var benchCommands = map[string]struct {
	summary string
	run     func(ctx context.Context, env *Env, args []string) error
}{
	"matching": {"name-matching quality and speed against the bundled UN and OFAC lists", runBenchMatching},
	"network":  {"link-graph scale: build, 2-hop expansion and incremental update latencies", runBenchNetwork},
	"pipeline": {"end-to-end ingest throughput and peak memory on a streamed synthetic world", runBenchPipeline},
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

// Bundled lists, relative to the repository root.
const (
	benchUN   = "testdata/watchlists/un-consolidated-2026-02-27/consolidated.xml"
	benchOFAC = "testdata/watchlists/ofac-sdn-2022-01-31"
)

// findRepoFile looks for rel in the working directory and its parents.
func findRepoFile(rel string) (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		p := filepath.Join(dir, rel)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("bundled list %s not found in this directory or any parent: run from the repository or pass --un FILE / --ofac DIR", rel)
		}
		dir = parent
	}
}

func runBenchMatching(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "bench matching")
	un := fs.String("un", "", "UN consolidated list XML (default: the bundled "+benchUN+")")
	ofac := fs.String("ofac", "", "OFAC CSV directory (default: the bundled "+benchOFAC+")")
	decoys := fs.Int("decoys", 10000, "innocent travellers to screen")
	perClass := fs.Int("per-class", 3000, "queries per perturbation class at most")
	threshold := fs.Float64("threshold", screen.DefaultThreshold, "operating threshold")
	seed := fs.Int64("seed", 1, "random seed")
	misses := fs.Int("misses", 0, "show up to N missed queries per class and N false alerts")
	synthetic := fs.Int("synthetic", 0, "scale mode: build a synthetic list of N names and measure build time, memory and speed")
	asJSON := fs.Bool("json", false, "write the report as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *synthetic > 0 {
		rep := screen.RunScaleBench(*synthetic, *seed)
		if *asJSON {
			return writeJSON(env.Stdout, rep)
		}
		fmt.Fprintf(env.Stdout, "synthetic list: %d entries, %d names indexed\n", rep.Entries, rep.IndexedNames)
		fmt.Fprintf(env.Stdout, "index build: %.2f s; heap in use %.0f MB; RSS %.0f MB (peak %.0f MB)\n", rep.IndexBuildS, rep.HeapMB, rep.RSSMB, rep.PeakRSSMB)
		fmt.Fprintf(env.Stdout, "speed (1 core): %.0f screenings/s over %d queries; p50 %.0f us, p99 %.0f us; typo recall@1 %.3f\n", rep.PerSecondCore, rep.Screenings, rep.P50us, rep.P99us, rep.RecallAt1)
		return nil
	}
	var err error
	if *un == "" {
		if *un, err = findRepoFile(benchUN); err != nil {
			return err
		}
	}
	if *ofac == "" {
		if *ofac, err = findRepoFile(benchOFAC); err != nil {
			return err
		}
	}
	entries, versions, err := loadLists([]string{"un:" + *un, "ofac:" + *ofac})
	if err != nil {
		return err
	}
	rep := screen.RunMatchingBench(screen.BenchConfig{Entries: entries, Versions: versions, Decoys: *decoys, PerClass: *perClass, Seed: *seed, Threshold: *threshold, Misses: *misses})
	if *asJSON {
		return writeJSON(env.Stdout, rep)
	}
	printBench(env.Stdout, rep)
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func printBench(w io.Writer, r screen.BenchReport) {
	var lists []string
	for _, l := range r.Lists {
		v := l.Version
		if v == "" && len(l.Digest) >= 12 {
			v = "sha256:" + l.Digest[:12]
		}
		lists = append(lists, l.List+" "+v)
	}
	fmt.Fprintf(w, "lists: %s; %d entries, %d names indexed; index build %.0f ms; threshold %.2f\n\n", strings.Join(lists, ", "), r.Entries, r.IndexedNames, r.IndexBuildMS, r.Threshold)
	fmt.Fprintf(w, "%-12s %7s %9s %9s %9s   %s\n", "class", "queries", "recall@1", "recall@10", "recall@T", "(with birth date: recall@T)")
	for i, c := range r.Classes {
		withDOB := ""
		if i < len(r.WithBirthDate) {
			withDOB = fmt.Sprintf("%.4f", r.WithBirthDate[i].RecallAtThr)
		}
		fmt.Fprintf(w, "%-12s %7d %9.4f %9.4f %9.4f   %s\n", c.Class, c.Queries, c.RecallAt1, c.RecallAt10, c.RecallAtThr, withDOB)
		for _, m := range c.Misses {
			fmt.Fprintf(w, "    miss: %s\n", m)
		}
	}
	fmt.Fprintf(w, "\ninnocent travellers: %d screened (%d generated names excluded as listed); false alerts %d = %.2f per 1,000 (name only); %.2f per 1,000 with a random birth date\n", r.Decoys, r.DecoysExcluded, r.FalseAlerts, r.FalsePer1000, r.FalseWithDOB)
	for _, f := range r.FalseExamples {
		fmt.Fprintf(w, "    false alert: %s\n", f)
	}
	fmt.Fprintf(w, "speed (1 core, in process): %.0f screenings/s over %d queries; p50 %.0f us, p99 %.0f us\n", r.PerSecondCore, r.Screenings, r.P50us, r.P99us)
}
