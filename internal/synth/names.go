package synth

import (
	"math/rand/v2"
	"strings"
)

// foldPNR folds a name to the upper-case ASCII airlines type into a
// booking: diacritics dropped (Ş→S, ı→I, Ü→U), anything but letters, space,
// hyphen and apostrophe removed.
func foldPNR(s string) string { return foldName(s, false) }

// foldMRZ folds a name as a passport's machine-readable zone writes it
// (ICAO 9303 transliteration: Ü→UE, Ö→OE, Ä→AE, Å→AA, Ø→OE, ß→SS), which is
// what check-in systems copy into API data.
func foldMRZ(s string) string { return foldName(s, true) }

func foldName(s string, mrz bool) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
			b.WriteRune(r - 'a' + 'A')
		case r >= 'A' && r <= 'Z', r == ' ', r == '-', r == '\'':
			b.WriteRune(r)
		case r == '’' || r == '`':
			b.WriteByte('\'')
		case r == '.' || r == ',':
			b.WriteByte(' ')
		default:
			if f, ok := foldRune(r, mrz); ok {
				b.WriteString(f)
			}
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func foldRune(r rune, mrz bool) (string, bool) {
	if mrz {
		switch r {
		case 'ä', 'Ä':
			return "AE", true
		case 'ö', 'Ö':
			return "OE", true
		case 'ü', 'Ü':
			return "UE", true
		case 'å', 'Å':
			return "AA", true
		case 'ø', 'Ø':
			return "OE", true
		}
	}
	switch r {
	case 'ş', 'Ş', 'š', 'Š', 'ś':
		return "S", true
	case 'ç', 'Ç', 'ć', 'Ć', 'č', 'Č':
		return "C", true
	case 'ğ', 'Ğ':
		return "G", true
	case 'ı', 'İ', 'î', 'Î', 'í', 'ì', 'ï':
		return "I", true
	case 'ö', 'Ö', 'ó', 'ò', 'ô', 'õ', 'ø', 'Ø':
		return "O", true
	case 'ü', 'Ü', 'ú', 'ù', 'û', 'Û':
		return "U", true
	case 'ä', 'Ä', 'à', 'á', 'â', 'Â', 'ã', 'å', 'Å':
		return "A", true
	case 'é', 'É', 'è', 'È', 'ê', 'ë', 'Ë':
		return "E", true
	case 'ž', 'Ž', 'ź', 'ż':
		return "Z", true
	case 'đ', 'Đ':
		return "DJ", true
	case 'ñ':
		return "N", true
	case 'ý':
		return "Y", true
	case 'ß':
		return "SS", true
	case 'æ', 'Æ':
		return "AE", true
	case 'œ', 'Œ':
		return "OE", true
	}
	return "", false
}

// translit groups spellings of the same Arabic-script (or Arabic-origin)
// name as airlines receive them. The first member is the group's
// reference spelling.
var translit = [][]string{
	{"MOHAMMED", "MOHAMMAD", "MUHAMMAD", "MOHAMED", "MUHAMMED", "MOHAMAD", "MOHAMMEDE"},
	{"AHMED", "AHMAD", "AHMET"},
	{"MAHMOUD", "MAHMUD", "MAHMOOD", "MAHMUT"},
	{"YOUSEF", "YOUSSEF", "YUSUF", "YOUSIF", "YUSSUF"},
	{"HUSSEIN", "HUSSAIN", "HUSEYIN", "HOSSEIN", "HUSAIN", "HUSEIN"},
	{"HASSAN", "HASAN"},
	{"OMAR", "UMAR", "OMER"},
	{"ABDULRAHMAN", "ABDELRAHMAN", "ABDERRAHMANE", "ABDURRAHMAN", "ABDURAHMAN"},
	{"ABDULLAH", "ABDALLAH", "ABDELLAH", "ABDULLA", "ABDULLAHI"},
	{"KHALED", "KHALID", "HALIT"},
	{"IBRAHIM", "IBRAGIM", "EBRAHIM", "IBRAHEEM"},
	{"MUSTAFA", "MOSTAFA", "MUSTAPHA"},
	{"TAREK", "TARIQ", "TARIK"},
	{"OSAMA", "USAMA", "OUSSAMA"},
	{"QASIM", "KASSEM", "QASSEM", "KASIM"},
	{"SAID", "SAEED", "SAYED", "SAYID", "SAYYID"},
	{"JAMAL", "GAMAL", "CEMAL"},
	{"ISMAIL", "ISMAEL", "ESMAIL", "ISMAYIL"},
	{"SULEIMAN", "SULAYMAN", "SULEYMAN", "SOLIMAN"},
	{"ABDULAZIZ", "ABDELAZIZ", "ABDELAZIZE"},
	{"ABUBAKR", "ABUBAKAR", "ABOUBAKR", "EBUBEKIR"},
	{"HAMZA", "HAMZAH", "HAMZE"},
	{"ZAKARIA", "ZAKARIYA", "ZAKARIYYA", "ZEKERIYA"},
	{"FATIMA", "FATMA", "FATEMEH", "FATIMAH"},
	{"AISHA", "AICHA", "AYSE", "AYESHA"},
	{"MARYAM", "MARIAM", "MERYEM", "MERIEM"},
	{"ZAINAB", "ZEINAB", "ZEYNEP", "ZAYNAB"},
	{"OTHMAN", "OSMAN", "UTHMAN", "OTMANE"},
	{"ABBAS", "ABAS"},
	{"JAAFAR", "JAFAR", "JAFFAR", "CAFER"},
	{"SALEH", "SALIH", "SALAH"},
	{"HAMID", "HAMED", "HAMIT"},
	{"MAJID", "MAJED", "MACIT"},
	{"RASHID", "RACHID", "RASHED", "RESIT"},
	{"WALID", "WALEED", "OUALID"},
	{"KHALIL", "HALIL", "KHALEEL"},
	{"YAHYA", "YAHIA", "YAHIYA"},
	{"ANAS", "ENES"},
	{"ABU", "ABOU", "EBU"},
	{"ABDUL", "ABDEL", "ABDOUL"},
	{"SHEIKH", "SHAIKH", "CHEIKH", "SEYH"},
	{"HUSSEINI", "HUSAINI", "HOSSEINI"},
	{"MUHAJIR", "MOHAJIR", "MUHAJER"},
	{"ABDULKADIR", "ABDELKADER", "ABDULQADIR", "ABDULKADER"},
	{"ZIA", "ZIYA", "DIYA"},
	{"RAHMAN", "RAHMANE", "REHMAN"},
	{"RAHIM", "RAHEEM", "RACHIM"},
	{"NASSER", "NASIR", "NASER", "NACER"},
	{"IBN", "BIN", "BEN"},
	{"MUSA", "MOUSSA", "MOUSA"},
	{"ISSA", "ISA", "AISSA"},
	{"BILAL", "BELAL"},
	{"SULTAN", "SOLTAN"},
	{"MAGOMED", "MAGOMET", "MAHOMED"},
	{"AKHMED", "AHMED"},
	{"RUSLAN", "RUSSLAN"},
	{"ISLAM", "ISLYAM"},
	{"YEVGENIY", "EVGENY", "EVGENIY", "YEVGENY"},
	{"DMITRIY", "DMITRY", "DMITRII"},
	{"SERGEY", "SERGEI", "SERGIY"},
	{"ALEKSANDR", "ALEXANDER", "ALEKSANDER", "OLEKSANDR"},
	{"YURIY", "YURI", "IURII"},
}

// translitIndex maps a spelling to its group.
var translitIndex = func() map[string]int {
	m := map[string]int{}
	for i, g := range translit {
		for _, s := range g {
			if _, dup := m[s]; !dup {
				m[s] = i
			}
		}
	}
	return m
}()

// respell returns another spelling of a name token from its
// transliteration group, or the token and false when it has none.
func respell(r *rand.Rand, tok string) (string, bool) {
	gi, ok := translitIndex[tok]
	if !ok {
		return tok, false
	}
	g := translit[gi]
	if len(g) < 2 {
		return tok, false
	}
	for range 4 {
		if v := pick(r, g); v != tok {
			return v, true
		}
	}
	return tok, false
}

// genericRules are single spelling changes transliterations make.
var genericRules = [][2]string{
	{"OU", "U"}, {"U", "OU"}, {"EE", "I"}, {"IY", "I"}, {"Q", "K"}, {"KH", "H"}, {"DH", "Z"}, {"TH", "T"},
	{"AA", "A"}, {"MM", "M"}, {"SS", "S"}, {"DD", "D"}, {"AY", "AI"}, {"EI", "EY"}, {"IE", "I"}, {"J", "DJ"},
	{"SH", "CH"}, {"Y", "I"}, {"E", "A"},
}

// respellGeneric applies one transliteration change to a token without a
// known group; ok is false when no rule applies.
func respellGeneric(r *rand.Rand, tok string) (string, bool) {
	if len(tok) < 4 {
		return tok, false
	}
	start := r.IntN(len(genericRules))
	for i := range genericRules {
		rule := genericRules[(start+i)%len(genericRules)]
		if j := strings.Index(tok[1:], rule[0]); j >= 0 {
			j++
			return tok[:j] + rule[1] + tok[j+len(rule[0]):], true
		}
	}
	return tok, false
}

// respellParticle rewrites Arabic article and "abd" compounds the ways
// airlines see them: AL-RAHMAN, AL RAHMAN, ALRAHMAN, EL RAHMAN, RAHMAN.
func respellParticle(r *rand.Rand, tok string) (string, bool) {
	for _, p := range []string{"AL-", "EL-", "AL ", "EL "} {
		if strings.HasPrefix(tok, p) && len(tok) > len(p)+2 {
			rest := tok[len(p):]
			switch r.IntN(4) {
			case 0:
				return "AL" + rest, true
			case 1:
				return "EL " + rest, true
			case 2:
				return "AL " + rest, true
			default:
				return rest, true
			}
		}
	}
	return tok, false
}

// cleanName keeps only what the wire allows in a name (upper-case A-Z,
// space, hyphen, apostrophe), collapsing spaces.
func cleanName(s string) string {
	s = foldPNR(s)
	s = strings.Trim(s, " -'")
	return strings.Join(strings.Fields(s), " ")
}

// truncate cuts a name to n bytes at most, as some reservation systems do.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.TrimRight(s[:n], " -'")
}
