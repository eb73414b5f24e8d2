package pnrgov

import (
	"strconv"
	"strings"
	"time"

	"github.com/chokepoint/chokepoint/internal/country"
	"github.com/chokepoint/chokepoint/internal/edifact"
	"github.com/chokepoint/chokepoint/internal/message"
)

// Dates are read here without fmt to keep the per-PNR cost low; the year
// resolution is message.ResolveYear, as for every parser.

func ediDigits(s string) bool {
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

func ediAtoi2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }

// ediYMD reads YYMMDD (year left two-digit) or CCYYMMDD.
func ediYMD(s string) (y, m, d int, ok bool) {
	switch {
	case len(s) == 6 && ediDigits(s):
		return ediAtoi2(s[0:2]), ediAtoi2(s[2:4]), ediAtoi2(s[4:6]), true
	case len(s) == 8 && ediDigits(s):
		return ediAtoi2(s[0:2])*100 + ediAtoi2(s[2:4]), ediAtoi2(s[4:6]), ediAtoi2(s[6:8]), true
	}
	return 0, 0, 0, false
}

func ediValidDate(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 || y < 1 {
		return false
	}
	return d <= ediDaysIn(y, m)
}

// ediDaysIn returns the number of days in month m of year y (proleptic
// Gregorian, as package time counts).
func ediDaysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func ediPut2(b []byte, v int) { b[0] = byte('0' + v/10%10); b[1] = byte('0' + v%10) }

func ediFormatDate(y, m, d int) string {
	var b [10]byte
	ediPut2(b[0:2], y/100)
	ediPut2(b[2:4], y%100)
	b[4] = '-'
	ediPut2(b[5:7], m)
	b[7] = '-'
	ediPut2(b[8:10], d)
	return string(b[:])
}

func ediFormatDateTime(y, m, d, hh, mm int) string {
	var b [16]byte
	ediPut2(b[0:2], y/100)
	ediPut2(b[2:4], y%100)
	b[4] = '-'
	ediPut2(b[5:7], m)
	b[7] = '-'
	ediPut2(b[8:10], d)
	b[10] = 'T'
	ediPut2(b[11:13], hh)
	b[13] = ':'
	ediPut2(b[14:16], mm)
	return string(b[:])
}

// ediHHMM reads HHMM or HHMMSS.
func ediHHMM(s string) (hh, mm int, ok bool) {
	s = strings.TrimSpace(s)
	if (len(s) != 4 && len(s) != 6) || !ediDigits(s) {
		return 0, 0, false
	}
	hh, mm = ediAtoi2(s[0:2]), ediAtoi2(s[2:4])
	if hh > 24 || mm > 59 || hh == 24 && mm != 0 {
		return 0, 0, false
	}
	return hh, mm, true
}

// ediDay is a resolved calendar day.
type ediDay struct{ y, m, d int }

func (d ediDay) add(days int) ediDay {
	t := time.Date(d.y, time.Month(d.m), d.d+days, 0, 0, 0, 0, time.UTC)
	return ediDay{t.Year(), int(t.Month()), t.Day()}
}

// ddmmyy reads a DDMMYY date. ok is false for an empty or malformed
// value (the caller warns); err is set for a six-digit value that is not
// a date (month 13), which cannot be read.
func (p *ediParser) ddmmyy(seg *edifact.Segment, s string, kind message.DateKind, what string) (ediDay, bool, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return ediDay{}, false, nil
	}
	if len(s) == 8 && ediDigits(s) { // DDMMCCYY
		d, m, y := ediAtoi2(s[0:2]), ediAtoi2(s[2:4]), ediAtoi2(s[4:6])*100+ediAtoi2(s[6:8])
		if !ediValidDate(y, m, d) {
			return ediDay{}, false, edifact.Errorf(seg, "%s date %q is not a valid date", what, s)
		}
		return ediDay{y, m, d}, true, nil
	}
	if len(s) != 6 || !ediDigits(s) {
		p.warn(seg, "%s date %q is not DDMMYY; ignored", what, s)
		return ediDay{}, false, nil
	}
	d, m := ediAtoi2(s[0:2]), ediAtoi2(s[2:4])
	y := message.ResolveYear(ediAtoi2(s[4:6]), kind, p.ref)
	if !ediValidDate(y, m, d) {
		return ediDay{}, false, edifact.Errorf(seg, "%s date %q is not a valid date (DDMMYY)", what, s)
	}
	return ediDay{y, m, d}, true, nil
}

var ediMonths = [...]string{"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}

// ediLooksDDMMMYY reports whether s has the shape of 14JUL71 (or
// 14JUL1971), whatever the values.
func ediLooksDDMMMYY(s string) bool {
	if len(s) != 7 && len(s) != 9 {
		return false
	}
	if !ediDigits(s[0:2]) || !ediDigits(s[5:]) {
		return false
	}
	for i := 2; i < 5; i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// ddmmmyy reads an AIRIMP date (14JUL71). ok is false for an empty or
// malformed value; err is set for a value of the right shape that is not
// a date (31FEB71, 14XYZ71).
func (p *ediParser) ddmmmyy(seg *edifact.Segment, s string, kind message.DateKind, what string) (string, bool, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false, nil
	}
	if !ediLooksDDMMMYY(s) {
		p.warn(seg, "%s %q is not a DDMMMYY date; ignored", what, s)
		return "", false, nil
	}
	mon := strings.ToUpper(s[2:5])
	m := 0
	for i, name := range ediMonths {
		if name == mon {
			m = i + 1
			break
		}
	}
	d := ediAtoi2(s[0:2])
	var y int
	if len(s) == 7 {
		y = message.ResolveYear(ediAtoi2(s[5:7]), kind, p.ref)
	} else {
		y = ediAtoi2(s[5:7])*100 + ediAtoi2(s[7:9])
	}
	if m == 0 || !ediValidDate(y, m, d) {
		return "", false, edifact.Errorf(seg, "%s %q is not a valid date (DDMMMYY)", what, s)
	}
	return ediFormatDate(y, m, d), true, nil
}

// dateTime reads a DDMMYY date with an optional HHMM time into
// "2006-01-02T15:04" or "2006-01-02".
func (p *ediParser) dateTime(seg *edifact.Segment, date, clock string, kind message.DateKind, what string) (string, error) {
	d, ok, err := p.ddmmyy(seg, date, kind, what)
	if err != nil || !ok {
		return "", err
	}
	if strings.TrimSpace(clock) != "" {
		if hh, mm, ok := ediHHMM(clock); ok {
			return ediFormatDateTime(d.y, d.m, d.d, hh, mm), nil
		}
		p.warn(seg, "%s time %q is not HHMM; date kept without time", what, clock)
	}
	return ediFormatDate(d.y, d.m, d.d), nil
}

// tvl reads a TVL segment:
// TVL+<DDMMYY>:<HHMM>:<DDMMYY>:<HHMM>+<orig>+<dest>+<mkt>[:<op>]+<flight>[:<class>].
// Senders omit the arrival date (an empty component, or none: then the
// third component is the arrival time) or give a day offset instead of it.
func (p *ediParser) tvl(seg *edifact.Segment) (message.Segment, error) {
	var s message.Segment
	s.Origin = strings.TrimSpace(seg.Value(1, 0))
	s.Destination = strings.TrimSpace(seg.Value(2, 0))
	s.Carrier = strings.TrimSpace(seg.Value(3, 0))
	if op := strings.TrimSpace(seg.Value(3, 1)); op != "" && op != s.Carrier {
		s.OperatingCarrier = op
	}
	s.Number = strings.TrimSpace(seg.Value(4, 0))
	s.Class = strings.TrimSpace(seg.Value(4, 1))

	e := seg.Elem(0)
	depDate, depTime := strings.TrimSpace(e.Comp(0)), strings.TrimSpace(e.Comp(1))
	arrDate, arrTime := strings.TrimSpace(e.Comp(2)), strings.TrimSpace(e.Comp(3))
	if len(e) == 3 && len(arrDate) == 4 && arrTime == "" {
		// TVL+280918:1220:1505: the arrival date is left out entirely.
		arrDate, arrTime = "", e.Comp(2)
	}
	dep, okDep, err := p.ddmmyy(seg, depDate, message.Travel, "departure")
	if err != nil {
		return s, err
	}
	var dh, dm int
	depHasTime := false
	if okDep {
		s.Departure = ediFormatDate(dep.y, dep.m, dep.d)
		if depTime != "" {
			if h, m, ok := ediHHMM(depTime); ok {
				dh, dm, depHasTime = h, m, true
				s.Departure = ediFormatDateTime(dep.y, dep.m, dep.d, h, m)
			} else {
				p.warn(seg, "departure time %q is not HHMM; date kept without time", depTime)
			}
		}
	}
	var arr ediDay
	okArr := false
	switch {
	case arrDate == "":
	case len(arrDate) <= 2 && ediSignedDigits(arrDate):
		// A day offset (1, +1, -1) relative to the departure date.
		off, _ := strconv.Atoi(arrDate)
		if okDep {
			arr, okArr = dep.add(off), true
		}
	default:
		arr, okArr, err = p.ddmmyy(seg, arrDate, message.Travel, "arrival")
		if err != nil {
			return s, err
		}
	}
	if arrTime != "" {
		h, m, ok := ediHHMM(arrTime)
		if !ok {
			p.warn(seg, "arrival time %q is not HHMM; ignored", arrTime)
		}
		if ok && !okArr && okDep && arrDate == "" {
			// No arrival date: same day, or the next day when the arrival
			// clock time is earlier than the departure.
			arr, okArr = dep, true
			if depHasTime && h*60+m < dh*60+dm {
				arr = dep.add(1)
			}
		}
		if ok && okArr {
			s.Arrival = ediFormatDateTime(arr.y, arr.m, arr.d, h, m)
			return s, nil
		}
	}
	if okArr {
		s.Arrival = ediFormatDate(arr.y, arr.m, arr.d)
	}
	return s, nil
}

func ediSignedDigits(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	return ediDigits(s)
}

// ediCountry returns an ISO alpha-3 code for a country as sent: alpha-3
// kept, alpha-2 converted. ok is false for a value that is not a country
// code at all (digits, punctuation).
func ediCountry(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", true
	}
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			return "", false
		}
	}
	u := ediUpper(s)
	if len(u) == 3 {
		return u, true
	}
	if len(u) <= 2 {
		if a3, ok := country.Alpha3(u); ok {
			return a3, true
		}
	}
	return u, true
}

// country converts a country code and warns about one that is not.
func (p *ediParser) country(seg *edifact.Segment, s, what string) string {
	c, ok := ediCountry(s)
	if !ok {
		p.warn(seg, "%s %q is not a country code; ignored", what, strings.TrimSpace(s))
	}
	return c
}

// ediUpper upper-cases ASCII without allocating when already upper case.
func ediUpper(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' || c >= 0x80 {
			return strings.ToUpper(s)
		}
	}
	return s
}

// ediName normalises a name part: upper case, trimmed, inner runs of
// spaces collapsed.
func ediName(s string) string {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "  ") {
		s = strings.Join(strings.Fields(s), " ")
	}
	return ediUpper(s)
}

// ediTitles are the titles stripped from given names, longest first for
// fused matching. DR, PROF and the like are only stripped when separated
// by a space: fused they would cut real names (ALEXANDR).
var ediTitles = [...]string{"MSTR", "MISS", "MRS", "MR", "MS"}

var ediSpacedTitles = map[string]bool{
	"MR": true, "MRS": true, "MS": true, "MISS": true, "MSTR": true, "DR": true, "PROF": true,
	"REV": true, "CAPT": true, "SIR": true, "LADY": true, "MME": true, "MLLE": true, "MX": true,
	"MSTER": true, "MADAM": true, "HON": true,
}

// ediSplitTitle separates a title from given names: a space-separated last
// word that is a title (ISABELLE MRS), else a title fused to the end of the
// last word (YORDAMRS) when at least two letters remain (AMR stays AMR).
func ediSplitTitle(given string) (string, string) {
	if given == "" {
		return "", ""
	}
	if i := strings.LastIndexByte(given, ' '); i >= 0 {
		if last := given[i+1:]; ediSpacedTitles[last] {
			return strings.TrimSpace(given[:i]), last
		}
	} else if ediSpacedTitles[given] {
		// The whole given name is a title (TIF+SMITH+MR).
		return "", given
	}
	word := given
	start := 0
	if i := strings.LastIndexByte(given, ' '); i >= 0 {
		word, start = given[i+1:], i+1
	}
	for _, t := range ediTitles {
		if len(word) >= len(t)+2 && strings.HasSuffix(word, t) {
			return given[:start+len(word)-len(t)], t
		}
	}
	return given, ""
}

// ediAmount reads a decimal amount (point or comma).
func ediAmount(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	if strings.IndexByte(s, ',') >= 0 {
		s = strings.ReplaceAll(s, ",", ".")
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v != v || v > 1e12 || v < -1e12 {
		return 0, false
	}
	return v, true
}

// ediEmail decodes an IATA-encoded e-mail address (// for @, .. for _,
// ./ for -), lower-cased, without a trailing /language or /passenger tag.
func ediEmail(s string) string {
	s = strings.TrimSpace(s)
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if i+1 < len(s) {
			switch {
			case c == '/' && s[i+1] == '/':
				b = append(b, '@')
				i++
				continue
			case c == '.' && s[i+1] == '.':
				b = append(b, '_')
				i++
				continue
			case c == '.' && s[i+1] == '/':
				b = append(b, '-')
				i++
				continue
			}
		}
		if c == '/' || c == ' ' {
			if at := strings.IndexByte(string(b), '@'); at >= 0 {
				break
			}
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	e := strings.TrimSpace(string(b))
	if strings.IndexByte(e, '@') <= 0 || strings.HasSuffix(e, "@") {
		return ""
	}
	return e
}

// ediPhones extracts the phone numbers from text: runs of digits (with
// spaces, dashes, dots and brackets between groups, an optional leading
// +) holding at least six digits, as digits only.
func ediPhones(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		c := s[i]
		if !(c >= '0' && c <= '9' || c == '+' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9') {
			i++
			continue
		}
		// A digit glued to a letter before it (H5555555555) still starts
		// a phone; digits inside a word (A1B2) would not reach six digits.
		var b []byte
		if c == '+' {
			b = append(b, '+')
			i++
		}
		n := 0
		j := i
		for ; j < len(s); j++ {
			d := s[j]
			if d >= '0' && d <= '9' {
				b = append(b, d)
				n++
				continue
			}
			if d == ' ' || d == '-' || d == '.' || d == '(' || d == ')' {
				// Continue only when more digits follow the separator.
				k := j + 1
				for k < len(s) && (s[k] == ' ' || s[k] == '-' || s[k] == '.' || s[k] == '(' || s[k] == ')') {
					k++
				}
				if k < len(s) && s[k] >= '0' && s[k] <= '9' {
					j = k - 1
					continue
				}
			}
			break
		}
		if n >= 6 && n <= 20 {
			out = append(out, string(b))
		}
		i = j
	}
	return out
}

// ediAppendUniq appends v when not empty and not yet present.
func ediAppendUniq(list []string, v string) []string {
	if v == "" {
		return list
	}
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}
