package pnrgov

import (
	"strings"

	"github.com/chokepoint/chokepoint/internal/edifact"
	"github.com/chokepoint/chokepoint/internal/message"
	"github.com/chokepoint/chokepoint/internal/sensitive"
)

// ediDocs is the data of one DOCS, DOCO or DOCA, kept until it can be
// filed on its traveller (an infant's DOCS under the adult waits for the
// infant to be linked).
type ediDocs struct {
	adult      int
	seg        *edifact.Segment
	infant     bool
	doc        message.Document
	addr       *message.Address
	birth      string
	gender     string
	nat        string
	birthPlace string
	surname    string
	given      string
}

// ediTKNE is a ticket number from SSR TKNE, filed when the booking closes.
type ediTKNE struct {
	trav   int
	number string
	infant bool
}

// history handles SG10-12: ABI (who), DAT (when), SAC (action) and the
// element changed (TIF, TVL, SSR, IFT, TBD, RPI).
func (bk *ediBooking) history(seg *edifact.Segment) error {
	p := bk.p
	switch seg.Tag {
	case "DAT":
		if bk.entry >= 0 {
			return nil
		}
		for _, e := range seg.Elements {
			v, err := p.dateTime(seg, e.Comp(1), e.Comp(2), message.Travel, "history")
			if err != nil {
				return err
			}
			if v != "" {
				bk.when = v
				break
			}
		}
		return nil
	case "SAC":
		bk.closeEntry()
		bk.abiOpen = false
		h := message.HistoryEntry{Who: bk.who, When: bk.when}
		switch a := strings.TrimSpace(seg.Value(2, 0)); a {
		case "A":
			h.Action = "added"
		case "X":
			h.Action = "cancelled"
		case "C":
			h.Action = "changed"
		default:
			h.Action = a
		}
		bk.hist = append(bk.hist, h)
		bk.entry = len(bk.hist) - 1
		return nil
	case "RPI", "APD":
		return nil
	}
	var what string
	switch seg.Tag {
	case "TIF":
		given, _ := ediSplitTitle(ediName(seg.Value(1, 0)))
		what = "TIF " + ediJoinNonEmpty("/", ediName(seg.Value(0, 0)), given)
	case "TVL":
		if ediTVLOnlyFlight(seg) {
			return nil
		}
		s, err := p.tvl(seg)
		if err != nil {
			return err
		}
		what = "TVL " + s.Carrier + s.Number + " " + s.Origin + "-" + s.Destination
		if len(s.Departure) >= 10 {
			what += " " + s.Departure[:10]
		}
	case "SSR":
		code := ediUpper(strings.TrimSpace(seg.Value(0, 0)))
		if c, drop := ediSensitiveSSR(code, ediSSRText(seg)); drop {
			p.drop.Add(c)
			bk.entryBad = true
			return nil
		}
		what = "SSR " + code
		if code != "DOCS" && code != "DOCO" && code != "DOCA" {
			if t := strings.TrimSpace(ediSSRText(seg)); t != "" {
				what += " " + t
			}
		}
	case "IFT":
		text := strings.TrimSpace(ediIFTText(seg))
		if c, drop := ediScreen(text); drop {
			p.drop.Add(c)
			bk.entryBad = true
			return nil
		}
		what = "IFT " + text
	case "TBD":
		what = "TBD " + strings.Join(seg.Elem(1), ":")
	default:
		p.keepUnknown(seg)
		return nil
	}
	if bk.entry < 0 {
		bk.hist = append(bk.hist, message.HistoryEntry{Who: bk.who, When: bk.when})
		bk.entry = len(bk.hist) - 1
		bk.abiOpen = false
	}
	h := &bk.hist[bk.entry]
	if h.What == "" {
		h.What = what
	} else {
		h.What += "; " + what
	}
	return nil
}

// ediSensitiveSSR reports whether an SSR must be dropped, by code or by
// its free text.
func ediSensitiveSSR(code, text string) (string, bool) {
	if sensitive.SSR(code) {
		return code, true
	}
	return ediScreen(text)
}

// closeEntry ends the open history entry, dropping it whole when it
// carried sensitive content.
func (bk *ediBooking) closeEntry() {
	if bk.entry >= 0 && bk.entryBad {
		bk.hist = bk.hist[:bk.entry]
	}
	bk.entry, bk.entryBad = -1, false
}

// flushABI records an ABI group that had no SAC entry (who and when only).
func (bk *ediBooking) flushABI() {
	if bk.abiOpen && (bk.who != "" || bk.when != "") {
		bk.hist = append(bk.hist, message.HistoryEntry{Who: bk.who, When: bk.when})
	}
	bk.abiOpen = false
}

// lts records unstructured history: LTS+<n>/<A|X|...>/<text>.
func (bk *ediBooking) lts(seg *edifact.Segment) error {
	p := bk.p
	text := strings.TrimSpace(ediJoinElements(seg))
	if text == "" {
		return nil
	}
	if c, drop := ediScreen(text); drop {
		p.drop.Add(c)
		return nil
	}
	h := message.HistoryEntry{What: "LTS " + text}
	if f := strings.SplitN(text, "/", 3); len(f) >= 2 {
		switch strings.TrimSpace(f[1]) {
		case "A":
			h.Action = "added"
		case "X":
			h.Action = "cancelled"
		}
	}
	bk.hist = append(bk.hist, h)
	return nil
}

func ediJoinElements(seg *edifact.Segment) string {
	parts := make([]string, 0, len(seg.Elements))
	for _, e := range seg.Elements {
		parts = append(parts, strings.Join(e, ":"))
	}
	return strings.Join(parts, "+")
}

// closeBooking finishes the current PNR: links infants, files deferred
// documents, tickets and seats, and appends it to the message.
func (p *ediParser) closeBooking() {
	bk := p.bk
	p.bk = nil
	bk.closeEntry()
	bk.flushABI()
	b := &bk.b
	b.History = bk.hist

	bk.linkInfants()
	for _, d := range bk.infDocs {
		t := bk.infantOf(d.adult, d.surname, d.given)
		if t < 0 {
			t = bk.newInfant(d.adult, d.surname, d.given)
		}
		bk.applyDocs(t, d)
	}
	for _, tk := range bk.tknes {
		bk.fileTKNE(tk)
	}
	bk.fileSeats()

	b.Travellers = p.travSlab.close(b.Travellers)
	b.Itinerary = p.segSlab.close(b.Itinerary)
	b.Payments = p.paySlab.close(b.Payments)
	b.Bags = p.bagSlab.close(b.Bags)
	if b.Travellers == nil {
		b.Travellers = []message.Traveller{}
	}
	if b.Itinerary == nil {
		b.Itinerary = []message.Segment{}
	}
	if b.Payments == nil {
		b.Payments = []message.Payment{}
	}
	p.bookings = append(p.bookings, *b)
	p.spare = bk
}

// linkInfants ties every infant to an adult: by reference (43578I goes
// with 43578), by the name in the adult's SSR INFT, else the nearest
// adult before it marked as travelling with an infant, else the nearest
// adult before it. SSR INFT names without an infant TIF become infants.
func (bk *ediBooking) linkInfants() {
	tr := bk.b.Travellers
	used := make(map[int]bool)
	for i := range tr {
		if tr[i].Role != message.RoleInfant || tr[i].InfantOf != "" {
			continue
		}
		adult := -1
		if ref := tr[i].Ref; len(ref) > 1 && strings.HasSuffix(ref, "I") {
			adult = bk.byRef(strings.TrimSuffix(ref, "I"))
		}
		if adult < 0 {
			for _, inf := range bk.infNames {
				if inf.surname == tr[i].Surname && (inf.given == "" || inf.given == tr[i].GivenNames) {
					adult = inf.adult
					break
				}
			}
		}
		if adult < 0 {
			for j := i - 1; j >= 0; j-- {
				if tr[j].Role != message.RoleInfant && tr[j].WithInfant && !used[j] {
					adult = j
					break
				}
			}
		}
		if adult < 0 {
			for j := i - 1; j >= 0; j-- {
				if tr[j].Role != message.RoleInfant {
					adult = j
					break
				}
			}
		}
		if adult < 0 || adult == i {
			continue
		}
		used[adult] = true
		tr[i].InfantOf = tr[adult].Ref
		tr[adult].WithInfant = true
	}
	for _, inf := range bk.infNames {
		if bk.infantOf(inf.adult, inf.surname, inf.given) >= 0 {
			continue
		}
		t := bk.newInfant(inf.adult, inf.surname, inf.given)
		if inf.dob != "" {
			if dob, ok, err := bk.p.ddmmmyy(inf.seg, inf.dob, message.Birth, "INFT birth date"); err == nil && ok {
				bk.b.Travellers[t].BirthDate = dob
			} else if err != nil {
				bk.warn(inf.seg, "INFT birth date %q is not a valid date; ignored", inf.dob)
			}
		}
	}
}

// infantOf finds the infant of adult, preferring a name match.
func (bk *ediBooking) infantOf(adult int, surname, given string) int {
	if adult < 0 || adult >= len(bk.b.Travellers) {
		return -1
	}
	ref := bk.b.Travellers[adult].Ref
	found := -1
	for i, t := range bk.b.Travellers {
		if t.Role != message.RoleInfant || t.InfantOf != ref {
			continue
		}
		if surname == "" || t.Surname == surname && (given == "" || strings.HasPrefix(given, t.GivenNames) || strings.HasPrefix(t.GivenNames, given)) {
			return i
		}
		if found < 0 {
			found = i
		}
	}
	if surname != "" {
		// The names differ (a DOCS name with a second given name, a
		// line-wrap space): accept the adult's only infant.
		n := 0
		for _, t := range bk.b.Travellers {
			if t.Role == message.RoleInfant && t.InfantOf == ref {
				n++
			}
		}
		if n != 1 {
			return -1
		}
	}
	return found
}

// newInfant adds an infant known only from its adult's SSR INFT or DOCS.
func (bk *ediBooking) newInfant(adult int, surname, given string) int {
	t := message.Traveller{Role: message.RoleInfant, PassengerType: "IN", Surname: surname, GivenNames: given}
	if adult >= 0 && adult < len(bk.b.Travellers) {
		t.InfantOf = bk.b.Travellers[adult].Ref
		bk.b.Travellers[adult].WithInfant = true
	}
	bk.b.Travellers = append(bk.b.Travellers, t)
	return len(bk.b.Travellers) - 1
}

// fileTKNE adds a TKNE ticket number to its traveller unless a ticket of
// that number is already known.
func (bk *ediBooking) fileTKNE(tk ediTKNE) {
	tr := bk.b.Travellers
	for _, t := range tr {
		for _, x := range t.Tickets {
			if x.Number == tk.number || strings.HasPrefix(tk.number, x.Number) && len(x.Number) >= 10 {
				return
			}
		}
	}
	t := tk.trav
	if tk.infant && t >= 0 {
		if inf := bk.infantOf(t, "", ""); inf >= 0 {
			t = inf
		}
	}
	if t < 0 {
		n, only := 0, -1
		for i := range tr {
			if tr[i].Role != message.RoleInfant {
				n++
				only = i
			}
		}
		if n != 1 {
			return // a segment-level TKNE that names no traveller
		}
		t = only
	}
	bk.b.Travellers[t].Tickets = append(bk.b.Travellers[t].Tickets, message.Ticket{Number: tk.number})
}

// fileSeats resolves each seat's segment and adds it to its traveller.
func (bk *ediBooking) fileSeats() {
	var adults []int
	for _, s := range bk.seats {
		t := s.trav
		if s.inOrder {
			if adults == nil {
				for i, tr := range bk.b.Travellers {
					if tr.Role != message.RoleInfant {
						adults = append(adults, i)
					}
				}
			}
			if s.position < len(adults) {
				t = adults[s.position]
			}
		}
		if t < 0 {
			if n := len(bk.b.Travellers); n == 1 {
				t = 0
			} else {
				continue
			}
		}
		seg := s.seg
		if seg < 0 && s.board != "" {
			for i, it := range bk.b.Itinerary {
				if it.Origin == s.board && it.Destination == s.off {
					seg = i
					break
				}
			}
		}
		tr := &bk.b.Travellers[t]
		dup := false
		for _, x := range tr.Seats {
			if x.Seat == s.seat && x.Segment == seg {
				dup = true
				break
			}
		}
		if !dup {
			tr.Seats = append(tr.Seats, message.Seat{Seat: s.seat, Segment: seg})
		}
	}
}
