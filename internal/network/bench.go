package network

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"time"
)

// BenchConfig sizes a synthetic graph for Bench.
type BenchConfig struct {
	// Travellers is the number of traveller identities (default 1,000,000).
	Travellers int
	// Edges is the number of edges to stop at (default no limit; the
	// generator makes about 5 a traveller): generation stops at whichever
	// of Travellers and Edges comes first.
	Edges int
	// Queries is the number of 2-hop expansions timed (default 2000).
	Queries int
	// Updates is the number of new bookings applied incrementally and
	// timed (default 20000).
	Updates int
	Seed    uint64
}

// BenchReport is what Bench measured. Durations are in milliseconds.
type BenchReport struct {
	Travellers   int     `json:"travellers"`
	Nodes        int     `json:"nodes"`
	Edges        int     `json:"edges"`
	Hubs         int     `json:"hubs"`
	HubThreshold int     `json:"hub_threshold"`
	BuildSeconds float64 `json:"build_seconds"`
	// HeapMB is the live heap after building (after a GC).
	HeapMB float64 `json:"heap_mb"`

	Queries            int     `json:"queries"`
	ExpandP50MS        float64 `json:"expand_p50_ms"`
	ExpandP99MS        float64 `json:"expand_p99_ms"`
	ExpandMaxMS        float64 `json:"expand_max_ms"`
	ExpandMeanAssoc    float64 `json:"expand_mean_associates"`
	ExpandMaxVisits    int     `json:"expand_max_visits"`
	Updates            int     `json:"updates"`
	UpdateP50MS        float64 `json:"update_p50_ms"`
	UpdateP99MS        float64 `json:"update_p99_ms"`
	UpdateMaxMS        float64 `json:"update_max_ms"`
	UpdateMeanEdgesPer float64 `json:"update_mean_edges_per_booking"`
}

func (r BenchReport) String() string {
	return fmt.Sprintf("network bench: %d travellers, %d nodes, %d edges, %d hubs (threshold %d), built in %.1fs, heap %.0f MB; "+
		"2-hop expansion p50 %.3f ms p99 %.3f ms max %.3f ms (%d queries, %.1f associates mean, %d max visits); "+
		"incremental booking p50 %.4f ms p99 %.4f ms max %.3f ms (%d bookings, %.1f edges each)",
		r.Travellers, r.Nodes, r.Edges, r.Hubs, r.HubThreshold, r.BuildSeconds, r.HeapMB,
		r.ExpandP50MS, r.ExpandP99MS, r.ExpandMaxMS, r.Queries, r.ExpandMeanAssoc, r.ExpandMaxVisits,
		r.UpdateP50MS, r.UpdateP99MS, r.UpdateMaxMS, r.Updates, r.UpdateMeanEdgesPer)
}

// benchGen makes synthetic bookings: 1 to 4 travellers (mean 1.6); a
// booking phone (95 % its own, 4 % from a pool shared by a few bookings,
// 1 % an agency's phone: hubs of thousands), an e-mail (60 % own, 10 % a
// call centre's, 30 % none), a card 40 % of the time (3 % of them
// corporate cards), an office 80 % of the time (Zipf over N/500 offices:
// the big ones are hubs), and per traveller a document half the time and
// a frequent-flyer number one time in five: about 5 edges a traveller.
type benchGen struct {
	r          *rand.Rand
	zipf       *rand.Zipf
	n          int
	nextTrav   int64
	nextBook   int64
	travellers int
}

func newBenchGen(seed uint64, n int) *benchGen {
	r := rand.New(rand.NewPCG(seed, 0x6e6574))
	offices := uint64(max(n/500, 10))
	return &benchGen{r: r, zipf: rand.NewZipf(r, 1.2, 1, offices-1), n: n}
}

func (b *benchGen) booking() Delta {
	r := b.r
	size := 1
	switch x := r.IntN(100); {
	case x >= 95:
		size = 4
	case x >= 85:
		size = 3
	case x >= 60:
		size = 2
	}
	b.nextBook++
	day := "2026-03-" + strconv.Itoa(1+r.IntN(28))
	if day[len(day)-2] == '-' {
		day = day[:len(day)-1] + "0" + day[len(day)-1:]
	}
	var ids []Identifier
	bk := strconv.FormatInt(b.nextBook, 36)
	ids = append(ids, Identifier{NodeBooking, "B" + bk})
	switch x := r.IntN(100); {
	case x < 1:
		ids = append(ids, Identifier{NodePhone, "+90212" + strconv.Itoa(r.IntN(max(b.n/20000, 1)))})
	case x < 5:
		ids = append(ids, Identifier{NodePhone, "+90533" + strconv.Itoa(r.IntN(max(b.n/200, 1)))})
	default:
		ids = append(ids, Identifier{NodePhone, "+90532" + bk})
	}
	switch x := r.IntN(10); {
	case x < 3: // no e-mail given
	case x == 3:
		ids = append(ids, Identifier{NodeEmail, "cc" + strconv.Itoa(r.IntN(max(b.n/50000, 1))) + "@agency.example"})
	default:
		ids = append(ids, Identifier{NodeEmail, bk + "@mail.example"})
	}
	if r.IntN(5) < 2 {
		if r.IntN(100) < 3 {
			ids = append(ids, Identifier{NodeCard, "0000:corp" + strconv.Itoa(r.IntN(max(b.n/10000, 1)))})
		} else {
			ids = append(ids, Identifier{NodeCard, "1234:" + bk})
		}
	}
	if r.IntN(5) > 0 {
		ids = append(ids, Identifier{NodeOffice, "IATA " + strconv.FormatUint(b.zipf.Uint64(), 10)})
	}
	var d Delta
	members := make([]string, size)
	for i := range members {
		b.nextTrav++
		b.travellers++
		me := strconv.FormatInt(b.nextTrav, 10)
		members[i] = me
		d.Nodes = append(d.Nodes, DeltaNode{Kind: NodeTraveller, Key: me, FirstSeen: day, LastSeen: day})
		own := ids[:len(ids):len(ids)]
		if r.IntN(2) == 0 {
			own = append(own, Identifier{NodeDocument, "TUR U" + me})
		}
		if r.IntN(5) == 0 {
			own = append(own, Identifier{NodeFrequentFlyer, "TK " + me})
		}
		for _, id := range own {
			d.Edges = append(d.Edges, DeltaEdge{FromKind: NodeTraveller, FromKey: me, ToKind: id.Kind, ToKey: id.Key,
				Kind: edgeFor(id.Kind), Count: 1, FirstSeen: day, LastSeen: day})
		}
		for _, o := range members[:i] {
			d.Edges = append(d.Edges, DeltaEdge{FromKind: NodeTraveller, FromKey: me, ToKind: NodeTraveller, ToKey: o,
				Kind: EdgeSameBooking, Count: 1, FirstSeen: day, LastSeen: day})
		}
	}
	return d
}

func percentile(ds []time.Duration, p float64) float64 {
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	i := min(len(ds)-1, int(p*float64(len(ds))))
	return float64(ds[i]) / 1e6
}

// Bench builds a synthetic graph in memory through the incremental path
// (Graph.Apply, one booking at a time), then times 2-hop expansions from
// random travellers and the incremental update of new bookings. It is
// the body of `chokepoint bench network --travellers N --edges M`.
func Bench(ctx context.Context, cfg BenchConfig) (BenchReport, error) {
	if cfg.Travellers <= 0 {
		cfg.Travellers = 1_000_000
	}
	if cfg.Edges <= 0 {
		cfg.Edges = math.MaxInt
	}
	if cfg.Queries <= 0 {
		cfg.Queries = 2000
	}
	if cfg.Updates <= 0 {
		cfg.Updates = 20000
	}
	g := NewGraph(Config{})
	g.Grow(cfg.Travellers * 3)
	gen := newBenchGen(cfg.Seed, cfg.Travellers)
	start := time.Now()
	edges := 0
	for gen.travellers < cfg.Travellers && edges < cfg.Edges {
		if gen.nextBook%65536 == 0 {
			if err := ctx.Err(); err != nil {
				return BenchReport{}, err
			}
		}
		d := gen.booking()
		edges += len(d.Edges)
		if err := g.Apply(d); err != nil {
			return BenchReport{}, err
		}
	}
	rep := BenchReport{BuildSeconds: time.Since(start).Seconds()}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	rep.HeapMB = float64(ms.HeapAlloc) / (1 << 20)
	st := g.Stats()
	rep.Travellers, rep.Nodes, rep.Edges, rep.Hubs, rep.HubThreshold = st.Travellers, st.Nodes, st.Edges, st.Hubs, st.HubThreshold

	r := rand.New(rand.NewPCG(cfg.Seed, 2))
	lat := make([]time.Duration, 0, cfg.Queries)
	assoc := 0
	for range cfg.Queries {
		id := 1 + r.Int64N(gen.nextTrav)
		t0 := time.Now()
		res, err := g.Expand(id, 2, nil)
		lat = append(lat, time.Since(t0))
		if err != nil {
			return rep, err
		}
		assoc += res.Associates
		rep.ExpandMaxVisits = max(rep.ExpandMaxVisits, res.Visits)
	}
	rep.Queries = cfg.Queries
	rep.ExpandMeanAssoc = float64(assoc) / float64(cfg.Queries)
	rep.ExpandP50MS, rep.ExpandP99MS, rep.ExpandMaxMS = percentile(lat, 0.5), percentile(lat, 0.99), percentile(lat, 1)

	lat = lat[:0]
	upd := 0
	for range cfg.Updates {
		d := gen.booking()
		upd += len(d.Edges)
		t0 := time.Now()
		if err := g.Apply(d); err != nil {
			return rep, err
		}
		lat = append(lat, time.Since(t0))
	}
	rep.Updates = cfg.Updates
	rep.UpdateMeanEdgesPer = float64(upd) / float64(cfg.Updates)
	rep.UpdateP50MS, rep.UpdateP99MS, rep.UpdateMaxMS = percentile(lat, 0.5), percentile(lat, 0.99), percentile(lat, 1)
	return rep, nil
}
