package names

import (
	"strings"
	"unicode"
)

// cyrMap is ICAO Doc 9303 Part 3 Table B (Russian) with the Ukrainian,
// Belarusian, Serbian and Macedonian letters. The common alternatives
// (Х as H, Й as Y, Ю as YU, Я as YA, Ё as YO) need no table of their own:
// the phonetic key treats KH~H and the vowel/semivowel spellings alike,
// and the spelling families hold the name-specific forms.
var cyrMap = map[rune]string{
	'А': "A", 'Б': "B", 'В': "V", 'Г': "G", 'Д': "D", 'Е': "E", 'Ё': "E", 'Ж': "ZH", 'З': "Z",
	'И': "I", 'Й': "I", 'К': "K", 'Л': "L", 'М': "M", 'Н': "N", 'О': "O", 'П': "P", 'Р': "R",
	'С': "S", 'Т': "T", 'У': "U", 'Ф': "F", 'Х': "KH", 'Ц': "TS", 'Ч': "CH", 'Ш': "SH", 'Щ': "SHCH",
	'Ъ': "IE", 'Ы': "Y", 'Ь': "", 'Э': "E", 'Ю': "IU", 'Я': "IA",
	// Ukrainian, Belarusian
	'Є': "IE", 'І': "I", 'Ї': "I", 'Ґ': "G", 'Ў': "U",
	// Serbian, Macedonian
	'Ђ': "D", 'Ј': "J", 'Љ': "LJ", 'Њ': "NJ", 'Ћ': "C", 'Џ': "DZ", 'Ѕ': "DZ", 'Ќ': "KJ", 'Ѓ': "GJ",
}

func cyrillicToLatin(rs []rune) string {
	var b strings.Builder
	for _, r := range rs {
		u := unicode.ToUpper(r)
		if t, ok := cyrMap[u]; ok {
			b.WriteString(t)
		}
	}
	return b.String()
}

// arabicWords are whole Arabic-script words whose usual airline spelling is
// known; the rest are transliterated letter by letter.
var arabicWords = map[string]string{
	"محمد": "MOHAMMED", "احمد": "AHMED", "أحمد": "AHMED", "محمود": "MAHMOUD", "علي": "ALI", "على": "ALI",
	"حسن": "HASSAN", "حسين": "HUSSEIN", "عمر": "OMAR", "عثمان": "OSMAN", "عبد": "ABD", "الله": "ALLAH",
	"عبدالله": "ABDULLAH", "يوسف": "YUSUF", "إبراهيم": "IBRAHIM", "ابراهيم": "IBRAHIM", "خالد": "KHALED",
	"مصطفى": "MUSTAFA", "سعيد": "SAID", "صالح": "SALEH", "أسامة": "OSAMA", "اسامة": "OSAMA", "أسامه": "OSAMA",
	"سليمان": "SULEIMAN", "إسماعيل": "ISMAIL", "اسماعيل": "ISMAIL", "حمزة": "HAMZA", "أبو": "ABU", "ابو": "ABU",
	"بن": "BIN", "ابن": "IBN", "بنت": "BINT", "ناصر": "NASSER", "جمال": "JAMAL", "كريم": "KARIM", "عزيز": "AZIZ",
	"فاطمة": "FATIMA", "عائشة": "AISHA", "مريم": "MARYAM", "زينب": "ZAINAB", "طارق": "TARIQ", "بكر": "BAKR",
	"صدام": "SADDAM", "عدي": "UDAY", "قصي": "QUSAY", "رحمن": "RAHMAN", "الرحمن": "AL RAHMAN", "رحيم": "RAHIM",
	"الرحيم": "AL RAHIM", "عيسى": "ISSA", "موسى": "MUSA", "يحيى": "YAHYA", "زكريا": "ZAKARIA", "أيمن": "AYMAN",
	"ايمن": "AYMAN", "أنور": "ANWAR", "انور": "ANWAR", "منصور": "MANSOUR", "نور": "NOUR", "الدين": "AL DIN",
	"هاشم": "HASHIM", "قاسم": "QASIM", "جعفر": "JAAFAR", "مالك": "MALIK", "أمين": "AMIN", "امين": "AMIN",
	"رشيد": "RASHID", "حامد": "HAMID", "حميد": "HAMID", "فيصل": "FAISAL", "عادل": "ADEL", "فهد": "FAHD",
	"بشير": "BASHIR", "نذير": "NAZIR", "سلمان": "SALMAN", "عباس": "ABBAS", "مهدي": "MAHDI", "جواد": "JAWAD",
	"محسن": "MOHSEN", "رضا": "REZA", "داود": "DAWOOD", "داوود": "DAWOOD", "إدريس": "IDRIS", "ادريس": "IDRIS",
	"عيد": "EID", "سيد": "SAYED", "السيد": "AL SAYED", "شيخ": "SHEIKH", "الشيخ": "AL SHEIKH", "ماجد": "MAJID",
	"وليد": "WALID", "هشام": "HISHAM", "إياد": "IYAD", "اياد": "IYAD", "زياد": "ZIAD", "نبيل": "NABIL",
	"سمير": "SAMIR", "أسعد": "ASAD", "اسعد": "ASAD", "أسد": "ASAD", "الأسد": "AL ASSAD", "بشار": "BASHAR",
	"ماهر": "MAHER", "رامي": "RAMI", "مخلوف": "MAKHLOUF", "عمار": "AMMAR", "ياسر": "YASSER", "ياسين": "YASSIN",
}

// Arabic letters to Latin, phonetic (the forms airline data carries), not
// the reversible ICAO Table C forms.
var arabicLetters = map[rune]string{
	'ب': "B", 'ت': "T", 'ث': "TH", 'ج': "J", 'ح': "H", 'خ': "KH", 'د': "D", 'ذ': "DH", 'ر': "R",
	'ز': "Z", 'س': "S", 'ش': "SH", 'ص': "S", 'ض': "D", 'ط': "T", 'ظ': "Z", 'غ': "GH", 'ف': "F",
	'ق': "Q", 'ك': "K", 'ل': "L", 'م': "M", 'ن': "N", 'ه': "H", 'پ': "P", 'چ': "CH", 'ژ': "ZH",
	'گ': "G", 'ک': "K", 'ڤ': "V", 'ڭ': "NG",
}

func isArabicVowelLetter(r rune) bool {
	switch r {
	case 'ا', 'أ', 'إ', 'آ', 'و', 'ي', 'ى', 'ی', 'ٱ', 'ؤ', 'ئ':
		return true
	}
	return false
}

// arabicToLatin transliterates a run of Arabic-script text (which may hold
// several words).
func arabicToLatin(rs []rune) string {
	var out []string
	word := []rune{}
	flush := func() {
		if len(word) > 0 {
			out = append(out, arabicWord(word))
			word = word[:0]
		}
	}
	for _, r := range rs {
		if r == ' ' || r == '،' || r == '؛' || r == '.' || r == '-' || r == 0x200C {
			flush()
			continue
		}
		word = append(word, r)
	}
	flush()
	return strings.Join(out, " ")
}

func arabicWord(w []rune) string {
	// strip diacritics for the dictionary look-up
	bare := make([]rune, 0, len(w))
	for _, r := range w {
		if r >= 0x064B && r <= 0x065F || r == 0x0670 || r == 0x0640 {
			continue
		}
		bare = append(bare, r)
	}
	if t, ok := arabicWords[string(bare)]; ok {
		return t
	}
	prefix := ""
	if len(bare) > 3 && (bare[0] == 'ا' || bare[0] == 'ٱ') && bare[1] == 'ل' {
		prefix = "AL "
		if t, ok := arabicWords[string(bare[2:])]; ok {
			return prefix + t
		}
		w = w[2:]
		if len(w) > 0 && (w[0] == 'ا' || w[0] == 'ٱ') {
			// not expected; keep
		}
	} else if len(bare) > 3 && string(bare[:3]) == "عبد" {
		if t, ok := arabicWords[string(bare[3:])]; ok {
			return "ABD " + t
		}
		if len(bare) > 5 && bare[3] == 'ا' && bare[4] == 'ل' {
			return "ABD AL " + arabicWord(bare[5:])
		}
	}
	var b strings.Builder
	lastVowel := true // at word start, treat as after a vowel: و -> W, ي -> Y
	lastCons := false
	n := 0
	for i, r := range w {
		switch r {
		case 0x064E: // fatha
			b.WriteByte('A')
			lastVowel, lastCons = true, false
			continue
		case 0x0650: // kasra
			b.WriteByte('I')
			lastVowel, lastCons = true, false
			continue
		case 0x064F: // damma
			b.WriteByte('U')
			lastVowel, lastCons = true, false
			continue
		case 0x0651: // shadda: double the consonant
			s := b.String()
			if len(s) > 0 {
				b.WriteByte(s[len(s)-1])
			}
			continue
		}
		if r >= 0x064B && r <= 0x065F || r == 0x0670 || r == 0x0640 {
			continue
		}
		last := i == len(w)-1
		switch r {
		case 'ا', 'آ', 'ٱ', 'أ':
			b.WriteByte('A')
			lastVowel, lastCons = true, false
		case 'إ':
			b.WriteByte('I')
			lastVowel, lastCons = true, false
		case 'ى':
			b.WriteByte('A')
			lastVowel, lastCons = true, false
		case 'ة', 'ۀ':
			b.WriteByte('A')
			lastVowel, lastCons = true, false
		case 'ع':
			if n == 0 || lastCons {
				// ayn as a vowel onset
				if i+1 < len(w) && isArabicVowelLetter(w[i+1]) {
					if n == 0 {
						b.WriteByte('A')
					}
				} else {
					b.WriteByte('A')
				}
			}
			lastVowel, lastCons = true, false
		case 'ء':
		case 'ؤ':
			b.WriteByte('U')
			lastVowel, lastCons = true, false
		case 'ئ':
			b.WriteByte('I')
			lastVowel, lastCons = true, false
		case 'و':
			nextVowel := i+1 < len(w) && isArabicVowelLetter(w[i+1]) && w[i+1] != 'و'
			if lastVowel && n > 0 || n == 0 || nextVowel {
				if lastCons && n > 0 {
					b.WriteByte('A')
				}
				b.WriteByte('W')
				lastVowel, lastCons = false, true
			} else {
				b.WriteByte('U')
				lastVowel, lastCons = true, false
			}
		case 'ي', 'ی', 'ې':
			if n == 0 || (lastVowel && !last) {
				b.WriteByte('Y')
				lastVowel, lastCons = false, true
			} else {
				b.WriteByte('I')
				lastVowel, lastCons = true, false
			}
		default:
			t, ok := arabicLetters[r]
			if !ok {
				continue
			}
			if lastCons && n > 0 {
				// no written vowel between consonants: supply the short vowel
				b.WriteByte('A')
			}
			b.WriteString(t)
			lastVowel, lastCons = false, true
		}
		n++
	}
	return prefix + b.String()
}

// ToCyrillic writes a Latin (A-Z) name in Russian Cyrillic the way a
// Russian-language document would, for building test queries: the digraphs
// of the usual romanisations (KH, ZH, CH, SH, SHCH, TS, YA/IA, YU/IU, YE,
// YO), Y as Й after a vowel and Ы after a consonant.
func ToCyrillic(latin string) string {
	s := Fold(latin)
	rules := []struct{ l, c string }{
		{"SHCH", "Щ"}, {"KH", "Х"}, {"ZH", "Ж"}, {"CH", "Ч"}, {"SH", "Ш"}, {"TS", "Ц"}, {"YU", "Ю"}, {"IU", "Ю"},
		{"YA", "Я"}, {"IA", "Я"}, {"YO", "Ё"}, {"YE", "Е"}, {"OU", "У"}, {"EE", "И"}, {"OO", "У"}, {"GH", "Г"}, {"TH", "Т"}, {"DH", "Д"},
		{"PH", "Ф"}, {"A", "А"}, {"B", "Б"}, {"V", "В"}, {"G", "Г"}, {"D", "Д"}, {"E", "Е"}, {"Z", "З"}, {"I", "И"},
		{"K", "К"}, {"L", "Л"}, {"M", "М"}, {"N", "Н"}, {"O", "О"}, {"P", "П"}, {"R", "Р"}, {"S", "С"},
		{"T", "Т"}, {"U", "У"}, {"F", "Ф"}, {"H", "Х"}, {"C", "К"}, {"J", "Й"}, {"Q", "К"}, {"W", "В"}, {"X", "КС"},
		{"-", "-"}, {" ", " "},
	}
	isVowel := func(c byte) bool { return strings.IndexByte("AEIOUY", c) >= 0 }
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] == 'Y' && (i+1 >= len(s) || !isVowel(s[i+1]) || s[i+1] == 'Y') {
			// Й after a vowel (SERGEY, YURIY), Ы after a consonant (RYBAKOV)
			if i > 0 && isVowel(s[i-1]) {
				b.WriteString("Й")
			} else if i > 0 && s[i-1] != ' ' && s[i-1] != '-' {
				b.WriteString("Ы")
			} else {
				b.WriteString("Й")
			}
			i++
			continue
		}
		ok := false
		for _, r := range rules {
			if strings.HasPrefix(s[i:], r.l) {
				b.WriteString(r.c)
				i += len(r.l)
				ok = true
				break
			}
		}
		if !ok {
			i++
		}
	}
	return b.String()
}

// ToArabic writes a Latin name in Arabic script the way it would be spelt
// without short vowels, for building test queries: long or word-initial
// vowels become alef/waw/yeh, the article AL- is written ال.
func ToArabic(latin string) string {
	var words []string
	for _, w := range strings.Fields(strings.ReplaceAll(Fold(latin), "-", " ")) {
		words = append(words, arabicSpell(w))
	}
	return strings.Join(words, " ")
}

var toArabicRules = []struct{ l, a string }{
	{"KH", "خ"}, {"SH", "ش"}, {"TH", "ث"}, {"DH", "ذ"}, {"GH", "غ"}, {"CH", "تش"}, {"PH", "ف"}, {"OU", "و"}, {"OO", "و"}, {"EE", "ي"},
	{"B", "ب"}, {"T", "ت"}, {"J", "ج"}, {"H", "ه"}, {"D", "د"}, {"R", "ر"}, {"Z", "ز"}, {"S", "س"}, {"F", "ف"}, {"Q", "ق"},
	{"K", "ك"}, {"L", "ل"}, {"M", "م"}, {"N", "ن"}, {"W", "و"}, {"Y", "ي"}, {"G", "ج"}, {"V", "ف"}, {"P", "ب"}, {"C", "ك"},
	{"X", "كس"},
}

func arabicSpell(w string) string {
	for k, v := range arabicWords {
		if v == w && !strings.Contains(k, "أ") {
			return k
		}
	}
	var b strings.Builder
	if strings.HasPrefix(w, "AL") && len(w) > 4 {
		b.WriteString("ال")
		w = w[2:]
	}
	for i := 0; i < len(w); {
		c := w[i]
		if strings.IndexByte("AEIOU", c) >= 0 {
			// vowel: written at the start, as a long vowel when doubled or
			// word-final, dropped (short) otherwise
			j := i
			for j < len(w) && strings.IndexByte("AEIOU", w[j]) >= 0 {
				j++
			}
			run := w[i:j]
			switch {
			case i == 0:
				if c == 'I' || c == 'E' {
					b.WriteString("إ")
				} else {
					b.WriteString("ا")
				}
			case j == len(w) || len(run) > 1:
				switch run[len(run)-1] {
				case 'A':
					if j == len(w) {
						b.WriteString("ة")
					} else {
						b.WriteString("ا")
					}
				case 'I', 'E':
					b.WriteString("ي")
				default:
					b.WriteString("و")
				}
			}
			i = j
			continue
		}
		ok := false
		for _, r := range toArabicRules {
			if strings.HasPrefix(w[i:], r.l) {
				b.WriteString(r.a)
				i += len(r.l)
				ok = true
				break
			}
		}
		if !ok {
			i++
		}
		// a doubled consonant is written once
		for i < len(w) && i > 0 && w[i] == w[i-1] && strings.IndexByte("AEIOU", w[i]) < 0 {
			i++
		}
	}
	return b.String()
}
