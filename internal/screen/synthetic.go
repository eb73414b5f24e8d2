package screen

import (
	"fmt"
	"math/rand"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/chokepoint/chokepoint/internal/watchlist"
)

var syllables = strings.Fields("ka ra ma na sa ta la ba da ha za fa ja ya wa ki ri mi ni si ti li bi di hi zi fi ji ko ro mo no so to lo bo do ho zo fo jo ku ru mu nu su tu lu bu du hu zu fu ju kha sha gha ash al an ar ov ev in ski enko uddin ullah ani adi awi iri")

// SyntheticEntries makes n listed individuals for scale tests: names drawn
// from the decoy tables mixed with made-up surnames, one or two aliases,
// and a birth date.
func SyntheticEntries(n int, rng *rand.Rand) []watchlist.Entry {
	base := GenerateDecoys(4096, rng)
	out := make([]watchlist.Entry, n)
	for i := range out {
		d := base[rng.Intn(len(base))]
		parts := strings.Fields(d.Name)
		// a made-up surname keeps the vocabulary large, as a big list's is
		var b strings.Builder
		for k := 0; k < 2+rng.Intn(2); k++ {
			b.WriteString(syllables[rng.Intn(len(syllables))])
		}
		sur := strings.ToUpper(b.String()[:1]) + b.String()[1:]
		if rng.Intn(2) == 0 {
			parts[len(parts)-1] = sur
		} else {
			parts = append(parts, sur)
		}
		full := strings.Join(parts, " ")
		e := watchlist.Entry{List: "synthetic", ID: "S" + strconv.Itoa(i), Kind: watchlist.KindIndividual,
			Names:      []watchlist.Name{{Full: full, Quality: watchlist.QualityPrimary, Script: "latin"}},
			BirthDates: []watchlist.BirthDate{{Date: fmt.Sprintf("%04d", 1950+rng.Intn(50))}}}
		if rng.Intn(3) == 0 {
			alias := strings.Join(parts[:len(parts)-1], " ") + " " + strings.ToUpper(sur)
			e.Names = append(e.Names, watchlist.Name{Full: alias, Quality: watchlist.QualityGood})
		}
		out[i] = e
	}
	return out
}

// ScaleReport is the outcome of RunScaleBench.
type ScaleReport struct {
	Entries       int     `json:"entries"`
	IndexedNames  int     `json:"indexed_names"`
	IndexBuildS   float64 `json:"index_build_s"`
	HeapMB        float64 `json:"heap_mb"`
	RSSMB         float64 `json:"rss_mb"`
	PeakRSSMB     float64 `json:"peak_rss_mb"`
	Screenings    int     `json:"screenings"`
	PerSecondCore float64 `json:"screenings_per_second_per_core"`
	P50us         float64 `json:"p50_us"`
	P99us         float64 `json:"p99_us"`
	RecallAt1     float64 `json:"recall_at_1_typo"`
}

// RunScaleBench builds a synthetic list of n names and measures index build
// time, memory and screening speed (typo queries of listed names plus
// decoys).
func RunScaleBench(n int, seed int64) ScaleReport {
	rng := rand.New(rand.NewSource(seed + 2))
	entries := SyntheticEntries(n, rng)
	runtime.GC()
	t0 := time.Now()
	s := New(entries, Options{})
	build := time.Since(t0)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	rss, peak := ReadRSS()
	rep := ScaleReport{Entries: n, IndexedNames: s.Len(), IndexBuildS: round4(build.Seconds()), HeapMB: float64(ms.HeapInuse >> 20), RSSMB: float64(rss >> 20), PeakRSSMB: float64(peak >> 20)}
	var qs []Query
	hits, tried := 0, 0
	for i := 0; i < 2000; i++ {
		ei := rng.Intn(len(entries))
		r := &nameRec{full: entries[ei].Names[0].Full}
		q, ok := perturb("typo", r, s, rng)
		if !ok {
			continue
		}
		qq := Query{Name: q}
		qs = append(qs, qq)
		if i < 300 {
			tried++
			top := s.TopK(qq, 1)
			if len(top) > 0 && top[0].EntryID == entries[ei].ID {
				hits++
			}
		}
	}
	for _, d := range GenerateDecoys(2000, rng) {
		qs = append(qs, Query{Name: d.Name})
	}
	if tried > 0 {
		rep.RecallAt1 = round4(float64(hits) / float64(tried))
	}
	rep.Screenings, rep.PerSecondCore, rep.P50us, rep.P99us = measureSpeed(s, qs)
	return rep
}
