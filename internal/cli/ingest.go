package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/chokepoint/chokepoint/internal/ingest"
	"github.com/chokepoint/chokepoint/internal/queue"
)

// ingestSummary is the JSON summary of `chokepoint ingest --json`.
type ingestSummary struct {
	Files      int              `json:"files"`
	Accepted   int              `json:"accepted"`
	Duplicates int              `json:"duplicates"`
	Rejected   int              `json:"rejected"`
	Reasons    []rejectedReason `json:"reasons"`
	Queued     int              `json:"queued,omitempty"`
	Bookings   int              `json:"bookings"`
	Travellers int              `json:"travellers"`
	Hits       int              `json:"hits"`
	Seconds    float64          `json:"seconds"`
	PerSecond  float64          `json:"messages_per_second"`
}

type rejectedReason struct {
	File   string `json:"file"`
	Reason string `json:"reason"`
}

// runIngest implements `chokepoint ingest --data DIR PATH...`.
func runIngest(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "ingest")
	var sf storeFlags
	sf.register(fs)
	asJSON := fs.Bool("json", false, "print a JSON summary")
	batchSize := fs.Int("batch", 256, "messages per transaction")
	var qf queueFlags
	qf.register(fs, "publish to this NATS JetStream server (nats://...) for workers instead of ingesting here")
	if err := fs.Parse(interleaved(fs, args)); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(env.Stderr, "usage: chokepoint ingest [--data DIR] [--store DSN] [--json] [--queue nats://...] PATH...")
		return errUsage
	}
	files, err := expandPaths(fs.Args())
	if err != nil {
		return err
	}
	start := time.Now()
	sum := ingestSummary{Files: len(files), Reasons: []rejectedReason{}}
	bar := newProgress(env.Stderr, "ingest", len(files))

	if qf.url != "" {
		q, err := queue.Dial(ctx, qf.url, qf.config())
		if err != nil {
			return err
		}
		defer q.Close()
		for _, name := range files {
			data, err := os.ReadFile(name)
			if err != nil {
				return err
			}
			if err := q.Publish(ctx, queue.NewMessage(data, "file:"+name, time.Now())); err != nil {
				return err
			}
			sum.Queued++
			bar.add(1)
		}
		bar.finish()
		return printIngestSummary(env, *asJSON, sum, start)
	}

	st, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := newAnalysis(ctx, env, st, sf.data, logger(env), "system:ingest", nil)
	if err != nil {
		return err
	}
	p := a.pipe
	flush := func(batch []queue.Message, names []string) error {
		res, err := p.Process(ctx, batch)
		if err != nil {
			return err
		}
		for i, r := range res {
			switch r.Status {
			case ingest.Accepted:
				sum.Accepted++
			case ingest.Duplicate:
				sum.Duplicates++
			case ingest.Rejected:
				sum.Rejected++
				sum.Reasons = append(sum.Reasons, rejectedReason{File: names[i], Reason: r.Reason})
			}
			sum.Bookings += r.Bookings
			sum.Travellers += r.Travellers
			sum.Hits += r.Hits
		}
		bar.add(len(batch))
		return nil
	}
	var batch []queue.Message
	var names []string
	for _, name := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		batch = append(batch, queue.NewMessage(data, "file:"+name, time.Now()))
		names = append(names, name)
		if len(batch) >= *batchSize {
			if err := flush(batch, names); err != nil {
				return err
			}
			batch, names = batch[:0], names[:0]
		}
	}
	if len(batch) > 0 {
		if err := flush(batch, names); err != nil {
			return err
		}
	}
	bar.finish()
	if err := printIngestSummary(env, *asJSON, sum, start); err != nil {
		return err
	}
	if sum.Rejected > 0 {
		return &ExitError{Code: 1, Err: fmt.Errorf("%d of %d files rejected", sum.Rejected, sum.Files)}
	}
	return nil
}

func printIngestSummary(env *Env, asJSON bool, sum ingestSummary, start time.Time) error {
	sum.Seconds = time.Since(start).Seconds()
	if sum.Seconds > 0 {
		sum.PerSecond = float64(sum.Files) / sum.Seconds
	}
	if asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(sum)
	}
	if sum.Queued > 0 {
		fmt.Fprintf(env.Stdout, "queued %d messages in %.1fs\n", sum.Queued, sum.Seconds)
		return nil
	}
	fmt.Fprintf(env.Stdout, "ingested %d files in %.1fs (%.0f/s): %d accepted, %d duplicates, %d rejected; %d bookings, %d travellers, %d watchlist hits\n",
		sum.Files, sum.Seconds, sum.PerSecond, sum.Accepted, sum.Duplicates, sum.Rejected, sum.Bookings, sum.Travellers, sum.Hits)
	for _, r := range sum.Reasons {
		fmt.Fprintf(env.Stdout, "  rejected %s: %s\n", r.File, r.Reason)
	}
	return nil
}
