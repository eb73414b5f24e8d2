package message

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DateKind says which way an ambiguous two-digit year resolves.
type DateKind int

const (
	// Birth dates lie in the past of the message date.
	Birth DateKind = iota
	// Expiry dates lie in the future or the recent past: within 20 years
	// before and 80 years after the message date.
	Expiry
	// Travel dates (flights, bookings, tickets, issue dates) lie within 50
	// years either side of the message date.
	Travel
)

// ParseOptions configure the parsers.
type ParseOptions struct {
	// CardHash returns a keyed hash of a payment card number, so that one
	// card can be recognised across bookings without being stored. Nil
	// means only the card type and last four digits are kept.
	CardHash func(number string) string
	// Reference is the date two-digit years resolve against when the
	// message carries no date of its own; zero means today.
	Reference time.Time
}

// RefDate returns the date two-digit years resolve against: the message's
// own preparation date when known, else the options' reference, else now.
func (o ParseOptions) RefDate(messageDate time.Time) time.Time {
	if !messageDate.IsZero() {
		return messageDate
	}
	if !o.Reference.IsZero() {
		return o.Reference
	}
	return time.Now().UTC()
}

// ResolveYear turns a two-digit year into a full year according to kind,
// relative to ref.
func ResolveYear(yy int, kind DateKind, ref time.Time) int {
	ry := ref.Year()
	y := ry/100*100 + yy
	switch kind {
	case Birth:
		if y > ry {
			y -= 100
		}
	case Expiry:
		if y < ry-20 {
			y += 100
		} else if y > ry+80 {
			y -= 100
		}
	default:
		if y > ry+50 {
			y -= 100
		} else if y < ry-50 {
			y += 100
		}
	}
	return y
}

var months = map[string]time.Month{
	"JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6,
	"JUL": 7, "AUG": 8, "SEP": 9, "OCT": 10, "NOV": 11, "DEC": 12,
}

// ParseDate reads a date in any of the forms airline messages use and
// returns it as "YYYY-MM-DD". layout is one of "YYMMDD", "DDMMYY",
// "DDMMMYY" (14JUL71), "CCYYMMDD" or "ISO" (2006-01-02, with an optional
// time part ignored). Two-digit years resolve by kind against ref. An
// impossible date (month 13, 30 February, letters) is an error.
func ParseDate(s, layout string, kind DateKind, ref time.Time) (string, error) {
	s = strings.TrimSpace(s)
	var y, m, d int
	var err error
	bad := func() (string, error) { return "", fmt.Errorf("invalid date %q (expected %s)", s, layout) }
	switch layout {
	case "YYMMDD", "DDMMYY":
		if len(s) != 6 || !digits(s) {
			return bad()
		}
		a, _ := strconv.Atoi(s[0:2])
		b, _ := strconv.Atoi(s[2:4])
		c, _ := strconv.Atoi(s[4:6])
		if layout == "YYMMDD" {
			y, m, d = ResolveYear(a, kind, ref), b, c
		} else {
			y, m, d = ResolveYear(c, kind, ref), b, a
		}
	case "DDMMMYY", "DDMMMYYYY":
		u := strings.ToUpper(s)
		if len(u) != 7 && len(u) != 9 || !digits(u[0:2]) || !digits(u[5:]) {
			return bad()
		}
		d, _ = strconv.Atoi(u[0:2])
		mon, ok := months[u[2:5]]
		if !ok {
			return bad()
		}
		m = int(mon)
		yv, _ := strconv.Atoi(u[5:])
		if len(u) == 7 {
			y = ResolveYear(yv, kind, ref)
		} else {
			y = yv
		}
	case "CCYYMMDD":
		if len(s) != 8 || !digits(s) {
			return bad()
		}
		y, _ = strconv.Atoi(s[0:4])
		m, _ = strconv.Atoi(s[4:6])
		d, _ = strconv.Atoi(s[6:8])
	case "ISO":
		if len(s) < 10 {
			return bad()
		}
		var t time.Time
		t, err = time.Parse("2006-01-02", s[:10])
		if err != nil {
			return bad()
		}
		y, m, d = t.Year(), int(t.Month()), t.Day()
	default:
		return "", fmt.Errorf("unknown date layout %q", layout)
	}
	if m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return bad()
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d), nil
}

// ParseTime reads "HHMM" (or "HHMMSS") and returns "15:04".
func ParseTime(s string) (string, error) {
	s = strings.TrimSpace(s)
	if (len(s) != 4 && len(s) != 6) || !digits(s) {
		return "", fmt.Errorf("invalid time %q (expected HHMM)", s)
	}
	h, _ := strconv.Atoi(s[0:2])
	mi, _ := strconv.Atoi(s[2:4])
	if h > 24 || mi > 59 || h == 24 && mi != 0 {
		return "", fmt.Errorf("invalid time %q", s)
	}
	return fmt.Sprintf("%02d:%02d", h, mi), nil
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
