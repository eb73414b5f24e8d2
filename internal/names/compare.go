package names

import (
	"fmt"
	"sort"
)

// How two name parts matched.
const (
	HowExact    = "exact"
	HowFamily   = "spelling variant"
	HowPhonetic = "phonetic"
	HowSimilar  = "similar spelling"
	HowInitial  = "initial"
	HowCore     = "without article/particle"
	HowJoined   = "joined parts"
)

// Token-pair similarities for the kinds of match. A "similar spelling"
// match scores by Jaro-Winkler, rescaled so that 0.95 (one typo in a long
// part) gives about 0.8 and 0.8 gives 0.
const (
	simExact    = 1.0
	simFamily   = 0.97
	simPhonetic = 0.92
	simInitial  = 0.6
	simJoined   = 0.96
	coreFactor  = 0.95
	minPairSim  = 0.45
)

func rescaleJW(jw float64) float64 {
	s := (jw - 0.8) / 0.2
	if s < 0 {
		return 0
	}
	return s * 0.95
}

// TokenSim returns the similarity of two parts in [0,1] and how they
// matched.
func TokenSim(a, b *Token) (float64, string) {
	if a.Text == b.Text {
		return simExact, HowExact
	}
	if a.Canon == b.Canon {
		return simFamily, HowFamily
	}
	if len(a.Text) == 1 || len(b.Text) == 1 {
		if a.Text[0] == b.Text[0] {
			return simInitial, HowInitial
		}
		return 0, ""
	}
	best, how := tokenSim2(a.Canon, a.Key, b.Canon, b.Key)
	if a.Text != a.Canon || b.Text != b.Canon {
		if s := rescaleJW(JaroWinkler(a.Text, b.Text)); s > best {
			best, how = s, HowSimilar
		}
	}
	if a.Core != "" {
		if s, _ := tokenSim2(a.Core, a.CoreKey, b.Canon, b.Key); s*coreFactor > best {
			best, how = s*coreFactor, HowCore
		}
	}
	if b.Core != "" {
		if s, _ := tokenSim2(a.Canon, a.Key, b.Core, b.CoreKey); s*coreFactor > best {
			best, how = s*coreFactor, HowCore
		}
	}
	return best, how
}

func tokenSim2(ac, ak, bc, bk string) (float64, string) {
	if ac == bc {
		return simFamily, HowFamily
	}
	_, fa := families[ac]
	_, fb := families[bc]
	conflict := fa && fb // two different known names
	best, how := 0.0, ""
	if !conflict && ak == bk && len(ak) >= 3 && len(ac) >= 4 && len(bc) >= 4 {
		best, how = simPhonetic, HowPhonetic
	}
	jw := rescaleJW(JaroWinkler(ac, bc))
	if conflict && jw > 0.3 {
		jw = 0.3
	}
	if jw > best {
		best, how = jw, HowSimilar
	}
	return best, how
}

// Pair is one aligned pair of parts.
type Pair struct {
	A       string  `json:"a"`
	B       string  `json:"b"`
	Sim     float64 `json:"sim"`
	How     string  `json:"how"`
	WeightA float64 `json:"weight_a"`
	WeightB float64 `json:"weight_b"`
	ai, bi  []int
}

// Comparison is the result of comparing two names.
type Comparison struct {
	Score      float64  `json:"score"`
	Pairs      []Pair   `json:"pairs"`
	UnmatchedA []string `json:"unmatched_a,omitempty"`
	UnmatchedB []string `json:"unmatched_b,omitempty"`
	// Full is set when every part on both sides matched exactly or as a
	// spelling variant (order free).
	Full bool `json:"full"`
	// Exact is set when Full holds with every part spelt the same.
	Exact     bool    `json:"exact"`
	CoverageA float64 `json:"coverage_a"`
	CoverageB float64 `json:"coverage_b"`
	// Info is the summed weight of the matched parts (how much the match
	// says: two rare parts say more than two common ones).
	Info float64 `json:"info"`
}

// Scoring holds the knobs of the name score.
type Scoring struct {
	// MissA and MissB scale the weight of unmatched parts of A and B (0:
	// missing parts cost nothing; 1: they count in full).
	MissA, MissB float64
	// InfoSat is the matched information at which no rarity penalty
	// applies; InfoPenalty is the penalty at zero information.
	InfoSat, InfoPenalty float64
	// SinglePart multiplies the score when only one part matched while a
	// side has more.
	SinglePart float64
	// FullFloor is the least score of a Full match.
	FullFloor float64
}

// DefaultScoring is symmetric (for comparing two names of equal standing).
var DefaultScoring = Scoring{MissA: 0.7, MissB: 0.7, InfoSat: 1.5, InfoPenalty: 0.25, SinglePart: 0.7, FullFloor: 0.92}

// Compare compares two names with the default weights and scoring.
func Compare(a, b string) Comparison {
	return CompareNames(Parse(a), Parse(b), DefaultWeigher(), DefaultScoring)
}

// scratch for the alignment; names have few parts
type cand struct {
	s      float64
	how    string
	ai, bi [2]int8 // -1 when unused
}

// CompareNames aligns the parts of a and b (best assignment, order free,
// joined parts allowed) and scores the alignment.
func CompareNames(a, b Name, w Weigher, sc Scoring) Comparison {
	var c Comparison
	na, nb := len(a.Tokens), len(b.Tokens)
	if na == 0 || nb == 0 || na > 120 || nb > 120 {
		return c
	}
	var cbuf [64]cand
	cands := cbuf[:0]
	for i := range a.Tokens {
		for j := range b.Tokens {
			s, how := TokenSim(&a.Tokens[i], &b.Tokens[j])
			if s >= minPairSim {
				cands = append(cands, cand{s, how, [2]int8{int8(i), -1}, [2]int8{int8(j), -1}})
			}
		}
	}
	// joined parts: one part of a side equals two adjacent parts of the other
	joined := func(x, y1, y2 *Token) bool {
		if len(x.Text) < 5 || len(x.Text) != len(y1.Text)+len(y2.Text) {
			return x.Canon == y1.Canon+y2.Canon
		}
		return x.Text[:len(y1.Text)] == y1.Text && x.Text[len(y1.Text):] == y2.Text || x.Canon == y1.Canon+y2.Canon
	}
	for i := range a.Tokens {
		for j := 0; j+1 < nb; j++ {
			if joined(&a.Tokens[i], &b.Tokens[j], &b.Tokens[j+1]) {
				cands = append(cands, cand{simJoined, HowJoined, [2]int8{int8(i), -1}, [2]int8{int8(j), int8(j + 1)}})
			}
		}
	}
	for j := range b.Tokens {
		for i := 0; i+1 < na; i++ {
			if joined(&b.Tokens[j], &a.Tokens[i], &a.Tokens[i+1]) {
				cands = append(cands, cand{simJoined, HowJoined, [2]int8{int8(i), int8(i + 1)}, [2]int8{int8(j), -1}})
			}
		}
	}
	wa := make([]float64, na)
	wb := make([]float64, nb)
	for i := range a.Tokens {
		wa[i] = w.Weight(a.Tokens[i].Canon)
	}
	for j := range b.Tokens {
		wb[j] = w.Weight(b.Tokens[j].Canon)
	}
	// greedy best-first assignment (ties: heavier parts first)
	sort.SliceStable(cands, func(x, y int) bool {
		if cands[x].s != cands[y].s {
			return cands[x].s > cands[y].s
		}
		return wa[cands[x].ai[0]]+wb[cands[x].bi[0]] > wa[cands[y].ai[0]]+wb[cands[y].bi[0]]
	})
	var usedA, usedB [128]bool
	var effA, effB [128]float64
	full := true
	exact := true
	for _, cd := range cands {
		if usedA[cd.ai[0]] || usedB[cd.bi[0]] || (cd.ai[1] >= 0 && usedA[cd.ai[1]]) || (cd.bi[1] >= 0 && usedB[cd.bi[1]]) {
			continue
		}
		p := Pair{Sim: cd.s, How: cd.how}
		for _, i := range cd.ai {
			if i >= 0 {
				usedA[i] = true
				effA[i] = cd.s
				p.ai = append(p.ai, int(i))
				if p.A != "" {
					p.A += " "
				}
				p.A += a.Tokens[i].Text
				p.WeightA += wa[i]
			}
		}
		for _, j := range cd.bi {
			if j >= 0 {
				usedB[j] = true
				effB[j] = cd.s
				p.bi = append(p.bi, int(j))
				if p.B != "" {
					p.B += " "
				}
				p.B += b.Tokens[j].Text
				p.WeightB += wb[j]
			}
		}
		if cd.s < simFamily {
			full = false
		}
		if cd.how != HowExact {
			exact = false
		}
		c.Pairs = append(c.Pairs, p)
	}
	var matA, totA, matB, totB float64
	for i := 0; i < na; i++ {
		if usedA[i] {
			matA += effA[i] * wa[i]
			totA += wa[i]
		} else {
			totA += sc.MissA * wa[i]
			c.UnmatchedA = append(c.UnmatchedA, a.Tokens[i].Text)
			full = false
		}
	}
	for j := 0; j < nb; j++ {
		if usedB[j] {
			matB += effB[j] * wb[j]
			totB += wb[j]
		} else {
			totB += sc.MissB * wb[j]
			c.UnmatchedB = append(c.UnmatchedB, b.Tokens[j].Text)
			full = false
		}
	}
	for _, p := range c.Pairs {
		m := p.WeightA
		if p.WeightB < m {
			m = p.WeightB
		}
		c.Info += p.Sim * m
	}
	if len(c.Pairs) == 0 {
		return c
	}
	c.CoverageA, c.CoverageB = matA/totA, matB/totB
	score := (c.CoverageA + c.CoverageB) / 2
	if len(c.Pairs) == 1 && (na > 1 || nb > 1) {
		score *= sc.SinglePart
	}
	if c.Info < sc.InfoSat {
		score -= sc.InfoPenalty * (sc.InfoSat - c.Info) / sc.InfoSat
	}
	c.Full = full
	c.Exact = full && exact
	if full {
		// a complete match of every part: at least FullFloor, rising to 1
		// with the information the parts carry
		f := sc.FullFloor + (1-sc.FullFloor)*minf(1, c.Info/sc.InfoSat)
		if score < f {
			score = f
		}
	}
	if score < 0 {
		score = 0
	}
	if score > 1 {
		score = 1
	}
	c.Score = score
	return c
}

// Explain renders a comparison as short text: "MOHAMMED~MUHAMMAD (spelling
// variant 0.97) ...".
func (c Comparison) Explain() string {
	s := ""
	for i, p := range c.Pairs {
		if i > 0 {
			s += "; "
		}
		s += fmt.Sprintf("%s~%s (%s %.2f)", p.A, p.B, p.How, p.Sim)
	}
	if len(c.UnmatchedA) > 0 {
		s += fmt.Sprintf("; unmatched in query: %v", c.UnmatchedA)
	}
	if len(c.UnmatchedB) > 0 {
		s += fmt.Sprintf("; unmatched in listed name: %v", c.UnmatchedB)
	}
	return s
}

func minf(a, b float64) float64 {
	if a < b {
		return a
	}
	return b
}
