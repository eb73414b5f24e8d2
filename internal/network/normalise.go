package network

import (
	"strings"
	"unicode"

	"github.com/chokepoint/chokepoint/internal/country"
)

// callingPlan is a country's international calling code and the national
// trunk prefix dropped when a national number is written internationally.
type callingPlan struct {
	code  string
	trunk string // "" when the country has none or keeps it (Italy)
}

// callingPlans maps ISO 3166-1 alpha-3 codes to calling plans: the
// countries seen in the region's traffic and the large origin markets.
// Countries not listed get no national-number conversion (their numbers
// still normalise when written internationally).
var callingPlans = map[string]callingPlan{
	"TUR": {"90", "0"}, "SYR": {"963", "0"}, "IRQ": {"964", "0"}, "IRN": {"98", "0"},
	"JOR": {"962", "0"}, "LBN": {"961", "0"}, "ISR": {"972", "0"}, "PSE": {"970", "0"},
	"SAU": {"966", "0"}, "ARE": {"971", "0"}, "QAT": {"974", ""}, "KWT": {"965", ""},
	"EGY": {"20", "0"}, "LBY": {"218", "0"}, "TUN": {"216", ""}, "DZA": {"213", "0"},
	"MAR": {"212", "0"}, "SDN": {"249", "0"}, "SOM": {"252", "0"}, "YEM": {"967", "0"},
	"DEU": {"49", "0"}, "FRA": {"33", "0"}, "GBR": {"44", "0"}, "NLD": {"31", "0"},
	"BEL": {"32", "0"}, "LUX": {"352", ""}, "DNK": {"45", ""}, "SWE": {"46", "0"},
	"NOR": {"47", ""}, "FIN": {"358", "0"}, "AUT": {"43", "0"}, "CHE": {"41", "0"},
	"ITA": {"39", ""}, "ESP": {"34", ""}, "PRT": {"351", ""}, "IRL": {"353", "0"},
	"POL": {"48", ""}, "GRC": {"30", ""}, "BGR": {"359", "0"}, "ROU": {"40", "0"},
	"HUN": {"36", "06"}, "CZE": {"420", ""}, "UKR": {"380", "0"}, "RUS": {"7", "8"},
	"KAZ": {"7", "8"}, "BIH": {"387", "0"}, "XKX": {"383", "0"}, "ALB": {"355", "0"},
	"MKD": {"389", "0"}, "SRB": {"381", "0"}, "MNE": {"382", "0"}, "HRV": {"385", "0"},
	"GEO": {"995", "0"}, "AZE": {"994", "0"}, "ARM": {"374", "0"}, "UZB": {"998", ""},
	"KGZ": {"996", "0"}, "TJK": {"992", ""}, "TKM": {"993", "8"}, "AFG": {"93", "0"},
	"PAK": {"92", "0"}, "IND": {"91", "0"}, "CHN": {"86", "0"}, "USA": {"1", "1"},
	"CAN": {"1", "1"},
}

// knownCodes holds every calling code above, to recognise an
// international number written without "+" or "00".
var knownCodes = func() map[string]bool {
	m := map[string]bool{}
	for _, p := range callingPlans {
		m[p.code] = true
	}
	return m
}()

// NormalisePhone writes a phone number in E.164 ("+905321234567").
//
// Formatting (spaces, dots, dashes, brackets, a leading IATA "/" tag) is
// stripped and anything after an extension marker ("x", "ext") dropped.
// Then, in order:
//
//   - "+digits" and "00digits" are international: "+" and the digits;
//   - "digits" starting with the hint country's trunk prefix ("0" in most
//     countries, "8" in Russia and Kazakhstan, "1" in North America) is
//     national: the trunk prefix is replaced by the hint's calling code;
//   - 11 to 15 digits starting with a known calling code are international
//     written without a prefix (how many airline systems store them);
//   - otherwise, with a hint, 6 to 11 digits are a national number without
//     trunk prefix and get the hint's calling code.
//
// country is a hint in any form package country reads (TR, TUR, Turkey):
// the booking office's country or the traveller's residence. ok is false
// when the number cannot be placed (no hint and no prefix, or too short or
// long for E.164: 8 to 15 digits with the country code); the returned value
// is then the bare digits, still usable to compare numbers written the
// same way.
func NormalisePhone(raw, countryHint string) (e164 string, ok bool) {
	s := strings.ToLower(raw)
	for _, m := range []string{"ext", "x", "#"} {
		if i := strings.Index(s, m); i > 0 {
			s = s[:i]
		}
	}
	plus := false
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && b.Len() == 0:
			plus = true
		}
	}
	d := b.String()
	if d == "" {
		return "", false
	}
	var plan callingPlan
	hasPlan := false
	if countryHint != "" {
		if a3, found := country.Alpha3(countryHint); found {
			plan, hasPlan = callingPlans[a3]
		}
	}
	var out string
	switch {
	case plus:
		out = d
	case strings.HasPrefix(d, "00"):
		out = d[2:]
	case hasPlan && plan.trunk != "" && strings.HasPrefix(d, plan.trunk) && len(d)-len(plan.trunk) >= 6 && len(d) <= 12:
		out = plan.code + d[len(plan.trunk):]
	case len(d) >= 11 && len(d) <= 15 && hasKnownCode(d):
		out = d
	case hasPlan && len(d) >= 6 && len(d) <= 11:
		out = plan.code + d
	default:
		return d, false
	}
	if len(out) < 8 || len(out) > 15 || out[0] == '0' {
		return d, false
	}
	return "+" + out, true
}

func hasKnownCode(d string) bool {
	for n := 1; n <= 3 && n < len(d); n++ {
		if knownCodes[d[:n]] {
			return true
		}
	}
	return false
}

// NormaliseEmail folds an e-mail address so that the spellings one mailbox
// receives under compare equal: surrounding space and angle brackets
// removed, the IATA encodings "//" for "@" and ".." for "_" decoded when
// there is no "@", case folded, and a "+tag" removed from the local part.
// Gmail (gmail.com, googlemail.com) also ignores dots in the local part
// and is one domain: those fold to "local@gmail.com". ok is false when
// the result is not local@domain with a dot in the domain.
func NormaliseEmail(raw string) (string, bool) {
	s := strings.TrimSpace(raw)
	s = strings.Trim(s, "<>")
	s = strings.TrimPrefix(strings.TrimPrefix(s, "mailto:"), "MAILTO:")
	if !strings.Contains(s, "@") && strings.Contains(s, "//") {
		s = strings.Replace(s, "//", "@", 1)
		s = strings.ReplaceAll(s, "..", "_")
	}
	s = strings.ToLower(s)
	local, domain, found := strings.Cut(s, "@")
	if !found || local == "" || strings.Contains(domain, "@") {
		return s, false
	}
	domain = strings.TrimSuffix(domain, ".")
	if !strings.Contains(domain, ".") || strings.ContainsAny(domain+local, " \t") {
		return s, false
	}
	if i := strings.IndexByte(local, '+'); i > 0 {
		local = local[:i]
	}
	if domain == "gmail.com" || domain == "googlemail.com" {
		domain = "gmail.com"
		local = strings.ReplaceAll(local, ".", "")
	}
	if local == "" {
		return s, false
	}
	return local + "@" + domain, true
}

// addressWords maps common street abbreviations (English, French, German,
// Turkish) to one spelling.
var addressWords = map[string]string{
	"street": "st", "str": "st", "strasse": "st", "straße": "st",
	"avenue": "ave", "av": "ave", "road": "rd", "boulevard": "blvd",
	"bulvari": "blvd", "bulvar": "blvd", "caddesi": "cad", "cd": "cad", "cadde": "cad",
	"sokak": "sok", "sokagi": "sok", "sk": "sok", "mahallesi": "mah", "mh": "mah",
	"apartment": "apt", "apartmani": "apt", "flat": "apt", "number": "no", "nr": "no",
	"square": "sq", "place": "pl", "lane": "ln", "drive": "dr", "rue": "r",
	"north": "n", "south": "s", "east": "e", "west": "w",
}

// NormaliseAddress folds a postal address into one comparable line:
// letters upper-cased with diacritics of Latin letters removed (by the
// Turkish and German rules first: İ→I, ß→SS), punctuation turned into
// spaces, common abbreviations unified (STREET, STR, STRASSE→ST;
// CADDESI, CD→CAD; ...), spaces collapsed, and the parts joined as
// "street, postal code, city, country" (country as alpha-3 when known).
// ok is false when no street or city is given: such an address says too
// little to link anyone.
func NormaliseAddress(street, postal, city, ctry string) (string, bool) {
	st := foldWords(street, true)
	ci := foldWords(city, false)
	if st == "" || ci == "" {
		return "", false
	}
	c := strings.ToUpper(strings.TrimSpace(ctry))
	if a3, found := country.Alpha3(ctry); found {
		c = a3
	}
	pc := strings.ToUpper(strings.Join(strings.Fields(postal), ""))
	return st + ", " + pc + ", " + ci + ", " + c, true
}

func foldWords(s string, abbreviate bool) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch r {
		case 'ı', 'İ', 'i':
			r = 'i'
		case 'ş':
			r = 's'
		case 'ğ':
			r = 'g'
		case 'ç':
			r = 'c'
		case 'ö':
			b.WriteString("o")
			continue
		case 'ü':
			b.WriteString("u")
			continue
		case 'ä':
			b.WriteString("a")
			continue
		case 'ß':
			b.WriteString("ss")
			continue
		case 'é', 'è', 'ê', 'ë':
			r = 'e'
		case 'á', 'à', 'â':
			r = 'a'
		case 'ó', 'ò', 'ô':
			r = 'o'
		case 'ú', 'ù', 'û':
			r = 'u'
		case 'í', 'ì', 'î', 'ï':
			r = 'i'
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		} else {
			b.WriteByte(' ')
		}
	}
	words := strings.Fields(b.String())
	for i, w := range words {
		if abbreviate {
			if a, ok := addressWords[w]; ok {
				w = a
			} else if strings.HasSuffix(w, "strasse") && len(w) > 7 {
				w = strings.TrimSuffix(w, "strasse") + "st"
			} else if strings.HasSuffix(w, "str") && len(w) > 3 {
				w = strings.TrimSuffix(w, "str") + "st"
			}
		}
		words[i] = strings.ToUpper(w)
	}
	return strings.Join(words, " ")
}

func countryAlpha3(s string) (string, bool) {
	if strings.TrimSpace(s) == "" {
		return "", false
	}
	return country.Alpha3(s)
}
