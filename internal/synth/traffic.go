package synth

import (
	"math/rand/v2"
	"time"
)

// Ordinary trip types and their weights (percent).
var tripWeights = []struct {
	kind   string
	weight int
}{
	{"domestic", 30}, {"tourist", 18}, {"family", 9}, {"group", 4}, {"diaspora", 12}, {"outbound", 11}, {"visitor", 16},
}

// ordinaryDay generates the ordinary bookings whose first flight leaves
// on relative day d.
func (r *run) ordinaryDay(d int) {
	w := r.w
	rng := rand.New(rand.NewPCG(uint64(w.cfg.Seed), streamDay+uint64(d)<<8))
	abs := w.start + d
	for _, rp := range w.repeaters {
		if d >= rp.offset && (d-rp.offset)%rp.period == 0 {
			r.repeaterTrip(rng, rp, abs)
		}
	}
	total := 0
	for _, t := range tripWeights {
		total += t.weight
	}
	for quota := r.quota[d]; quota > 0; {
		x := rng.IntN(total)
		kind := tripWeights[0].kind
		for _, t := range tripWeights {
			if x < t.weight {
				kind = t.kind
				break
			}
			x -= t.weight
		}
		n := r.trip(rng, kind, abs, quota)
		quota -= n
		r.personN += n
	}
}

// itinerary returns the flights from one airport to another leaving on a
// local day: the direct flight, or a connection through a hub.
func itinerary(rng *rand.Rand, s *schedule, from, to string, d int) []flightKey {
	if k, ok := s.onDay(rng, from, to, d); ok {
		return []flightKey{k}
	}
	hubs := s.hubsFor(from)
	rng.Shuffle(len(hubs), func(i, j int) { hubs[i], hubs[j] = hubs[j], hubs[i] })
	for _, h := range hubs {
		if len(s.byPair[[2]string{h, to}]) == 0 {
			continue
		}
		first, _ := s.onDay(rng, from, h, d)
		arr := s.times(first).arrUTC
		second, ok := s.next(h, to, arr.Add(75*time.Minute))
		if ok {
			return []flightKey{first, second}
		}
	}
	return nil
}

// created draws a booking time before a departure: weeks ahead for
// leisure, days for business, and now and then at the last minute.
func created(rng *rand.Rand, dep time.Time, business bool) time.Time {
	var ahead time.Duration
	switch {
	case chance(rng, 0.03):
		ahead = time.Duration(between(rng, 2, 20)) * time.Hour
	case business:
		ahead = time.Duration(between(rng, 50, 14*24)) * time.Hour
	default:
		ahead = time.Duration(between(rng, 3*24, 90*24)) * time.Hour
	}
	return dep.Add(-ahead - time.Duration(rng.IntN(60))*time.Minute)
}

// officeFor picks the channel of an ordinary booking: the carrier's own
// (web, call centre) or an agency in the traveller's city.
func (w *World) officeFor(rng *rand.Rand, city string, agencyP float64) *office {
	if !chance(rng, agencyP) {
		return nil
	}
	var local []*office
	for _, a := range w.agencies {
		if a.city == city {
			local = append(local, a)
		}
	}
	if len(local) == 0 {
		return pick(rng, w.agencies)
	}
	return pick(rng, local)
}

// book builds and registers an ordinary booking; it returns false when
// the itinerary could not be built.
func (r *run) book(rng *rand.Rand, pax []*person, out []flightKey, back []flightKey, business bool, agencyP float64) bool {
	if len(out) == 0 {
		return false
	}
	segs := append(append([]flightKey(nil), out...), back...)
	s := r.w.sched
	first := s.route(out[0].route)
	docsP := 0.85
	if first.domestic {
		docsP = 0.15
	}
	sp := bookSpec{
		created: created(rng, s.times(out[0]).depUTC, business),
		off:     r.w.officeFor(rng, first.from.code, agencyP),
		pax:     pax,
		segs:    segs,
		docsP:   docsP,
		vary:    true,
	}
	if business && chance(rng, 0.3) {
		sp.class = pick(rng, []string{"C", "J", "D"})
	}
	r.register(buildBooking(rng, r.is, s, sp))
	return true
}

// trip generates one ordinary trip of a kind and returns how many new
// travellers it drew (at most max, at least one).
func (r *run) trip(rng *rand.Rand, kind string, d, max int) int {
	w := r.w
	s := w.sched
	switch kind {
	case "domestic":
		cult := cTurkish
		if chance(rng, 0.25) {
			cult = cKurdish
		}
		dom := []string{"ESB", "ADB", "AYT", "TZX", "GZT", "HTY", "GNY", "ADA", "MQM", "KCM", "GZT", "ADA", "ESB"}
		hub := pick(rng, []string{"IST", "IST", "SAW"})
		other := pick(rng, dom)
		if len(s.byPair[[2]string{hub, other}]) == 0 {
			hub = "IST"
		}
		from, to := hub, other
		if chance(rng, 0.45) {
			from, to = to, from
		}
		n := min(max, pick(rng, []int{1, 1, 1, 2}))
		pax := r.party(rng, cult, n, "TUR", "TUR")
		var back []flightKey
		if chance(rng, 0.8) {
			back = itinerary(rng, s, to, from, d+between(rng, 1, 6))
		}
		r.book(rng, pax, itinerary(rng, s, from, to, d), back, chance(rng, 0.4), 0.2)
		return n
	case "tourist":
		cult := pick(rng, []*culture{cBritish, cFrench, cGerman, cGerman, cDutch, cNordic})
		nat := pick(rng, cult.nats)
		home := pick(rng, homeAirport[nat])
		n := min(max, pick(rng, []int{1, 2, 2, 2, 3}))
		pax := r.party(rng, cult, n, nat, nat)
		dest := "IST"
		if chance(rng, 0.3) {
			dest = pick(rng, []string{"AYT", "ADB", "ESB", "TZX"})
		}
		stay := between(rng, 3, 10)
		r.book(rng, pax, itinerary(rng, s, home, dest, d), itinerary(rng, s, dest, home, d+stay), false, 0.35)
		return n
	case "family":
		cult := pick(rng, []*culture{cKurdish, cTurkish, cGerman, cDutch, cBritish, cBosnian, cAlbanian, cLevant})
		nat := pick(rng, cult.nats)
		res := nat
		if cult == cLevant || cult == cTurkish {
			res = pick(rng, euResidences)
		}
		home := pick(rng, homeAirport[res])
		if home == "IST" || home == "SAW" {
			home = "FRA"
		}
		n := min(max, between(rng, 3, 6))
		pax := r.family(rng, cult, n, nat, res)
		dest := pick(rng, []string{"IST", "IST", "AYT", "ADB"})
		stay := between(rng, 7, 20)
		r.book(rng, pax, itinerary(rng, s, home, dest, d), itinerary(rng, s, dest, home, d+stay), false, 0.4)
		return n
	case "group":
		cult := pick(rng, []*culture{cCentralAsian, cMaghreb, cCaucasus, cGerman, cBritish, cEgyptian, cBosnian})
		nat := pick(rng, cult.nats)
		home := pick(rng, homeAirport[nat])
		n := min(max, between(rng, 8, 16))
		pax := r.party(rng, cult, n, nat, nat)
		stay := between(rng, 4, 8)
		r.book(rng, pax, itinerary(rng, s, home, "IST", d), itinerary(rng, s, "IST", home, d+stay), false, 1)
		return n
	case "diaspora":
		cult := pick(rng, []*culture{cKurdish, cKurdish, cTurkish, cLevant})
		res := pick(rng, euResidences)
		nat := pick(rng, cult.nats)
		if cult == cLevant && chance(rng, 0.5) {
			nat = res
		}
		home := pick(rng, homeAirport[res])
		dest := pick(rng, []string{"GZT", "ADA", "HTY", "GNY", "MQM", "KCM", "GZT", "ADA"})
		n := min(max, pick(rng, []int{1, 1, 2, 3}))
		var pax []*person
		if n >= 3 {
			pax = r.family(rng, cult, n, nat, res)
		} else {
			pax = r.party(rng, cult, n, nat, res)
		}
		stay := between(rng, 10, 25)
		r.book(rng, pax, itinerary(rng, s, home, dest, d), itinerary(rng, s, dest, home, d+stay), false, 0.45)
		return n
	case "outbound":
		dests := []string{"LHR", "CDG", "FRA", "AMS", "MUC", "VIE", "SJJ", "TBS", "GYD", "BEG", "CAI", "TUN", "DUS"}
		dest := pick(rng, dests)
		hub := "IST"
		if len(s.byPair[[2]string{"SAW", dest}]) > 0 && chance(rng, 0.4) {
			hub = "SAW"
		}
		n := min(max, pick(rng, []int{1, 1, 2}))
		pax := r.party(rng, cTurkish, n, "TUR", "TUR")
		stay := between(rng, 2, 10)
		r.book(rng, pax, itinerary(rng, s, hub, dest, d), itinerary(rng, s, dest, hub, d+stay), chance(rng, 0.5), 0.3)
		return n
	default: // visitor
		cult := pick(rng, []*culture{cCentralAsian, cCentralAsian, cCaucasus, cMaghreb, cEgyptian, cBosnian, cAlbanian,
			cSerbian, cChechen, cSomali, cPersian})
		nat := pick(rng, cult.nats)
		home := "IST"
		if hs := homeAirport[nat]; len(hs) > 0 {
			home = pick(rng, hs)
		}
		if home == "IST" || home == "SAW" {
			home = pick(rng, cult.airports)
		}
		if home == "IST" || home == "SAW" {
			home = "TBS"
		}
		n := min(max, pick(rng, []int{1, 1, 1, 2}))
		pax := r.party(rng, cult, n, nat, nat)
		var back []flightKey
		if chance(rng, 0.85) {
			back = itinerary(rng, s, "IST", home, d+between(rng, 2, 14))
		}
		r.book(rng, pax, itinerary(rng, s, home, "IST", d), back, chance(rng, 0.4), 0.3)
		return n
	}
}

func (r *run) party(rng *rand.Rand, cult *culture, n int, nat, res string) []*person {
	return partyOf(rng, r.w.cfg.Start, r.personN, cult, n, nat, res)
}

func (r *run) family(rng *rand.Rand, cult *culture, n int, nat, res string) []*person {
	return familyOf(rng, r.w.cfg.Start, r.personN, cult, n, nat, res)
}

// partyOf draws n adults travelling together (a couple shares a surname);
// ids follow id0.
func partyOf(rng *rand.Rand, ref time.Time, id0 int, cult *culture, n int, nat, res string) []*person {
	var out []*person
	for i := range n {
		spec := personSpec{cult: cult, minAge: 19, maxAge: 72, nat: nat, residence: res}
		if i == 1 && n == 2 && chance(rng, 0.6) {
			spec.surname = rawSurname(out[0])
			spec.gender = "F"
			if out[0].gender == "F" {
				spec.gender = "M"
			}
		}
		out = append(out, makePerson(rng, id0+i+1, spec, ref))
	}
	return out
}

// familyOf draws two parents and n-2 children sharing a surname.
func familyOf(rng *rand.Rand, ref time.Time, id0 int, cult *culture, n int, nat, res string) []*person {
	father := makePerson(rng, id0+1, personSpec{cult: cult, gender: "M", minAge: 30, maxAge: 52, nat: nat, residence: res}, ref)
	out := []*person{father}
	sur := rawSurname(father)
	if n >= 2 {
		out = append(out, makePerson(rng, id0+2, personSpec{cult: cult, gender: "F", minAge: 27, maxAge: 48, nat: nat, residence: res, surname: sur}, ref))
	}
	for i := 2; i < n; i++ {
		minA, maxA := 2, 17
		if i == n-1 && chance(rng, 0.25) {
			minA, maxA = 0, 1
		}
		out = append(out, makePerson(rng, id0+i+1, personSpec{cult: cult, minAge: minA, maxAge: maxA, nat: nat, residence: res, surname: sur}, ref))
	}
	return out
}

// rawSurname returns the surname to give relatives: the PNR spelling,
// which is already folded (relatives fold the same).
func rawSurname(p *person) string {
	if p.cult.femSuffix && p.gender == "F" {
		return p.surname[:len(p.surname)-1]
	}
	return p.surname
}

// repeaterTrip books a repeater's next trip.
func (r *run) repeaterTrip(rng *rand.Rand, rp *repeater, d int) {
	s := r.w.sched
	out := itinerary(rng, s, rp.home, rp.dest, d)
	back := itinerary(rng, s, rp.dest, rp.home, d+rp.stay)
	if len(out) == 0 {
		return
	}
	card := rp.card
	sp := bookSpec{
		created: created(rng, s.times(out[0]).depUTC, true),
		off:     rp.off,
		pax:     []*person{rp.p},
		segs:    append(append([]flightKey(nil), out...), back...),
		docsP:   0.9,
		pay:     &card,
		vary:    true,
	}
	r.register(buildBooking(rng, r.is, s, sp))
}
