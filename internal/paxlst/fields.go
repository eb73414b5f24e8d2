package paxlst

import (
	"fmt"
	"strings"
	"time"

	"github.com/chokepoint/chokepoint/internal/message"
)

// cleanName upper-cases a name part and collapses its spaces. PAXLST names
// are upper case (syntax level A); mixed case is bad data, not meaning.
func cleanName(s string) string {
	return strings.ToUpper(squeeze(s, " "))
}

// squeeze joins the words of s with sep: runs of white space collapse and
// leading and trailing space goes. Clean input is returned as is.
func squeeze(s, sep string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' {
			if i == 0 || i == len(s)-1 || s[i+1] == ' ' || sep != " " {
				clean = false
				break
			}
		} else if c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c >= 0x80 {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Join(strings.Fields(s), sep)
}

// compact removes all white space: document and flight numbers.
func compact(s string) string { return squeeze(s, "") }

// titles are the honorifics airlines append to given names. Only a whole
// trailing word is taken as a title, never a prefix or suffix of a name
// (so WILLIAMS and ALEXANDR stay whole).
var titles = map[string]bool{
	"MR": true, "MRS": true, "MS": true, "MISS": true, "MSTR": true, "MASTER": true,
	"DR": true, "PROF": true, "REV": true, "SIR": true, "DAME": true,
}

// splitTitle takes a trailing title word off given names ("JOHN MR" →
// "JOHN", "MR"). A title that is the only word is kept as the name.
func splitTitle(given string) (name, title string) {
	i := strings.LastIndexByte(given, ' ')
	if i < 0 {
		return given, ""
	}
	if last := given[i+1:]; titles[last] {
		return given[:i], last
	}
	return given, ""
}

// splitFlight splits a TDT journey identifier into airline designator and
// flight number. carrier is the TDT carrier (C040), which may be empty.
// The number loses its leading zeros ("UA0989" → "UA", "989") so that API
// and PNR legs compare equal; an operational suffix letter is kept.
func splitFlight(id, carrier string) (string, string, error) {
	id = strings.ToUpper(compact(id))
	if id == "" {
		return carrier, "", fmt.Errorf("flight leg without a flight number")
	}
	var c, n string
	switch {
	case carrier != "" && strings.HasPrefix(id, carrier) && len(id) > len(carrier) && isDigit(id[len(carrier)]):
		c, n = carrier, id[len(carrier):]
	case isDigit(id[0]) && (len(id) < 3 || isDigit(id[1]) && isDigit(id[2])):
		// A bare number: the carrier is only in C040.
		c, n = carrier, id
	case len(id) >= 4 && isLetter(id[0]) && isLetter(id[1]) && isLetter(id[2]) && isDigit(id[3]):
		// Three-letter ICAO designator.
		c, n = id[:3], id[3:]
	case len(id) >= 3:
		c, n = id[:2], id[2:]
	default:
		return carrier, "", fmt.Errorf("flight identifier of shape %s has no flight number", shape(id))
	}
	if n == "" || !isDigit(n[0]) {
		return c, n, fmt.Errorf("flight identifier of shape %s: number does not start with a digit", shape(id))
	}
	for len(n) > 1 && n[0] == '0' && isDigit(n[1]) {
		n = n[1:]
	}
	return c, n, nil
}

// shape describes a value without revealing it: digits become 9, letters
// A, other characters stay, and long values are cut ("780799" → "999999").
func shape(s string) string {
	const max = 24
	b := make([]byte, 0, min(len(s), max)+3)
	for i := 0; i < len(s) && i < max; i++ {
		c := s[i]
		switch {
		case isDigit(c):
			c = '9'
		case isLetter(c):
			c = 'A'
		case c >= 0x80:
			c = '~'
		}
		b = append(b, c)
	}
	if len(s) > max {
		b = append(b, "..."...)
	}
	return `"` + string(b) + `"`
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// ymd reads a date of six (YYMMDD, the year resolved by kind against ref
// as message.ResolveYear does) or eight digits (CCYYMMDD) and returns it as
// "2006-01-02". It accepts and refuses exactly what message.ParseDate does
// for those layouts, without its formatting cost: it runs for every date of
// every traveller.
func ymd(s string, kind message.DateKind, ref time.Time) (string, bool) {
	if !isDigits(s) {
		return "", false
	}
	var y, m, d int
	switch len(s) {
	case 6:
		y, m, d = message.ResolveYear(num(s[0:2]), kind, ref), num(s[2:4]), num(s[4:6])
	case 8:
		y, m, d = num(s[0:4]), num(s[4:6]), num(s[6:8])
	default:
		return "", false
	}
	if m < 1 || m > 12 || d < 1 || d > daysIn(y, m) || y < 0 || y > 9999 {
		return "", false
	}
	b := [10]byte{
		byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + m/10), byte('0' + m%10), '-', byte('0' + d/10), byte('0' + d%10),
	}
	return string(b[:]), true
}

// hhmm reads HHMM or HHMMSS and returns "15:04", as message.ParseTime does.
func hhmm(s string) (string, bool) {
	if len(s) != 4 && len(s) != 6 || !isDigits(s) {
		return "", false
	}
	h, mi := num(s[0:2]), num(s[2:4])
	if h > 24 || mi > 59 || h == 24 && mi != 0 {
		return "", false
	}
	return s[0:2] + ":" + s[2:4], true
}

// num reads a string of digits.
func num(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

func daysIn(y, m int) int {
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
