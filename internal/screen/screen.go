// Package screen screens travellers against watchlists: it indexes every
// listed name (and alias) by spelling-family, phonetic and typo-tolerant
// keys, retrieves candidates for a query without scanning the list, and
// scores each candidate entry by name similarity (rare parts weigh more)
// combined with birth date, nationality, gender and document number. Every
// match carries an explanation.
package screen

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"

	"github.com/chokepoint/chokepoint/internal/names"
	"github.com/chokepoint/chokepoint/internal/watchlist"
)

// DefaultThreshold is the score at or above which a match alerts.
const DefaultThreshold = 0.80

// Options configure a Screener.
type Options struct {
	// Threshold is the alerting score; 0 means DefaultThreshold.
	Threshold float64
	// MaxCandidates bounds how many listed names are fully scored per
	// query (the best by blocking score); 0 means 12.
	MaxCandidates int
	// IncludeEntities also screens against listed entities (companies,
	// vessels...); by default only individuals are screened.
	IncludeEntities bool
	// Versions records which list versions the entries came from; they
	// are returned with every match.
	Versions []ListVersion
}

// ListVersion identifies one imported version of a list.
type ListVersion struct {
	List    string `json:"list"`
	Version string `json:"version,omitempty"`
	Digest  string `json:"digest,omitempty"`
}

// QueryDocument is a traveller's document.
type QueryDocument struct {
	Type    string `json:"type,omitempty"`
	Number  string `json:"number"`
	Country string `json:"country,omitempty"`
}

// Query is one traveller to screen. Name is a full name (airline
// "SURNAME/GIVEN MR" form accepted); Given and Surname may be used instead
// of or in addition to it.
type Query struct {
	ID          string
	Name        string
	Given       string
	Surname     string
	BirthDate   string // YYYY | YYYY-MM | YYYY-MM-DD
	Nationality string
	Gender      string
	Documents   []QueryDocument
}

// Match is one listed entry matching a query.
type Match struct {
	List        string      `json:"list"`
	EntryID     string      `json:"entry_id"`
	Score       float64     `json:"score"`
	MatchedName string      `json:"matched_name"`
	Version     string      `json:"version,omitempty"`
	Explanation Explanation `json:"explanation"`
}

// Explanation says why an entry matched.
type Explanation struct {
	// Query and Listed are the normalised query and listed names.
	Query  string `json:"query"`
	Listed string `json:"listed"`
	// NameQuality is the listed name's quality (primary, good, low).
	NameQuality string       `json:"name_quality"`
	NameScore   float64      `json:"name_score"`
	Pairs       []names.Pair `json:"pairs"`
	Unmatched   []string     `json:"unmatched_query,omitempty"`
	Missing     []string     `json:"unmatched_listed,omitempty"`
	// Fields are the contributions of the other fields.
	Fields  []Contribution `json:"fields,omitempty"`
	Summary string         `json:"summary"`
}

// screenScoring: query parts missing from the list name cost more than
// listed parts missing from the query (lists carry long full names;
// airline data often drops middle names).
var screenScoring = names.Scoring{MissA: 1.0, MissB: 0.45, InfoSat: 1.5, InfoPenalty: 0.3, SinglePart: 0.65, FullFloor: 0.92, Conflict: 0.1}

const lowQualityFactor = 0.93

type nameRec struct {
	entry   int32
	quality string
	full    string
	name    names.Name
	weights []float64
}

// Screener is an index over listed entries. It is safe for concurrent use
// by many goroutines once built.
type Screener struct {
	entries  []watchlist.Entry
	recs     []nameRec
	freq     *names.Freq
	post     map[uint64][]int32
	docs     map[string][]int32
	opts     Options
	versions map[string]string
	pool     sync.Pool
	ntok     []uint8
	idxOnce  sync.Once
	byID     map[string]int32
}

// Index key kinds.
const (
	kCanon = 'c'
	kKey   = 'k'
	kDel   = 'd'
)

func hkey(kind byte, s string) uint64 {
	h := uint64(14695981039346656037)
	h ^= uint64(kind)
	h *= 1099511628211
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

func hkey2(kind byte, a, b string) uint64 {
	h := uint64(14695981039346656037)
	h ^= uint64(kind)
	h *= 1099511628211
	for i := 0; i < len(a); i++ {
		h ^= uint64(a[i])
		h *= 1099511628211
	}
	for i := 0; i < len(b); i++ {
		h ^= uint64(b[i])
		h *= 1099511628211
	}
	return h
}

// deletions calls f with every string made by deleting one byte of k.
func deletions(k string, f func(string)) {
	var buf [64]byte
	for i := 0; i < len(k) && i < 64; i++ {
		n := copy(buf[:], k[:i])
		n += copy(buf[n:], k[i+1:])
		f(string(buf[:n]))
	}
}

// New indexes the entries. The slice is kept (not copied); do not modify it
// afterwards.
func New(entries []watchlist.Entry, opts Options) *Screener {
	if opts.Threshold == 0 {
		opts.Threshold = DefaultThreshold
	}
	if opts.MaxCandidates == 0 {
		opts.MaxCandidates = 12
	}
	s := &Screener{entries: entries, freq: names.NewFreq(), post: map[uint64][]int32{}, docs: map[string][]int32{}, opts: opts, versions: map[string]string{}}
	for _, v := range opts.Versions {
		ver := v.Version
		if ver == "" {
			ver = v.Digest
		}
		s.versions[v.List] = ver
	}
	for ei := range entries {
		e := &entries[ei]
		if e.Kind == watchlist.KindEntity && !opts.IncludeEntities {
			continue
		}
		seen := map[string]int{}
		var canons []string
		for _, n := range e.Names {
			full := n.Full
			if strings.TrimSpace(full) == "" {
				full = strings.TrimSpace(n.Given + " " + n.Surname)
			}
			if full == "" {
				continue
			}
			pn := names.Parse(full)
			if len(pn.Tokens) == 0 {
				continue
			}
			key := strings.Join(pn.Canons(), " ")
			q := n.Quality
			if q == "" {
				q = watchlist.QualityGood
			}
			if i, dup := seen[key]; dup {
				if s.recs[i].quality == watchlist.QualityLow && q != watchlist.QualityLow {
					s.recs[i].quality = q
				}
				continue
			}
			seen[key] = len(s.recs)
			s.recs = append(s.recs, nameRec{entry: int32(ei), quality: q, full: full, name: pn})
			canons = append(canons, pn.Canons()...)
		}
		s.freq.AddList(canons)
		for _, d := range e.Documents {
			if n := NormDoc(d.Number); len(n) >= minDocLen {
				s.docs[n] = append(s.docs[n], int32(ei))
			}
		}
	}
	for ri := range s.recs {
		r := &s.recs[ri]
		r.weights = make([]float64, len(r.name.Tokens))
		for i, t := range r.name.Tokens {
			r.weights[i] = s.freq.Weight(t.Canon)
		}
		n := len(r.name.Tokens)
		if n > 255 {
			n = 255
		}
		s.ntok = append(s.ntok, uint8(n))
	}
	add := func(h uint64, r int32) {
		p := s.post[h]
		if len(p) > 0 && p[len(p)-1] == r {
			return
		}
		s.post[h] = append(p, r)
	}
	for ri := range s.recs {
		r := int32(ri)
		toks := s.recs[ri].name.Tokens
		for ti, t := range toks {
			if repeated(toks, ti) {
				// a part written twice (HASSAN HASSAN) has a key of its own:
				// the part alone finds too many names
				add(hkey2(kCanon, repeatMark, t.Canon), r)
			}
			add(hkey(kCanon, t.Canon), r)
			add(hkey(kCanon, t.Text), r)
			add(hkey(kKey, t.Key), r)
			if t.Core != "" {
				add(hkey(kCanon, t.Core), r)
				add(hkey(kKey, t.CoreKey), r)
			}
			if len(t.Key) >= 4 {
				add(hkey(kDel, t.Key), r)
				deletions(t.Key, func(d string) { add(hkey(kDel, d), r) })
			}
		}
	}
	s.pool.New = func() any {
		return &scratch{acc: make([]float32, len(s.recs)), mark: make([]uint32, len(s.recs))}
	}
	return s
}

// Len returns the number of indexed names.
func (s *Screener) Len() int { return len(s.recs) }

// Versions returns the list versions the screener was built from.
func (s *Screener) Versions() []ListVersion { return s.opts.Versions }

// Threshold returns the alerting threshold.
func (s *Screener) Threshold() float64 { return s.opts.Threshold }

type scratch struct {
	acc     []float32
	mark    []uint32
	gen     uint32
	touched []int32
}

// QueryName returns the parsed name of a query.
func QueryName(q Query) names.Name {
	var n names.Name
	if strings.TrimSpace(q.Name) != "" {
		n = names.Parse(q.Name)
	}
	if len(n.Tokens) == 0 && (q.Given != "" || q.Surname != "") {
		n = names.ParseParts(q.Given, q.Surname)
	}
	return n
}

// Screen returns the entries matching q at or above the threshold, best
// first.
func (s *Screener) Screen(q Query) []Match {
	return s.screen(q, 0, s.opts.Threshold)
}

// TopK returns the k best-scoring entries for q whatever their score.
func (s *Screener) TopK(q Query, k int) []Match {
	return s.screen(q, k, -1)
}

type entryHit struct {
	entry int32
	rec   int32
	name  float64 // name score after quality
	cmp   names.Comparison
	score float64
	doc   bool
}

func (s *Screener) screen(q Query, k int, threshold float64) []Match {
	qn := QueryName(q)
	var hits []entryHit
	qw := make([]float64, len(qn.Tokens))
	for i, t := range qn.Tokens {
		qw[i] = s.freq.Weight(t.Canon)
	}
	if len(qn.Tokens) > 0 {
		cands := s.candidates(qn, qw)
		hits = make([]entryHit, 0, len(cands))
		for _, ri := range cands {
			rec := &s.recs[ri]
			c := names.Align(qn.Tokens, rec.name.Tokens, qw, rec.weights, screenScoring, false)
			ns := c.Score
			if rec.quality == watchlist.QualityLow {
				ns *= lowQualityFactor
			}
			found := false
			for i := range hits {
				if hits[i].entry == rec.entry {
					found = true
					if ns > hits[i].name {
						hits[i] = entryHit{entry: rec.entry, rec: ri, name: ns, cmp: c}
					}
					break
				}
			}
			if !found {
				hits = append(hits, entryHit{entry: rec.entry, rec: ri, name: ns, cmp: c})
			}
		}
	}
	// document numbers are decisive: entries found by document join the
	// candidates even when their names did not
	for _, d := range q.Documents {
		for _, ei := range s.docs[NormDoc(d.Number)] {
			found := false
			for i := range hits {
				if hits[i].entry == ei {
					found = true
				}
			}
			if !found {
				hits = append(hits, s.bestNameOf(qn, qw, ei))
			}
		}
	}
	out := make([]Match, 0, 4)
	for i := range hits {
		h := &hits[i]
		e := &s.entries[h.entry]
		score := h.name
		if d, _ := dobDelta(q.BirthDate, e.BirthDates); d != 0 {
			score += d
		}
		if d, _ := natDelta(q.Nationality, e.Nationalities); d != 0 {
			score += d
		}
		if d, _ := genderDelta(q.Gender, e.Gender); d != 0 {
			score += d
		}
		if len(q.Documents) > 0 && len(e.Documents) > 0 {
			dec, d, _ := docDelta(q.Documents, e.Documents)
			if dec {
				h.doc = true
				if score < docDecisive {
					score = docDecisive
				}
			} else {
				score += d
			}
		}
		if score > 1 {
			score = 1
		}
		if score < 0 {
			score = 0
		}
		h.score = score
	}
	sort.Slice(hits, func(a, b int) bool {
		if hits[a].score != hits[b].score {
			return hits[a].score > hits[b].score
		}
		return hits[a].entry < hits[b].entry
	})
	for i := range hits {
		h := &hits[i]
		if threshold >= 0 && h.score < threshold {
			break
		}
		if k > 0 && len(out) >= k {
			break
		}
		out = append(out, s.match(q, qn, qw, h))
	}
	return out
}

func (s *Screener) bestNameOf(qn names.Name, qw []float64, ei int32) entryHit {
	h := entryHit{entry: ei, rec: -1}
	for ri := range s.recs {
		// entries have few names; recs of one entry are contiguous
		if s.recs[ri].entry != ei {
			continue
		}
		c := names.Align(qn.Tokens, s.recs[ri].name.Tokens, qw, s.recs[ri].weights, screenScoring, false)
		if h.rec < 0 || c.Score > h.name {
			h.rec, h.name, h.cmp = int32(ri), c.Score, c
		}
	}
	return h
}

func (s *Screener) match(q Query, qn names.Name, qw []float64, h *entryHit) Match {
	e := &s.entries[h.entry]
	m := Match{List: e.List, EntryID: e.ID, Score: round3(h.score), Version: s.versions[e.List]}
	ex := Explanation{Query: qn.String(), NameScore: round3(h.name)}
	if h.rec >= 0 {
		rec := &s.recs[h.rec]
		h.cmp = names.Align(qn.Tokens, rec.name.Tokens, qw, rec.weights, screenScoring, true)
		m.MatchedName = rec.full
		ex.Listed = rec.name.String()
		ex.NameQuality = rec.quality
		ex.Pairs = h.cmp.Pairs
		ex.Unmatched = h.cmp.UnmatchedA
		ex.Missing = h.cmp.UnmatchedB
	}
	if d, why := dobDelta(q.BirthDate, e.BirthDates); why != "" {
		ex.Fields = append(ex.Fields, Contribution{"birth_date", round3(d), why})
	}
	if d, why := natDelta(q.Nationality, e.Nationalities); why != "" {
		ex.Fields = append(ex.Fields, Contribution{"nationality", round3(d), why})
	}
	if d, why := genderDelta(q.Gender, e.Gender); why != "" {
		ex.Fields = append(ex.Fields, Contribution{"gender", round3(d), why})
	}
	if len(q.Documents) > 0 && len(e.Documents) > 0 {
		if dec, d, why := docDelta(q.Documents, e.Documents); why != "" {
			if dec {
				ex.Fields = append(ex.Fields, Contribution{"document", round3(docDecisive - h.name), why + " (decisive)"})
			} else {
				ex.Fields = append(ex.Fields, Contribution{"document", round3(d), why})
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "name %.2f", h.name)
	if h.rec >= 0 {
		fmt.Fprintf(&b, " (%s alias %q: %s)", ex.NameQuality, m.MatchedName, h.cmp.Explain())
	}
	for _, f := range ex.Fields {
		fmt.Fprintf(&b, "; %s %+.2f: %s", f.Field, f.Delta, f.Detail)
	}
	ex.Summary = b.String()
	m.Explanation = ex
	return m
}

func round3(x float64) float64 {
	return float64(int(x*1000+0.5)) / 1000
}

// key qualities for the blocking score
const (
	qCanon = 1.0
	qKey   = 0.85
	qCore  = 0.8
	qDel   = 0.55
	qSplit = 0.8
	// commonPosting is the posting length from which a part found as it is
	// is not looked up by its fuzzy keys too
	commonPosting = 150
)

// repeatMark prefixes the key of a part's second occurrence in a name.
const repeatMark = "\x01"

// repeated reports whether toks[i] repeats an earlier part.
func repeated(toks []names.Token, i int) bool {
	for j := 0; j < i; j++ {
		if toks[j].Canon == toks[i].Canon {
			return true
		}
	}
	return false
}

// postingWeight is the blocking weight of a key found in n listed names,
// on the scale of names.Freq weights.
func postingWeight(n int) float32 {
	return float32(1 / (1 + 0.34*math.Log1p(float64(n)/2)))
}

// candidates returns the indices of the listed names worth scoring for qn,
// by blocking score (never a scan of the list).
func (s *Screener) candidates(qn names.Name, qw []float64) []int32 {
	sc := s.pool.Get().(*scratch)
	defer s.pool.Put(sc)
	hit := func(h uint64, w float32) {
		post := s.post[h]
		// a key shared by many names says little, however rare the query
		// part (an unseen misspelling weighs 1 but finds common keys)
		if pw := postingWeight(len(post)); pw < w {
			w = pw
		}
		for _, r := range post {
			if sc.mark[r] == sc.gen {
				continue
			}
			sc.mark[r] = sc.gen
			if sc.acc[r] == 0 {
				sc.touched = append(sc.touched, r)
			}
			sc.acc[r] += w
		}
	}
	nextGen := func() {
		sc.gen++
		if sc.gen == 0 {
			for i := range sc.mark {
				sc.mark[i] = 0
			}
			sc.gen = 1
		}
	}
	toks := qn.Tokens
	for ti := range toks {
		t := &toks[ti]
		w := float32(qw[ti])
		nextGen()
		hc := hkey(kCanon, t.Canon)
		hit(hc, w*qCanon)

		if t.Text != t.Canon {
			hit(hkey(kCanon, t.Text), w*qCanon)
		}
		// a common part found as it is: its fuzzy keys would only add the
		// same names again (and common parts weigh little)
		fuzzy := len(s.post[hc]) < commonPosting
		if fuzzy {
			hit(hkey(kKey, t.Key), w*qKey)
		}
		if t.Core != "" && fuzzy {
			hit(hkey(kCanon, t.Core), w*qCore)
			hit(hkey(kKey, t.CoreKey), w*qCore)
		}
		if len(t.Key) >= 3 && fuzzy {
			hit(hkey(kDel, t.Key), w*qDel)
			if len(t.Key) >= 4 {
				deletions(t.Key, func(d string) { hit(hkey(kDel, d), w*qDel) })
			}
		}
		// a query part that is two listed parts run together
		if len(t.Text) >= 6 {
			if _, ok := s.post[hkey(kCanon, t.Text)]; !ok {
				for cut := 3; cut <= len(t.Text)-3; cut++ {
					l, r := t.Text[:cut], t.Text[cut:]
					pl, okl := s.post[hkey(kCanon, l)]
					pr, okr := s.post[hkey(kCanon, r)]
					if okl && okr && len(pl) > 0 && len(pr) > 0 {
						hit(hkey(kCanon, l), w*qSplit)
						hit(hkey(kCanon, r), w*qSplit)
					}
				}
			}
		}
		// two query parts that a list writes as one
		if ti+1 < len(toks) {
			u := &toks[ti+1]
			hit(hkey2(kCanon, t.Text, u.Text), w*qSplit)
			hit(hkey2(kCanon, t.Canon, u.Canon), w*qSplit)
		}
		if repeated(toks, ti) {
			// the part's second occurrence: counts beside the part itself
			nextGen()
			hit(hkey2(kCanon, repeatMark, t.Canon), w*qCanon)
		}
	}
	// select the best by blocking score
	var best float32
	for _, r := range sc.touched {
		if sc.acc[r] > best {
			best = sc.acc[r]
		}
	}
	floor := best * 0.45
	// keep the MaxCandidates best (by blocking score, preferring names of
	// about the query's length) in a small sorted array
	type rs struct {
		r int32
		a float32
	}
	maxc := s.opts.MaxCandidates
	sel := make([]rs, 0, maxc+1)
	nq := len(toks)
	for _, r := range sc.touched {
		a := sc.acc[r]
		sc.acc[r] = 0
		if a < floor {
			continue
		}
		d := int(s.ntok[r]) - nq
		if d < 0 {
			d = -d
		}
		a -= 0.03 * float32(d)
		if len(sel) == maxc && (a < sel[maxc-1].a || a == sel[maxc-1].a && r > sel[maxc-1].r) {
			continue
		}
		i := len(sel)
		sel = append(sel, rs{r, a})
		for i > 0 && (sel[i-1].a < a || sel[i-1].a == a && sel[i-1].r > r) {
			sel[i] = sel[i-1]
			i--
		}
		sel[i] = rs{r, a}
		if len(sel) > maxc {
			sel = sel[:maxc]
		}
	}
	sc.touched = sc.touched[:0]
	out := make([]int32, len(sel))
	for i, x := range sel {
		out[i] = x.r
	}
	return out
}
