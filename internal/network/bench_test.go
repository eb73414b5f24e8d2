package network

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/chokepoint/chokepoint/internal/message"
	"github.com/chokepoint/chokepoint/internal/store"
)

func TestBenchSmall(t *testing.T) {
	rep, err := Bench(context.Background(), BenchConfig{Travellers: 20000, Queries: 200, Updates: 500, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Log(rep)
	if rep.Travellers < 20000 || rep.Edges < 4*rep.Travellers || rep.Hubs == 0 {
		t.Errorf("synthetic graph too small: %+v", rep)
	}
	if rep.ExpandMeanAssoc > 200 {
		t.Errorf("hubs leak: %.0f associates on average", rep.ExpandMeanAssoc)
	}
}

var benchGraph *Graph
var benchGenState *benchGen

func benchSetup(b *testing.B) (*Graph, *benchGen) {
	if benchGraph == nil {
		g := NewGraph(Config{})
		gen := newBenchGen(1, 300000)
		for gen.travellers < 300000 {
			if err := g.Apply(gen.booking()); err != nil {
				b.Fatal(err)
			}
		}
		benchGraph, benchGenState = g, gen
	}
	return benchGraph, benchGenState
}

// BenchmarkExpand2Hop: one 2-hop expansion from a random traveller of a
// 300,000-traveller graph.
func BenchmarkExpand2Hop(b *testing.B) {
	g, gen := benchSetup(b)
	b.ResetTimer()
	i := int64(0)
	for b.Loop() {
		i = (i*7919 + 17) % gen.nextTrav
		if _, err := g.Expand(i+1, 2, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkApplyBooking: the in-memory update of one new booking.
func BenchmarkApplyBooking(b *testing.B) {
	g, gen := benchSetup(b)
	ds := make([]Delta, 0, 4096)
	for range 4096 {
		ds = append(ds, gen.booking())
	}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		if err := g.Apply(ds[i%len(ds)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkObserveSQLite: Observe of one traveller in a SQLite write
// transaction (the ingest-time store cost), 100 per transaction.
func BenchmarkObserveSQLite(b *testing.B) {
	ctx := context.Background()
	st, err := store.Open(ctx, b.TempDir(), "")
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	var lat []time.Duration
	n := 0
	for b.Loop() {
		err := st.WithTx(ctx, func(tx *store.Tx) error {
			for range 100 {
				n++
				bk := &message.Booking{RecordLocator: fmt.Sprintf("L%06d", n/2),
					Contacts: message.Contacts{Phones: []string{fmt.Sprintf("+90532%07d", n/2)}, Emails: []string{fmt.Sprintf("p%d@example.com", n/2)}},
					Office:   &message.Office{AgencyID: fmt.Sprint(n % 300), Country: "TR"}}
				obs := Observation{IdentityID: int64(n), FlightID: int64(n/150 + 1), Date: "2026-03-02", BookingID: int64(n/2 + 1),
					Seat: fmt.Sprintf("%d%c", n%30+1, 'A'+n%6), Booking: bk}
				t0 := time.Now()
				if _, err := Observe(ctx, tx, obs); err != nil {
					return err
				}
				lat = append(lat, time.Since(t0))
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(percentile(lat, 0.99), "p99-ms/obs")
	b.ReportMetric(percentile(lat, 0.5), "p50-ms/obs")
}

// TestBenchScale runs Bench at the size NETWORK_BENCH_TRAVELLERS (and
// NETWORK_BENCH_EDGES) name; skipped when unset. E.g.
// NETWORK_BENCH_TRAVELLERS=10000000 NETWORK_BENCH_EDGES=50000000 go test -run TestBenchScale -timeout 1h -v ./internal/network
func TestBenchScale(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("NETWORK_BENCH_TRAVELLERS"))
	if n <= 0 {
		t.Skip("NETWORK_BENCH_TRAVELLERS not set")
	}
	e, _ := strconv.Atoi(os.Getenv("NETWORK_BENCH_EDGES"))
	rep, err := Bench(context.Background(), BenchConfig{Travellers: n, Edges: e, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Log(rep)
}
