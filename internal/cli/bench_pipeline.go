package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/chokepoint/chokepoint/internal/ingest"
	"github.com/chokepoint/chokepoint/internal/network"
	"github.com/chokepoint/chokepoint/internal/screen"
	"github.com/chokepoint/chokepoint/internal/store"
	"github.com/chokepoint/chokepoint/internal/synth"
)

// runBenchNetwork implements `chokepoint bench network`.
func runBenchNetwork(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "bench network")
	var cfg network.BenchConfig
	fs.IntVar(&cfg.Travellers, "travellers", 1_000_000, "traveller identities")
	fs.IntVar(&cfg.Edges, "edges", 0, "stop at this many edges (0: about 5 a traveller)")
	fs.IntVar(&cfg.Queries, "queries", 2000, "2-hop expansions timed")
	fs.IntVar(&cfg.Updates, "updates", 20000, "new bookings applied and timed")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	rep, err := network.Bench(ctx, cfg)
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(env.Stdout).Encode(rep)
	}
	fmt.Fprintln(env.Stdout, rep.String())
	return nil
}

// pipelineReport is what `chokepoint bench pipeline` measured.
type pipelineReport struct {
	Days          int       `json:"days"`
	Files         int       `json:"files"`
	Records       int       `json:"traveller_records"`
	Seconds       float64   `json:"seconds"`
	FilesPerSec   float64   `json:"messages_per_second"`
	RecordsPerSec float64   `json:"records_per_second"`
	PeakRSSMB     float64   `json:"peak_rss_mb"`
	RSSAtQuarters []float64 `json:"rss_mb_at_quarters"`
	Store         string    `json:"store"`
}

// runBenchPipeline implements `chokepoint bench pipeline`: a synthetic
// world streamed (never held in memory) through the full pipeline into a
// fresh store, reporting throughput and resident memory as it goes.
func runBenchPipeline(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "bench pipeline")
	days := fs.Int("days", 7, "days of synthetic traffic")
	travellers := fs.Int("travellers", 0, "ordinary travellers (0: 5000 per 7 days)")
	batch := fs.Int("batch", 256, "messages per transaction")
	dsn := fs.String("store", "", "store DSN (empty: embedded SQLite in a temporary directory)")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "chokepoint-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	st, err := store.Open(ctx, dir, *dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	clock := &replayClock{t: start}
	a, err := newAnalysis(ctx, env, st, dir, logger(env), "system:bench", clock.now)
	if err != nil {
		return err
	}
	w := synth.New(synth.Config{Seed: 11, Start: start, Days: *days, Travellers: *travellers})
	rep := pipelineReport{Days: *days, Store: st.Backend()}
	began := time.Now()
	quarter := max(*days/4, 1)
	lastDay := start
	seen := func(f synth.File) {
		if d := int(f.Time.Sub(lastDay).Hours() / 24); d >= quarter {
			rss, _ := screen.ReadRSS()
			rep.RSSAtQuarters = append(rep.RSSAtQuarters, float64(rss)/(1<<20))
			lastDay = f.Time
		}
	}
	_, err = replay(ctx, w, a.pipe, clock, *batch, seen, func(res []ingest.Result) error {
		for _, r := range res {
			if r.Status == ingest.Rejected {
				return fmt.Errorf("synthetic message rejected: %s", r.Reason)
			}
			rep.Records += r.Travellers
		}
		rep.Files += len(res)
		return nil
	})
	if err != nil {
		return err
	}
	rep.Seconds = time.Since(began).Seconds()
	rep.FilesPerSec = float64(rep.Files) / rep.Seconds
	rep.RecordsPerSec = float64(rep.Records) / rep.Seconds
	_, peak := screen.ReadRSS()
	rep.PeakRSSMB = float64(peak) / (1 << 20)
	if *asJSON {
		return json.NewEncoder(env.Stdout).Encode(rep)
	}
	fmt.Fprintf(env.Stdout, "pipeline (%s): %d days, %d messages, %d traveller records in %.1fs: %.0f messages/s, %.0f records/s; peak RSS %.0f MB; RSS by quarter %v\n",
		rep.Store, rep.Days, rep.Files, rep.Records, rep.Seconds, rep.FilesPerSec, rep.RecordsPerSec, rep.PeakRSSMB, rep.RSSAtQuarters)
	return nil
}
