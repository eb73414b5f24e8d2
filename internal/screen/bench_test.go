package screen

import (
	"math/rand"
	"sync"
	"testing"

	"github.com/chokepoint/chokepoint/internal/names"
	"github.com/chokepoint/chokepoint/internal/watchlist"
)

const (
	testUN   = "../../testdata/watchlists/un-consolidated-2026-02-27/consolidated.xml"
	testOFAC = "../../testdata/watchlists/ofac-sdn-2022-01-31"
)

var (
	realOnce    sync.Once
	realEntries []watchlist.Entry
	realErr     error
)

// loadReal loads the bundled UN and OFAC lists once per test binary.
func loadReal(tb testing.TB) []watchlist.Entry {
	tb.Helper()
	realOnce.Do(func() {
		for _, spec := range []string{"un:" + testUN, "ofac:" + testOFAC} {
			imp, err := watchlist.Load(spec)
			if err != nil {
				realErr = err
				return
			}
			realEntries = append(realEntries, imp.Entries...)
		}
	})
	if realErr != nil {
		tb.Fatalf("loading bundled lists: %v", realErr)
	}
	return realEntries
}

var (
	realScreenerOnce sync.Once
	realScreener     *Screener
)

func loadScreener(tb testing.TB) *Screener {
	e := loadReal(tb)
	realScreenerOnce.Do(func() { realScreener = New(e, Options{}) })
	return realScreener
}

func benchQueries(s *Screener) []Query {
	rng := rand.New(rand.NewSource(3))
	var qs []Query
	for _, c := range []string{"exact", "typo", "translit", "drop_middle", "script_cyrillic"} {
		n := 0
		for ri := range s.recs {
			if n >= 200 {
				break
			}
			r := &s.recs[(ri*7919)%len(s.recs)]
			if q, ok := perturb(c, r, s, rng); ok {
				qs = append(qs, Query{Name: q})
				n++
			}
		}
	}
	for _, d := range GenerateDecoys(1000, rng) {
		qs = append(qs, Query{Name: d.Name})
	}
	return qs
}

// BenchmarkScreen screens perturbed list names and innocent travellers
// against UN + OFAC; screenings/s is reported per goroutine (run with
// -cpu 1 for a per-core figure).
func BenchmarkScreen(b *testing.B) {
	s := loadScreener(b)
	qs := benchQueries(s)
	b.ResetTimer()
	c0 := cpuTime()
	for i := 0; i < b.N; i++ {
		s.Screen(qs[i%len(qs)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "screenings/s")
	if c := cpuTime() - c0; c > 0 {
		b.ReportMetric(float64(b.N)/c.Seconds(), "screenings/cpu-s")
	}
}

func BenchmarkIndexBuild(b *testing.B) {
	e := loadReal(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		New(e, Options{})
	}
}

func BenchmarkNormalize(b *testing.B) {
	in := []string{"Abd al-Rahman AL-MUHAJIR", "SMITH/JOHNMR", "Muḥammad ibn ʿAbd al-Wahhāb", "صدام حسين التكريتي", "Шамиль Басаев", "Jose Alejandro GIL GARCIA"}
	for i := 0; i < b.N; i++ {
		names.Parse(in[i%len(in)])
	}
}

func BenchmarkCompare(b *testing.B) {
	a, c := names.Parse("Usama bin Muhammad bin Awad BIN LADIN"), names.Parse("OSAMA BINLADEN")
	w := names.DefaultWeigher()
	for i := 0; i < b.N; i++ {
		names.CompareNames(a, c, w, names.DefaultScoring)
	}
}
