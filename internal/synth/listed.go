package synth

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/chokepoint/chokepoint/internal/watchlist"
)

// listedCand is a watchlist individual usable as a planted traveller.
type listedCand struct {
	entry    *watchlist.Entry
	names    [][]string // Latin-script names as tokens, primary first
	full     []string   // the same names as listed
	relevant int        // 2: nationality of the region, 1: programme, 0: other
}

// relevantNats are nationalities of the world's region.
var relevantNats = map[string]bool{
	"SYR": true, "IRQ": true, "TUN": true, "MAR": true, "DZA": true, "EGY": true, "LBY": true, "JOR": true, "LBN": true,
	"SAU": true, "YEM": true, "KWT": true, "RUS": true, "UZB": true, "KAZ": true, "KGZ": true, "TJK": true, "TKM": true,
	"AZE": true, "GEO": true, "BIH": true, "ALB": true, "MKD": true, "RKS": true, "TUR": true, "FRA": true, "BEL": true,
	"DEU": true, "GBR": true, "SOM": true,
}

// listedCandidates keeps the individuals with a usable Latin-script name,
// in a stable order (list, id) that does not depend on the input order.
func listedCandidates(entries []watchlist.Entry) []listedCand {
	var out []listedCand
	for i := range entries {
		e := &entries[i]
		if e.Kind != watchlist.KindIndividual && e.Kind != "" {
			continue
		}
		c := listedCand{entry: e}
		for _, n := range e.Names {
			if n.Script != "" && n.Script != "latin" {
				continue
			}
			toks := nameTokens(n.Full)
			if len(toks) < 2 || !mostlyLatin(n.Full) {
				continue
			}
			c.names = append(c.names, toks)
			c.full = append(c.full, n.Full)
		}
		if len(c.names) == 0 {
			continue
		}
		for _, pr := range e.Programs {
			l := strings.ToLower(pr)
			if strings.Contains(l, "qaida") || strings.Contains(l, "isil") || strings.Contains(l, "da'esh") || strings.Contains(l, "sdgt") {
				c.relevant = 1
			}
		}
		for _, nat := range e.Nationalities {
			if relevantNats[nat] {
				c.relevant = 2
			}
		}
		out = append(out, c)
	}
	slices.SortStableFunc(out, func(a, b listedCand) int {
		return cmp.Or(cmp.Compare(a.entry.List, b.entry.List), cmp.Compare(a.entry.ID, b.entry.ID))
	})
	return out
}

// nameTokens folds a listed name into clean tokens.
func nameTokens(full string) []string {
	var out []string
	for _, t := range strings.Fields(cleanName(full)) {
		t = strings.Trim(t, "'-")
		if len(t) >= 2 {
			out = append(out, t)
		}
	}
	if len(out) > 6 {
		out = out[:6]
	}
	return out
}

// mostlyLatin reports whether a name is written in the Latin alphabet.
func mostlyLatin(s string) bool {
	latin, other := 0, 0
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z':
			latin++
		case r > 0x24F:
			other++
		}
	}
	return latin > 0 && other == 0
}

// nextCandidate picks an unused candidate, relevant ones first.
func (p *planner) nextCandidate(cands []listedCand) *listedCand {
	for want := 2; want >= 0; want-- {
		for i := range cands {
			c := &cands[i]
			key := c.entry.List + "/" + c.entry.ID
			if c.relevant == want && !p.used[key] {
				p.used[key] = true
				return c
			}
		}
	}
	return nil
}

// cultureForNat gives the culture whose phones and airports fit a
// nationality.
func cultureForNat(nat string) *culture {
	switch nat {
	case "TUN", "MAR", "DZA", "LBY":
		return cMaghreb
	case "EGY":
		return cEgyptian
	case "RUS":
		return cChechen
	case "UZB", "KAZ", "KGZ", "TJK", "TKM":
		return cCentralAsian
	case "AZE", "GEO", "ARM":
		return cCaucasus
	case "BIH":
		return cBosnian
	case "ALB", "RKS", "MKD":
		return cAlbanian
	case "SRB":
		return cSerbian
	case "TUR":
		return cTurkish
	case "IRN", "AFG", "PAK":
		return cPersian
	case "SOM":
		return cSomali
	case "GBR", "IRL":
		return cBritish
	case "FRA", "BEL":
		return cFrench
	case "DEU", "AUT":
		return cGerman
	case "NLD":
		return cDutch
	case "SWE", "DNK":
		return cNordic
	}
	return cLevant
}

// variant derives a travelling name from listed tokens: the document
// spelling, the spelling typed into the booking, and the variations
// applied.
func (p *planner) variant(toks []string) (doc, typed []string, swapped bool, vars []string) {
	work := slices.Clone(toks)
	if chance(p.rng, 1.0/6) {
		return work, slices.Clone(work), false, []string{"exact"}
	}
	// "ABD AL-RAHMAN" / "ABD AL RAHMAN" -> ABDULRAHMAN, ABDELRAHMAN, ABDURRAHMAN.
	for i := 0; i+1 < len(work); i++ {
		if work[i] != "ABD" {
			continue
		}
		next, skip := work[i+1], 1
		switch {
		case next == "AL" && i+2 < len(work):
			next, skip = work[i+2], 2
		case strings.HasPrefix(next, "AL-"):
			next = next[3:]
		}
		pre := pick(p.rng, []string{"ABDUL", "ABDEL", "ABDUL", "ABDUR"})
		work = slices.Replace(work, i, i+1+skip, pre+next)
		vars = append(vars, "particle")
	}
	changed := false
	for i, t := range work {
		if v, ok := respell(p.rng, t); ok && chance(p.rng, 0.6) {
			work[i] = v
			changed = true
		} else if v, ok := respellGeneric(p.rng, t); !ok && strings.Contains(t, "-") {
			continue
		} else if ok && chance(p.rng, 0.3) {
			work[i] = v
			changed = true
		}
	}
	if changed {
		vars = append(vars, "transliteration")
	}
	changed = false
	var out []string
	for _, t := range work {
		if v, ok := respellParticle(p.rng, t); ok && chance(p.rng, 0.7) {
			out = append(out, v) // "AL X" stays one name part
			changed = true
			continue
		}
		out = append(out, t)
	}
	work = out
	if changed && !slices.Contains(vars, "particle") {
		vars = append(vars, "particle")
	}
	doc = work
	typed = slices.Clone(work)
	if len(typed) >= 3 && (chance(p.rng, 0.4) || len(vars) == 0) {
		typed = []string{typed[0], typed[len(typed)-1]}
		vars = append(vars, "dropped_middle")
	}
	if chance(p.rng, 0.2) || len(vars) == 0 {
		swapped = true
		vars = append(vars, "swapped_order")
	}
	return doc, typed, swapped, vars
}

// splitName turns tokens into surname (last) and given names (the rest),
// or the other way round when swapped.
func splitName(toks []string, swapped bool) (sur, given string) {
	if len(toks) == 1 {
		return toks[0], ""
	}
	if swapped {
		return toks[0], strings.Join(toks[1:], " ")
	}
	return toks[len(toks)-1], strings.Join(toks[:len(toks)-1], " ")
}

// listed plants a listed person travelling under a variant of a listed
// name, with partial data.
func (p *planner) listed(sc *Scenario, cands []listedCand) bool {
	c := p.nextCandidate(cands)
	if c == nil {
		return false
	}
	e := c.entry
	s := p.w.sched
	sc.Description = "person on the " + e.List + " list travelling under a variant of a listed name, with partial data"
	ni := 0
	if len(c.names) > 1 && chance(p.rng, 0.35) {
		ni = 1 + p.rng.IntN(len(c.names)-1)
	}
	doc, typed, swapped, vars := p.variant(c.names[ni])
	nat := "SYR"
	for _, n := range e.Nationalities {
		if len(n) == 3 && strings.ToUpper(n) == n {
			nat = n
			break
		}
	}
	gender := e.Gender
	if gender == "" {
		gender = "M"
	}
	cult := cultureForNat(nat)
	res := nat
	if len(homeAirport[nat]) == 0 || chance(p.rng, 0.3) {
		res = pick(p.rng, euResidences)
	}
	per := p.person(personSpec{cult: cult, gender: gender, minAge: 25, maxAge: 58, nat: nat, residence: res})
	per.docSurname, per.docGiven = splitName(doc, false)
	per.surname, per.given = splitName(typed, swapped)
	per.middle = ""
	per.email = makeEmail(p.rng, per)
	lt := &Listed{List: e.List, ID: e.ID, Name: c.full[ni], Variations: vars}
	// Birth date: a listed person travels on documents with their real
	// birth date, which the list records when it gives a full date (or
	// a year). What is partial is the airline data (no DOCS in the PNR,
	// a variant spelling), never a contradicting birth date: that is
	// the namesake decoy.
	for _, bd := range e.BirthDates {
		if len(bd.Date) == 10 {
			chance(p.rng, 0.5) // keeps the world's random stream as it was
			if t, err := time.Parse("2006-01-02", bd.Date); err == nil {
				per.birth = t
				lt.ListedBirthDate = true
			}
			break
		}
		if len(bd.Date) == 4 {
			chance(p.rng, 0.3)
			if t, err := time.Parse("2006", bd.Date); err == nil {
				per.birth = t.AddDate(0, 0, p.rng.IntN(365))
			}
			break
		}
	}
	for _, d := range e.Documents {
		num := strings.Map(func(r rune) rune {
			switch {
			case r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
				return r
			case r >= 'a' && r <= 'z':
				return r - 'a' + 'A'
			}
			return -1
		}, d.Number)
		if d.Type == "passport" && len(num) >= 5 && chance(p.rng, 0.5) {
			per.doc.number = num
			if len(d.Country) == 3 && strings.ToUpper(d.Country) == d.Country {
				per.doc.issuer = d.Country
			} else {
				per.doc.issuer = nat
			}
			lt.ListedDocument = true
			break
		}
	}
	home := pick(p.rng, homeAirport[res])
	if home == "IST" || home == "SAW" {
		home = pick(p.rng, cult.airports)
		if home == "IST" || home == "SAW" {
			home = "FRA"
		}
	}
	d := p.dayIn(0, p.w.days-2)
	dest := "IST"
	if chance(p.rng, 0.4) {
		dest = pick(p.rng, borderAirports)
	}
	segs := p.route(home, dest, d)
	if chance(p.rng, 0.4) {
		segs = append(segs, p.route(dest, home, d+between(p.rng, 3, 10))...)
	}
	noDocs := chance(p.rng, 1.0/3)
	b := p.book(sc, bookSpec{created: p.advance(s.times(segs[0]).depUTC, 3, 40), pax: []*person{per}, segs: segs,
		noDocs: []bool{noDocs}, cash: chance(p.rng, 0.4), off: p.w.officeFor(p.rng, home, 0.5)})
	t := p.traveller(sc, "listed", per, b)
	t.Listed = lt
	return true
}

// decoyNamesake plants a namesake of a listed person: the same name,
// another birth date and nationality.
func (p *planner) decoyNamesake(sc *Scenario, cands []listedCand) bool {
	c := p.nextCandidate(cands)
	if c == nil {
		if len(cands) == 0 {
			return false
		}
		c = &cands[p.rng.IntN(len(cands))]
	}
	e := c.entry
	s := p.w.sched
	sc.Description = "namesake of a person on the " + e.List + " list, with another birth date and nationality"
	toks := slices.Clone(c.names[0])
	vars := []string{"namesake"}
	if len(toks) > 4 {
		toks = []string{toks[0], toks[1], toks[len(toks)-1]}
		vars = append(vars, "dropped_middle")
	}
	nats := []string{"DEU", "GBR", "FRA", "NLD", "SWE", "TUR", "BEL", "BIH", "AUT"}
	nats = slices.DeleteFunc(nats, func(n string) bool { return slices.Contains(e.Nationalities, n) })
	nat := pick(p.rng, nats)
	gender := e.Gender
	if gender == "" {
		gender = "M"
	}
	per := p.person(personSpec{cult: cultureForNat(nat), gender: gender, minAge: 20, maxAge: 70, nat: nat})
	// Another birth date: at least twelve years away from any listed one.
	for range 20 {
		clash := false
		for _, bd := range e.BirthDates {
			y := bd.Date
			if y == "" {
				y = bd.From
			}
			if len(y) >= 4 {
				if ly, err := time.Parse("2006", y[:4]); err == nil {
					diff := per.birth.Year() - ly.Year()
					if diff < 12 && diff > -12 {
						clash = true
					}
				}
			}
		}
		if !clash {
			break
		}
		per.birth = per.birth.AddDate(-between(p.rng, 5, 15)*(1-2*p.rng.IntN(2)), 0, 0)
		if per.birth.After(p.w.cfg.Start.AddDate(-18, 0, 0)) {
			per.birth = p.w.cfg.Start.AddDate(-between(p.rng, 18, 30), 0, -p.rng.IntN(365))
		}
	}
	per.docSurname, per.docGiven = splitName(toks, false)
	per.surname, per.given = per.docSurname, per.docGiven
	per.middle = ""
	per.email = makeEmail(p.rng, per)
	home := pick(p.rng, homeAirport[nat])
	if home == "IST" || home == "SAW" {
		home = "FRA"
	}
	d := p.dayIn(0, p.w.days-2)
	segs := p.route(home, "IST", d)
	segs = append(segs, p.route("IST", home, d+between(p.rng, 3, 8))...)
	b := p.book(sc, bookSpec{created: p.advance(s.times(segs[0]).depUTC, 10, 60), pax: []*person{per}, segs: segs, docsP: 0.9})
	t := p.traveller(sc, "namesake", per, b)
	t.Listed = &Listed{List: e.List, ID: e.ID, Name: c.full[0], Variations: vars}
	return true
}
