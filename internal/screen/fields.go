package screen

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/chokepoint/chokepoint/internal/watchlist"
)

// Contribution is what one field added to (or took from) a match's score.
type Contribution struct {
	Field  string  `json:"field"`
	Delta  float64 `json:"delta"`
	Detail string  `json:"detail"`
}

// Field weights. A clear birth-date conflict pulls a common-name match
// (name score about 0.85-0.92) well below the default threshold; an
// agreeing date lifts a fuzzy one above it.
const (
	dobExact      = 0.10
	dobYearMonth  = 0.08
	dobSameYear   = 0.06
	dobInRange    = 0.05
	dobSwapped    = 0.05
	dobSameYearNo = -0.06 // same year, different full date
	dobOneYear    = -0.08
	dobConflict   = -0.22
	dobFarOff     = -0.30 // 5 years or more
	natMatch      = 0.03
	natMismatch   = -0.04
	genderMatch   = 0.01
	genderClash   = -0.15
	docMismatch   = -0.05
	docDecisive   = 0.99
	approxYears   = 2
)

type date struct{ y, m, d int }

func parseDate(s string) (date, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return date{}, false
	}
	p := strings.Split(s, "-")
	var out date
	var err error
	if out.y, err = strconv.Atoi(p[0]); err != nil || len(p[0]) != 4 {
		return date{}, false
	}
	if len(p) > 1 {
		if out.m, err = strconv.Atoi(p[1]); err != nil || out.m < 0 || out.m > 12 {
			return date{}, false
		}
	}
	if len(p) > 2 {
		if out.d, err = strconv.Atoi(p[2]); err != nil || out.d < 0 || out.d > 31 {
			return date{}, false
		}
	}
	if len(p) > 3 {
		return date{}, false
	}
	return out, true
}

// ValidDate reports whether s is YYYY, YYYY-MM or YYYY-MM-DD.
func ValidDate(s string) bool {
	_, ok := parseDate(s)
	return ok
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// dobDelta compares the query's birth date with every listed date and
// returns the best agreement (or the least conflict).
func dobDelta(q string, listed []watchlist.BirthDate) (float64, string) {
	qd, ok := parseDate(q)
	if !ok || len(listed) == 0 {
		return 0, ""
	}
	best, bestWhy := -1.0, ""
	consider := func(v float64, why string) {
		if v > best {
			best, bestWhy = v, why
		}
	}
	for _, b := range listed {
		if b.Date != "" {
			ld, ok := parseDate(b.Date)
			if !ok {
				continue
			}
			tol := 0
			if b.Approximate {
				tol = approxYears
			}
			consider(compareDates(qd, ld, tol, b.Date))
			continue
		}
		from, ok1 := parseDate(b.From)
		to, ok2 := parseDate(b.To)
		if !ok1 && !ok2 {
			continue
		}
		if !ok1 {
			from = to
		}
		if !ok2 {
			to = from
		}
		lo, hi := from.y, to.y
		if b.Approximate {
			lo, hi = lo-approxYears, hi+approxYears
		}
		rng := fmt.Sprintf("%s to %s", b.From, b.To)
		switch {
		case qd.y >= lo && qd.y <= hi:
			consider(dobInRange, "birth year "+strconv.Itoa(qd.y)+" within listed range "+rng)
		default:
			off := lo - qd.y
			if qd.y > hi {
				off = qd.y - hi
			}
			consider(yearsOff(off, rng))
		}
	}
	if bestWhy == "" {
		return 0, ""
	}
	return best, bestWhy
}

func yearsOff(off int, listed string) (float64, string) {
	why := fmt.Sprintf("birth year %d year(s) from listed %s", off, listed)
	switch {
	case off <= 1:
		return dobOneYear, why
	case off < 5:
		return dobConflict, why
	default:
		return dobFarOff, why
	}
}

func compareDates(q, l date, tol int, listed string) (float64, string) {
	dy := abs(q.y - l.y)
	if dy > tol {
		return yearsOff(dy-tol, listed)
	}
	if tol > 0 {
		if dy == 0 {
			return dobSameYear, "same birth year as listed (approximate) " + listed
		}
		return dobInRange, "birth year within ±" + strconv.Itoa(tol) + " of approximate " + listed
	}
	// same year
	if q.m == 0 || l.m == 0 {
		return dobSameYear, "same birth year as listed " + listed
	}
	if q.m == l.m {
		if q.d == 0 || l.d == 0 {
			return dobYearMonth, "same birth year and month as listed " + listed
		}
		if q.d == l.d {
			return dobExact, "same date of birth as listed " + listed
		}
		return dobSameYearNo, "same year, different day than listed " + listed
	}
	if q.d != 0 && l.d != 0 && q.m == l.d && q.d == l.m {
		return dobSwapped, "date of birth matches listed " + listed + " with day and month swapped"
	}
	return dobSameYearNo, "same year, different date than listed " + listed
}

func genderDelta(q, l string) (float64, string) {
	q = normGender(q)
	l = normGender(l)
	if q == "" || l == "" {
		return 0, ""
	}
	if q == l {
		return genderMatch, "gender " + q + " as listed"
	}
	return genderClash, "gender " + q + ", listed " + l
}

func normGender(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	switch s {
	case "M", "MALE", "MR", "MSTR":
		return "M"
	case "F", "FEMALE", "MRS", "MS", "MISS":
		return "F"
	}
	return ""
}

func natDelta(q string, listed []string) (float64, string) {
	qc := Country(q)
	if qc == "" || len(listed) == 0 {
		return 0, ""
	}
	known := 0
	for _, l := range listed {
		lc := Country(l)
		if lc == "" {
			continue
		}
		known++
		if lc == qc {
			return natMatch, "nationality " + qc + " as listed"
		}
	}
	if known == 0 {
		return 0, ""
	}
	return natMismatch, "nationality " + qc + " not among listed " + strings.Join(listed, ", ")
}

// NormDoc normalises a document number: upper-case letters and digits only.
func NormDoc(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func normDocType(t string) string {
	t = strings.ToLower(t)
	switch {
	case strings.Contains(t, "pass"), t == "p", t == "pp":
		return "passport"
	case strings.Contains(t, "id"), strings.Contains(t, "identi"), t == "i", t == "c":
		return "national_id"
	case t == "":
		return ""
	}
	return t
}

// docDelta returns whether a query document matches a listed one exactly
// (decisive), and the mild negative of a different document of the same
// type and country.
func docDelta(qs []QueryDocument, ls []watchlist.Document) (decisive bool, delta float64, why string) {
	for _, q := range qs {
		qn := NormDoc(q.Number)
		if len(qn) < minDocLen {
			continue
		}
		for _, l := range ls {
			if NormDoc(l.Number) == qn {
				return true, 0, "document number " + qn + " matches listed " + l.Type + " " + l.Number
			}
		}
	}
	for _, q := range qs {
		qn := NormDoc(q.Number)
		qt, qc := normDocType(q.Type), Country(q.Country)
		if qn == "" || qc == "" {
			continue
		}
		for _, l := range ls {
			lt, lc := normDocType(l.Type), Country(l.Country)
			if lt != "" && lt == qt && lc == qc {
				return false, docMismatch, "different " + qt + " number than listed " + l.Number + " (" + lc + ")"
			}
		}
	}
	return false, 0, ""
}

const minDocLen = 5
