package screen

import (
	"fmt"
	"math/rand"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/chokepoint/chokepoint/internal/names"
	"github.com/chokepoint/chokepoint/internal/watchlist"
	"golang.org/x/text/unicode/norm"
)

// Perturbation classes of the matching benchmark.
//
// The script classes are screened against the lists without their
// original-script names (as if the list carried only Latin names), so that
// the query must be matched across scripts rather than found verbatim:
// script_arabic queries are the Arabic-script names the lists carry (UN
// NAME_ORIGINAL_SCRIPT), script_cyrillic the lists' Cyrillic names and the
// Latin names of Slavic-looking individuals written in Russian Cyrillic.
var BenchClasses = []string{"exact", "translit", "abd", "drop_middle", "swap_order", "typo", "diacritics", "script_arabic", "script_cyrillic"}

// BenchConfig configures RunMatchingBench.
type BenchConfig struct {
	Entries  []watchlist.Entry
	Versions []ListVersion
	// Decoys is the number of innocent travellers (default 10000).
	Decoys int
	// PerClass caps the queries per perturbation class (default 3000).
	PerClass int
	Seed     int64
	// Threshold is the operating point (default DefaultThreshold).
	Threshold float64
	// Misses keeps up to this many missed queries per class as examples.
	Misses int
}

// ClassResult is the recall of one perturbation class.
type ClassResult struct {
	Class       string   `json:"class"`
	Queries     int      `json:"queries"`
	RecallAt1   float64  `json:"recall_at_1"`
	RecallAt10  float64  `json:"recall_at_10"`
	RecallAtThr float64  `json:"recall_at_threshold"`
	Misses      []string `json:"misses,omitempty"`
}

// BenchReport is the outcome of RunMatchingBench.
type BenchReport struct {
	Lists          []ListVersion `json:"lists"`
	Entries        int           `json:"entries"`
	IndexedNames   int           `json:"indexed_names"`
	Threshold      float64       `json:"threshold"`
	IndexBuildMS   float64       `json:"index_build_ms"`
	Classes        []ClassResult `json:"classes"`
	WithBirthDate  []ClassResult `json:"classes_with_birth_date,omitempty"`
	Decoys         int           `json:"decoys"`
	DecoysExcluded int           `json:"decoys_excluded"`
	FalseAlerts    int           `json:"false_alerts"`
	FalsePer1000   float64       `json:"false_alerts_per_1000"`
	FalseWithDOB   float64       `json:"false_alerts_per_1000_with_birth_date"`
	FalseExamples  []string      `json:"false_alert_examples,omitempty"`
	Screenings     int           `json:"speed_screenings"`
	PerSecondCore  float64       `json:"screenings_per_second_per_core"`
	P50us          float64       `json:"p50_us"`
	P99us          float64       `json:"p99_us"`
}

type benchQuery struct {
	class string
	q     Query
	truth map[int32]bool // entry indices that count as a hit
	orig  string
	// latin: screened against the lists without original-script names
	latin bool
}

// RunMatchingBench builds perturbed queries from the entries' own names and
// a decoy set of innocent travellers, and measures recall, false alerts and
// speed.
func RunMatchingBench(cfg BenchConfig) BenchReport {
	if cfg.Decoys == 0 {
		cfg.Decoys = 10000
	}
	if cfg.PerClass == 0 {
		cfg.PerClass = 3000
	}
	if cfg.Threshold == 0 {
		cfg.Threshold = DefaultThreshold
	}
	rng := rand.New(rand.NewSource(cfg.Seed + 1))
	rep := BenchReport{Lists: cfg.Versions, Entries: len(cfg.Entries), Threshold: cfg.Threshold}
	runtime.GC()
	t0 := time.Now()
	s := New(cfg.Entries, Options{Threshold: cfg.Threshold, Versions: cfg.Versions})
	rep.IndexBuildMS = float64(time.Since(t0).Microseconds()) / 1000
	rep.IndexedNames = s.Len()

	// ground truth: entries sharing a name's canonical key count as hits
	byKey := map[string][]int32{}
	for ri := range s.recs {
		k := canonKey(s.recs[ri].name)
		byKey[k] = appendUnique(byKey[k], s.recs[ri].entry)
	}
	queries := buildBenchQueries(s, byKey, cfg.PerClass, rng)
	sLatin := New(latinOnly(cfg.Entries), Options{Threshold: cfg.Threshold, Versions: cfg.Versions})

	for _, withDOB := range []bool{false, true} {
		var results []ClassResult
		for _, class := range BenchClasses {
			cr := ClassResult{Class: class}
			var h1, h10, ht int
			for _, bq := range queries {
				if bq.class != class {
					continue
				}
				q := bq.q
				if withDOB {
					q.BirthDate = entryDOB(s, bq.truth)
				}
				cr.Queries++
				scr := s
				if bq.latin {
					scr = sLatin
				}
				top := scr.TopK(q, 10)
				for i, m := range top {
					ei := s.entryIndex(m.List, m.EntryID)
					if !bq.truth[ei] {
						continue
					}
					if i == 0 {
						h1++
					}
					h10++
					if m.Score >= cfg.Threshold {
						ht++
					}
					break
				}
				hitThr := false
				for _, m := range top {
					if bq.truth[s.entryIndex(m.List, m.EntryID)] && m.Score >= cfg.Threshold {
						hitThr = true
					}
				}
				if !hitThr && len(cr.Misses) < cfg.Misses && !withDOB {
					best := ""
					if len(top) > 0 {
						best = fmt.Sprintf(" (top: %s %s %.2f %q)", top[0].List, top[0].EntryID, top[0].Score, top[0].MatchedName)
					}
					cr.Misses = append(cr.Misses, fmt.Sprintf("%q from %q%s", bq.q.Name, bq.orig, best))
				}
			}
			if cr.Queries > 0 {
				n := float64(cr.Queries)
				cr.RecallAt1, cr.RecallAt10, cr.RecallAtThr = round4(float64(h1)/n), round4(float64(h10)/n), round4(float64(ht)/n)
			}
			results = append(results, cr)
		}
		if withDOB {
			rep.WithBirthDate = results
		} else {
			rep.Classes = results
		}
	}

	// decoys: innocent travellers not on the lists by normalised name
	listed := map[string]bool{}
	for ri := range s.recs {
		listed[canonKey(s.recs[ri].name)] = true
		listed[joinedKey(s.recs[ri].name)] = true
	}
	var decoys []Query
	for _, d := range GenerateDecoys(cfg.Decoys*2, rng) {
		if len(decoys) >= cfg.Decoys {
			break
		}
		if pn := names.Parse(d.Name); listed[canonKey(pn)] || listed[joinedKey(pn)] {
			rep.DecoysExcluded++
			continue
		}
		decoys = append(decoys, Query{ID: d.Culture, Name: d.Name, Gender: d.Gender})
	}
	rep.Decoys = len(decoys)
	for _, withDOB := range []bool{false, true} {
		alerts := 0
		for _, q := range decoys {
			if withDOB {
				q.BirthDate = fmt.Sprintf("%04d-%02d-%02d", 1950+rng.Intn(55), 1+rng.Intn(12), 1+rng.Intn(28))
			} else {
				q.Gender = ""
			}
			ms := s.Screen(q)
			if len(ms) > 0 {
				alerts++
				if !withDOB && len(rep.FalseExamples) < cfg.Misses {
					rep.FalseExamples = append(rep.FalseExamples, fmt.Sprintf("%s %q -> %s %s %.2f %q", q.ID, q.Name, ms[0].List, ms[0].EntryID, ms[0].Score, ms[0].MatchedName))
				}
			}
		}
		per := round4(float64(alerts) * 1000 / float64(max(1, len(decoys))))
		if withDOB {
			rep.FalseWithDOB = per
		} else {
			rep.FalseAlerts = alerts
			rep.FalsePer1000 = per
		}
	}

	// speed: one goroutine with GOMAXPROCS=1, so the figure is per core
	var all []Query
	for _, bq := range queries {
		all = append(all, bq.q)
	}
	all = append(all, decoys...)
	rep.Screenings, rep.PerSecondCore, rep.P50us, rep.P99us = measureSpeed(s, all)
	return rep
}

func measureSpeed(s *Screener, qs []Query) (n int, perSec, p50, p99 float64) {
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	rand.New(rand.NewSource(7)).Shuffle(len(qs), func(i, j int) { qs[i], qs[j] = qs[j], qs[i] })
	// warm up
	for i := 0; i < len(qs) && i < 500; i++ {
		s.Screen(qs[i])
	}
	runtime.GC()
	lat := make([]time.Duration, len(qs))
	c0 := cpuTime()
	start := time.Now()
	for i, q := range qs {
		t := time.Now()
		s.Screen(q)
		lat[i] = time.Since(t)
	}
	total := time.Since(start)
	// per core: against the process's CPU time (one P, so one core at a
	// time); on an idle machine it equals the wall clock
	if c := cpuTime() - c0; c > 0 && c < total {
		total = c
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	if len(lat) == 0 {
		return 0, 0, 0, 0
	}
	us := func(d time.Duration) float64 { return round4(float64(d.Nanoseconds()) / 1000) }
	return len(qs), float64(int(float64(len(qs)) / total.Seconds())), us(lat[len(lat)/2]), us(lat[len(lat)*99/100])
}

func round4(x float64) float64 { return float64(int(x*10000+0.5)) / 10000 }

func appendUnique(s []int32, v int32) []int32 {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

// canonKey is a name's sorted canonical parts: the "same normalised name".
func canonKey(n names.Name) string {
	c := n.Canons()
	sort.Strings(c)
	return strings.Join(c, " ")
}

// joinedKey is a name's canonical parts run together in order, so that
// MOHAMMADREZA KAZEMI is the same normalised name as MOHAMMAD REZA KAZEMI.
func joinedKey(n names.Name) string {
	return "\x00" + strings.Join(n.Canons(), "")
}

func (s *Screener) entryIndex(list, id string) int32 {
	s.idxOnce.Do(func() {
		s.byID = map[string]int32{}
		for i := range s.entries {
			s.byID[s.entries[i].List+"\x00"+s.entries[i].ID] = int32(i)
		}
	})
	if i, ok := s.byID[list+"\x00"+id]; ok {
		return i
	}
	return -1
}

func entryDOB(s *Screener, truth map[int32]bool) string {
	var best string
	for ei := range truth {
		for _, b := range s.entries[ei].BirthDates {
			if b.Date != "" && len(b.Date) > len(best) {
				best = b.Date
			}
		}
	}
	return best
}

// buildBenchQueries makes up to perClass queries per class from the
// primary and good-quality names of listed individuals.
func buildBenchQueries(s *Screener, byKey map[string][]int32, perClass int, rng *rand.Rand) []benchQuery {
	type src struct {
		rec  int32
		full string
	}
	var srcs []src
	for ri := range s.recs {
		r := &s.recs[ri]
		if r.quality == watchlist.QualityLow || len(r.name.Tokens) < 2 {
			continue
		}
		if s.entries[r.entry].Kind == watchlist.KindEntity {
			continue
		}
		srcs = append(srcs, src{int32(ri), r.full})
	}
	rng.Shuffle(len(srcs), func(i, j int) { srcs[i], srcs[j] = srcs[j], srcs[i] })
	var out []benchQuery
	for _, class := range BenchClasses {
		n := 0
		for _, sr := range srcs {
			if n >= perClass {
				break
			}
			r := &s.recs[sr.rec]
			if names.Script(r.full) != "latin" {
				continue
			}
			q, ok := perturb(class, r, s, rng)
			if !ok {
				continue
			}
			truth := map[int32]bool{r.entry: true}
			for _, e := range byKey[canonKey(r.name)] {
				truth[e] = true
			}
			out = append(out, benchQuery{class: class, q: Query{ID: class + "-" + strconv.Itoa(n), Name: q}, truth: truth, orig: r.full, latin: strings.HasPrefix(class, "script")})
			n++
		}
	}
	return out
}

// latinOnly returns a copy of the entries without their names written in
// another script than Latin (the entries' order is kept).
func latinOnly(entries []watchlist.Entry) []watchlist.Entry {
	out := make([]watchlist.Entry, len(entries))
	for i, e := range entries {
		var ns []watchlist.Name
		for _, n := range e.Names {
			full := n.Full
			if strings.TrimSpace(full) == "" {
				full = n.Given + " " + n.Surname
			}
			if names.Script(full) == "latin" {
				ns = append(ns, n)
			}
		}
		e.Names = ns
		out[i] = e
	}
	return out
}

// perturb derives a query name of the class from a listed name, or false
// when the class does not apply to it.
func perturb(class string, r *nameRec, s *Screener, rng *rand.Rand) (string, bool) {
	toks := strings.Fields(strings.ReplaceAll(names.Fold(r.full), "-", " "))
	if len(toks) < 2 {
		return "", false
	}
	switch class {
	case "exact":
		return r.full, true
	case "translit":
		// swap a part for another spelling of its family, else apply a
		// common transliteration alternation
		idx := rng.Perm(len(toks))
		for _, i := range idx {
			c, ok := names.Family(toks[i])
			if !ok {
				continue
			}
			m := names.FamilyMembers(c)
			var alts []string
			for _, x := range m {
				if x != toks[i] && len(x) > 2 {
					alts = append(alts, x)
				}
			}
			if len(alts) > 0 {
				toks[i] = alts[rng.Intn(len(alts))]
				return strings.Join(toks, " "), true
			}
		}
		swaps := [][2]string{{"OU", "U"}, {"U", "OU"}, {"EE", "I"}, {"KH", "H"}, {"Y", "I"}, {"IY", "I"}, {"OV", "OFF"}, {"EV", "YEV"}, {"J", "DJ"}, {"SH", "CH"}, {"Q", "K"}, {"AI", "EI"}, {"I", "EE"}, {"E", "I"}, {"A", "E"}, {"O", "U"}, {"W", "V"}, {"DH", "Z"}, {"TH", "T"}}
		for _, i := range idx {
			if len(toks[i]) < 4 {
				continue
			}
			for _, k := range rng.Perm(len(swaps)) {
				sw := swaps[k]
				if j := strings.Index(toks[i][1:], sw[0]); j >= 0 {
					toks[i] = toks[i][:j+1] + sw[1] + toks[i][j+1+len(sw[0]):]
					return strings.Join(toks, " "), true
				}
			}
		}
		return "", false
	case "abd":
		for _, t := range r.name.Tokens {
			tail, ok := names.AbdTail(t.Canon)
			if !ok || t.Text == t.Canon && !strings.HasPrefix(t.Text, "ABD"+tail) {
				continue
			}
			forms := []string{"ABD AL-" + tail, "ABDUL " + tail, "ABDEL" + tail, "ABDUL" + tail, "ABDEL " + tail, "ABD " + tail}
			if tail[0] == 'R' || tail[0] == 'S' || tail[0] == 'N' || tail[0] == 'Z' {
				forms = append(forms, "ABDU"+tail[:1]+tail)
			}
			if tail == "ALLAH" {
				forms = []string{"ABDALLAH", "ABD ALLAH", "ABDULLA", "ABDOULLAH", "ABD-ALLAH"}
			}
			var out []string
			for _, x := range r.name.Tokens {
				if x.Text == t.Text {
					out = append(out, forms[rng.Intn(len(forms))])
				} else {
					out = append(out, x.Text)
				}
			}
			if strings.Join(out, " ") == r.name.String() {
				return "", false
			}
			return strings.Join(out, " "), true
		}
		return "", false
	case "drop_middle":
		nt := r.name.Tokens
		if len(nt) < 3 {
			return "", false
		}
		i := 1 + rng.Intn(len(nt)-2)
		var out []string
		for j, x := range nt {
			if j != i {
				out = append(out, x.Text)
			}
		}
		return strings.Join(out, " "), true
	case "swap_order":
		// airline form: last part first, as SURNAME/GIVEN
		return toks[len(toks)-1] + "/" + strings.Join(toks[:len(toks)-1], " "), true
	case "typo":
		// one edit in the longest part of five letters or more
		li := -1
		for i, t := range toks {
			if len(t) >= 5 && (li < 0 || len(t) > len(toks[li])) {
				li = i
			}
		}
		if li < 0 {
			return "", false
		}
		w := []byte(toks[li])
		p := 1 + rng.Intn(len(w)-1)
		letters := "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		switch rng.Intn(4) {
		case 0: // substitute
			c := letters[rng.Intn(26)]
			for c == w[p] {
				c = letters[rng.Intn(26)]
			}
			w[p] = c
		case 1: // delete
			w = append(w[:p], w[p+1:]...)
		case 2: // insert
			w = append(w[:p], append([]byte{letters[rng.Intn(26)]}, w[p:]...)...)
		default: // transpose
			if p+1 < len(w) && w[p] != w[p+1] {
				w[p], w[p+1] = w[p+1], w[p]
			} else {
				w = append(w[:p], w[p+1:]...)
			}
		}
		toks[li] = string(w)
		return strings.Join(toks, " "), true
	case "diacritics":
		// names written with diacritics, queried without (as an MRZ or a
		// booking system without them would carry them)
		hasNonASCII := false
		for _, c := range r.full {
			if c > 127 && unicode.IsLetter(c) {
				hasNonASCII = true
			}
		}
		if !hasNonASCII {
			return "", false
		}
		var b strings.Builder
		for _, c := range norm.NFD.String(r.full) {
			if unicode.Is(unicode.Mn, c) {
				continue
			}
			switch c {
			case 'ß':
				b.WriteString("ss")
			case 'ı':
				b.WriteRune('i')
			case 'ø', 'Ø':
				b.WriteRune('o')
			case 'æ', 'Æ':
				b.WriteRune('a')
			case 'đ', 'Đ':
				b.WriteRune('d')
			case 'ł', 'Ł':
				b.WriteRune('l')
			default:
				b.WriteRune(c)
			}
		}
		return b.String(), true
	case "script_arabic", "script_cyrillic":
		// the entry's own name in that script (one query per entry, from
		// its primary name's record), else for Cyrillic a Slavic-looking
		// Latin name written in Russian Cyrillic
		want := strings.TrimPrefix(class, "script_")
		e := &s.entries[r.entry]
		if r.quality == watchlist.QualityPrimary {
			for _, n := range e.Names {
				if names.Script(n.Full) == want {
					return n.Full, true
				}
			}
		}
		if want == "cyrillic" && looksSlavic(r.name, e) {
			return names.ToCyrillic(r.full), true
		}
		return "", false
	}
	return "", false
}

var slavicNat = map[string]bool{"RUS": true, "UKR": true, "BLR": true, "SRB": true, "BGR": true, "KAZ": true, "KGZ": true, "UZB": true, "TJK": true, "MKD": true, "BIH": true, "GEO": true, "AZE": true, "ARM": true, "MDA": true, "TKM": true}

func looksSlavic(n names.Name, e *watchlist.Entry) bool {
	for _, c := range e.Nationalities {
		if slavicNat[Country(c)] {
			return true
		}
	}
	for _, t := range n.Tokens {
		for _, suf := range []string{"OV", "EV", "OVA", "EVA", "ENKO", "SKY", "SKIY", "SKII", "VICH", "OVNA", "EVNA", "YUK", "CHUK"} {
			if strings.HasSuffix(t.Text, suf) && len(t.Text) > len(suf)+2 {
				return true
			}
		}
	}
	return false
}

// ReadRSS returns the process's resident set size and its peak in bytes
// (Linux), or zeros.
func ReadRSS() (rss, peak uint64) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		v, _ := strconv.ParseUint(f[1], 10, 64)
		switch f[0] {
		case "VmRSS:":
			rss = v * 1024
		case "VmHWM:":
			peak = v * 1024
		}
	}
	return rss, peak
}
