package watchlist

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

var months = map[string]int{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
	"october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

var (
	reApprox  = regexp.MustCompile(`(?i)^(circa|ca\.|c\.|approximately|approx\.?|about|around|~)\s*`)
	reBetween = regexp.MustCompile(`(?i)^between\s+(.+?)\s+and\s+(.+)$`)
	reRange   = regexp.MustCompile(`^(.+?)\s*(?:\s+to\s+|\.\.|\s+-\s+|–|-)\s*(.+)$`)
)

// parseDate reads one written date: "1970", "Jan 1970", "August 1961",
// "01 Jan 1970", "1 Jan. 1953", "01 Jan.1967", "1970-01-31", "1970-01",
// and returns it as "YYYY", "YYYY-MM" or "YYYY-MM-DD". A month without a
// year ("Aug.") comes back as "-MM" for the caller to complete.
func parseDate(s string) (string, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "."))
	if s == "" {
		return "", false
	}
	if d, ok := parseISO(s); ok {
		return d, true
	}
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '.' || r == ',' })
	switch len(f) {
	case 1:
		if y, ok := year(f[0]); ok {
			return y, true
		}
		if m, ok := months[strings.ToLower(f[0])]; ok {
			return fmt.Sprintf("-%02d", m), true
		}
	case 2:
		m, ok := months[strings.ToLower(f[0])]
		y, ok2 := year(f[1])
		if ok && ok2 {
			return fmt.Sprintf("%s-%02d", y, m), true
		}
	case 3:
		d, err := strconv.Atoi(f[0])
		m, ok := months[strings.ToLower(f[1])]
		y, ok2 := year(f[2])
		if err == nil && ok && ok2 && validDay(y, m, d) {
			return fmt.Sprintf("%s-%02d-%02d", y, m, d), true
		}
	}
	return "", false
}

// parseISO reads "YYYY", "YYYY-MM" or "YYYY-MM-DD", checking the ranges.
func parseISO(s string) (string, bool) {
	p := strings.Split(s, "-")
	if len(p) > 3 {
		return "", false
	}
	y, ok := year(p[0])
	if !ok {
		return "", false
	}
	if len(p) == 1 {
		return y, true
	}
	if len(p[1]) != 2 {
		return "", false
	}
	m, err := strconv.Atoi(p[1])
	if err != nil || m < 1 || m > 12 {
		return "", false
	}
	if len(p) == 2 {
		return s, true
	}
	d, err := strconv.Atoi(p[2])
	if len(p[2]) != 2 || err != nil || !validDay(y, m, d) {
		return "", false
	}
	return s, true
}

func year(s string) (string, bool) {
	if len(s) != 4 {
		return "", false
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < 1800 || y > 2100 {
		return "", false
	}
	return s, true
}

func validDay(y string, m, d int) bool {
	if d < 1 || m < 1 || m > 12 {
		return false
	}
	days := [...]int{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
	if m == 2 {
		yy, _ := strconv.Atoi(y)
		if yy%4 != 0 || (yy%100 == 0 && yy%400 != 0) {
			days = 28
		}
	}
	return d <= days
}

// parseBirthDate reads a written date of birth, which may be approximate
// ("circa 1965", "~1965"), a range ("1960 to 1962", "01 Jan 1960 to 31
// Dec 1962", "1965-1967", "1960..1962", "Between Aug. and Sep. 1977") or
// one date.
func parseBirthDate(s string) (BirthDate, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "."))
	var bd BirthDate
	if m := reApprox.FindStringSubmatchIndex(s); m != nil {
		bd.Approximate = true
		s = s[m[1]:]
	}
	if d, ok := parseDate(s); ok && !strings.HasPrefix(d, "-") {
		bd.Date = d
		return bd, true
	}
	var from, to string
	if m := reBetween.FindStringSubmatch(s); m != nil {
		from, to = m[1], m[2]
	} else if m := reRange.FindStringSubmatch(s); m != nil {
		from, to = m[1], m[2]
	} else {
		return BirthDate{}, false
	}
	f, ok1 := parseDate(from)
	t, ok2 := parseDate(to)
	if !ok1 || !ok2 || strings.HasPrefix(t, "-") {
		return BirthDate{}, false
	}
	if strings.HasPrefix(f, "-") { // "Aug." ... "Sep. 1977": borrow the year
		f = t[:4] + f
	}
	if f > t {
		return BirthDate{}, false
	}
	bd.From, bd.To = f, t
	return bd, true
}

// addBirthDate appends d to e.BirthDates unless it is already there.
func addBirthDate(e *Entry, d BirthDate) {
	for _, x := range e.BirthDates {
		if x == d {
			return
		}
	}
	e.BirthDates = append(e.BirthDates, d)
}

func addString(list []string, s string) []string {
	if s == "" {
		return list
	}
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
