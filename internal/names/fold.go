// Package names normalises personal names for screening: Unicode NFKC and
// case folding, ICAO Doc 9303 transliteration of Latin diacritics, Arabic
// and Cyrillic script to Latin, Arabic name structure (articles, bin/ibn,
// abu, the theophoric Abd compounds), spelling families, a phonetic key, a
// string similarity and a token-aligning name-vs-name scorer that explains
// itself.
//
// Everything here is pure and safe for concurrent use once the package's
// tables are built (at init).
package names

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// latinMap is ICAO Doc 9303 Part 3 Table A (recommended forms) for the
// letters whose transliteration is not simply "drop the diacritic". The
// equivalences Ä~A, Ö~O, Ü~U, Å~A are handled by the phonetic key, which
// ignores vowels after the first letter.
var latinMap = map[rune]string{
	'Ä': "AE", 'ä': "AE", 'Å': "AA", 'å': "AA", 'Æ': "AE", 'æ': "AE",
	'Ö': "OE", 'ö': "OE", 'Ø': "OE", 'ø': "OE", 'Œ': "OE", 'œ': "OE",
	'Ü': "UE", 'ü': "UE", 'ß': "SS", 'ẞ': "SS", 'Þ': "TH", 'þ': "TH",
	'Ð': "D", 'ð': "D", 'Đ': "D", 'đ': "D", 'Ł': "L", 'ł': "L",
	'ı': "I", 'İ': "I", 'Ĳ': "IJ", 'ĳ': "IJ", 'Ħ': "H", 'ħ': "H",
	'ŉ': "N", 'ſ': "S", 'Ŧ': "T", 'ŧ': "T", 'ƒ': "F",
}

// Fold returns the name as upper-case ASCII letters: NFKC, case folding,
// ICAO Latin transliteration, Arabic and Cyrillic script transliterated,
// apostrophes removed (O'BRIEN -> OBRIEN), hyphens kept as '-', every
// other separator turned into one space. Digits and symbols are dropped.
func Fold(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s) + 8)
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r < 0x80:
			switch {
			case r >= 'a' && r <= 'z':
				b.WriteByte(byte(r - 32))
			case r >= 'A' && r <= 'Z':
				b.WriteByte(byte(r))
			case r == '\'' || r == '`':
				// dropped: O'BRIEN -> OBRIEN
			case r == '-':
				b.WriteByte('-')
			default:
				b.WriteByte(' ')
			}
		case isArabic(r):
			j := i
			for j < len(rs) && (isArabic(rs[j]) || rs[j] == 0x200C || rs[j] == 0x200D) {
				j++
			}
			b.WriteByte(' ')
			b.WriteString(arabicToLatin(rs[i:j]))
			b.WriteByte(' ')
			i = j - 1
		case isCyrillic(r):
			j := i
			for j < len(rs) && isCyrillic(rs[j]) {
				j++
			}
			b.WriteString(cyrillicToLatin(rs[i:j]))
			i = j - 1
		case isGreek(r):
			b.WriteString(greekToLatin(r))
		case r == '’' || r == '‘' || r == 'ʼ' || r == 'ʻ' || r == 'ʿ' || r == 'ʾ' || r == '´':
			// apostrophes and ayn/hamza marks of romanised Arabic: dropped
		case r == '‐' || r == '‑' || r == '–' || r == '—':
			b.WriteByte('-')
		default:
			if t, ok := latinMap[r]; ok {
				b.WriteString(t)
				continue
			}
			if unicode.IsLetter(r) {
				d := norm.NFD.String(string(r))
				wrote := false
				for _, c := range d {
					if c < 0x80 && unicode.IsLetter(c) {
						b.WriteRune(unicode.ToUpper(c))
						wrote = true
					}
				}
				if !wrote {
					// letter of an unsupported script: keep a separator
					b.WriteByte(' ')
				}
				continue
			}
			if unicode.Is(unicode.Mn, r) {
				continue
			}
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func isArabic(r rune) bool {
	return (r >= 0x0600 && r <= 0x06FF) || (r >= 0x0750 && r <= 0x077F) || (r >= 0xFB50 && r <= 0xFDFF) || (r >= 0xFE70 && r <= 0xFEFF)
}

func isCyrillic(r rune) bool { return r >= 0x0400 && r <= 0x04FF }

func isGreek(r rune) bool { return r >= 0x0370 && r <= 0x03FF }

// Script reports the dominant script of s: "latin", "arabic", "cyrillic",
// "greek", "other" or "" for no letters.
func Script(s string) string {
	var lat, ar, cy, gr, oth int
	for _, r := range s {
		switch {
		case !unicode.IsLetter(r):
		case isArabic(r):
			ar++
		case isCyrillic(r):
			cy++
		case isGreek(r):
			gr++
		case unicode.Is(unicode.Latin, r):
			lat++
		default:
			oth++
		}
	}
	max, name := 0, ""
	for _, c := range []struct {
		n int
		s string
	}{{lat, "latin"}, {ar, "arabic"}, {cy, "cyrillic"}, {gr, "greek"}, {oth, "other"}} {
		if c.n > max {
			max, name = c.n, c.s
		}
	}
	return name
}

var greekMap = map[rune]string{
	'Α': "A", 'Β': "V", 'Γ': "G", 'Δ': "D", 'Ε': "E", 'Ζ': "Z", 'Η': "I", 'Θ': "TH", 'Ι': "I", 'Κ': "K",
	'Λ': "L", 'Μ': "M", 'Ν': "N", 'Ξ': "X", 'Ο': "O", 'Π': "P", 'Ρ': "R", 'Σ': "S", 'Τ': "T", 'Υ': "Y",
	'Φ': "F", 'Χ': "CH", 'Ψ': "PS", 'Ω': "O",
}

func greekToLatin(r rune) string {
	r = unicode.ToUpper(r)
	d := []rune(norm.NFD.String(string(r)))
	if len(d) > 0 {
		r = d[0]
	}
	if r == 'ς' {
		return "S"
	}
	if t, ok := greekMap[unicode.ToUpper(r)]; ok {
		return t
	}
	return ""
}
