package synth

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
)

func itoa(n int) string { return strconv.Itoa(n) }

// sortInts sorts list stably by key.
func sortInts(list []int, key func(int) int) {
	slices.SortStableFunc(list, func(a, b int) int { return key(a) - key(b) })
}

// pick returns a uniformly chosen element.
func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

// chance reports true with probability p.
func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

// between returns an int in [lo, hi].
func between(r *rand.Rand, lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + r.IntN(hi-lo+1)
}

// digits returns n random decimal digits.
func digits(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + r.IntN(10))
	}
	return string(b)
}

// pattern fills a pattern: '9' a digit, 'A' a letter, 'X' a letter or
// digit; other bytes are copied.
func pattern(r *rand.Rand, p string) string {
	const letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
	const alnum = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
	b := make([]byte, len(p))
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '9':
			b[i] = byte('0' + r.IntN(10))
		case 'A':
			b[i] = letters[r.IntN(len(letters))]
		case 'X':
			b[i] = alnum[r.IntN(len(alnum))]
		default:
			b[i] = p[i]
		}
	}
	return string(b)
}

// luhnDigit returns the check digit that makes body+digit pass Luhn.
func luhnDigit(body string) byte {
	sum := 0
	double := true
	for i := len(body) - 1; i >= 0; i-- {
		d := int(body[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return byte('0' + (10-sum%10)%10)
}

// luhnValid reports whether a digit string passes the Luhn check.
func luhnValid(s string) bool {
	if len(s) < 2 {
		return false
	}
	return luhnDigit(s[:len(s)-1]) == s[len(s)-1]
}

var monthNames = [...]string{"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}

// Date formats of the wire.
func fmtDDMMYY(t time.Time) string  { return t.Format("020106") }
func fmtYYMMDD(t time.Time) string  { return t.Format("060102") }
func fmtHHMM(t time.Time) string    { return t.Format("1504") }
func fmtISODate(t time.Time) string { return t.Format("2006-01-02") }
func fmtISOTime(t time.Time) string { return t.Format("2006-01-02T15:04") }
func fmtDDMMMYY(t time.Time) string {
	return t.Format("02") + monthNames[t.Month()-1] + t.Format("06")
}

// day truncates to the UTC day.
func day(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }

// hash64 mixes integers into a well-spread 64-bit value (SplitMix64
// finaliser), for decisions that must not depend on generation order.
func hash64(vs ...uint64) uint64 {
	h := uint64(0x9E3779B97F4A7C15)
	for _, v := range vs {
		h ^= v + 0x9E3779B97F4A7C15 + (h << 6) + (h >> 2)
		h ^= h >> 30
		h *= 0xBF58476D1CE4E5B9
		h ^= h >> 27
		h *= 0x94D049BB133111EB
		h ^= h >> 31
	}
	return h
}

// joinNonEmpty joins the non-empty strings with sep.
func joinNonEmpty(sep string, parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(p)
	}
	return b.String()
}
