package synth

import (
	"math/rand/v2"
	"strings"
	"time"
)

// personSpec says what kind of person to make.
type personSpec struct {
	cult      *culture
	gender    string // "M", "F" or "" for either
	minAge    int
	maxAge    int
	nat       string // forced nationality, else from the culture
	residence string // forced residence, else the nationality
	surname   string // forced (raw) surname, for families
}

// makePerson draws a person. ref is the date ages are counted from.
func makePerson(r *rand.Rand, id int, spec personSpec, ref time.Time) *person {
	c := spec.cult
	p := &person{id: id, cult: c}
	p.gender = spec.gender
	if p.gender == "" {
		p.gender = "M"
		if r.IntN(2) == 0 {
			p.gender = "F"
		}
	}
	age := between(r, spec.minAge, spec.maxAge)
	p.birth = day(ref).AddDate(-age, 0, -between(r, 1, 364))
	p.infant = age < 2
	p.child = age >= 2 && age < 12
	p.nat = spec.nat
	if p.nat == "" {
		p.nat = pick(r, c.nats)
	}
	p.residence = spec.residence
	if p.residence == "" {
		p.residence = p.nat
	}

	var given string
	if p.gender == "M" {
		given = pick(r, c.male)
	} else {
		given = pick(r, c.female)
	}
	sur := spec.surname
	if sur == "" {
		sur = pick(r, c.surnames)
	}
	if c.femSuffix && p.gender == "F" {
		sur = feminine(sur)
	}
	var middle string
	switch {
	case c.patronymic && age >= 14:
		middle = patronymic(pick(r, c.male), p.gender)
	case c.fatherMiddle && age >= 2:
		middle = pick(r, c.male)
	case c == cBritish || c == cGerman || c == cFrench || c == cDutch || c == cNordic:
		if chance(r, 0.3) {
			if p.gender == "M" {
				middle = pick(r, c.male)
			} else {
				middle = pick(r, c.female)
			}
			if middle == given {
				middle = ""
			}
		}
	case c == cTurkish && chance(r, 0.15):
		if p.gender == "M" {
			middle = pick(r, c.male)
		} else {
			middle = pick(r, c.female)
		}
		if middle == given {
			middle = ""
		}
	}
	p.setNames(r, given, middle, sur)
	p.doc = makeDocument(r, p, ref)
	if p.nat == "TUR" {
		p.natID = turkishID(r)
	}
	p.phone = makePhone(r, p)
	p.email = makeEmail(r, p)
	return p
}

// setNames fills the PNR and document spellings from raw names.
func (p *person) setNames(r *rand.Rand, given, middle, sur string) {
	p.surname = cleanName(sur)
	p.given = cleanName(given)
	p.middle = cleanName(middle)
	p.docSurname = cleanName(foldMRZ(sur))
	p.docGiven = cleanName(joinNonEmpty(" ", foldMRZ(given), foldMRZ(middle)))
	// Transliterated names: the passport's spelling is often not the one
	// the traveller types.
	if tok, ok := respell(r, p.given); ok && (p.cult == cLevant || p.cult == cMaghreb || p.cult == cEgyptian || p.cult == cSomali || p.cult == cCentralAsian || p.cult == cChechen) && chance(r, 0.25) {
		p.docGiven = cleanName(joinNonEmpty(" ", tok, foldMRZ(middle)))
	}
}

// feminine gives the feminine form of a Slavic or Turkic -ov/-ev/-in
// surname.
func feminine(s string) string {
	l := strings.ToLower(s)
	for _, suf := range []string{"ov", "ev", "in"} {
		if strings.HasSuffix(l, suf) {
			if s == strings.ToUpper(s) {
				return s + "A"
			}
			return s + "a"
		}
	}
	return s
}

// patronymic builds a Russian-style patronymic from the father's name.
func patronymic(father, gender string) string {
	base := strings.TrimSuffix(father, "iy")
	base = strings.TrimSuffix(base, "y")
	if gender == "F" {
		return base + "ovna"
	}
	return base + "ovich"
}

// makeDocument issues a passport, or a Turkish identity card number for
// Turkish citizens (used on domestic flights, stored as the identity
// document next to the passport number pattern).
func makeDocument(r *rand.Rand, p *person, ref time.Time) document {
	d := document{typ: "P", issuer: p.nat}
	pat := p.cult.passport
	if p.nat == "TUR" {
		pat = "U99999999"
	}
	d.number = pattern(r, pat)
	d.expiry = day(ref).AddDate(between(r, 0, 9), between(r, 1, 11), between(r, 0, 27))
	return d
}

// turkishID returns a Turkish identity number: 11 digits with its two
// check digits.
func turkishID(r *rand.Rand) string {
	var d [11]int
	d[0] = between(r, 1, 9)
	for i := 1; i < 9; i++ {
		d[i] = r.IntN(10)
	}
	odd := d[0] + d[2] + d[4] + d[6] + d[8]
	even := d[1] + d[3] + d[5] + d[7]
	d[9] = ((odd*7-even)%10 + 10) % 10
	sum := 0
	for i := 0; i < 10; i++ {
		sum += d[i]
	}
	d[10] = sum % 10
	b := make([]byte, 11)
	for i, v := range d {
		b[i] = byte('0' + v)
	}
	return string(b)
}

// makePhone returns an E.164 mobile number for the person's residence.
func makePhone(r *rand.Rand, p *person) string {
	plan, ok := countryPhone[p.residence]
	if !ok {
		plan = p.cult.phone
	}
	return "+" + plan.cc + pick(r, plan.prefixes) + digits(r, plan.rest)
}

// makeEmail returns a plausible address.
func makeEmail(r *rand.Rand, p *person) string {
	g := strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(p.given, " ", ""), "'", ""))
	s := strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(p.surname, " ", ""), "'", ""))
	var local string
	switch r.IntN(5) {
	case 0:
		local = g + "." + s
	case 1:
		local = g + s + itoa(between(r, 1, 99))
	case 2:
		local = g[:1] + s
	case 3:
		local = g + "_" + s
	default:
		local = s + "." + g + itoa(p.birth.Year()%100)
	}
	return local + "@" + pick(r, p.cult.mail)
}

// formatPhone writes a number the ways bookings carry it.
func formatPhone(r *rand.Rand, e164 string) string {
	d := strings.TrimPrefix(e164, "+")
	switch r.IntN(4) {
	case 0:
		return d
	case 1:
		return "00" + d
	case 2:
		return e164
	default:
		if len(d) > 7 {
			return "+" + d[:len(d)-7] + " " + d[len(d)-7:len(d)-4] + " " + d[len(d)-4:]
		}
		return e164
	}
}

// makeCard returns a Luhn-valid card of a random scheme.
func makeCard(r *rand.Rand, holder string, ref time.Time) payment {
	var typ, body string
	switch r.IntN(5) {
	case 0, 1:
		typ, body = "VI", "4"+digits(r, 14)
	case 2, 3:
		typ, body = "CA", "5"+itoa(between(r, 1, 5))+digits(r, 13)
	default:
		typ, body = "AX", pick(r, []string{"34", "37"})+digits(r, 12)
	}
	num := body + string(luhnDigit(body))
	exp := ref.AddDate(between(r, 1, 5), between(r, 0, 11), 0)
	return payment{code: "CC", cardType: typ, number: num, expiry: exp.Format("0106"), holder: holder}
}
