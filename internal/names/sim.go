package names

// JaroWinkler returns the Jaro-Winkler similarity of two ASCII strings
// (prefix scale 0.1, at most 4 prefix characters). It does not allocate
// for strings of up to 64 bytes.
func JaroWinkler(a, b string) float64 {
	if a == b {
		if a == "" {
			return 0
		}
		return 1
	}
	la, lb := len(a), len(b)
	if la == 0 || lb == 0 {
		return 0
	}
	if la > lb {
		a, b = b, a
		la, lb = lb, la
	}
	var amBuf, bmBuf [64]bool
	var am, bm []bool
	if lb <= 64 {
		am, bm = amBuf[:la], bmBuf[:lb]
	} else {
		am, bm = make([]bool, la), make([]bool, lb)
	}
	win := lb/2 - 1
	if win < 0 {
		win = 0
	}
	m := 0
	for i := 0; i < la; i++ {
		lo, hi := i-win, i+win+1
		if lo < 0 {
			lo = 0
		}
		if hi > lb {
			hi = lb
		}
		for j := lo; j < hi; j++ {
			if !bm[j] && a[i] == b[j] {
				am[i], bm[j] = true, true
				m++
				break
			}
		}
	}
	if m == 0 {
		return 0
	}
	t, k := 0, 0
	for i := 0; i < la; i++ {
		if !am[i] {
			continue
		}
		for !bm[k] {
			k++
		}
		if a[i] != b[k] {
			t++
		}
		k++
	}
	mf := float64(m)
	jaro := (mf/float64(la) + mf/float64(lb) + (mf-float64(t)/2)/mf) / 3
	p := 0
	for p < 4 && p < la && a[p] == b[p] {
		p++
	}
	return jaro + float64(p)*0.1*(1-jaro)
}

// Levenshtein returns the edit distance of two ASCII strings.
func Levenshtein(a, b string) int {
	if a == b {
		return 0
	}
	if len(a) == 0 {
		return len(b)
	}
	if len(b) == 0 {
		return len(a)
	}
	var buf [2][65]int
	var prev, cur []int
	if len(b) < 65 {
		prev, cur = buf[0][:len(b)+1], buf[1][:len(b)+1]
	} else {
		prev, cur = make([]int, len(b)+1), make([]int, len(b)+1)
	}
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			if d := prev[j] + 1; d < c {
				c = d
			}
			if d := cur[j-1] + 1; d < c {
				c = d
			}
			cur[j] = c
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Costs of the spelling distance (see spellDist).
const (
	costVowelSub   = 0.3  // A/E/I/O/U/Y for another: transliteration noise
	costVowelIndel = 0.4  // a vowel written or left out (ZAWAHRI/ZAWAHIRI)
	costDouble     = 0.25 // a doubled letter written once (BAZZI/BAZI)
	costHIndel     = 0.5  // an H written or left out (KHALED/KALED, AHMED/AMED)
	costNearSub    = 0.5  // C/K/Q, V/W, J/Y: one sound, two spellings
	costKinSub     = 0.7  // D/T, B/P, F/V, S/Z, G/K: related sounds
	costTranspose  = 0.7
)

func isVowelByte(c byte) bool {
	return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U' || c == 'Y'
}

func subCost(x, y byte) float64 {
	if x == y {
		return 0
	}
	vx, vy := isVowelByte(x), isVowelByte(y)
	if vx && vy {
		return costVowelSub
	}
	if x > y {
		x, y = y, x
	}
	switch uint16(x)<<8 | uint16(y) {
	case 'C'<<8 | 'K', 'K'<<8 | 'Q', 'C'<<8 | 'Q', 'V'<<8 | 'W', 'J'<<8 | 'Y', 'I'<<8 | 'J':
		return costNearSub
	case 'D'<<8 | 'T', 'B'<<8 | 'P', 'F'<<8 | 'V', 'S'<<8 | 'Z', 'G'<<8 | 'K', 'G'<<8 | 'Q', 'C'<<8 | 'S', 'F'<<8 | 'P':
		return costKinSub
	}
	return 1
}

// indelCost is the cost of writing or leaving out s[i] (a vowel, a letter
// doubled beside itself and an H cost less than other letters).
func indelCost(s string, i int) float64 {
	c := s[i]
	if (i > 0 && s[i-1] == c) || (i+1 < len(s) && s[i+1] == c) {
		return costDouble
	}
	if isVowelByte(c) {
		return costVowelIndel
	}
	if c == 'H' {
		return costHIndel
	}
	return 1
}

// spellDist is an edit distance between two A-Z spellings of a name in
// which the differences that transliteration makes cost less than a typo:
// vowels for vowels, vowels and H written or left out, letters doubled or
// not, and letters for the same or a related sound; an adjacent
// transposition counts as one edit. One typo costs 1. It does not allocate
// for strings of up to 32 bytes.
func spellDist(a, b string) float64 {
	la, lb := len(a), len(b)
	if la > 32 || lb > 32 {
		return float64(Levenshtein(a, b))
	}
	// three rolling rows: the transposition looks two rows back
	var rows [3][33]float64
	r2, r1, r0 := &rows[0], &rows[1], &rows[2] // i-2, i-1, i
	for j := 1; j <= lb; j++ {
		r1[j] = r1[j-1] + indelCost(b, j-1)
	}
	for i := 1; i <= la; i++ {
		ci := indelCost(a, i-1)
		r0[0] = r1[0] + ci
		for j := 1; j <= lb; j++ {
			c := r1[j-1] + subCost(a[i-1], b[j-1])
			if x := r1[j] + ci; x < c {
				c = x
			}
			if x := r0[j-1] + indelCost(b, j-1); x < c {
				c = x
			}
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] && a[i-1] != a[i-2] {
				if x := r2[j-2] + costTranspose; x < c {
					c = x
				}
			}
			r0[j] = c
		}
		r2, r1, r0 = r1, r0, r2
	}
	return r1[lb]
}

// spellSim turns spellDist into a similarity: 1 - 0.9·distance/length
// (the longer spelling; at least 4), so one typo in an eight-letter part
// leaves about 0.89 and a vowel written differently about 0.95.
func spellSim(a, b string) float64 { return spellSim2(a, b, spellDist(a, b)) }

// spellSim2 is spellSim with the distance d of a and b given.
func spellSim2(a, b string, d float64) float64 {
	l := len(a)
	if len(b) > l {
		l = len(b)
	}
	if l < 4 {
		l = 4
	}
	s := 1 - 0.9*d/float64(l)
	if s < 0 {
		return 0
	}
	return s
}
