package synth

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"time"
)

// planner builds the planted scenarios and their ground truth.
type planner struct {
	w     *World
	rng   *rand.Rand
	is    *issuer
	pid   int
	truth *GroundTruth
	used  map[string]bool // listed entries already used
}

func (w *World) plant() {
	w.truth = GroundTruth{
		Generator:  "chokepoint synth",
		Seed:       w.cfg.Seed,
		Start:      fmtISODate(w.cfg.Start),
		Days:       w.days,
		Layout:     "flat: <UTC yyyymmddThhmmZ>-<api|pnr>-<carrier><number>-<origin><destination>-<local departure yyyymmdd>.edi",
		Lists:      []string{},
		Planted:    w.cfg.Planted,
		Scenarios:  []Scenario{},
		Travellers: []Traveller{},
	}
	crew := 0
	for _, c := range carriers {
		crew += len(w.crew[c.code])
	}
	w.truth.Ordinary = Ordinary{Travellers: w.cfg.Travellers, Repeaters: len(w.repeaters), Crew: crew,
		Carriers: len(carriers), Airports: len(airports), Routes: len(w.sched.routes)}
	p := &planner{w: w, rng: w.rng(streamPlan), is: w.newIssuer(1), pid: 2_000_000, truth: &w.truth, used: map[string]bool{}}
	cands := listedCandidates(w.cfg.Listed)
	lists := map[string]bool{}
	for _, c := range cands {
		lists[c.entry.List] = true
	}
	for l := range lists {
		w.truth.Lists = append(w.truth.Lists, l)
	}
	sort.Strings(w.truth.Lists)
	p.rng.Shuffle(len(cands), func(i, j int) { cands[i], cands[j] = cands[j], cands[i] })
	planted := w.cfg.Planted
	for _, typ := range ScenarioTypes {
		n := planted.get(typ)
		done := 0
		for i := 0; i < n; i++ {
			id := fmt.Sprintf("%s-%02d", typ, i+1)
			sc := &Scenario{Type: typ, Instance: id, Travellers: []string{}, RecordLocators: []string{}}
			ok := true
			switch typ {
			case ScenarioListed:
				ok = p.listed(sc, cands)
			case ScenarioBrokenTravel:
				p.brokenTravel(sc)
			case ScenarioFacilitator:
				p.facilitator(sc)
			case ScenarioGrowingGroup:
				p.growingGroup(sc)
			case ScenarioAgencyNetwork:
				p.agencyNetwork(sc)
			case ScenarioDecoyTourist:
				p.decoyTourist(sc)
			case ScenarioDecoyNamesake:
				ok = p.decoyNamesake(sc, cands)
			case ScenarioDecoyFamily:
				p.decoyFamily(sc)
			case ScenarioDecoyBusiness:
				p.decoyBusiness(sc)
			}
			if !ok {
				break
			}
			sc.Decoy = strings.HasPrefix(typ, "decoy_")
			w.truth.Scenarios = append(w.truth.Scenarios, *sc)
			done++
		}
		w.truth.Planted.set(typ, done)
	}
	w.sortPlanted()
}

// lastDay is the last day of the period (absolute).
func (p *planner) lastDay() int { return p.w.start + p.w.days - 1 }

// dayIn draws an absolute day in [lo, hi] relative days, clamped to the
// period.
func (p *planner) dayIn(lo, hi int) int {
	last := p.w.days - 1
	lo, hi = min(max(lo, 0), last), min(max(hi, 0), last)
	return p.w.start + between(p.rng, lo, hi)
}

func (p *planner) person(spec personSpec) *person {
	p.pid++
	return makePerson(p.rng, p.pid, spec, p.w.cfg.Start)
}

// book builds a planted booking and keeps it.
func (p *planner) book(sc *Scenario, sp bookSpec) *booking {
	sp.planted = sc.Instance
	if sp.docsP == 0 {
		sp.docsP = 1
	}
	b := buildBooking(p.rng, p.is, p.w.sched, sp)
	p.w.planted = append(p.w.planted, b)
	sc.RecordLocators = append(sc.RecordLocators, b.loc)
	return b
}

// advance returns a booking time well before a departure (so that the
// booking is in every push).
func (p *planner) advance(dep time.Time, minDays, maxDays int) time.Time {
	return dep.Add(-time.Duration(between(p.rng, minDays*24+2, maxDays*24+2))*time.Hour - time.Duration(p.rng.IntN(60))*time.Minute)
}

// route builds an itinerary, falling back to IST when there is none.
func (p *planner) route(from, to string, d int) []flightKey {
	segs := itinerary(p.rng, p.w.sched, from, to, d)
	if len(segs) == 0 {
		segs = itinerary(p.rng, p.w.sched, from, "IST", d)
	}
	return segs
}

// traveller records a planted traveller with every flight of theirs in
// the given bookings.
func (p *planner) traveller(sc *Scenario, role string, per *person, bs ...*booking) *Traveller {
	t := Traveller{
		ID:       fmt.Sprintf("%s/%d", sc.Instance, len(sc.Travellers)+1),
		Scenario: sc.Type, Instance: sc.Instance, Role: role,
		Surname: per.surname, GivenNames: per.given, DocSurname: per.docSurname, DocGivenNames: per.docGiven,
		Gender: per.gender, BirthDate: fmtISODate(per.birth), Nationality: per.nat,
		Document: &Document{Type: per.doc.typ, Number: per.doc.number, IssuingCountry: per.doc.issuer, Expiry: fmtISODate(per.doc.expiry)},
		Phone:    per.phone, Email: per.email,
		RecordLocators: []string{}, Flights: []Flight{},
	}
	for _, b := range bs {
		for _, x := range b.pax {
			if x.p != per {
				continue
			}
			t.Surname, t.GivenNames = x.surname, x.given
			t.DocsInPNR = t.DocsInPNR || x.docs
			if !slices.Contains(t.RecordLocators, b.loc) {
				t.RecordLocators = append(t.RecordLocators, b.loc)
			}
			for j, sg := range b.segs {
				f := p.flightOf(sg.key, b.loc)
				f.NoShow = x.noShow[j]
				t.Flights = append(t.Flights, f)
			}
		}
	}
	sort.SliceStable(t.Flights, func(i, j int) bool { return t.Flights[i].Departure < t.Flights[j].Departure })
	sc.Travellers = append(sc.Travellers, t.ID)
	p.truth.Travellers = append(p.truth.Travellers, t)
	return &p.truth.Travellers[len(p.truth.Travellers)-1]
}

// flightOf describes a flight for the ground truth.
func (p *planner) flightOf(k flightKey, loc string) Flight {
	s := p.w.sched
	rt := s.route(k.route)
	ft := s.times(k)
	return Flight{Carrier: rt.carrier.code, Number: rt.number, Origin: rt.from.code, Destination: rt.to.code,
		Departure: fmtISOTime(ft.depLocal), Arrival: fmtISOTime(ft.arrLocal), RecordLocator: loc,
		InPeriod: k.day >= p.w.start && k.day <= p.lastDay()}
}

var borderAirports = []string{"GZT", "HTY", "GNY", "ADA", "MQM", "KCM"}

// originCultures are where travellers towards the border come from.
var originCultures = []*culture{cMaghreb, cMaghreb, cCentralAsian, cCentralAsian, cChechen, cBosnian, cAlbanian,
	cCaucasus, cEgyptian, cFrench, cGerman, cBritish, cDutch, cSomali}

// youngMan draws a man of 18-30 from a culture, with a home airport that
// has flights to Istanbul.
func (p *planner) youngMan(cult *culture, minAge, maxAge int) (*person, string) {
	nat := pick(p.rng, cult.nats)
	res := nat
	if cult == cChechen || cult == cSomali {
		res = pick(p.rng, []string{"DEU", "AUT", "FRA", "BEL", "SWE", "DNK"})
	}
	if cult == cMaghreb && chance(p.rng, 0.4) {
		res = pick(p.rng, []string{"FRA", "BEL", "NLD", "DEU"})
	}
	per := p.person(personSpec{cult: cult, gender: "M", minAge: minAge, maxAge: maxAge, nat: nat, residence: res})
	homes := homeAirport[res]
	home := "FRA"
	if len(homes) > 0 {
		home = pick(p.rng, homes)
	}
	if home == "IST" || home == "SAW" {
		home = "VIE"
	}
	return per, home
}

// toHub picks a direct flight from home into IST or SAW on a day.
func (p *planner) toHub(home string, d int) flightKey {
	s := p.w.sched
	hubs := s.hubsFor(home)
	if len(hubs) == 0 {
		hubs = []string{"IST"}
	}
	h := pick(p.rng, hubs)
	k, ok := s.onDay(p.rng, home, h, d)
	if !ok {
		k, _ = s.onDay(p.rng, "VIE", "IST", d)
	}
	return k
}

// onwardFrom picks a domestic flight towards the border leaving within
// 3 to 72 hours of an arrival at a hub, preferring another carrier.
func (p *planner) onwardFrom(arr flightKey, dest string) (flightKey, bool) {
	s := p.w.sched
	a := s.route(arr.route)
	at := s.times(arr).arrUTC
	var cands []flightKey
	var other []flightKey
	for _, hub := range []string{"IST", "SAW"} {
		for _, ri := range s.byPair[[2]string{hub, dest}] {
			for d := arr.day; d <= arr.day+3; d++ {
				k := flightKey{ri, d}
				gap := s.times(k).depUTC.Sub(at)
				if gap < 3*time.Hour || gap > 72*time.Hour {
					continue
				}
				cands = append(cands, k)
				if s.route(ri).carrier != a.carrier {
					other = append(other, k)
				}
			}
		}
	}
	if len(other) > 0 && chance(p.rng, 0.7) {
		return pick(p.rng, other), true
	}
	if len(cands) == 0 {
		return flightKey{}, false
	}
	return pick(p.rng, cands), true
}

// ticketOffice is a carrier's airport ticket office, where cash is taken.
func ticketOffice(r *rand.Rand, c *carrier, city string) *office {
	o := airlineOffice(r, c)
	o.city = city
	o.id = city + c.code + "0TO"
	return o
}

// brokenTravel: a one-way or short-return ticket into Istanbul, then on
// a separate booking, made late and paid in cash, a domestic flight
// towards the border within 72 hours, with no return.
func (p *planner) brokenTravel(sc *Scenario) {
	s := p.w.sched
	sc.Description = "one-way or short-return ticket into Istanbul, then a separate, late, cash booking of a domestic flight towards the Syrian border within 72 h, no return"
	cult := pick(p.rng, originCultures)
	per, home := p.youngMan(cult, 19, 30)
	d := p.dayIn(0, p.w.days-4)
	arrK := p.toHub(home, d)
	segsA := []flightKey{arrK}
	var noDocs []bool
	if chance(p.rng, 0.4) {
		back, ok := s.onDay(p.rng, s.route(arrK.route).to.code, s.route(arrK.route).from.code, d+between(p.rng, 5, 9))
		if ok {
			segsA = append(segsA, back)
		}
	}
	depA := s.times(arrK).depUTC
	spA := bookSpec{created: p.advance(depA, 3, 25), off: p.w.officeFor(p.rng, home, 0.4), pax: []*person{per},
		segs: segsA, docsP: 0.9, noDocs: noDocs, cash: chance(p.rng, 0.3)}
	a := p.book(sc, spA)
	if len(segsA) > 1 {
		a.pax[0].noShow[1] = true // the return is never flown
	}
	dest := pick(p.rng, borderAirports)
	onK, ok := p.onwardFrom(arrK, dest)
	if !ok {
		dest = "GZT"
		onK, ok = p.onwardFrom(arrK, dest)
	}
	if !ok {
		p.traveller(sc, "traveller", per, a)
		return
	}
	rt := s.route(onK.route)
	dep := s.times(onK).depUTC
	arr := s.times(arrK).arrUTC
	latest := dep.Add(-time.Duration(rt.leadH+1) * time.Hour)
	var made time.Time
	if latest.After(arr.Add(2 * time.Hour)) {
		made = arr.Add(time.Hour + time.Duration(p.rng.Int64N(int64(latest.Sub(arr.Add(time.Hour))))))
	} else {
		made = latest.Add(-time.Duration(between(p.rng, 1, 12)) * time.Hour)
	}
	var off *office
	if chance(p.rng, 0.5) {
		off = ticketOffice(p.rng, rt.carrier, rt.from.code)
	} else {
		off = p.w.officeFor(p.rng, "IST", 1)
	}
	spB := bookSpec{created: made, off: off, pax: []*person{per}, segs: []flightKey{onK}, docsP: 0.3, cash: chance(p.rng, 0.75)}
	if chance(p.rng, 0.5) {
		spB.phones = []string{"+90" + pick(p.rng, []string{"530", "532", "541", "553"}) + digits(p.rng, 7)}
	}
	b := p.book(sc, spB)
	t := p.traveller(sc, "traveller", per, a, b)
	pay := "card"
	if b.pay.code == "CA" {
		pay = "cash"
	}
	sc.Legs = append(sc.Legs, BrokenLeg{Traveller: t.ID, Arrival: p.flightOf(arrK, a.loc), Onward: p.flightOf(onK, b.loc),
		GapHours: int(dep.Sub(arr).Hours()), OnwardBooked: made.Format("2006-01-02T15:04Z"), OnwardPayment: pay})
}

// facilitator: one phone number (and often one card) on the bookings of
// several young men who do not know each other, all heading to the border.
func (p *planner) facilitator(sc *Scenario) {
	s := p.w.sched
	sc.Description = "one contact phone (and often one card) across the bookings of unrelated young men travelling one-way towards the border"
	phone := "+90" + pick(p.rng, []string{"531", "536", "543", "552", "559"}) + digits(p.rng, 7)
	sc.Phones = []string{phone}
	var card *payment
	if chance(p.rng, 0.6) {
		c := makeCard(p.rng, "", p.w.cfg.Start)
		c.holder = ""
		card = &c
		sc.Cards = []string{c.number}
	}
	n := between(p.rng, 3, 5)
	cults := slices.Clone(originCultures)
	p.rng.Shuffle(len(cults), func(i, j int) { cults[i], cults[j] = cults[j], cults[i] })
	for i := range n {
		per, home := p.youngMan(cults[i%len(cults)], 18, 27)
		d := p.dayIn(i*p.w.days/(n+1), (i+1)*p.w.days/(n+1)+1)
		dest := pick(p.rng, borderAirports)
		segs := p.route(home, dest, d)
		dep := s.times(segs[0]).depUTC
		sp := bookSpec{created: p.advance(dep, 2, 10), off: p.w.officeFor(p.rng, "IST", 0.5), pax: []*person{per},
			segs: segs, docsP: 0.7, phones: []string{phone}, emails: []string{}}
		if card != nil && chance(p.rng, 0.8) {
			sp.pay = card
		} else {
			sp.cash = true
		}
		b := p.book(sc, sp)
		p.traveller(sc, "facilitated", per, b)
	}
}

// growingGroup: friends and family who gain members week by week, booked
// through one agency with each other's contacts, travelling together.
func (p *planner) growingGroup(sc *Scenario) {
	s := p.w.sched
	sc.Description = "friends-and-family network gaining members wave by wave: same agency, shared contact phones, co-travel towards the border"
	cult := pick(p.rng, []*culture{cBosnian, cAlbanian, cMaghreb, cCentralAsian, cChechen, cGerman})
	nat := pick(p.rng, cult.nats)
	res := nat
	if cult == cChechen || cult == cMaghreb && chance(p.rng, 0.5) {
		res = pick(p.rng, []string{"DEU", "AUT", "BEL", "FRA"})
	}
	home := pick(p.rng, homeAirport[res])
	if home == "IST" || home == "SAW" {
		home = "VIE"
	}
	ag := newAgency(p.rng, home, res, pick(p.rng, []string{"HORIZON TRAVEL", "AL NOOR TOURS", "BRIDGE TRAVEL", "SAFA REISEN", "ILIDZA TOURS"}))
	sc.Agency = &Agency{Name: ag.name, IATA: ag.iata, OfficeID: ag.id, City: ag.city}
	step := 7
	if p.w.days < 21 {
		step = max(1, p.w.days/4)
	}
	dest := pick(p.rng, borderAirports)
	family := p.person(personSpec{cult: cult, gender: "M", minAge: 20, maxAge: 35, nat: nat, residence: res})
	var members []*person
	for wave := 0; wave < 4; wave++ {
		d := p.w.start + wave*step + p.rng.IntN(max(1, step/2))
		if d > p.lastDay() {
			break
		}
		k := 2
		if wave > 0 {
			k = between(p.rng, 1, 3)
		}
		var newcomers []*person
		for i := range k {
			spec := personSpec{cult: cult, minAge: 18, maxAge: 34, nat: nat, residence: res}
			if i == 0 && wave == 0 {
				newcomers = append(newcomers, family)
				continue
			}
			if chance(p.rng, 0.4) {
				spec.surname = rawSurname(family)
			}
			if chance(p.rng, 0.7) {
				spec.gender = "M"
			}
			newcomers = append(newcomers, p.person(spec))
		}
		segs := p.route(home, dest, d)
		dep := s.times(segs[0]).depUTC
		// Pairs share a booking in the first wave; later newcomers book
		// apart but on the same flights, giving an earlier member's phone.
		if wave == 0 {
			b := p.book(sc, bookSpec{created: p.advance(dep, 4, 12), off: ag, pax: newcomers, segs: segs, docsP: 0.8})
			for _, m := range newcomers {
				p.traveller(sc, "member", m, b)
			}
		} else {
			for _, m := range newcomers {
				ref := pick(p.rng, members)
				b := p.book(sc, bookSpec{created: p.advance(dep, 3, 10), off: ag, pax: []*person{m}, segs: segs, docsP: 0.8,
					phones: []string{m.phone, ref.phone}})
				if !slices.Contains(sc.Phones, ref.phone) {
					sc.Phones = append(sc.Phones, ref.phone)
				}
				p.traveller(sc, "member", m, b)
			}
		}
		members = append(members, newcomers...)
	}
}

// agencyNetwork: one small agency office used only by a network.
func (p *planner) agencyNetwork(sc *Scenario) {
	s := p.w.sched
	sc.Description = "one small agency office used by a network of travellers heading to the border region, cash, the agency's phone as contact"
	city := pick(p.rng, []string{"IST", "SJJ", "PRN", "TUN", "BRU", "DUS", "TAS"})
	country := p.w.sched.airportBy[city].country
	ag := newAgency(p.rng, city, country, pick(p.rng, []string{"SELAM TURIZM", "ANSAR TRAVEL", "BEREKET SEYAHAT", "MIHRAB TOURS", "QIBLA VOYAGES"}))
	sc.Agency = &Agency{Name: ag.name, IATA: ag.iata, OfficeID: ag.id, City: ag.city}
	plan, ok := countryPhone[country]
	if !ok {
		plan = cTurkish.phone
	}
	agPhone := "+" + plan.cc + pick(p.rng, plan.prefixes) + digits(p.rng, plan.rest)
	sc.Phones = []string{agPhone}
	n := between(p.rng, 4, 6)
	for i := range n {
		cult := pick(p.rng, originCultures)
		per, home := p.youngMan(cult, 18, 40)
		if city != "IST" && chance(p.rng, 0.6) {
			home = city
		}
		d := p.dayIn(i*p.w.days/(n+1), (i+1)*p.w.days/(n+1)+1)
		segs := p.route(home, pick(p.rng, borderAirports), d)
		dep := s.times(segs[0]).depUTC
		pax := []*person{per}
		if chance(p.rng, 0.3) {
			other, _ := p.youngMan(cult, 18, 40)
			pax = append(pax, other)
		}
		b := p.book(sc, bookSpec{created: p.advance(dep, 2, 8), off: ag, pax: pax, segs: segs, docsP: 0.5, cash: true,
			phones: []string{agPhone}})
		for _, m := range pax {
			p.traveller(sc, "traveller", m, b)
		}
	}
}

// decoyTourist: a western tourist to Gaziantep who flies home.
func (p *planner) decoyTourist(sc *Scenario) {
	s := p.w.sched
	sc.Description = "tourist visiting Gaziantep (sometimes the domestic leg on a separate booking) who flies home"
	cult := pick(p.rng, []*culture{cBritish, cGerman, cFrench, cDutch, cNordic})
	nat := pick(p.rng, cult.nats)
	home := pick(p.rng, homeAirport[nat])
	per := p.person(personSpec{cult: cult, minAge: 24, maxAge: 68, nat: nat})
	d := p.dayIn(0, p.w.days-3)
	stay := between(p.rng, 2, 5)
	if !chance(p.rng, 0.5) {
		out := p.route(home, "GZT", d)
		back := p.route("GZT", home, d+stay)
		b := p.book(sc, bookSpec{created: p.advance(s.times(out[0]).depUTC, 15, 80), pax: []*person{per}, segs: append(out, back...), docsP: 0.9})
		p.traveller(sc, "tourist", per, b)
		return
	}
	inK := p.toHub(home, d)
	hub := s.route(inK.route).to.code
	dom, ok := s.next(hub, "GZT", s.times(inK).arrUTC.Add(4*time.Hour))
	if !ok {
		dom, _ = s.next("IST", "GZT", s.times(inK).arrUTC.Add(4*time.Hour))
		hub = "IST"
	}
	domBack, _ := s.onDay(p.rng, "GZT", hub, dom.day+stay)
	homeBack, ok := s.next(hub, home, s.times(domBack).arrUTC.Add(2*time.Hour))
	segsA := []flightKey{inK}
	if ok {
		segsA = append(segsA, homeBack)
	}
	a := p.book(sc, bookSpec{created: p.advance(s.times(inK).depUTC, 20, 90), pax: []*person{per}, segs: segsA, docsP: 0.9})
	b := p.book(sc, bookSpec{created: p.advance(s.times(dom).depUTC, 5, 40), pax: []*person{per}, segs: []flightKey{dom, domBack}, docsP: 0.2})
	p.traveller(sc, "tourist", per, a, b)
}

// decoyFamily: a large family on one booking to the border region and
// back.
func (p *planner) decoyFamily(sc *Scenario) {
	s := p.w.sched
	sc.Description = "large family on one booking visiting relatives in the border region, return booked"
	cult := pick(p.rng, []*culture{cKurdish, cLevant, cTurkish})
	res := pick(p.rng, []string{"DEU", "NLD", "BEL", "DEU", "AUT"})
	nat := pick(p.rng, cult.nats)
	home := pick(p.rng, homeAirport[res])
	n := between(p.rng, 6, 9)
	pax := familyOf(p.rng, p.w.cfg.Start, p.pid, cult, n, nat, res)
	p.pid += n
	d := p.dayIn(0, p.w.days-2)
	dest := pick(p.rng, []string{"HTY", "GNY", "MQM", "GZT", "ADA"})
	out := p.route(home, dest, d)
	back := p.route(dest, home, d+between(p.rng, 10, 20))
	b := p.book(sc, bookSpec{created: p.advance(s.times(out[0]).depUTC, 20, 80), pax: pax, segs: append(out, back...), docsP: 0.9})
	for _, m := range pax {
		p.traveller(sc, "family", m, b)
	}
}

// decoyBusiness: monthly business trips to Gaziantep with returns.
func (p *planner) decoyBusiness(sc *Scenario) {
	s := p.w.sched
	sc.Description = "business traveller visiting Gaziantep every month, always returning, same card and corporate agency"
	cult := pick(p.rng, []*culture{cTurkish, cGerman, cBritish, cTurkish})
	nat := pick(p.rng, cult.nats)
	per := p.person(personSpec{cult: cult, minAge: 32, maxAge: 60, nat: nat})
	home := "IST"
	if nat != "TUR" {
		home = pick(p.rng, homeAirport[nat])
	}
	ag := p.w.officeFor(p.rng, home, 1)
	card := makeCard(p.rng, per.given+" "+per.surname, p.w.cfg.Start)
	sc.Cards = []string{card.number}
	sc.Agency = &Agency{Name: ag.name, IATA: ag.iata, OfficeID: ag.id, City: ag.city}
	var bs []*booking
	for d := p.dayIn(0, min(p.w.days-2, 10)); d <= p.lastDay(); d += between(p.rng, 28, 31) {
		out := p.route(home, "GZT", d)
		back := p.route("GZT", home, d+between(p.rng, 1, 3))
		bs = append(bs, p.book(sc, bookSpec{created: p.advance(s.times(out[0]).depUTC, 4, 14), off: ag, pax: []*person{per},
			segs: append(out, back...), docsP: 0.9, pay: &card, class: pick(p.rng, []string{"C", "Y", "B"})}))
	}
	p.traveller(sc, "business", per, bs...)
}
