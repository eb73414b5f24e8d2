package names

import (
	"fmt"
	"math/bits"
	"strings"
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
	simPhonetic = 0.93
	simInitial  = 0.6
	simWeak     = 0.9
	simKnownCap = 0.5
	simEditMax  = 0.95
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
	if (a.Unvoweled || b.Unvoweled) && a.Key == b.Key && len(a.Key) >= 2 && len(a.Text) > 1 && len(b.Text) > 1 {
		// written without short vowels (Arabic script): the consonant
		// skeleton is all there is to compare
		return simPhonetic, HowPhonetic
	}
	if len(a.Text) == 1 || len(b.Text) == 1 {
		if a.Text[0] == b.Text[0] {
			return simInitial, HowInitial
		}
		return 0, ""
	}
	best, how := tokenSim2(a.Canon, a.Key, a.Fam, a.Known, a.Sig, b.Canon, b.Key, b.Fam, b.Known, b.Sig)
	if best < simPhonetic && (a.Text != a.Canon || b.Text != b.Canon) && !(a.Fam && b.Fam) {
		// a misspelt member of a family (MUHAMMAZ) against the written form
		if JaroWinkler(a.Text, b.Text) >= jwGate {
			if s := minf(spellSim(a.Text, b.Text), simEditMax); s > best {
				best, how = s, HowSimilar
			}
		}
	}
	if (a.Unvoweled || b.Unvoweled) && best < simWeak {
		// written without short vowels: waw and yeh may be vowels, and
		// an H may stand for a vowel ending, so compare the skeletons
		// without them
		if wa, wb := weakKey(a.Key), weakKey(b.Key); len(wa) >= 2 && wa == wb {
			best, how = simWeak, HowPhonetic
		}
	}
	if a.Core != "" {
		if s, _ := tokenSim2(a.Core, a.CoreKey, a.CoreFam, a.CoreKnown, a.CoreSig, b.Canon, b.Key, b.Fam, b.Known, b.Sig); s*coreFactor > best {
			best, how = s*coreFactor, HowCore
		}
	}
	if b.Core != "" {
		if s, _ := tokenSim2(a.Canon, a.Key, a.Fam, a.Known, a.Sig, b.Core, b.CoreKey, b.CoreFam, b.CoreKnown, b.CoreSig); s*coreFactor > best {
			best, how = s*coreFactor, HowCore
		}
	}
	return best, how
}

// knownVariants reports whether two known names at spelling distance d
// are forms of one name: one vowel apart inside the name (ALIEV, ALIYEV;
// not MARIA, MARIO, whose final vowel marks another name), or one the
// other with a final vowel added and at most a letter for the same sound
// (MARK, MARCO; IVAN, IVANO).
func knownVariants(a, b string, d float64) bool {
	la, lb := a[len(a)-1], b[len(b)-1]
	if d <= 2*costVowelSub && !(la != lb && isVowelByte(la) && isVowelByte(lb)) {
		return true
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b) == len(a)+1 && isVowelByte(b[len(b)-1]) && !isVowelByte(a[len(a)-1]) {
		return spellDist(a, b[:len(b)-1]) <= costNearSub
	}
	return false
}

// endVowelVariant reports whether a and b differ only in a final -I,
// added or for another vowel (HAMZA/HAMZI, HAKIM/HAKIMI): the -I of
// descent.
func endVowelVariant(a, b string) bool {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	ra, rb := a[n:], b[n:]
	if len(ra) > 1 || len(rb) > 1 || len(ra)+len(rb) == 0 || n < 3 {
		return false
	}
	return (ra == "" || isVowelByte(ra[0])) && (rb == "" || isVowelByte(rb[0])) && (ra == "I" || rb == "I")
}

// weakKey drops from a phonetic key the letters that Arabic script may
// write for a vowel (waw V, yeh Y) and H, after the first letter.
func weakKey(k string) string {
	if len(k) < 2 || !strings.ContainsAny(k[1:], "VYH") {
		return k
	}
	var buf [64]byte
	n := 0
	for i := 0; i < len(k) && n < len(buf); i++ {
		if i > 0 && (k[i] == 'V' || k[i] == 'Y' || k[i] == 'H') {
			continue
		}
		if n > 0 && buf[n-1] == k[i] {
			continue
		}
		buf[n] = k[i]
		n++
	}
	return string(buf[:n])
}

// sig is a letter signature of an A-Z string: for each letter one bit for
// "occurs" and one for "occurs twice or more". popcount(sig(a) & sig(b))
// bounds (up to letters occurring three times or more) the characters
// Jaro can match, which lets most unrelated pairs skip Jaro-Winkler.
func sig(s string) uint64 {
	var v uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 'A' || c > 'Z' {
			continue
		}
		b := uint64(1) << (2 * (c - 'A'))
		if v&b != 0 {
			v |= b << 1
		}
		v |= b
	}
	return v
}

// jwCanReach reports whether Jaro-Winkler of strings of lengths la and lb
// sharing at most m characters can reach floor.
func jwCanReach(la, lb, m int, floor float64) bool {
	if m == 0 {
		return false
	}
	j := (float64(m)/float64(la) + float64(m)/float64(lb) + 1) / 3
	return j+0.4*(1-j) >= floor
}

// lengthsClose reports whether spellings of la and lb letters can be one
// name: at most a third longer, or two letters for short ones.
func lengthsClose(la, lb int) bool {
	if la > lb {
		la, lb = lb, la
	}
	return lb-la <= 2 || 3*lb <= 4*la
}

// jwGate is the Jaro-Winkler below which two spellings (of different
// phonetic keys) are not compared further: they are different names.
const jwGate = 0.75

func tokenSim2(ac, ak string, fa, ka bool, sa uint64, bc, bk string, fb, kb bool, sb uint64) (float64, string) {
	if ac == bc {
		return simFamily, HowFamily
	}
	if ak != bk && !lengthsClose(len(ac), len(bc)) {
		return 0, HowSimilar
	}
	jw := 0.0
	m := bits.OnesCount64(sa&sb) + 1
	if ak == bk || jwCanReach(len(ac), len(bc), m, jwGate) {
		jw = JaroWinkler(ac, bc)
	}
	if fa && fb {
		// two different known names (HASSAN, HUSSEIN)
		return minf(rescaleJW(jw), 0.3), HowSimilar
	}
	if ak != bk && jw < jwGate {
		return 0, HowSimilar
	}
	d := spellDist(ac, bc)
	s := minf(spellSim2(ac, bc, d), simEditMax)
	if ka && kb && !knownVariants(ac, bc, d) || (ka || kb) && endVowelVariant(ac, bc) {
		// two different known names (RAMESH, RAJESH; MARIA, MARIO): not
		// a typo of one another (see knownVariants); nor is a known name with another or
		// an added final vowel (HAMZA, HAMZI; HAKIM, HAKIMI: the -I of
		// descent makes another name)
		return minf(s, simKnownCap), HowSimilar
	}
	if ak == bk {
		return s, HowPhonetic
	}
	return s, HowSimilar
}

// Pair is one aligned pair of parts.
type Pair struct {
	A       string  `json:"a"`
	B       string  `json:"b"`
	Sim     float64 `json:"sim"`
	How     string  `json:"how"`
	WeightA float64 `json:"weight_a"`
	WeightB float64 `json:"weight_b"`
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
	// Conflict is taken off when both names have parts that match nothing
	// (SAID vs SHAMIL beside the same patronymic and surname: brothers,
	// not one man).
	Conflict float64
}

// credit is what a pair of similarity s adds to coverage: s itself for
// exact and same-family pairs, less for merely similar ones (two similar
// spellings are one name misspelt or two names: the less alike, the more
// often two names), much less for doubtful ones.
func credit(s float64) float64 {
	if s >= simFamily {
		return s
	}
	c := s - 0.5*(simFamily-s)
	if s < 0.8 {
		c = minf(c, s-(0.8-s))
	}
	if c < 0 {
		return 0
	}
	return c
}

// DefaultScoring is symmetric (for comparing two names of equal standing).
var DefaultScoring = Scoring{MissA: 0.7, MissB: 0.7, InfoSat: 1.5, InfoPenalty: 0.25, SinglePart: 0.7, FullFloor: 0.92, Conflict: 0.1}

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

// maxParts bounds the parts of a name considered by the alignment.
const maxParts = 24

// CompareNames aligns the parts of a and b (best assignment, order free,
// joined parts allowed), scores the alignment and explains it.
func CompareNames(a, b Name, w Weigher, sc Scoring) Comparison {
	var wab, wbb [maxParts]float64
	wa, wb := wab[:0], wbb[:0]
	for i := range a.Tokens {
		if i < maxParts {
			wa = append(wa, w.Weight(a.Tokens[i].Canon))
		}
	}
	for j := range b.Tokens {
		if j < maxParts {
			wb = append(wb, w.Weight(b.Tokens[j].Canon))
		}
	}
	return Align(a.Tokens, b.Tokens, wa, wb, sc, true)
}

// Align is CompareNames with the parts' weights given (wa[i] for a[i]);
// without explain it fills only the scores and flags, and does not
// allocate.
func Align(a, b []Token, wa, wb []float64, sc Scoring, explain bool) Comparison {
	var c Comparison
	if len(a) > maxParts {
		a = a[:maxParts]
	}
	if len(b) > maxParts {
		b = b[:maxParts]
	}
	na, nb := len(a), len(b)
	if na == 0 || nb == 0 {
		return c
	}
	var cbuf [96]cand
	cands := cbuf[:0]
	for i := range a {
		for j := range b {
			s, how := TokenSim(&a[i], &b[j])
			if s >= minPairSim {
				cands = append(cands, cand{s, how, [2]int8{int8(i), -1}, [2]int8{int8(j), -1}})
			}
		}
	}
	// joined parts: one part of a side equals two adjacent parts of the other
	joined := func(x, y1, y2 *Token) bool {
		if len(x.Text) == len(y1.Text)+len(y2.Text) && x.Text[:len(y1.Text)] == y1.Text && x.Text[len(y1.Text):] == y2.Text {
			return true
		}
		return len(x.Canon) == len(y1.Canon)+len(y2.Canon) && x.Canon[:len(y1.Canon)] == y1.Canon && x.Canon[len(y1.Canon):] == y2.Canon
	}
	for i := range a {
		if len(a[i].Text) < 5 {
			continue
		}
		for j := 0; j+1 < nb; j++ {
			if joined(&a[i], &b[j], &b[j+1]) {
				cands = append(cands, cand{simJoined, HowJoined, [2]int8{int8(i), -1}, [2]int8{int8(j), int8(j + 1)}})
			}
		}
	}
	for j := range b {
		if len(b[j].Text) < 5 {
			continue
		}
		for i := 0; i+1 < na; i++ {
			if joined(&b[j], &a[i], &a[i+1]) {
				cands = append(cands, cand{simJoined, HowJoined, [2]int8{int8(i), int8(i + 1)}, [2]int8{int8(j), -1}})
			}
		}
	}
	// greedy best-first assignment (ties: heavier parts first); insertion
	// sort, the lists are short
	better := func(x, y *cand) bool {
		if x.s != y.s {
			return x.s > y.s
		}
		return wa[x.ai[0]]+wb[x.bi[0]] > wa[y.ai[0]]+wb[y.bi[0]]
	}
	for k := 1; k < len(cands); k++ {
		for m := k; m > 0 && better(&cands[m], &cands[m-1]); m-- {
			cands[m], cands[m-1] = cands[m-1], cands[m]
		}
	}
	var usedA, usedB [maxParts]bool
	full, exact := true, true
	var pairW, matched float64
	npairs := 0
	for ci := range cands {
		cd := &cands[ci]
		if usedA[cd.ai[0]] || usedB[cd.bi[0]] || (cd.ai[1] >= 0 && usedA[cd.ai[1]]) || (cd.bi[1] >= 0 && usedB[cd.bi[1]]) {
			continue
		}
		npairs++
		var pwa, pwb float64
		for _, i := range cd.ai {
			if i >= 0 {
				usedA[i] = true
				pwa += wa[i]
			}
		}
		for _, j := range cd.bi {
			if j >= 0 {
				usedB[j] = true
				pwb += wb[j]
			}
		}
		if cd.s < simFamily {
			full = false
		}
		if cd.how != HowExact {
			exact = false
		}
		c.Info += cd.s * minf(pwa, pwb)
		pairW += minf(pwa, pwb)
		matched += credit(cd.s) * minf(pwa, pwb)
		if explain {
			p := Pair{Sim: cd.s, How: cd.how, WeightA: round3(pwa), WeightB: round3(pwb)}
			for _, i := range cd.ai {
				if i >= 0 {
					if p.A != "" {
						p.A += " "
					}
					p.A += a[i].Text
				}
			}
			for _, j := range cd.bi {
				if j >= 0 {
					if p.B != "" {
						p.B += " "
					}
					p.B += b[j].Text
				}
			}
			c.Pairs = append(c.Pairs, p)
		}
	}
	// coverage: matched pairs count at the lighter side's weight (a
	// misspelt part is unseen, so weighs 1, but matched a common name)
	mat, tot := matched, pairW
	unA, unB := 0, 0
	for i := 0; i < na; i++ {
		if !usedA[i] {
			unA++
		}
	}
	for j := 0; j < nb; j++ {
		if !usedB[j] {
			unB++
		}
	}
	matA, totA, matB, totB := mat, tot, mat, tot
	missA, missB := sc.MissA, sc.MissB
	if unA > 0 && unB > 0 {
		// parts on both sides that match nothing: a different name, not a
		// missing one
		missA, missB = 1, 1
	}
	for i := 0; i < na; i++ {
		if !usedA[i] {
			totA += missA * wa[i]
			if explain {
				c.UnmatchedA = append(c.UnmatchedA, a[i].Text)
			}
		}
	}
	for j := 0; j < nb; j++ {
		if !usedB[j] {
			totB += missB * wb[j]
			if explain {
				c.UnmatchedB = append(c.UnmatchedB, b[j].Text)
			}
		}
	}
	if unA > 0 || unB > 0 {
		full = false
	}
	c.Info = round6(c.Info)
	if npairs == 0 {
		return c
	}
	c.CoverageA, c.CoverageB = matA/totA, matB/totB
	score := (c.CoverageA + c.CoverageB) / 2
	if npairs == 1 && (na > 1 || nb > 1) {
		score *= sc.SinglePart
	}
	if unA > 0 && unB > 0 {
		score -= sc.Conflict
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

func round3(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }
func round6(x float64) float64 { return float64(int64(x*1e6+0.5)) / 1e6 }

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
