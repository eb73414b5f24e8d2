package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"sort"
	"text/tabwriter"
	"time"

	"github.com/chokepoint/chokepoint/internal/ingest"
	"github.com/chokepoint/chokepoint/internal/scorecard"
	"github.com/chokepoint/chokepoint/internal/store"
	"github.com/chokepoint/chokepoint/internal/synth"
	"github.com/chokepoint/chokepoint/internal/watchlist"
)

// demoConfig is what `chokepoint demo` runs.
type demoConfig struct {
	seed       int64
	days       int
	travellers int
	un, ofac   string
	data       string
	addr       string
	serve      bool
	asJSON     bool
}

// runDemo implements `chokepoint demo`: a week of a synthetic world with
// planted scenarios, ingested through the real pipeline, scored against
// its ground truth, then served.
func runDemo(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "demo")
	var c demoConfig
	fs.Int64Var(&c.seed, "seed", 1, "world seed (same seed, same world, same scorecard)")
	fs.IntVar(&c.days, "days", 7, "days of traffic")
	fs.IntVar(&c.travellers, "travellers", 5000, "ordinary travellers over the period")
	fs.StringVar(&c.un, "un", "testdata/watchlists/un-consolidated-2026-02-27/consolidated.xml", "UN Consolidated List XML (listed persons are planted from it)")
	fs.StringVar(&c.ofac, "ofac", "testdata/watchlists/ofac-sdn-2022-01-31", "OFAC SDN folder (screened against too); empty to skip")
	fs.StringVar(&c.data, "data", "", "data directory (default: a new temporary directory)")
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "where to serve the API after the scorecard")
	noServe := fs.Bool("no-serve", false, "exit after the scorecard")
	fs.BoolVar(&c.asJSON, "json", false, "print the scorecard as JSON (implies --no-serve)")
	if err := fs.Parse(interleaved(fs, args)); err != nil {
		return err
	}
	c.serve = !*noServe && !c.asJSON
	return demo(ctx, env, c)
}

func demo(ctx context.Context, env *Env, c demoConfig) error {
	out := env.Stdout
	if c.asJSON {
		out = env.Stderr
	}
	if c.data == "" {
		dir, err := os.MkdirTemp("", "chokepoint-demo-")
		if err != nil {
			return err
		}
		c.data = dir
	}
	start := time.Now()
	st, err := store.Open(ctx, c.data, "")
	if err != nil {
		return err
	}
	defer st.Close()

	// Watchlists.
	var listed []watchlist.Entry
	for _, spec := range []string{"un:" + c.un, "ofac:" + c.ofac} {
		if spec == "ofac:" || spec == "un:" {
			continue
		}
		imp, err := watchlist.Load(spec)
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s not found: run the demo from the repository root, or pass --un and --ofac", spec)
		}
		if err != nil {
			return err
		}
		if _, _, err := st.PutWatchlistVersion(ctx, store.WatchlistVersion{List: imp.List, Format: imp.Format, Source: imp.Source,
			ListDate: imp.Generated, Digest: imp.Digest}, imp.Entries, "demo"); err != nil {
			return err
		}
		if imp.List == "un" {
			listed = imp.Entries
		}
		fmt.Fprintf(out, "watchlist %-5s %6d entries (%s)\n", imp.List, len(imp.Entries), imp.Source)
	}
	worldStart := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	if err := prepareDemo(ctx, st, worldStart); err != nil {
		return err
	}
	clock := &replayClock{t: worldStart}
	a, err := newAnalysis(ctx, env, st, c.data, logger(env), "system:demo", clock.now)
	if err != nil {
		return err
	}
	p := a.pipe

	// The world, streamed through the pipeline.
	w := synth.New(synth.Config{Seed: c.seed, Start: worldStart, Days: c.days,
		Travellers: c.travellers, Listed: listed})
	total := estimateFiles(c.days, c.travellers)
	bar := newProgress(env.Stderr, "ingest", total)
	var sum ingestSummary
	ingestStart := time.Now()
	stats, err := replay(ctx, w, p, clock, 128, nil, func(res []ingest.Result) error {
		for _, r := range res {
			switch r.Status {
			case ingest.Accepted:
				sum.Accepted++
			case ingest.Rejected:
				sum.Rejected++
			case ingest.Duplicate:
				sum.Duplicates++
			}
			sum.Bookings += r.Bookings
			sum.Travellers += r.Travellers
		}
		bar.add(len(res))
		return nil
	})
	if err != nil {
		return err
	}
	bar.total = bar.done
	bar.finish()
	ingestTime := time.Since(ingestStart)

	gt := w.GroundTruth(&stats)
	card, err := scorecard.Compute(ctx, st, gt)
	if err != nil {
		return err
	}
	if c.asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(card)
	}
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "\nChokepoint demo: seed %d, %d days from %s (data in %s)\n\n", c.seed, c.days, gt.Start, c.data)
	fmt.Fprintf(tw, "messages\t%d files, %d messages (%d API lists, %d PNR pushes), %.1f MB\n", stats.Files, stats.Messages, stats.APIFiles, stats.PNRFiles, float64(stats.Bytes)/1e6)
	fmt.Fprintf(tw, "ingested\t%d accepted, %d duplicates, %d rejected in %.1fs (%.0f files/s)\n", sum.Accepted, sum.Duplicates, sum.Rejected, ingestTime.Seconds(), float64(stats.Files)/ingestTime.Seconds())
	fmt.Fprintf(tw, "travellers\t%d records, %d bookings, %d traveller identities\n", sum.Travellers, sum.Bookings, card.Ordinary+plantedIdentities(card))
	causes := make([]string, 0, len(card.Alerts))
	for k := range card.Alerts {
		causes = append(causes, k)
	}
	sort.Strings(causes)
	fmt.Fprint(tw, "alerts\t")
	for i, k := range causes {
		if i > 0 {
			fmt.Fprint(tw, ", ")
		}
		fmt.Fprintf(tw, "%s %d", k, card.Alerts[k])
	}
	fmt.Fprintln(tw, "\t(every one waits for an analyst's decision)")
	fmt.Fprintln(tw, "\nDetection scorecard against ground truth")
	fmt.Fprintln(tw, "scenario\tplanted\tfound\trecall\tprecision")
	for _, typ := range synth.ScenarioTypes {
		s := card.Scenarios[typ]
		if s == nil {
			continue
		}
		if s.Decoy {
			fmt.Fprintf(tw, "%s\t%d\t-\t-\t-\t(innocent look-alikes; alerted: %d)\n", typ, s.Planted, s.Alerted)
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.2f\t%.2f\n", typ, s.Planted, s.Found, s.Recall, s.Precision)
	}
	fmt.Fprintf(tw, "false alerts\t%.2f per 1,000 ordinary travellers (%d of %d)\n", card.FalseAlertsPer1000, card.OrdinaryAlerted, card.Ordinary)
	fmt.Fprintf(tw, "total time\t%.1fs\n", time.Since(start).Seconds())
	if err := tw.Flush(); err != nil {
		return err
	}
	if !c.serve {
		return nil
	}
	tok, _, err := st.CreateToken(ctx, "demo analyst", "admin", "demo")
	if err != nil {
		return err
	}
	st.Close()
	svc, err := openService(ctx, env, storeFlags{data: c.data}, queueFlags{}, "system:serve")
	if err != nil {
		return err
	}
	defer svc.close()
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return fmt.Errorf("serve on %s: %w (use --addr or --no-serve)", c.addr, err)
	}
	fmt.Fprintf(out, "\nAPI: http://%s  token (admin): %s\n", ln.Addr(), tok)
	fmt.Fprintf(out, "try: curl -H 'Authorization: Bearer %s' 'http://%s/api/v1/alerts?status=new'\n", tok, ln.Addr())
	fmt.Fprintln(out, "Ctrl-C stops the demo.")
	return serveOn(ctx, env, svc, ln, "-")
}

func plantedIdentities(c scorecard.Card) int {
	n := 0
	for _, s := range c.Scenarios {
		n += s.Planted
	}
	return n
}

// estimateFiles guesses the number of files a world will have, for the
// progress bar (about 270 files a day at the default density).
func estimateFiles(days, travellers int) int {
	return max(days*270, travellers/3)
}
