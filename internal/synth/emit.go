package synth

import (
	"strconv"
	"strings"
	"time"
)

// render writes the file of an event; ok is false when there is nothing
// to send (no booking made before the push).
func (r *run) render(ev event) (File, bool) {
	w := r.w
	st := r.flights[ev.key]
	f := File{Name: ev.name, Kind: ev.kind, Time: ev.at, Flight: w.flightLabel(ev.key)}
	r.ctrl++
	ctrl := strconv.Itoa(100000000 + r.ctrl%900000000)
	switch ev.kind {
	case "pnr":
		var list []*booking
		for _, b := range st.bookings {
			if !b.created.After(ev.at) {
				list = append(list, b)
			}
		}
		if len(list) == 0 {
			return f, false
		}
		f.Data = r.pnrgov(ev, list, ctrl)
		f.Messages = 1
		r.stats.PNRRecords += len(list)
	default:
		f.Data = r.paxlst(ev, st, ctrl)
		f.Messages = 2
	}
	return f, true
}

// segIndex returns the index of a flight in a booking's itinerary.
func segIndex(b *booking, k flightKey) int {
	for i, s := range b.segs {
		if s.key == k {
			return i
		}
	}
	return -1
}

// paxlst writes the API interchange of a flight: the passenger list
// (BGM 745) and the crew list (BGM 250) in one functional group.
func (r *run) paxlst(ev event, st *flightState, ctrl string) []byte {
	w := r.w
	s := w.sched
	rt := s.route(ev.key.route)
	ft := s.times(ev.key)
	c := rt.carrier
	ew := newEdiWriter(make([]byte, 0, 4096))
	date, clock := fmtYYMMDD(ev.at), fmtHHMM(ev.at)
	ew.unb("UNOA", "4", c.code+"APIS", "ZZ", w.cfg.Recipient, "ZZ", date, clock, ctrl, "APIS")
	ew.ung("PAXLST", c.code+"APIS", w.cfg.Recipient, date, clock, ctrl, "UN", "D", "05B")
	flightID := c.code + rt.number
	ref := flightID + fmtYYMMDD(ft.depLocal)

	header := func(doc string) {
		ew.seg("BGM").el(doc).end()
		ew.seg("NAD").els("MS", "", "", c.name+" API CONTROL").end()
		ew.seg("TDT").els("20", flightID, "", "", c.code).end()
		ew.seg("LOC").els("125", rt.from.code).end()
		ew.seg("DTM").el("189").cos(ft.depLocal.Format("0601021504"), "201").end()
		ew.seg("LOC").els("87", rt.to.code).end()
		ew.seg("DTM").el("232").cos(ft.arrLocal.Format("0601021504"), "201").end()
	}

	// Passenger list.
	ew.unh(ref+"P", "PAXLST", "D", "05B", "UN", "IATA", "")
	header("745")
	n := 0
	for _, b := range st.bookings {
		j := segIndex(b, ev.key)
		for _, x := range b.pax {
			if x.noShow[j] {
				continue
			}
			n++
			r.apiTraveller(ew, "FL", x.p, rt, b.loc, x.seats[j], x)
		}
	}
	ew.seg("CNT").el("42").co(itoa(n)).end()
	ew.unt()
	r.stats.APIRecords += n

	// Crew list.
	ew.unh(ref+"C", "PAXLST", "D", "05B", "UN", "IATA", "")
	header("250")
	crew := w.crewFor(ev.key)
	for _, p := range crew {
		r.apiTraveller(ew, "FM", p, rt, "", "", nil)
	}
	ew.seg("CNT").el("41").co(itoa(len(crew))).end()
	ew.unt()
	r.stats.APIRecords += len(crew)
	ew.une()
	ew.unz()
	return ew.buf
}

// apiTraveller writes one traveller of a PAXLST (segment group 4).
func (r *run) apiTraveller(ew *ediWriter, qual string, p *person, rt *route, loc, seat string, x *paxRec) {
	ew.seg("NAD").els(qual, "", "", p.docSurname)
	first, rest, _ := strings.Cut(p.docGiven, " ")
	ew.co(first)
	if rest != "" {
		ew.co(rest)
	}
	ew.end()
	ew.seg("ATT").els("2", "", p.gender).end()
	ew.seg("DTM").el("329").co(fmtYYMMDD(p.birth)).end()
	if x != nil && x.bags > 0 {
		ew.seg("MEA").els("CT", "", "").co(itoa(x.bags)).end()
		ew.seg("MEA").els("WT", "", "KGM").co(itoa(x.bagKG)).end()
		ew.seg("FTX").els("BAG", "", "", x.bagTag).co(itoa(x.bags)).end()
	}
	if p.crewFunc != "" {
		ew.seg("EMP").els("1", p.crewFunc).cos("110", "111").end()
	}
	ew.seg("LOC").els("178", rt.from.code).end()
	ew.seg("LOC").els("179", rt.to.code).end()
	ew.seg("NAT").els("2", p.nat).end()
	if loc != "" {
		ew.seg("RFF").el("AVF").co(loc).end()
	}
	if seat != "" {
		ew.seg("RFF").el("SEA").co(seat).end()
	}
	d := p.doc
	if rt.domestic && p.natID != "" {
		d = document{typ: "I", number: p.natID, issuer: "TUR", expiry: p.doc.expiry}
	}
	ew.seg("DOC").el(d.typ).cos("110", "111").el(d.number).end()
	ew.seg("DTM").el("36").co(fmtYYMMDD(d.expiry)).end()
	ew.seg("LOC").els("91", d.issuer).end()
}

// crewFor picks a flight's crew from its carrier's pool: two flight deck
// and three to six cabin crew, stable for the flight.
func (w *World) crewFor(k flightKey) []*person {
	rt := w.sched.route(k.route)
	pool := w.crew[rt.carrier.code]
	h := hash64(uint64(k.route), uint64(k.day), 0xc4e3)
	var out []*person
	deck, cabin := 0, 0
	nCabin := 3 + int(h%4)
	for i := 0; i < len(pool) && (deck < 2 || cabin < nCabin); i++ {
		p := pool[(int(h>>8)+i*7)%len(pool)]
		if p.crewFunc == "CR1" && deck < 2 {
			out = append(out, p)
			deck++
		} else if p.crewFunc == "CR2" && cabin < nCabin {
			out = append(out, p)
			cabin++
		}
	}
	return out
}

// pnrgov writes the PNR push of a flight: one PNRGOV 13:1 message holding
// every booking with a segment on the flight made before the push.
func (r *run) pnrgov(ev event, list []*booking, ctrl string) []byte {
	w := r.w
	s := w.sched
	rt := s.route(ev.key.route)
	ft := s.times(ev.key)
	c := rt.carrier
	ew := newEdiWriter(make([]byte, 0, 2048+len(list)*1200))
	date, clock := fmtYYMMDD(ev.at), fmtHHMM(ev.at)
	ew.unb("IATA", "1", c.code, "", w.cfg.Recipient, "", date, clock, ctrl, "PNRGOV")
	ew.ung("PNRGOV", c.code, w.cfg.Recipient, date, clock, ctrl, "IA", "13", "1")
	ew.unh("1", "PNRGOV", "13", "1", "IA", "", c.code+rt.number+"/"+fmtDDMMYY(ft.depLocal)+"/"+fmtHHMM(ft.depLocal))
	ew.seg("MSG").el("").co("22").end()
	ew.seg("ORG").el(c.code).co(rt.from.code).end()
	tvl(ew, s, ev.key, "")
	ew.seg("EQN").el(itoa(len(list))).end()
	for _, b := range list {
		r.pnr(ew, b, ev.at)
	}
	ew.unt()
	ew.une()
	ew.unz()
	return ew.buf
}

// tvl writes a TVL segment for a flight.
func tvl(ew *ediWriter, s *schedule, k flightKey, class string) {
	rt := s.route(k.route)
	ft := s.times(k)
	ew.seg("TVL").el(fmtDDMMYY(ft.depLocal)).cos(fmtHHMM(ft.depLocal), fmtDDMMYY(ft.arrLocal), fmtHHMM(ft.arrLocal)).
		els(rt.from.code, rt.to.code, rt.carrier.code).el(rt.number)
	if class != "" {
		ew.co(class)
	}
	ew.end()
}

// pnr writes one booking (segment group 1 and below) as of a push time.
func (r *run) pnr(ew *ediWriter, b *booking, at time.Time) {
	s := r.w.sched
	ew.seg("SRC").end()
	ew.seg("RCI").el(b.vc.code).cos(b.loc, "", fmtDDMMYY(b.created), fmtHHMM(b.created)).end()
	ew.seg("DAT").el("700").cos(fmtDDMMYY(b.changed), fmtHHMM(b.changed)).end()
	o := b.office
	ew.seg("ORG").el(o.system).co(o.city).el(o.iata).co(o.id).els(o.city, "", o.typ).el(o.country).co(o.currency).el(o.agent).end()
	for _, ph := range b.phones {
		ew.seg("SSR").el("CTCM").cos("HK", "1", b.vc.code, "", "", "", "", ph).end()
	}
	for _, e := range b.emails {
		ew.seg("SSR").el("CTCE").cos("HK", "1", b.vc.code, "", "", "", "", upperEmail(e)).end()
	}
	for i, x := range b.pax {
		p := x.p
		given := x.given
		if x.title != "" {
			given += " " + x.title
		}
		ew.seg("TIF").el(x.surname).el(given).cos(x.ptype, itoa(i+1)).end()
		if x.docs {
			sex := p.gender
			if p.infant {
				sex += "I"
			}
			ew.seg("SSR").el("DOCS").cos("HK", "1", b.vc.code, "", "", "", "",
				"/"+p.doc.typ+"/"+p.doc.issuer+"/"+p.doc.number+"/"+p.nat+"/"+fmtDDMMMYY(p.birth)+"/"+sex+"/"+
					fmtDDMMMYY(p.doc.expiry)+"/"+p.docSurname+"/"+strings.ReplaceAll(p.docGiven, " ", "/")).end()
		}
		if x.ticket == "" {
			continue
		}
		ew.seg("TKT").el(x.ticket).cos("T", "1").end()
		ew.seg("MON").el("T").cos(money(b.pay.amount/float64(ticketed(b))), b.pay.currency).end()
		ew.seg("PTK").els("NR", "").el(fmtDDMMYY(b.created)).co(fmtHHMM(b.created)).els(b.vc.code, b.vc.prefix, o.city).end()
		ew.seg("DAT").el("710").cos(fmtDDMMYY(b.created), fmtHHMM(b.created)).end()
		if b.pay.code == "CC" {
			ew.seg("FOP").el("CC").cos("", money(b.pay.amount), b.pay.cardType, b.pay.number, b.pay.expiry).end()
		} else {
			ew.seg("FOP").el("CA").cos("", money(b.pay.amount)).end()
		}
	}
	for j, sg := range b.segs {
		rt := s.route(sg.key.route)
		tvl(ew, s, sg.key, sg.class)
		ew.seg("RPI").els(itoa(len(b.pax)), "HK").end()
		ew.seg("APD").el(rt.carrier.aircraft[(sg.key.route+sg.key.day)%len(rt.carrier.aircraft)]).end()
		if n := seated(b, j); n > 0 {
			ew.seg("SSR").el("SEAT").cos("HK", itoa(n), rt.carrier.code, "", "", rt.from.code, rt.to.code)
			for i, x := range b.pax {
				if x.seats[j] != "" {
					ew.el(x.seats[j]).cos("", itoa(i+1))
				}
			}
			ew.end()
		}
		dep := s.times(sg.key).depUTC
		if !dep.Before(at) {
			continue
		}
		// Flown: the check-in record.
		for i, x := range b.pax {
			if x.noShow[j] || x.seats[j] == "" {
				continue
			}
			ci := dep.Add(-time.Duration(60+i*3) * time.Minute)
			local := rt.from.tz.utcToLocal(ci)
			ew.seg("DAT").el("2").cos(fmtDDMMYY(local), fmtHHMM(local)).end()
			ew.seg("TRI").el("").co(itoa(10+i)).cos("", "", itoa(i+1)).end()
			ew.seg("TIF").el(x.surname).el(x.given).cos(x.ptype, itoa(i+1)).end()
			ew.seg("SSD").el(x.seats[j]).els("", "", "", "Y").end()
		}
	}
}

func ticketed(b *booking) int {
	n := 0
	for _, x := range b.pax {
		if x.ticket != "" {
			n++
		}
	}
	if n == 0 {
		return 1
	}
	return n
}

func seated(b *booking, j int) int {
	n := 0
	for _, x := range b.pax {
		if x.seats[j] != "" {
			n++
		}
	}
	return n
}

// money formats an amount with two decimals and a point.
func money(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }
