package ingest

import (
	"context"
	"testing"
	"time"

	"github.com/chokepoint/chokepoint/internal/journey"
	"github.com/chokepoint/chokepoint/internal/network"
	"github.com/chokepoint/chokepoint/internal/queue"
	"github.com/chokepoint/chokepoint/internal/store"
	"github.com/chokepoint/chokepoint/internal/synth"
)

// BenchmarkProcessSynth ingests one day of the synthetic world end to end
// (parse, resolve, screen, journeys, networks, commit) on the embedded
// store and reports messages (files) and traveller records per second.
func BenchmarkProcessSynth(b *testing.B) {
	ctx := context.Background()
	w := synth.New(synth.Config{Seed: 3, Start: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), Days: 1, Travellers: 700})
	var msgs []queue.Message
	if _, err := w.Each(ctx, func(f synth.File) error {
		msgs = append(msgs, queue.NewMessage(f.Data, f.Name, f.Time))
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	builder, err := journey.NewBuilder(journey.Config{})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	var files, records int
	for b.Loop() {
		b.StopTimer()
		st, err := store.Open(ctx, b.TempDir(), "")
		if err != nil {
			b.Fatal(err)
		}
		p := New(Config{Store: st, Journeys: builder, Network: network.NewGraph(network.Config{})})
		b.StartTimer()
		for i := 0; i < len(msgs); i += 128 {
			res, err := p.Process(ctx, msgs[i:min(i+128, len(msgs))])
			if err != nil {
				b.Fatal(err)
			}
			for _, r := range res {
				records += r.Travellers
			}
		}
		files += len(msgs)
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(files)/b.Elapsed().Seconds(), "msgs/s")
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
}
