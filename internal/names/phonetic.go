package names

// Key returns a phonetic skeleton of a folded token (A-Z only), tuned for
// names transliterated from Arabic, Persian, Turkic and Slavic languages:
//
//   - digraphs collapse: KH->H, GH->G, SH/SCH/SHCH->S, CH/TCH->C, ZH/DZH/DJ->J,
//     TH->T, DH->D, PH->F, TS/TZ->S, CK->K, Q->K, X->KS, C->K (S before E/I/Y);
//   - P->B (Arabic has no P), W->V, and F->V at the end (so -OV, -OFF, -OW agree);
//   - a first vowel (or Y, J before a vowel is kept as a consonant) is kept as
//     "A"; every later vowel and Y is dropped, so Ä/AE/A, Ö/OE/O and
//     YU/IU/U all agree, and so do Arabic-script forms without short vowels;
//   - H is dropped after a consonant and at the end (HAMZAH = HAMZA);
//   - doubled letters collapse; a final D becomes T (AHMED/AHMET).
func Key(tok string) string {
	var in [64]byte
	n := copy(in[:], tok)
	s := in[:n]
	var out [64]byte
	o := 0
	isV := func(c byte) bool { return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U' || c == 'Y' }
	at := func(i int) byte {
		if i < len(s) && i >= 0 {
			return s[i]
		}
		return 0
	}
	emit := func(c byte) {
		if o > 0 && out[o-1] == c {
			return
		}
		if o < len(out) {
			out[o] = c
			o++
		}
	}
	lastCons := false // previous emitted sound was a consonant
	for i := 0; i < len(s); i++ {
		c := s[i]
		nx := at(i + 1)
		if isV(c) {
			if i == 0 {
				if (c == 'Y' || c == 'I' || c == 'J') && nx != 0 && isV(nx) {
					// YA/IA/JA-, YU/IU/JU-: the semivowel (Я, Ю) as a consonant
					emit('Y')
					lastCons = true
					continue
				}
				emit('A')
			}
			lastCons = false
			continue
		}
		var k byte
		switch c {
		case 'K':
			if nx == 'H' {
				i++
				k = 'H'
				// KH acts as a consonant even where H alone would drop
				if o > 0 && out[o-1] == 'H' {
					lastCons = true
					continue
				}
				emit('H')
				lastCons = true
				continue
			}
			k = 'K'
		case 'G':
			if nx == 'H' {
				i++
			}
			k = 'G'
		case 'S':
			if nx == 'H' {
				i++
				if at(i+1) == 'C' && at(i+2) == 'H' {
					i += 2
				}
			} else if nx == 'C' && at(i+2) == 'H' {
				i += 2
			}
			k = 'S'
		case 'C':
			switch {
			case nx == 'H':
				i++
				k = 'C'
			case nx == 'K':
				i++
				k = 'K'
			case nx == 'E' || nx == 'I' || nx == 'Y':
				k = 'S'
			default:
				k = 'K'
			}
		case 'T':
			switch {
			case nx == 'H':
				i++
				k = 'T'
			case nx == 'S' || nx == 'Z':
				i++
				k = 'S'
			case nx == 'C' && at(i+2) == 'H':
				i += 2
				k = 'C'
			default:
				k = 'T'
			}
		case 'D':
			switch {
			case nx == 'H':
				i++
				k = 'D'
			case nx == 'J':
				i++
				k = 'J'
			case nx == 'Z' && at(i+2) == 'H':
				i += 2
				k = 'J'
			default:
				k = 'D'
			}
		case 'Z':
			if nx == 'H' {
				i++
				k = 'J'
			} else {
				k = 'Z'
			}
		case 'P':
			if nx == 'H' {
				i++
				k = 'F'
			} else {
				k = 'B' // Arabic has no P: PAKPOUR is written BAKBUR
			}
		case 'Q':
			if nx == 'U' {
				i++
			}
			k = 'K'
		case 'X':
			emit('K')
			k = 'S'
		case 'W':
			k = 'V'
		case 'H':
			if lastCons || i == len(s)-1 {
				continue
			}
			k = 'H'
		case 'J':
			k = 'J'
		default:
			k = c
		}
		if k == 'F' && (i == len(s)-1 || (i == len(s)-2 && s[i+1] == 'F')) {
			k = 'V'
		}
		emit(k)
		lastCons = true
	}
	if o > 1 && out[o-1] == 'D' {
		out[o-1] = 'T'
	}
	return string(out[:o])
}
