// Package country maps the many ways lists, airline messages and travel
// documents write a country (ISO 3166-1 alpha-2 or alpha-3 codes, ICAO
// Doc 9303 document codes, English short and long names, old names,
// demonyms) to one ISO 3166-1 alpha-3 code.
package country

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

var (
	byAlpha2 = map[string]*country{}
	byAlpha3 = map[string]*country{}
	byName   = map[string]*country{}
)

func init() {
	for i := range table {
		c := &table[i]
		if c.a2 != "" {
			byAlpha2[c.a2] = c
		}
		byAlpha3[c.a3] = c
		byName[key(c.name)] = c
		for _, n := range c.alt {
			byName[key(n)] = c
		}
	}
	// ICAO Doc 9303 writes Germany as the one letter D.
	byAlpha2["D"] = byAlpha3["DEU"]
}

// Alpha3 returns the ISO 3166-1 alpha-3 code (or the ICAO Doc 9303 code
// for the few document nationalities outside ISO 3166-1, such as XXA
// stateless or RKS Kosovo) for s, which may be an alpha-2 or alpha-3 code
// or a name. Names are matched ignoring case, diacritics and punctuation
// ("Türkiye", "turkey", "Iran (Islamic Republic of)", "Korea, North").
func Alpha3(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	if isLetters(s) && len(s) <= 3 {
		u := strings.ToUpper(s)
		if c, ok := byAlpha3[u]; ok && len(u) == 3 {
			return c.a3, true
		}
		if c, ok := byAlpha2[u]; ok {
			return c.a3, true
		}
	}
	k := key(s)
	if c, ok := byName[k]; ok {
		return c.a3, true
	}
	if rest, ok := strings.CutPrefix(k, "the "); ok {
		if c, ok := byName[rest]; ok {
			return c.a3, true
		}
	}
	return "", false
}

// Name returns the English short name of the country with the given
// alpha-3 (or ICAO) code, or "" when the code is unknown.
func Name(alpha3 string) string {
	if c, ok := byAlpha3[strings.ToUpper(strings.TrimSpace(alpha3))]; ok {
		return c.name
	}
	return ""
}

// Alpha2 returns the ISO 3166-1 alpha-2 code for an alpha-3 code, or ""
// when there is none (unknown code, or an ICAO-only code such as XXA).
func Alpha2(alpha3 string) string {
	if c, ok := byAlpha3[strings.ToUpper(strings.TrimSpace(alpha3))]; ok {
		return c.a2
	}
	return ""
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// key folds a name for lookup: lower case, no diacritics, apostrophes
// dropped, "&" read as "and", every other run of punctuation or space one
// space.
func key(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '\'' || r == '’' || r == '‘' || r == 'ʼ' || r == '`':
			continue
		case r == '&':
			if b.Len() > 0 && !space {
				b.WriteByte(' ')
			}
			b.WriteString("and ")
			space = true
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			space = false
		default:
			if b.Len() > 0 && !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimRight(b.String(), " ")
}
