package synth

import (
	"math"
	"math/rand/v2"
	"time"
)

// bookSpec describes a booking to build.
type bookSpec struct {
	created time.Time
	off     *office
	vc      *carrier // validating carrier; nil: the first segment's
	pax     []*person
	segs    []flightKey
	class   string
	docsP   float64  // probability each traveller has DOCS in the PNR
	noDocs  []bool   // per traveller: force no DOCS
	pay     *payment // nil: drawn
	cash    bool     // draw a cash payment
	phones  []string // E.164; nil: the first adult's
	emails  []string // nil: drawn
	planted string
	vary    bool // let the agent vary the typed names (ordinary traffic)
}

// fareEUR is a one-way fare per segment in euros.
func fareEUR(r *rand.Rand, rt *route) float64 {
	if rt.domestic {
		return float64(between(r, 28, 110))
	}
	return float64(between(r, 5, 30)) * float64(rt.dur) / 10
}

// eurRate converts euros into the currencies fares are quoted in.
var eurRate = map[string]float64{"EUR": 1, "TRY": 36.5, "GBP": 0.85, "SEK": 11.3, "DKK": 7.46, "USD": 1.08}

// buildBooking makes a booking from a spec.
func buildBooking(r *rand.Rand, is *issuer, s *schedule, sp bookSpec) *booking {
	first := s.route(sp.segs[0].route)
	vc := sp.vc
	if vc == nil {
		vc = first.carrier
	}
	off := sp.off
	if off == nil {
		off = airlineOffice(r, vc)
	}
	b := &booking{loc: is.locator(), created: sp.created.Truncate(time.Minute), office: off, vc: vc, planted: sp.planted}
	b.changed = b.created
	if chance(r, 0.3) {
		b.changed = b.created.Add(time.Duration(between(r, 10, 600)) * time.Minute)
	}
	class := sp.class
	for _, k := range sp.segs {
		c := class
		if c == "" {
			c = pick(r, []string{"Y", "B", "M", "H", "K", "L", "Q", "T", "V", "V", "Q", "L"})
		}
		b.segs = append(b.segs, segRec{key: k, class: c})
	}
	var firstAdult, firstAdultF int = -1, -1
	for i, p := range sp.pax {
		if !p.infant && !p.child {
			if firstAdult < 0 {
				firstAdult = i
			}
			if firstAdultF < 0 && p.gender == "F" {
				firstAdultF = i
			}
		}
	}
	if firstAdult < 0 {
		firstAdult = 0
	}
	for i, p := range sp.pax {
		x := &paxRec{p: p, surname: p.surname, given: p.given, ptype: "A"}
		if p.middle != "" && (!sp.vary || chance(r, 0.55)) {
			x.given = p.given + " " + p.middle
		}
		if sp.vary {
			if v, ok := respell(r, p.given); ok && chance(r, 0.12) {
				x.given = v
			}
			if chance(r, 0.03) {
				x.given = truncate(x.given, 8)
			}
		}
		switch {
		case p.infant:
			x.ptype = "IN"
			x.infantOf = firstAdult + 1
			if firstAdultF >= 0 {
				x.infantOf = firstAdultF + 1
			}
		case p.child:
			x.ptype = "C"
			x.title = "MSTR"
			if p.gender == "F" {
				x.title = "MISS"
			}
		default:
			x.title = "MR"
			if p.gender == "F" {
				x.title = pick(r, []string{"MRS", "MS"})
			}
			if sp.vary && chance(r, 0.2) {
				x.title = ""
			}
		}
		x.docs = chance(r, sp.docsP)
		if i < len(sp.noDocs) && sp.noDocs[i] {
			x.docs = false
		}
		if !p.infant {
			x.ticket = is.ticket(vc)
		}
		x.seats = make([]string, len(sp.segs))
		x.noShow = make([]bool, len(sp.segs))
		if sp.planted == "" {
			for j := range x.noShow {
				x.noShow[j] = chance(r, 0.03)
			}
		}
		if !p.infant {
			x.bags = pick(r, []int{0, 1, 1, 1, 2})
			if first.domestic {
				x.bags = pick(r, []int{0, 0, 1})
			}
			if x.bags > 0 {
				x.bagKG = x.bags * between(r, 8, 23)
				x.bagTag = is.bagTag(first.carrier)
			}
		}
		b.pax = append(b.pax, x)
	}
	// Contacts.
	phones := sp.phones
	if phones == nil {
		phones = []string{sp.pax[firstAdult].phone}
		if len(sp.pax) > 1 && chance(r, 0.25) && sp.pax[1].phone != phones[0] && !sp.pax[1].child && !sp.pax[1].infant {
			phones = append(phones, sp.pax[1].phone)
		}
	}
	for _, ph := range phones {
		b.phones = append(b.phones, formatPhone(r, ph))
	}
	if sp.emails != nil {
		b.emails = sp.emails
	} else if chance(r, 0.7) {
		b.emails = []string{sp.pax[firstAdult].email}
	}
	// Payment.
	cur := off.currency
	if _, ok := eurRate[cur]; !ok {
		cur = "EUR"
	}
	total := 0.0
	for _, k := range sp.segs {
		total += fareEUR(r, s.route(k.route))
	}
	nTicketed := 0
	for _, x := range b.pax {
		if x.ticket != "" {
			nTicketed++
		}
	}
	total *= float64(nTicketed) * eurRate[cur]
	total = math.Round(total*100) / 100
	switch {
	case sp.pay != nil:
		b.pay = *sp.pay
	case sp.cash || (off.typ == "T" && chance(r, 0.35)):
		b.pay = payment{code: "CA"}
	default:
		a := sp.pax[firstAdult]
		b.pay = makeCard(r, a.given+" "+a.surname, sp.created)
	}
	b.pay.amount = total
	b.pay.currency = cur
	return b
}
