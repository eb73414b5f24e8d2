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
