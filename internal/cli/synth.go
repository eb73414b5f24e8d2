package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/chokepoint/chokepoint/internal/synth"
	"github.com/chokepoint/chokepoint/internal/watchlist"
)

// runSynth implements `chokepoint synth`: it writes a synthetic world's
// EDIFACT files and its ground truth into a folder (docs/synth.md).
func runSynth(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "synth")
	seed := fs.Int64("seed", 1, "random seed: the same flags give the same bytes")
	days := fs.Int("days", 7, "length of the period in days")
	travellers := fs.Int("travellers", 0, "ordinary travellers over the period (default 5000 per 7 days)")
	start := fs.String("start", "2026-03-02", "first day of the period (YYYY-MM-DD)")
	out := fs.String("out", "", "output folder (required)")
	listed := fs.String("listed", "", "watchlist to plant listed persons from, e.g. un:FILE")
	noPlanted := fs.Bool("no-planted", false, "plant no scenario (pure ordinary traffic)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" || fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("%w: --out DIR is required and no arguments are taken", errUsage)
	}
	day, err := time.Parse("2006-01-02", *start)
	if err != nil {
		return fmt.Errorf("%w: --start %q: %v", errUsage, *start, err)
	}
	cfg := synth.Config{Seed: *seed, Start: day, Days: *days, Travellers: *travellers, NoPlanted: *noPlanted}
	if *listed != "" {
		imp, err := watchlist.Load(*listed)
		if err != nil {
			return fmt.Errorf("loading %s: %w", *listed, err)
		}
		cfg.Listed = imp.Entries
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	w := synth.New(cfg)
	st, err := w.Each(ctx, func(f synth.File) error {
		return os.WriteFile(filepath.Join(*out, f.Name), f.Data, 0o644)
	})
	if err != nil {
		return err
	}
	gt := w.GroundTruth(&st)
	data, err := gt.JSON()
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(*out, "ground-truth.json"), data, 0o644); err != nil {
		return err
	}
	var planted []string
	for _, typ := range synth.ScenarioTypes {
		n := 0
		for _, sc := range gt.Scenarios {
			if sc.Type == typ {
				n++
			}
		}
		planted = append(planted, fmt.Sprintf("%s=%d", typ, n))
	}
	fmt.Fprintf(env.Stdout, "synth: %d files (%d api, %d pnr), %d messages, %.1f MB, %d ordinary travellers, %d bookings, %d planted travellers [%s] in %s\n",
		st.Files, st.APIFiles, st.PNRFiles, st.Messages, float64(st.Bytes)/1e6, st.OrdinaryTravellers, st.Bookings,
		len(gt.Travellers), strings.Join(planted, " "), *out)
	return nil
}
