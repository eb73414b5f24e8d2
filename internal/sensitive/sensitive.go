// Package sensitive decides, at parse time, which airline data must never
// enter Chokepoint: special service requests and free text that reveal
// religion or belief, health or disability (special meals, wheelchairs,
// medical clearance), as EU PNR Directive art. 13(4) and the CJEU's
// reading of Annex I (C-817/19) require. Parsers drop what it flags and
// keep only a count per code, never the content.
//
// It also owns the one-way treatment of payment card numbers: a card is
// kept only as its type, last four digits and a keyed hash.
package sensitive

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// medicalSSR are the health and disability service codes. EXST (extra
// seat) is included because it may reveal health or body size.
var medicalSSR = map[string]bool{
	"MEDA": true, "MEDIF": true, "WCHR": true, "WCHS": true, "WCHC": true, "WCBD": true,
	"WCBW": true, "WCMP": true, "WCOB": true, "WCLB": true, "BLND": true, "DEAF": true,
	"DPNA": true, "STCR": true, "OXYG": true, "POXY": true, "PPOC": true, "LEGL": true,
	"LEGR": true, "SVAN": true, "ESAN": true, "MAAS": true, "EXST": true, "CBBG": false,
	"DEPA": true, "DEPU": true, "INAD": false, "PETC": false, "AVIH": false,
	"WEAP": false, "DOCS": false, "PREG": true, "PRGN": true, "ALRG": true, "ALLG": true,
	"HEAR": true, "SIGHT": true, "DISA": true, "INVA": true,
}

// SSR reports whether a special service request code must be dropped:
// every meal code (four letters ending in ML, including SPML "special
// meal, specify") and every medical or disability code.
func SSR(code string) bool {
	c := strings.ToUpper(strings.TrimSpace(code))
	if len(c) == 4 && strings.HasSuffix(c, "ML") {
		return true
	}
	return medicalSSR[c]
}

// keywords reveal a protected attribute when a word of free text equals
// one (or, for stems marked prefix, starts with one). code is the reason
// counted when text is dropped.
var keywords = map[string]struct {
	code   string
	prefix bool
}{
	"HALAL": {"TEXT-RELIGION", false}, "KOSHER": {"TEXT-RELIGION", false}, "MOSLEM": {"TEXT-RELIGION", false},
	"MUSLIM": {"TEXT-RELIGION", false}, "HINDU": {"TEXT-RELIGION", false}, "JAIN": {"TEXT-RELIGION", false},
	"PRAY": {"TEXT-RELIGION", true}, "RAMADAN": {"TEXT-RELIGION", false}, "FASTING": {"TEXT-RELIGION", false},
	"PILGRIM": {"TEXT-RELIGION", true}, "HAJJ": {"TEXT-RELIGION", false}, "UMRAH": {"TEXT-RELIGION", false},
	"CHURCH": {"TEXT-RELIGION", false}, "MOSQUE": {"TEXT-RELIGION", false}, "SYNAGOGUE": {"TEXT-RELIGION", false},
	"MEAL": {"TEXT-MEAL", true}, "VEGETARIAN": {"TEXT-MEAL", false}, "VEGAN": {"TEXT-MEAL", false},
	"GLUTEN": {"TEXT-HEALTH", false}, "LACTOSE": {"TEXT-HEALTH", false}, "DIABET": {"TEXT-HEALTH", true},
	"WHEELCHAIR": {"TEXT-HEALTH", true}, "MEDICAL": {"TEXT-HEALTH", true}, "MEDICINE": {"TEXT-HEALTH", true},
	"PREGNAN": {"TEXT-HEALTH", true}, "OXYGEN": {"TEXT-HEALTH", false}, "STRETCHER": {"TEXT-HEALTH", false},
	"BLIND": {"TEXT-HEALTH", false}, "DEAF": {"TEXT-HEALTH", false}, "DISABLED": {"TEXT-HEALTH", false},
	"DISABILITY": {"TEXT-HEALTH", false}, "HIV": {"TEXT-HEALTH", false}, "AIDS": {"TEXT-HEALTH", false},
	"CANCER": {"TEXT-HEALTH", false}, "ALLERG": {"TEXT-HEALTH", true}, "EPILEP": {"TEXT-HEALTH", true},
	"DIALYSIS": {"TEXT-HEALTH", false}, "INSULIN": {"TEXT-HEALTH", false}, "AUTIS": {"TEXT-HEALTH", true},
	"SICK": {"TEXT-HEALTH", false}, "PATIENT": {"TEXT-HEALTH", false}, "HOSPITAL": {"TEXT-HEALTH", true},
	"LESBIAN": {"TEXT-SEXLIFE", false}, "GAY": {"TEXT-SEXLIFE", false},
	"ETHNIC": {"TEXT-ETHNICITY", true}, "RACE": {"TEXT-ETHNICITY", false},
}

// FreeText screens free text (OSI remarks, SSR free text, XML text) and
// reports whether it must be dropped, with the reason code to count. It
// looks for meal and medical service codes used as words and for words
// that reveal a protected attribute.
func FreeText(text string) (code string, drop bool) {
	words := strings.FieldsFunc(strings.ToUpper(text), func(r rune) bool { return !(r >= 'A' && r <= 'Z') })
	for _, w := range words {
		if SSR(w) {
			return "TEXT-" + w, true
		}
		if k, ok := keywords[w]; ok {
			return k.code, true
		}
		for n := 4; n < len(w); n++ {
			if k, ok := keywords[w[:n]]; ok && k.prefix {
				return k.code, true
			}
		}
	}
	return "", false
}

// Counter counts dropped elements per code.
type Counter map[string]int

// Add counts one dropped element.
func (c Counter) Add(code string) { c[code]++ }

// Map returns the counts, or nil when nothing was dropped.
func (c Counter) Map() map[string]int {
	if len(c) == 0 {
		return nil
	}
	return c
}

// CardHasher turns payment card numbers into keyed hashes. The key is an
// installation secret: the same card gives the same hash within one
// installation (so networks can link bookings paid with one card) and
// hashes cannot be reversed or compared across installations without it.
type CardHasher struct {
	key []byte
}

// NewCardHasher returns a hasher with the given secret key.
func NewCardHasher(key []byte) *CardHasher {
	return &CardHasher{key: append([]byte(nil), key...)}
}

// Hash returns the keyed hash of a card number (digits only are used), as
// 32 hex characters, or "" when the number has fewer than 8 digits.
func (h *CardHasher) Hash(number string) string {
	d := Digits(number)
	if len(d) < 8 {
		return ""
	}
	m := hmac.New(sha256.New, h.key)
	m.Write([]byte(d))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// Last4 returns the last four digits of a card number, or "".
func Last4(number string) string {
	d := Digits(number)
	if len(d) < 4 {
		return ""
	}
	return d[len(d)-4:]
}

// Digits returns only the decimal digits of s.
func Digits(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			b = append(b, s[i])
		}
	}
	return string(b)
}
